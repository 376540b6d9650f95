// Two versions of a subgroup's outcome compared, or a version with the current text
// (/subgroups/:id/versions/compare?from=<id>&to=<id>|current): the newer text with insertions
// and deletions marked, a legend and a summary. Rendered on the server (version-diff.ts).
import { Link, useLoaderData } from "react-router";
import { z } from "zod";
import { PageTitle } from "~/components/form";
import { versionName } from "~/components/versions";
import { useT } from "~/i18n";
import { compareVersions, listVersions } from "~/models/outcome-version.server";
import versionStyles from "~/styles/versions.css?url";
import { getTranslator } from "~/utils/auth.server";
import { requireSubgroupOutcome } from "~/utils/versions-route.server";
import type { Route } from "./+types/subgroups.$subgroupId_.versions.compare";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: versionStyles }];

const querySchema = z.object({
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64).default("current"),
});

export async function loader(args: Route.LoaderArgs) {
  const found = await requireSubgroupOutcome(args, "outcome.read");
  const page = { subgroupId: found.subgroupId, subgroupName: found.subgroupName };
  const query = querySchema.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  const t = getTranslator(args.request, args.context);
  const diff = query.success
    ? await compareVersions(found.outcomeId, query.data.from, query.data.to, {
        inserted: t("versions.inserted"),
        deleted: t("versions.deleted"),
      })
    : null;
  if (!diff) {
    // Nothing (valid) chosen: say so, with the history to choose from.
    const { versions } = await listVersions(found.outcomeId);
    return { ...page, diff: null, hasVersions: versions.length > 0 };
  }
  return { ...page, diff, hasVersions: true };
}

export default function CompareVersions() {
  const t = useT();
  const { subgroupId, subgroupName, diff } = useLoaderData<typeof loader>();
  const base = `/subgroups/${subgroupId}/versions`;
  const heading = diff
    ? t("versions.compareHeading", {
        from: versionName(t, diff.from),
        to: diff.to ? versionName(t, diff.to) : t("versions.current"),
      })
    : t("versions.compareTitle");
  return (
    <article aria-labelledby="compare-heading" className="versions-page">
      <PageTitle>{`${heading} · ${subgroupName}`}</PageTitle>
      <p className="meta">
        <Link to={base}>{t("versions.backToHistory")}</Link>
      </p>
      <h1 id="compare-heading">{heading}</h1>
      {diff ? (
        <>
          <p className="diff-legend">
            <span className="diff-legend-title">{t("versions.legend")}:</span>{" "}
            <ins className="diff-ins">{t("versions.legendInserted")}</ins>{" "}
            <del className="diff-del">{t("versions.legendDeleted")}</del>
          </p>
          <p role="status" data-testid="diff-summary">
            {diff.insertions + diff.deletions === 0
              ? t("versions.noDifferences")
              : t("versions.summary", {
                  insertions: diff.insertions,
                  deletions: diff.deletions,
                })}
          </p>
          <div
            className="document-view prose version-diff"
            data-testid="version-diff"
            // Rendered by the server (version-diff.ts escapes every text and attribute).
            // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped server rendering
            dangerouslySetInnerHTML={{ __html: diff.html }}
          />
          {diff.to === null ? null : (
            <p>
              <Link to={`${base}/compare?from=${diff.from.id}&to=current`}>
                {t("versions.compareWithCurrent")}
              </Link>
            </p>
          )}
        </>
      ) : (
        <p role="alert" className="form-alert">
          {t("versions.compareMissing")} <Link to={base}>{t("versions.backToHistory")}</Link>
        </p>
      )}
    </article>
  );
}
