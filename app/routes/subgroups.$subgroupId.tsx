import { data, Link, useLoaderData } from "react-router";
import { z } from "zod";
import { PageTitle } from "~/components/form";
import { type MessageKey, useT } from "~/i18n";
import { setOutcomeLocked } from "~/models/outcome.server";
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
  const canWrite = subgroup.outcome
    ? (
        await checkPermission(context.session?.user.id ?? null, "outcome.write", {
          kind: "outcome",
          id: subgroup.outcome.id,
        })
      ).allowed
    : false;
  return { subgroup, canWrite };
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
  const { subgroup, canWrite } = useLoaderData<typeof loader>();
  const title = `${subgroup.name} · ${subgroup.theme.name}`;
  return (
    <article aria-labelledby="subgroup-title">
      <PageTitle>{title}</PageTitle>
      <h1 id="subgroup-title">{title}</h1>
      <p className="meta">
        <Link to={`/communities/${subgroup.community.slug}`}>
          {t("subgroup.community", { community: subgroup.community.name })}
        </Link>
      </p>

      <div className="two-columns">
        <section aria-labelledby="outcome-title" className="outcome">
          <h2 id="outcome-title">{t("subgroup.outcome")}</h2>
          <p>{subgroup.outcome?.title ?? t("subgroup.outcomeUntitled")}</p>
          <p className="meta">{canWrite ? t("subgroup.canEdit") : t("subgroup.readOnly")}</p>
          {subgroup.outcome ? (
            <section
              className="editor-placeholder"
              data-room={subgroup.outcome.id}
              data-writable={canWrite ? "true" : "false"}
              aria-label={t("subgroup.outcome")}
            >
              <p>{t("subgroup.editorPlaceholder")}</p>
            </section>
          ) : null}
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
