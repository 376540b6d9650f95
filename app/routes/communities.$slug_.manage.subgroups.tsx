// Organisers form the fixed subgroups of each theme (proposal → adjust → confirm) and keep them
// right afterwards (move, place latecomers, add a subgroup). Domain: subgroup-formation.server.ts.
import { data, useActionData, useLoaderData } from "react-router";
import { PageTitle } from "~/components/form";
import { FormedTheme, ProposalForm, SizeForm } from "~/components/subgroup-formation";
import { type MessageKey, useT } from "~/i18n";
import {
  DEFAULT_SUBGROUP_SIZE,
  MAX_SUBGROUP_SIZE,
  MIN_SUBGROUP_SIZE,
  proposeSubgroups,
} from "~/lib/subgroup-proposal";
import { authorize } from "~/models/permissions.server";
import {
  addSubgroup,
  confirmFormation,
  type FormationError,
  getCommunitySummary,
  getFormationOverview,
  moveMember,
  type PlacementError,
  placeMember,
} from "~/models/subgroup-formation.server";
import subgroupStyles from "~/styles/subgroups.css?url";
import { getTranslator } from "~/utils/auth.server";
import { mailOrigin, readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.manage.subgroups";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: subgroupStyles }];

/** The size a theme's proposal uses: from the URL when it asks for this theme, else the default. */
function requestedSize(url: URL, themeId: string) {
  if (url.searchParams.get("theme") !== themeId) return { size: DEFAULT_SUBGROUP_SIZE, raw: null };
  const raw = url.searchParams.get("size") ?? "";
  const size = Number(raw);
  const valid = /^\d+$/.test(raw.trim()) && size >= MIN_SUBGROUP_SIZE && size <= MAX_SUBGROUP_SIZE;
  return valid ? { size, raw } : { size: DEFAULT_SUBGROUP_SIZE, raw, invalid: true };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  const communityId = permission.communityId!;
  const [community, themes] = await Promise.all([
    getCommunitySummary(communityId),
    getFormationOverview(communityId),
  ]);
  const url = new URL(request.url);
  return {
    community,
    themes: themes.map((theme) => {
      if (theme.formedAt) return { ...theme, proposal: null };
      const { size, raw, invalid } = requestedSize(url, theme.id);
      const groups = proposeSubgroups(
        theme.unplaced.map((p) => ({
          id: p.userId,
          function: p.function ?? "",
          organisation: p.organisation ?? "",
        })),
        size,
      );
      const assignment: Record<string, number> = {};
      groups.forEach((ids, index) => {
        for (const id of ids) assignment[id] = index;
      });
      return {
        ...theme,
        proposal: {
          size,
          sizeRaw: raw,
          sizeInvalid: Boolean(invalid),
          groupCount: groups.length,
          assignment,
        },
      };
    }),
  };
}

type Status = { key: MessageKey; vars?: Record<string, string> };

export type FormationActionResult =
  | { intent: "confirm"; ok: true; themeId: string; status: Status }
  | {
      intent: "confirm";
      ok: false;
      themeId: string;
      error: FormationError;
      values: { names: string[]; assignment: Record<string, number> };
    }
  | { intent: "move" | "place"; ok: true; userId: string; status: Status }
  | {
      intent: "move" | "place";
      ok: false;
      userId: string;
      error: PlacementError | "chooseSubgroup";
    }
  | { intent: "addSubgroup"; ok: true; themeId: string; status: Status }
  | {
      intent: "addSubgroup";
      ok: false;
      themeId: string;
      error: "themeNotFound" | "notFormed" | "nameTooLong" | "nameDuplicate";
      name: string;
    }
  | { intent: "invalid"; ok: false };

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

/** The confirm form: names-<i> per subgroup and assign-<userId> = subgroup index. */
function parseConfirm(form: FormData) {
  const count = Number(text(form.get("groupCount")));
  if (!Number.isInteger(count) || count < 0 || count > 500) return null;
  const names = Array.from({ length: count }, (_, i) => text(form.get(`name-${i}`)));
  const assignment: Record<string, number> = {};
  for (const [key, value] of form) {
    if (!key.startsWith("assign-")) continue;
    const index = Number(value);
    if (!Number.isInteger(index) || index < 0 || index >= count) return null;
    assignment[key.slice("assign-".length)] = index;
  }
  const groups = names.map((name, i) => ({
    name,
    userIds: Object.keys(assignment).filter((id) => assignment[id] === i),
  }));
  return { names, assignment, groups };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const args = { request, context };
  const permission = await authorize(args, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  const communityId = permission.communityId!;
  const actorId = context.session!.user.id;
  const form = await readFormData(request);
  const intent = text(form.get("intent"));
  const origin = mailOrigin(request) || null;
  const t = getTranslator(request, context);

  if (intent === "confirm") {
    const themeId = text(form.get("themeId"));
    const parsed = parseConfirm(form);
    if (!themeId || !parsed)
      return data<FormationActionResult>({ intent: "invalid", ok: false }, { status: 400 });
    const result = await confirmFormation({
      communityId,
      themeId,
      groups: parsed.groups,
      actorId,
      origin,
    });
    if (!result.ok) {
      const status = result.error.kind === "alreadyFormed" ? 409 : 400;
      return data<FormationActionResult>(
        {
          intent,
          ok: false,
          themeId,
          error: result.error,
          values: { names: parsed.names, assignment: parsed.assignment },
        },
        { status },
      );
    }
    const overview = await getFormationOverview(communityId);
    const theme = overview.find((th) => th.id === themeId);
    return data<FormationActionResult>({
      intent,
      ok: true,
      themeId,
      status: { key: "subgroups.confirmed", vars: { theme: theme?.name ?? "" } },
    });
  }

  if (intent === "move" || intent === "place") {
    const userId = text(form.get("userId"));
    const toSubgroupId = text(form.get("toSubgroupId"));
    if (!userId)
      return data<FormationActionResult>({ intent: "invalid", ok: false }, { status: 400 });
    if (!toSubgroupId)
      return data<FormationActionResult>(
        { intent, ok: false, userId, error: "chooseSubgroup" },
        { status: 400 },
      );
    await authorize(args, "subgroup.manage", { kind: "subgroup", id: toSubgroupId });
    const input = { communityId, userId, toSubgroupId, actorId, origin };
    const result = intent === "move" ? await moveMember(input) : await placeMember(input);
    if (!result.ok)
      return data<FormationActionResult>(
        { intent, ok: false, userId, error: result.error },
        { status: 400 },
      );
    return data<FormationActionResult>({
      intent,
      ok: true,
      userId,
      status: {
        key: intent === "move" ? "subgroups.moved" : "subgroups.placed",
        vars: { name: result.userName, subgroup: result.subgroupName },
      },
    });
  }

  if (intent === "addSubgroup") {
    const themeId = text(form.get("themeId"));
    const name = text(form.get("name"));
    const result = await addSubgroup({
      communityId,
      themeId,
      name,
      actorId,
      defaultName: (number) => t("subgroups.defaultName", { number }),
    });
    if (!result.ok)
      return data<FormationActionResult>(
        { intent, ok: false, themeId, error: result.error, name },
        { status: 400 },
      );
    return data<FormationActionResult>({
      intent,
      ok: true,
      themeId,
      status: {
        key: "subgroups.added",
        vars: { name: result.name, theme: text(form.get("themeName")) },
      },
    });
  }

  return data<FormationActionResult>({ intent: "invalid", ok: false }, { status: 400 });
}

export default function ManageSubgroups() {
  const t = useT();
  const { community, themes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section aria-labelledby="subgroups-title" className="admin-section">
      <PageTitle>{`${t("subgroups.title")} · ${community.name}`}</PageTitle>
      <h2 id="subgroups-title">{t("subgroups.title")}</h2>
      <p className="lead">{t("subgroups.intro")}</p>
      <div role="status" className="status-region">
        {result?.ok ? (
          <p className="notice" data-testid="subgroups-status">
            {t(result.status.key, result.status.vars)}
          </p>
        ) : null}
      </div>
      {result?.intent === "invalid" ? (
        <p className="form-alert" role="alert">
          {t("subgroups.error.invalid")}
        </p>
      ) : null}

      {themes.map((theme) => (
        <section key={theme.id} aria-labelledby={`theme-${theme.id}`} className="theme-formation">
          <h3 id={`theme-${theme.id}`}>{theme.name}</h3>
          {result?.intent === "confirm" &&
          !result.ok &&
          result.themeId === theme.id &&
          !theme.proposal ? (
            <p className="form-alert" role="alert">
              {t(`subgroups.error.${result.error.kind}`)}
            </p>
          ) : null}
          {theme.proposal ? (
            theme.unplaced.length === 0 ? (
              <>
                <p>{t("subgroups.notFormed")}</p>
                <p>{t("subgroups.noRegistrants")}</p>
              </>
            ) : (
              <>
                <p>
                  {t("subgroups.notFormed")}{" "}
                  {theme.unplaced.length === 1
                    ? t("subgroups.registrantsCountOne")
                    : t("subgroups.registrantsCount", { count: theme.unplaced.length })}
                </p>
                <SizeForm
                  key={`size-${theme.id}-${theme.proposal.sizeRaw ?? ""}`}
                  themeId={theme.id}
                  size={theme.proposal.size}
                  raw={theme.proposal.sizeRaw}
                  invalid={theme.proposal.sizeInvalid}
                />
                <ProposalForm
                  key={`${theme.id}:${theme.proposal.groupCount}:${theme.unplaced.map((p) => p.userId).join(",")}`}
                  theme={theme}
                  proposal={theme.proposal}
                  result={
                    result?.intent === "confirm" && !result.ok && result.themeId === theme.id
                      ? result
                      : null
                  }
                />
              </>
            )
          ) : (
            <FormedTheme theme={{ ...theme, formedAt: theme.formedAt! }} result={result ?? null} />
          )}
        </section>
      ))}
    </section>
  );
}
