// THE permissions module: the only place that knows roles. Every loader, action and the
// websocket upgrade ask it "may this user do this action to this thing".
//
// A user's role is always relative to the target: the strongest relation they have to it.
//   anonymous    not signed in
//   user         signed in, no relation to the target
//   registrant   registered (status "registered") for the target's community
//   member       member of the target's subgroup
//   facilitator  facilitator of the target's theme or subgroup (community targets: of any theme)
//   organiser    organiser of the target's community
import { type AppLoadContext, data, redirect } from "react-router";
import { db } from "~/utils/db.server";
import { isProduction } from "~/utils/env.server";

export const ROLES = [
  "anonymous",
  "user",
  "registrant",
  "member",
  "facilitator",
  "organiser",
] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "site.view",
  "account.view",
  "dev.outbox",
  "community.view",
  "community.create",
  "community.manage",
  "community.register",
  "meeting.viewOnlineLink",
  "registration.viewAll",
  "subgroup.view",
  "subgroup.manage",
  "outcome.read",
  "outcome.write",
  "outcome.moderate",
  "outcome.configure",
  "outcome.comment",
  "outcome.submit",
  "outcome.acceptSuggestions",
  "outcome.publish",
  "outcome.readPublished",
  "outcome.export",
  "plenary.view",
  "plenary.present",
  "question.raise",
  "question.vote",
  "question.moderate",
  "magazine.manage",
  "magazine.read",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Facts about the target that change the answer. */
export type Conditions = {
  /** The community is published (unpublished ones are visible to organisers only). */
  published?: boolean;
  /** The outcome document is locked by its facilitator (members become read-only). */
  locked?: boolean;
  /** The server runs in production (development tools are refused). */
  production?: boolean;
  /** The subgroup lets members (not only leaders) accept or reject suggestions. */
  membersAcceptSuggestions?: boolean;
  /** The magazine edition is published (drafts are visible to organisers only). */
  editionPublished?: boolean;
};

const ANYONE: readonly Role[] = ROLES;
const SIGNED_IN: readonly Role[] = ["user", "registrant", "member", "facilitator", "organiser"];
const SUBGROUP_CIRCLE: readonly Role[] = ["member", "facilitator", "organiser"];
const LEADERS: readonly Role[] = ["facilitator", "organiser"];
/** Everybody registered for the community, plenary-only people included. */
const COMMUNITY_PEOPLE: readonly Role[] = ["registrant", "member", "facilitator", "organiser"];

/** The policy table. Conditions refine it in `can` below. */
const POLICY: Record<Action, readonly Role[]> = {
  "site.view": ANYONE,
  "account.view": SIGNED_IN,
  "dev.outbox": ANYONE,
  "community.view": ANYONE,
  // Site target: anyone who organises a community may start another one.
  "community.create": ["organiser"],
  "community.manage": ["organiser"],
  "community.register": SIGNED_IN,
  "meeting.viewOnlineLink": ["registrant", "member", "facilitator", "organiser"],
  "registration.viewAll": ["organiser"],
  "subgroup.view": SUBGROUP_CIRCLE,
  "subgroup.manage": ["organiser"],
  "outcome.read": SUBGROUP_CIRCLE,
  "outcome.write": SUBGROUP_CIRCLE,
  // Lock and unlock, approve, send back to concept, take and restore versions, privacy overrides.
  "outcome.moderate": LEADERS,
  // Title, type and starting template of the outcome (decided in meeting 1).
  "outcome.configure": LEADERS,
  // Comments are not edits: they stay open while the document is locked.
  "outcome.comment": SUBGROUP_CIRCLE,
  // Submit the concept for review.
  "outcome.submit": SUBGROUP_CIRCLE,
  // Leaders; members too when the group allows it (see `can`).
  "outcome.acceptSuggestions": SUBGROUP_CIRCLE,
  "outcome.publish": LEADERS,
  // The published version, as the plenary sees it.
  "outcome.readPublished": COMMUNITY_PEOPLE,
  // Download the current text as PDF, Markdown, HTML or DOCX (the published one: readPublished).
  "outcome.export": SUBGROUP_CIRCLE,
  // Community target: the plenary page of a meeting, the questions board.
  "plenary.view": COMMUNITY_PEOPLE,
  // Put an outcome or question "on screen" for everybody following the plenary page.
  "plenary.present": ["organiser"],
  // Subgroup target: raise a question or topic for the plenary from the subgroup page.
  "question.raise": SUBGROUP_CIRCLE,
  // Community target: upvote a question (and take the vote back).
  "question.vote": COMMUNITY_PEOPLE,
  // Community target: merge duplicates, order the agenda, mark discussed with an answer.
  "question.moderate": ["organiser"],
  // Community target: create, compose and publish magazine editions.
  "magazine.manage": ["organiser"],
  // Edition target: the web edition and its PDF: anyone once published, else organisers only.
  "magazine.read": ANYONE,
};

/** The pure decision: may a user with `role` (relative to the target) do `action`? */
export function can(role: Role, action: Action, conditions: Conditions = {}): boolean {
  if (!POLICY[action].includes(role)) return false;
  if (action === "dev.outbox" && conditions.production !== false) return false;
  // An unpublished community: seen by its organisers only, and nobody registers for it yet.
  if (
    (action === "community.view" || action === "community.register") &&
    conditions.published === false
  )
    return role === "organiser";
  if (action === "outcome.write" && conditions.locked) return LEADERS.includes(role);
  if (
    action === "magazine.read" &&
    (conditions.editionPublished !== true || conditions.published === false)
  )
    return role === "organiser";
  if (action === "outcome.acceptSuggestions")
    return (
      LEADERS.includes(role) || (conditions.membersAcceptSuggestions === true && !conditions.locked)
    );
  return true;
}

export type Target =
  | { kind: "site" }
  | { kind: "community"; id?: string; slug?: string }
  | { kind: "subgroup"; id: string }
  | { kind: "outcome"; id: string }
  | { kind: "edition"; id: string };

export type Resolution = {
  found: boolean;
  role: Role;
  conditions: Conditions;
  communityId?: string;
};

/** Works out the user's role relative to the target (one small query per relation). */
export async function resolveRole(userId: string | null, target: Target): Promise<Resolution> {
  const production = isProduction();
  if (target.kind === "site") {
    // Relative to the site, an organiser of any community counts as organiser.
    const organises =
      userId !== null &&
      (await db.roleGrant.findFirst({
        where: { userId, role: "organiser" },
        select: { id: true },
      })) !== null;
    return {
      found: true,
      role: organises ? "organiser" : userId ? "user" : "anonymous",
      conditions: { production },
    };
  }

  let communityId: string | undefined;
  let published = true;
  let themeId: string | undefined;
  let subgroupId: string | undefined;
  let locked: boolean | undefined;
  let membersAcceptSuggestions: boolean | undefined;

  let editionPublished: boolean | undefined;

  if (target.kind === "community") {
    const community = await db.community.findFirst({
      where: target.id ? { id: target.id } : { slug: target.slug ?? "" },
      select: { id: true, publishedAt: true },
    });
    if (!community) return { found: false, role: userId ? "user" : "anonymous", conditions: {} };
    communityId = community.id;
    published = community.publishedAt !== null;
  } else if (target.kind === "edition") {
    const edition = await db.magazineEdition.findUnique({
      where: { id: target.id },
      select: { status: true, community: { select: { id: true, publishedAt: true } } },
    });
    if (!edition) return { found: false, role: userId ? "user" : "anonymous", conditions: {} };
    communityId = edition.community.id;
    published = edition.community.publishedAt !== null;
    editionPublished = edition.status === "published";
  } else {
    const subgroup =
      target.kind === "subgroup"
        ? await db.subgroup.findUnique({
            where: { id: target.id },
            select: { id: true, themeId: true, theme: { select: { communityId: true } } },
          })
        : await db.outcome
            .findUnique({
              where: { id: target.id },
              select: {
                locked: true,
                membersMayAcceptSuggestions: true,
                subgroup: {
                  select: { id: true, themeId: true, theme: { select: { communityId: true } } },
                },
              },
            })
            .then((o) => {
              if (o) {
                locked = o.locked;
                membersAcceptSuggestions = o.membersMayAcceptSuggestions;
              }
              return o?.subgroup ?? null;
            });
    if (!subgroup) return { found: false, role: userId ? "user" : "anonymous", conditions: {} };
    communityId = subgroup.theme.communityId;
    themeId = subgroup.themeId;
    subgroupId = subgroup.id;
  }

  const conditions: Conditions = {
    published,
    locked,
    production,
    membersAcceptSuggestions,
    editionPublished,
  };
  if (!userId) return { found: true, role: "anonymous", conditions, communityId };

  const grants = await db.roleGrant.findMany({
    where: { userId, communityId },
    select: { role: true, themeId: true, subgroupId: true },
  });
  const role = ((): Role => {
    if (grants.some((g) => g.role === "organiser")) return "organiser";
    const facilitates = grants.some(
      (g) =>
        g.role === "facilitator" &&
        (target.kind === "community" ||
          target.kind === "edition" ||
          g.themeId === themeId ||
          (subgroupId !== undefined && g.subgroupId === subgroupId)),
    );
    if (facilitates) return "facilitator";
    return "user";
  })();
  if (role !== "user") return { found: true, role, conditions, communityId };

  if (subgroupId) {
    const membership = await db.subgroupMembership.findUnique({
      where: { subgroupId_userId: { subgroupId, userId } },
      select: { userId: true },
    });
    if (membership) return { found: true, role: "member", conditions, communityId };
  }
  const registration = await db.registration.findUnique({
    where: { communityId_userId: { communityId, userId } },
    select: { status: true },
  });
  return {
    found: true,
    role: registration?.status === "registered" ? "registrant" : "user",
    conditions,
    communityId,
  };
}

export type Permission = Resolution & { allowed: boolean };

/** Answers the question without throwing (for the websocket upgrade and for UI conditionals). */
export async function checkPermission(
  userId: string | null,
  action: Action,
  target: Target,
): Promise<Permission> {
  const resolution = await resolveRole(userId, target);
  return {
    ...resolution,
    allowed: resolution.found && can(resolution.role, action, resolution.conditions),
  };
}

/**
 * For loaders and actions: returns the resolution when allowed; otherwise throws the response
 * the user should get: 404 for a missing target, a redirect to sign in for an anonymous
 * visitor, 403 for a signed-in one.
 */
export async function requirePermission(
  request: Request,
  userId: string | null,
  action: Action,
  target: Target,
): Promise<Permission> {
  const permission = await checkPermission(userId, action, target);
  // A missing target, or an unpublished community for anyone but its organisers: not found
  // (its existence is not confirmed by a 403 or a sign-in redirect).
  // A draft edition likewise.
  const hidden =
    !permission.allowed &&
    (permission.conditions.published === false || permission.conditions.editionPublished === false);
  if (!permission.found || hidden) throw data(null, { status: 404 });
  if (permission.allowed) return permission;
  if (!userId) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  throw data(null, { status: 403 });
}

/** requirePermission for a route's loader or action arguments (the signed-in user comes from the load context). */
export function authorize(
  args: { request: Request; context: AppLoadContext },
  action: Action,
  target: Target,
): Promise<Permission> {
  return requirePermission(args.request, args.context.session?.user.id ?? null, action, target);
}
