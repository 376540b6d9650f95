// The web edition's front page: cover, introduction, theme navigation, table of contents and
// colophon, rendered from the stored snapshot only (public once published; drafts 404).
import { data, useLoaderData } from "react-router";
import { EditionHome, publicLinks } from "~/components/magazine";
import { editionMeta } from "~/lib/magazine-meta";
import magazineStyles from "~/styles/magazine.css?url";
import { loadWebEdition } from "~/utils/magazine-route.server";
import type { Route } from "./+types/magazine.$community.$edition";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: magazineStyles }];

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader(args: Route.LoaderArgs) {
  const { headers, ...rest } = await loadWebEdition(args, args.params);
  return data(rest, { headers });
}

export const meta: Route.MetaFunction = ({ data }) =>
  data ? editionMeta(data.snapshot, data.origin) : [];

export default function WebEditionHome() {
  const { snapshot } = useLoaderData<typeof loader>();
  return <EditionHome snapshot={snapshot} links={publicLinks(snapshot)} />;
}
