// The version history of a subgroup's outcome (/subgroups/:id/versions): every version, newest
// first, with its kind, time and contributors; a form to compare two; for leaders, forms to save
// a named version or the state after a meeting now. "subgroupId_" keeps it out of the subgroup
// page's layout.
import { data, Form, Link, useActionData, useLoaderData, useSearchParams } from "react-router";
import { z } from "zod";
import { PageTitle } from "~/components/form";
import { kindLabel, VersionTime, versionName } from "~/components/versions";
import { type MessageKey, useT } from "~/i18n";
import { MAX_VERSION_NAME } from "~/lib/versions";
import { listVersions, takeVersion } from "~/models/outcome-version.server";
import { checkPermission } from "~/models/permissions.server";
import { meetingsForVersions, takeMeetingVersionNow } from "~/models/version-schedule.server";
import versionStyles from "~/styles/versions.css?url";
import { readFormData } from "~/utils/request.server";
import { requireSubgroupOutcome } from "~/utils/versions-route.server";
import type { Route } from "./+types/subgroups.$subgroupId_.versions._index";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: versionStyles }];

export async function loader(args: Route.LoaderArgs) {
  const found = await requireSubgroupOutcome(args, "outcome.read");
  const moderate = await checkPermission(found.userId, "outcome.moderate", {
    kind: "outcome",
    id: found.outcomeId,
  });
  const [history, meetings] = await Promise.all([
    listVersions(found.outcomeId),
    moderate.allowed ? meetingsForVersions(found.outcomeId) : [],
  ]);
  // After a restore: the name of the version that kept the text from before.
  const backupId = new URL(args.request.url).searchParams.get("restored");
  const backup = backupId ? history.versions.find((v) => v.id === backupId) : undefined;
  return {
    subgroupId: found.subgroupId,
    subgroupName: found.subgroupName,
    ...history,
    canModerate: moderate.allowed,
    meetingsToTake: meetings.filter((m) => !m.taken).map((m) => m.number),
    restoredBackup: backup?.name ?? null,
  };
}

const takeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("take"), name: z.string().trim() }),
  z.object({ intent: z.literal("takeMeeting"), meeting: z.coerce.number().int().min(1).max(999) }),
]);

export async function action(args: Route.ActionArgs) {
  const found = await requireSubgroupOutcome(args, "outcome.moderate");
  const parsed = takeSchema.safeParse(Object.fromEntries(await readFormData(args.request)));
  const invalid = (body: { field: "name" | null; error: MessageKey; name: string }) =>
    data(body, { status: 400 });
  if (!parsed.success) return invalid({ field: null, error: "versions.invalid", name: "" });
  const actorId = found.userId ?? "";
  if (parsed.data.intent === "take") {
    const name = parsed.data.name;
    if (!name) return invalid({ field: "name", error: "versions.nameRequired", name });
    if (name.length > MAX_VERSION_NAME)
      return invalid({ field: "name", error: "versions.nameTooLong", name });
    const version = await takeVersion(found.outcomeId, { kind: "manual", name, actorId });
    if (!version) throw new Response(null, { status: 404 });
    return { taken: name };
  }
  const result = await takeMeetingVersionNow(found.outcomeId, parsed.data.meeting, actorId);
  if (result === "taken") return { takenMeeting: parsed.data.meeting };
  const errors = {
    exists: "versions.meetingExists",
    empty: "versions.meetingEmpty",
    unknownMeeting: "versions.meetingUnknown",
  } as const;
  return data({ field: null, error: errors[result] as MessageKey, name: "" }, { status: 409 });
}

export default function VersionHistory() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { versions } = data;
  const failure = result && "error" in result ? result : null;
  const nameError = failure?.field === "name" ? failure.error : undefined;
  const formError = failure && failure.field !== "name" ? failure.error : undefined;
  const status = (() => {
    if (result && "taken" in result && result.taken)
      return t("versions.taken", { name: result.taken });
    if (result && "takenMeeting" in result && result.takenMeeting)
      return t("versions.taken", { name: t("versions.meetingName", { n: result.takenMeeting }) });
    if (params.has("restored") && data.restoredBackup)
      return t("versions.restored", { name: data.restoredBackup });
    return null;
  })();
  const title = t("versions.pageTitle", { subgroup: data.subgroupName });

  return (
    <article aria-labelledby="versions-title" className="versions-page">
      <PageTitle>{title}</PageTitle>
      <p className="meta">
        <Link to={`/subgroups/${data.subgroupId}`}>
          {t("versions.back", { subgroup: data.subgroupName })}
        </Link>
      </p>
      <h1 id="versions-title">{title}</h1>
      <p>{t("versions.intro")}</p>
      <div role="status" className="versions-status">
        {status ? <p className="notice">{status}</p> : null}
      </div>
      {formError ? (
        <p role="alert" className="form-alert">
          {t(formError)}
        </p>
      ) : null}

      {versions.length > 0 ? (
        <section aria-labelledby="compare-title" className="versions-compare-form">
          <h2 id="compare-title">{t("versions.compareTitle")}</h2>
          <Form method="get" action={`/subgroups/${data.subgroupId}/versions/compare`}>
            <div className="field">
              <label htmlFor="compare-from">{t("versions.compareFrom")}</label>
              <select id="compare-from" name="from" defaultValue={versions[0]?.id}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionName(t, v)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="compare-to">{t("versions.compareTo")}</label>
              <select id="compare-to" name="to" defaultValue="current">
                <option value="current">{t("versions.current")}</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionName(t, v)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t("versions.compareSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t("versions.listTitle")}</h2>
        {data.pendingContributors.length > 0 ? (
          <p className="meta">
            {t("versions.pendingContributors", { names: data.pendingContributors.join(", ") })}
          </p>
        ) : null}
        {versions.length === 0 ? (
          <p>{t("versions.none")}</p>
        ) : (
          <ol className="plain version-list" data-testid="version-list">
            {versions.map((v) => (
              <li key={v.id} className="version-item">
                <h3 className="version-name">
                  <Link to={`/subgroups/${data.subgroupId}/versions/${v.id}`}>
                    {versionName(t, v)}
                  </Link>
                </h3>
                <p className="meta">
                  <VersionTime date={v.createdAt} /> · {kindLabel(t, v.kind)}
                  {v.createdBy ? ` · ${t("versions.takenBy", { name: v.createdBy })}` : ""}
                </p>
                <p className="meta">
                  {v.contributors.length > 0
                    ? t("versions.contributors", { names: v.contributors.join(", ") })
                    : t("versions.noContributors")}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {data.canModerate ? (
        <section aria-labelledby="take-title" className="versions-take">
          <h2 id="take-title">{t("versions.takeTitle")}</h2>
          <Form method="post" key={result && "taken" in result ? result.taken : "take"}>
            <input type="hidden" name="intent" value="take" />
            <div className={`field${nameError ? " field-invalid" : ""}`}>
              <label htmlFor="version-name">{t("versions.nameLabel")}</label>
              <p id="version-name-hint" className="field-hint">
                {t("versions.nameHint")}
              </p>
              {nameError ? (
                <p id="version-name-error" className="field-error">
                  {t(nameError)}
                </p>
              ) : null}
              <input
                id="version-name"
                name="name"
                type="text"
                maxLength={MAX_VERSION_NAME + 50}
                defaultValue={result && "name" in result ? result.name : ""}
                aria-invalid={nameError ? true : undefined}
                aria-describedby={`version-name-hint${nameError ? " version-name-error" : ""}`}
              />
            </div>
            <button type="submit" className="button">
              {t("versions.takeSubmit")}
            </button>
          </Form>
          {data.meetingsToTake.length > 0 ? (
            <>
              <h3>{t("versions.meetingTitle")}</h3>
              <p className="meta">{t("versions.meetingHint")}</p>
              {data.meetingsToTake.map((n) => (
                <Form method="post" key={n} className="inline-form">
                  <input type="hidden" name="intent" value="takeMeeting" />
                  <input type="hidden" name="meeting" value={n} />
                  <button type="submit" className="button secondary">
                    {t("versions.meetingSubmit", { n })}
                  </button>
                </Form>
              ))}
            </>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
