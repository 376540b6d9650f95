// The whole edition on one page without the site's navigation: for printing (A4 print
// stylesheet) and for the PDF, which is made from this page (see EditionPrint's markup
// contract in app/components/magazine.tsx). <title> is the edition's title (the PDF's running
// header).
import { data, useLoaderData } from "react-router";
import { EditionPrint } from "~/components/magazine";
import { useT } from "~/i18n";
import { editionMeta } from "~/lib/magazine-meta";
import magazineStyles from "~/styles/magazine.css?url";
import { loadWebEdition } from "~/utils/magazine-route.server";
import type { Route } from "./+types/magazine.$community.$edition_.print";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: magazineStyles }];

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

/** The root layout renders this page without the site header and footer. */
export const handle = { bare: true };

export async function loader(args: Route.LoaderArgs) {
  const { headers, ...rest } = await loadWebEdition(args, args.params);
  return data(rest, { headers });
}

export const meta: Route.MetaFunction = ({ data }) =>
  data ? editionMeta(data.snapshot, data.origin) : [];

export default function WebEditionPrint() {
  const t = useT();
  const { snapshot } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="magazine-print-main" lang="nl">
      <p className="visually-hidden">{t("magazine.printNote")}</p>
      <EditionPrint snapshot={snapshot} />
    </main>
  );
}
