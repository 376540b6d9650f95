import { data, Form, Link, useActionData, useLoaderData, useRevalidator } from "react-router";
import { z } from "zod";
import { FormAlert, PageTitle } from "~/components/form";
import { colorFor } from "~/editor/colors";
import { OutcomeEditor } from "~/editor/OutcomeEditor";
import { type MessageKey, useT } from "~/i18n";
import { getOutcomeContent, setOutcomeLocked } from "~/models/outcome.server";
import { authorize, checkPermission } from "~/models/permissions.server";
import { getSubgroupPage, removeMember } from "~/models/subgroup.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/subgroups.$subgroupId";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "subgroup.view", {
    kind: "subgroup",
    id: params.subgroupId,
  });
  const subgroup = await getSubgroupPage(params.subgroupId);
  if (!subgroup) throw new Response(null, { status: 404 });
  const userId = context.session?.user.id ?? null;
  const outcome = subgroup.outcome;
  const [write, moderate, manage, content] = await Promise.all([
    outcome && checkPermission(userId, "outcome.write", { kind: "outcome", id: outcome.id }),
    outcome && checkPermission(userId, "outcome.moderate", { kind: "outcome", id: outcome.id }),
    checkPermission(userId, "subgroup.manage", { kind: "subgroup", id: subgroup.id }),
    outcome && getOutcomeContent(outcome.id),
  ]);
  const user = context.session?.user;
  return {
    subgroup,
    canWrite: Boolean(write?.allowed),
    canModerate: Boolean(moderate?.allowed),
    canManage: manage.allowed,
    contentHTML: content?.html ?? "",
    me: user ? { id: user.id, name: user.name, color: colorFor(user.id) } : null,
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("lock") }),
  z.object({ intent: z.literal("unlock") }),
  z.object({ intent: z.literal("removeMember"), userId: z.string().min(1).max(64) }),
]);

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = Object.fromEntries(await readFormData(request));
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
  const { subgroup, canWrite, canModerate, canManage, contentHTML, me } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const title = `${subgroup.name} · ${subgroup.theme.name}`;
  const outcome = subgroup.outcome;
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

      <div className="two-columns wide-main">
        <section aria-labelledby="outcome-title" className="outcome">
          <h2 id="outcome-title">
            {t("subgroup.outcome")}
            {outcome?.title ? `: ${outcome.title}` : ""}
          </h2>
          {outcome ? (
            <>
              {outcome.locked ? (
                <p className="notice" data-testid="locked-notice">
                  {t("subgroup.locked")}
                </p>
              ) : null}
              {canModerate ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value={outcome.locked ? "unlock" : "lock"} />
                  <button type="submit" className="button secondary">
                    {outcome.locked ? t("subgroup.unlock") : t("subgroup.lock")}
                  </button>
                </Form>
              ) : null}
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
        </aside>
      </div>
    </article>
  );
}
