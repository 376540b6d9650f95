import { useMemo } from "react";
import { data, Form, Link, useActionData, useLoaderData, useRevalidator } from "react-router";
import { z } from "zod";
import { useCommentsFeature } from "~/components/comments-panel";
import { CreditConsent } from "~/components/credit-consent";
import { Downloads } from "~/components/downloads";
import { FormAlert, PageTitle } from "~/components/form";
import { OutcomeSettings, type OutcomeSettingsErrors } from "~/components/outcome-settings";
import { PrivacyPanel, usePrivacyGuard } from "~/components/privacy-panel";
import { RaiseQuestion } from "~/components/raise-question";
import { ReviewPanel } from "~/components/review-panel";
import { VersionHistoryLink } from "~/components/versions";
import { colorFor } from "~/editor/colors";
import { OutcomeEditor } from "~/editor/OutcomeEditor";
import {
  SuggestionModeToggle,
  SuggestionsPanel,
  useSuggestionExtensions,
} from "~/editor/suggestions";
import { type MessageKey, useT } from "~/i18n";
import { OUTCOME_TYPES, type OutcomeType } from "~/lib/domain";
import {
  configureOutcome,
  getOutcomeContent,
  MAX_OUTCOME_TITLE,
  setOutcomeLocked,
} from "~/models/outcome.server";
import { getLatestVersion } from "~/models/outcome-version.server";
import { authorize, checkPermission } from "~/models/permissions.server";
import { scanOutcome } from "~/models/privacy-guard.server";
import {
  currentPublication,
  statusHistory,
  TRANSITION_NAMES,
  TRANSITIONS,
} from "~/models/review.server";
import { getSubgroupPage, removeMember } from "~/models/subgroup.server";
import { membersMayAcceptSuggestions } from "~/models/suggestion.server";
import commentStyles from "~/styles/comments.css?url";
import moderationStyles from "~/styles/moderation.css?url";
import subgroupStyles from "~/styles/subgroups.css?url";
import suggestionStyles from "~/styles/suggestions.css?url";
import versionStyles from "~/styles/versions.css?url";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/subgroups.$subgroupId";

export const links: Route.LinksFunction = () =>
  [subgroupStyles, moderationStyles, commentStyles, suggestionStyles, versionStyles].map(
    (href) => ({ rel: "stylesheet", href }),
  );

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "subgroup.view", {
    kind: "subgroup",
    id: params.subgroupId,
  });
  const subgroup = await getSubgroupPage(params.subgroupId);
  if (!subgroup) throw new Response(null, { status: 404 });
  const userId = context.session?.user.id ?? null;
  const outcome = subgroup.outcome;
  const target = outcome ? ({ kind: "outcome", id: outcome.id } as const) : null;
  const [write, moderate, configure, manage, content, acceptSuggestions, membersMayAccept] =
    await Promise.all([
      target && checkPermission(userId, "outcome.write", target),
      target && checkPermission(userId, "outcome.moderate", target),
      target && checkPermission(userId, "outcome.configure", target),
      checkPermission(userId, "subgroup.manage", { kind: "subgroup", id: subgroup.id }),
      outcome && getOutcomeContent(outcome.id),
      target && checkPermission(userId, "outcome.acceptSuggestions", target),
      outcome && membersMayAcceptSuggestions(outcome.id),
    ]);
  const user = context.session?.user;
  const latestVersion = outcome ? await getLatestVersion(outcome.id) : null;
  return {
    latestVersion,
    subgroup,
    canWrite: Boolean(write?.allowed),
    canModerate: Boolean(moderate?.allowed),
    canConfigure: Boolean(configure?.allowed),
    canManage: manage.allowed,
    canAcceptSuggestions: Boolean(acceptSuggestions?.allowed),
    membersMayAcceptSuggestions: Boolean(membersMayAccept),
    contentHTML: content?.html ?? "",
    me: user ? { id: user.id, name: user.name, color: colorFor(user.id) } : null,
    review: outcome && target ? await loadReview(outcome.id, outcome.status, userId) : null,
  };
}

/** The review panel's data: the steps this person may take now, publication, history, privacy. */
async function loadReview(outcomeId: string, status: string, userId: string | null) {
  const target = { kind: "outcome", id: outcomeId } as const;
  const possible = TRANSITION_NAMES.filter((name) =>
    (TRANSITIONS[name].from as readonly string[]).includes(status),
  );
  const checks = await Promise.all(
    possible.map((name) => checkPermission(userId, TRANSITIONS[name].permission, target)),
  );
  const [publication, history, findings] = await Promise.all([
    currentPublication(outcomeId),
    statusHistory(outcomeId),
    scanOutcome(outcomeId),
  ]);
  return {
    allowed: possible.filter((_, i) => checks[i]?.allowed),
    publication: publication
      ? { number: publication.number, publishedAt: publication.publishedAt }
      : null,
    history,
    // Values a leader allowed that are in the text now (the browser has the text anyway).
    allowedValues: (findings ?? []).filter((f) => f.overridden).map((f) => `${f.kind}:${f.value}`),
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("lock") }),
  z.object({ intent: z.literal("unlock") }),
  z.object({ intent: z.literal("removeMember"), userId: z.string().min(1).max(64) }),
]);

/** The outcome's title and type: a Dutch message per field, never a 500. */
function parseOutcomeSettings(form: Record<string, FormDataEntryValue>) {
  const title = typeof form.title === "string" ? form.title.trim() : "";
  const type = typeof form.type === "string" ? form.type : "";
  const errors: OutcomeSettingsErrors = {};
  if (title.length > MAX_OUTCOME_TITLE) errors.title = "outcomeForm.titleTooLong";
  if (!(OUTCOME_TYPES as readonly string[]).includes(type)) errors.type = "outcomeForm.typeInvalid";
  return { title, type, errors };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  // Only the subgroup's circle gets past this, before anything about the input is said; each
  // intent then asks for its own permission.
  await authorize({ request, context }, "subgroup.view", {
    kind: "subgroup",
    id: params.subgroupId,
  });
  const form = Object.fromEntries(await readFormData(request));
  if (form.intent === "configureOutcome") {
    const subgroup = await getSubgroupPage(params.subgroupId);
    if (!subgroup?.outcome) throw data(null, { status: 404 });
    await authorize({ request, context }, "outcome.configure", {
      kind: "outcome",
      id: subgroup.outcome.id,
    });
    const { title, type, errors } = parseOutcomeSettings(form);
    if (errors.title || errors.type)
      return data(
        { intent: "configureOutcome" as const, errors, values: { title, type } },
        { status: 400 },
      );
    const configured = await configureOutcome(
      subgroup.outcome.id,
      { title: title || null, type: type as OutcomeType },
      context.session?.user.id ?? "",
    );
    if (!configured) throw data(null, { status: 404 });
    return { intent: "configureOutcome" as const, saved: configured };
  }
  const parsed = intentSchema.safeParse(form);
  if (!parsed.success) throw data({ error: "invalid" }, { status: 400 });
  const subgroupId = params.subgroupId;
  if (parsed.data.intent === "removeMember") {
    await authorize({ request, context }, "subgroup.manage", { kind: "subgroup", id: subgroupId });
    await removeMember(subgroupId, parsed.data.userId, context.session?.user.id ?? "");
    return { done: "removed" as const };
  }
  const subgroup = await getSubgroupPage(subgroupId);
  if (!subgroup?.outcome) throw data(null, { status: 404 });
  await authorize({ request, context }, "outcome.moderate", {
    kind: "outcome",
    id: subgroup.outcome.id,
  });
  const locked = parsed.data.intent === "lock";
  await setOutcomeLocked(subgroup.outcome.id, locked, context.session?.user.id ?? "");
  return { done: locked ? ("locked" as const) : ("unlocked" as const) };
}

export default function SubgroupPage() {
  const t = useT();
  const {
    subgroup,
    canWrite,
    canModerate,
    canConfigure,
    canManage,
    contentHTML,
    me,
    review,
    latestVersion,
    canAcceptSuggestions,
    membersMayAcceptSuggestions,
  } = useLoaderData<typeof loader>();
  const privacyGuard = usePrivacyGuard(review?.allowedValues ?? []);
  const actionResult = useActionData<typeof action>();
  const result = actionResult && "done" in actionResult && actionResult.done ? actionResult : null;
  const settings = actionResult && "intent" in actionResult ? actionResult : null;
  const revalidator = useRevalidator();
  const title = `${subgroup.name} · ${subgroup.theme.name}`;
  const outcome = subgroup.outcome;
  const suggestionExtensions = useSuggestionExtensions(me);
  const comments = useCommentsFeature(subgroup.id, me?.id ?? null);
  const extensions = useMemo(
    () => [privacyGuard.extension, ...suggestionExtensions, ...comments.extensions],
    [privacyGuard.extension, suggestionExtensions, comments.extensions],
  );
  return (
    <article aria-labelledby="subgroup-title">
      <PageTitle>{title}</PageTitle>
      <h1 id="subgroup-title">{title}</h1>
      <p className="meta">
        <Link to={`/communities/${subgroup.community.slug}`}>
          {t("subgroup.community", { community: subgroup.community.name })}
        </Link>
      </p>
      {result ? <FormAlert message={t(`subgroup.${result.done}Done`)} trigger={result} /> : null}

      <div className="subgroup-layout">
        <section aria-labelledby="outcome-title" className="outcome">
          <h2 id="outcome-title">
            {t("subgroup.outcome")}
            {outcome?.title ? `: ${outcome.title}` : ""}
          </h2>
          {outcome ? (
            <>
              <OutcomeSettings
                outcome={outcome}
                canConfigure={canConfigure}
                failure={settings && "errors" in settings ? settings : null}
                saved={settings && "saved" in settings ? (settings.saved ?? null) : null}
              />
              {review ? (
                <ReviewPanel
                  subgroupId={subgroup.id}
                  status={outcome.status as "concept" | "review" | "approved" | "published"}
                  allowed={review.allowed}
                  publication={review.publication}
                  history={review.history}
                />
              ) : null}
              {outcome.locked ? (
                <p className="notice" data-testid="locked-notice">
                  {t("subgroup.locked")}
                </p>
              ) : null}
              <div className="moderation-bar">
                {canModerate ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value={outcome.locked ? "unlock" : "lock"} />
                    <button type="submit" className="button secondary">
                      {outcome.locked ? t("subgroup.unlock") : t("subgroup.lock")}
                    </button>
                  </Form>
                ) : null}
                <VersionHistoryLink subgroupId={subgroup.id} latest={latestVersion} />
              </div>
              <Downloads subgroupId={subgroup.id} />
              <noscript>
                <p className="meta">{t("subgroup.noScript")}</p>
              </noscript>
              <div className="editor" data-room={outcome.id} data-writable={String(canWrite)}>
                {me ? (
                  <OutcomeEditor
                    room={outcome.id}
                    writable={canWrite}
                    user={me}
                    initialHTML={contentHTML}
                    onAccessChanged={() => revalidator.revalidate()}
                    onOutcomeEvent={(topic) => {
                      if (topic === "status" || topic === "reconnected")
                        void revalidator.revalidate();
                    }}
                    extensions={extensions}
                    slots={(context) => {
                      const { editor, session } = context;
                      const commentSlots = comments.slots(context);
                      return {
                        notices: (
                          <PrivacyPanel
                            editor={editor}
                            subgroupId={subgroup.id}
                            canOverride={canModerate}
                            guard={privacyGuard}
                          />
                        ),
                        toolbar: (
                          <>
                            <SuggestionModeToggle editor={editor} room={outcome.id} />
                            {commentSlots.toolbar}
                          </>
                        ),
                        aside: (
                          <>
                            {commentSlots.aside}
                            <SuggestionsPanel
                              editor={editor}
                              session={session}
                              canAccept={canAcceptSuggestions}
                              canModerate={canModerate}
                              membersMayAccept={membersMayAcceptSuggestions}
                              subgroupId={subgroup.id}
                            />
                          </>
                        ),
                      };
                    }}
                  />
                ) : null}
              </div>
            </>
          ) : (
            <p>{t("subgroup.outcomeUntitled")}</p>
          )}
        </section>

        <aside aria-labelledby="members-title" className="sidebar">
          <h2 id="members-title">{t("subgroup.members")}</h2>
          <ul className="plain member-list">
            {subgroup.members.map((m) => (
              <li key={m.id}>
                <strong>{m.name}</strong>
                {m.function || m.organisation ? (
                  <span className="meta">
                    {" "}
                    {[
                      m.function ? t(`subgroup.function.${m.function}` as MessageKey) : null,
                      m.organisation,
                    ]
                      .filter(Boolean)
                      .join(", ")}
                  </span>
                ) : null}
                {canManage ? (
                  <Form
                    method="post"
                    className="inline-form"
                    onSubmit={(event) => {
                      if (!window.confirm(t("subgroup.removeMemberConfirm", { name: m.name })))
                        event.preventDefault();
                    }}
                  >
                    <input type="hidden" name="intent" value="removeMember" />
                    <input type="hidden" name="userId" value={m.id} />
                    <button type="submit" className="link-button">
                      {t("subgroup.removeMember", { name: m.name })}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          <CreditConsent subgroupId={subgroup.id} />
          {subgroup.facilitators.length > 0 ? (
            <>
              <h2>{t("subgroup.facilitators")}</h2>
              <ul className="plain">
                {subgroup.facilitators.map((f) => (
                  <li key={f.id}>{f.name}</li>
                ))}
              </ul>
            </>
          ) : null}
          <RaiseQuestion subgroupId={subgroup.id} communitySlug={subgroup.community.slug} />
        </aside>
      </div>
    </article>
  );
}
