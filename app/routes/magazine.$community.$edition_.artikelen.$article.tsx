// One article of the web edition: title, credits, theme, the text, previous/next, rendered
// from the stored snapshot only.
import { data, useLoaderData } from "react-router";
import { ArticlePage, findArticle, publicLinks } from "~/components/magazine";
import { articleMeta } from "~/lib/magazine-meta";
import magazineStyles from "~/styles/magazine.css?url";
import { loadWebEdition } from "~/utils/magazine-route.server";
import type { Route } from "./+types/magazine.$community.$edition_.artikelen.$article";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: magazineStyles }];

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader(args: Route.LoaderArgs) {
  const { headers, ...rest } = await loadWebEdition(args, args.params);
  if (!findArticle(rest.snapshot, args.params.article)) throw data(null, { status: 404 });
  return data({ ...rest, slug: args.params.article }, { headers });
}

export const meta: Route.MetaFunction = ({ data }) =>
  data ? articleMeta(data.snapshot, data.slug, data.origin) : [];

export default function WebEditionArticle() {
  const { snapshot, slug } = useLoaderData<typeof loader>();
  const found = findArticle(snapshot, slug);
  if (!found) return null;
  return <ArticlePage snapshot={snapshot} links={publicLinks(snapshot)} found={found} />;
}
