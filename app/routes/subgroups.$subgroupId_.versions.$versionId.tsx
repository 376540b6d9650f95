// One version of a subgroup's outcome, read-only (/subgroups/:id/versions/:versionId). Leaders
// can restore it: "?restore" shows a confirmation step first; the restore is a new change on top
// (the current text is kept as a version) and live editors follow.
import { data, Form, Link, redirect, useLoaderData, useSearchParams } from "react-router";
import { z } from "zod";
import { PageTitle } from "~/components/form";
import { kindLabel, VersionTime, versionName } from "~/components/versions";
import { useT } from "~/i18n";
import { getVersion, restoreVersion } from "~/models/outcome-version.server";
import { checkPermission } from "~/models/permissions.server";
import versionStyles from "~/styles/versions.css?url";
import { readFormData } from "~/utils/request.server";
import { requireSubgroupOutcome } from "~/utils/versions-route.server";
import type { Route } from "./+types/subgroups.$subgroupId_.versions.$versionId";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: versionStyles }];

export async function loader(args: Route.LoaderArgs) {
  const found = await requireSubgroupOutcome(args, "outcome.read");
  const [read, moderate] = await Promise.all([
    getVersion(found.outcomeId, args.params.versionId),
    checkPermission(found.userId, "outcome.moderate", { kind: "outcome", id: found.outcomeId }),
  ]);
  if (!read) throw new Response(null, { status: 404 });
  return {
    subgroupId: found.subgroupId,
    subgroupName: found.subgroupName,
    version: read.version,
    html: read.html,
    canRestore: moderate.allowed,
  };
}

export async function action(args: Route.ActionArgs) {
  const found = await requireSubgroupOutcome(args, "outcome.moderate");
  const parsed = z
    .object({ intent: z.literal("restore") })
    .safeParse(Object.fromEntries(await readFormData(args.request)));
  if (!parsed.success) throw data({ error: "invalid" }, { status: 400 });
  const result = await restoreVersion(found.outcomeId, args.params.versionId, found.userId ?? "");
  if (!result.ok) throw new Response(null, { status: 404 });
  return redirect(`/subgroups/${found.subgroupId}/versions?restored=${result.backupId}`);
}

export default function VersionPage() {
  const t = useT();
  const { subgroupId, subgroupName, version, html, canRestore } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const name = versionName(t, version);
  const confirming = canRestore && params.has("restore");
  const base = `/subgroups/${subgroupId}/versions`;
  return (
    <article aria-labelledby="version-title" className="versions-page">
      <PageTitle>{`${name} · ${subgroupName}`}</PageTitle>
      <p className="meta">
        <Link to={base}>{t("versions.backToHistory")}</Link>
      </p>
      <h1 id="version-title">{name}</h1>
      <p className="meta">
        {t("versions.takenAt")} <VersionTime date={version.createdAt} /> ·{" "}
        {kindLabel(t, version.kind)}
        {version.createdBy ? ` · ${t("versions.takenBy", { name: version.createdBy })}` : ""}
      </p>
      {version.contributors.length > 0 ? (
        <p className="meta">
          {t("versions.contributors", { names: version.contributors.join(", ") })}
        </p>
      ) : null}

      {confirming ? (
        <section
          aria-labelledby="restore-title"
          className="restore-confirm"
          data-testid="restore-confirm"
        >
          <h2 id="restore-title">{t("versions.restoreConfirmTitle")}</h2>
          <p>{t("versions.restoreConfirmText", { name })}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="restore" />
            <button type="submit" className="button">
              {t("versions.restoreConfirm")}
            </button>{" "}
            <Link to={`${base}/${version.id}`} className="button secondary">
              {t("versions.cancel")}
            </Link>
          </Form>
        </section>
      ) : (
        <p className="version-actions">
          <Link to={`${base}/compare?from=${version.id}&to=current`}>
            {t("versions.compareWithCurrent")}
          </Link>
          {canRestore ? (
            <>
              {" · "}
              <Link to={`${base}/${version.id}?restore`}>{t("versions.restore")}</Link>
            </>
          ) : null}
        </p>
      )}

      <p className="notice">{t("versions.readOnly")}</p>
      <div
        className="document-view prose version-document"
        data-testid="version-document"
        // Rendered by the server from the stored version through the one schema (escaped).
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server rendering
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </article>
  );
}
