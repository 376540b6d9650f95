// Forming a theme's fixed subgroups and keeping them right afterwards (organisers only; routes
// ask the permissions module first). Owns: the overview per theme, confirming a formation (one
// transaction, safe against a double submit), moving and placing people after formation, and
// extra subgroups. The proposal itself is the pure app/lib/subgroup-proposal.ts.
import { translator } from "~/i18n";
import { queueEmail } from "~/models/email-queue.server";
import { db, type Prisma } from "~/utils/db.server";
import { announceAccessChange } from "~/utils/live-events.server";

export const MAX_SUBGROUP_NAME = 60;

export type FormationPerson = {
  userId: string;
  name: string;
  function: string | null;
  organisation: string | null;
};

/** Every theme of a community with its registrants, subgroups and people not yet placed. */
export async function getFormationOverview(communityId: string) {
  const [themes, registrations] = await Promise.all([
    db.theme.findMany({
      where: { communityId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        name: true,
        subgroupsFormedAt: true,
        subgroups: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            name: true,
            members: {
              orderBy: { createdAt: "asc" },
              select: { user: { select: { id: true, name: true } } },
            },
          },
        },
      },
    }),
    db.registration.findMany({
      where: { communityId, status: "registered", plenaryOnly: false, themeId: { not: null } },
      orderBy: { createdAt: "asc" },
      select: {
        userId: true,
        themeId: true,
        organisation: true,
        function: true,
        user: { select: { name: true } },
      },
    }),
  ]);
  const registrationOf = new Map(registrations.map((r) => [r.userId, r]));
  const person = (user: { id: string; name: string }): FormationPerson => {
    const reg = registrationOf.get(user.id);
    return {
      userId: user.id,
      name: user.name,
      function: reg?.function ?? null,
      organisation: reg?.organisation ?? null,
    };
  };
  return themes.map((theme) => {
    const placed = new Set(theme.subgroups.flatMap((s) => s.members.map((m) => m.user.id)));
    const waiting = registrations
      .filter((r) => r.themeId === theme.id && !placed.has(r.userId))
      .map((r) => person({ id: r.userId, name: r.user.name }));
    return {
      id: theme.id,
      name: theme.name,
      formedAt: theme.subgroupsFormedAt,
      subgroups: theme.subgroups.map((s) => ({
        id: s.id,
        name: s.name,
        members: s.members.map((m) => person(m.user)),
      })),
      /** Before formation: the people to divide. After: registered but in no subgroup yet. */
      unplaced: waiting,
    };
  });
}

export type ProposedGroup = { name: string; userIds: string[] };

export type FormationError =
  | { kind: "themeNotFound" }
  | { kind: "alreadyFormed" }
  | { kind: "noSubgroups" }
  /** Someone registered, withdrew or was placed since the page was loaded (or was left out). */
  | { kind: "registrantsChanged" }
  | { kind: "nameRequired"; index: number }
  | { kind: "nameTooLong"; index: number }
  | { kind: "nameDuplicate"; index: number }
  | { kind: "emptySubgroup"; index: number };

/** Checks what needs no database: names and empty subgroups. */
export function checkProposedGroups(
  groups: readonly ProposedGroup[],
  existingNames: readonly string[] = [],
): FormationError | null {
  if (groups.length === 0) return { kind: "noSubgroups" };
  const seen = new Set(existingNames.map((n) => n.toLocaleLowerCase("nl")));
  for (const [index, group] of groups.entries()) {
    const name = group.name.trim();
    if (!name) return { kind: "nameRequired", index };
    if (name.length > MAX_SUBGROUP_NAME) return { kind: "nameTooLong", index };
    const key = name.toLocaleLowerCase("nl");
    if (seen.has(key)) return { kind: "nameDuplicate", index };
    seen.add(key);
  }
  for (const [index, group] of groups.entries())
    if (group.userIds.length === 0) return { kind: "emptySubgroup", index };
  return null;
}

type MailUser = { id: string; email: string; name: string; locale: string };

function subgroupLink(origin: string | null, subgroupId: string) {
  return `${origin ?? ""}/subgroups/${subgroupId}`;
}

async function queueSubgroupMail(
  tx: Prisma.TransactionClient,
  kind: "subgroup.placed" | "subgroup.moved",
  dedupeKey: string,
  user: MailUser,
  vars: { subgroupId: string; subgroup: string; theme: string; community: string; from?: string },
  origin: string | null,
) {
  const t = translator(user.locale === "en" ? "en" : "nl");
  const values = {
    name: user.name,
    subgroup: vars.subgroup,
    theme: vars.theme,
    community: vars.community,
    from: vars.from ?? "",
    link: subgroupLink(origin, vars.subgroupId),
  };
  const placed = kind === "subgroup.placed";
  await queueEmail(tx, {
    kind,
    dedupeKey,
    userId: user.id,
    to: user.email,
    subject: t(placed ? "subgroups.mail.placedSubject" : "subgroups.mail.movedSubject", values),
    text: t(placed ? "subgroups.mail.placedText" : "subgroups.mail.movedText", values),
  });
}

const mailUserSelect = { id: true, email: true, name: true, locale: true } as const;

/**
 * Confirms a theme's subgroups: every registrant placed exactly once, no empty subgroup, and the
 * theme not formed in the meantime (a second submit gets "alreadyFormed" and changes nothing).
 * In one transaction: the subgroups, each with an empty outcome, the memberships, the theme's
 * formation time, an audit event, and a "subgroup.placed" mail per member.
 */
export async function confirmFormation(input: {
  communityId: string;
  themeId: string;
  groups: ProposedGroup[];
  actorId: string;
  origin: string | null;
}): Promise<{ ok: true; subgroupIds: string[] } | { ok: false; error: FormationError }> {
  const groups = input.groups.map((g) => ({ name: g.name.trim(), userIds: g.userIds }));
  const attempt = () =>
    db.$transaction(async (tx) => {
      const theme = await tx.theme.findFirst({
        where: { id: input.themeId, communityId: input.communityId },
        select: {
          name: true,
          subgroupsFormedAt: true,
          community: { select: { name: true } },
          subgroups: { select: { name: true, position: true } },
        },
      });
      if (!theme) return { ok: false as const, error: { kind: "themeNotFound" } as const };
      if (theme.subgroupsFormedAt)
        return { ok: false as const, error: { kind: "alreadyFormed" } as const };
      const invalid = checkProposedGroups(
        groups,
        theme.subgroups.map((s) => s.name),
      );
      if (invalid) return { ok: false as const, error: invalid };

      const [registrations, memberships] = await Promise.all([
        tx.registration.findMany({
          where: {
            communityId: input.communityId,
            themeId: input.themeId,
            status: "registered",
            plenaryOnly: false,
          },
          select: { userId: true },
        }),
        tx.subgroupMembership.findMany({
          where: { themeId: input.themeId },
          select: { userId: true },
        }),
      ]);
      const alreadyPlaced = new Set(memberships.map((m) => m.userId));
      const expected = registrations.map((r) => r.userId).filter((id) => !alreadyPlaced.has(id));
      const given = groups.flatMap((g) => g.userIds);
      const unique = new Set(given);
      if (
        unique.size !== given.length ||
        unique.size !== expected.length ||
        expected.some((id) => !unique.has(id))
      )
        return { ok: false as const, error: { kind: "registrantsChanged" } as const };

      // The claim: of two concurrent confirmations only one moves the theme to "formed".
      const now = new Date();
      const claimed = await tx.theme.updateMany({
        where: { id: input.themeId, subgroupsFormedAt: null },
        data: { subgroupsFormedAt: now },
      });
      if (claimed.count !== 1)
        return { ok: false as const, error: { kind: "alreadyFormed" } as const };

      const users = await tx.user.findMany({
        where: { id: { in: given } },
        select: mailUserSelect,
      });
      const firstPosition = Math.max(0, ...theme.subgroups.map((s) => s.position)) + 1;
      const subgroupIds: string[] = [];
      for (const [index, group] of groups.entries()) {
        const subgroup = await tx.subgroup.create({
          data: {
            themeId: input.themeId,
            name: group.name,
            position: firstPosition + index,
            outcome: { create: {} },
          },
          select: { id: true },
        });
        subgroupIds.push(subgroup.id);
        await tx.subgroupMembership.createMany({
          data: group.userIds.map((userId) => ({
            subgroupId: subgroup.id,
            userId,
            themeId: input.themeId,
          })),
        });
        for (const userId of group.userIds) {
          const user = users.find((u) => u.id === userId)!;
          await queueSubgroupMail(
            tx,
            "subgroup.placed",
            `subgroup.placed:${subgroup.id}:${userId}`,
            user,
            {
              subgroupId: subgroup.id,
              subgroup: group.name,
              theme: theme.name,
              community: theme.community.name,
            },
            input.origin,
          );
        }
      }
      await tx.auditEvent.create({
        data: {
          actorId: input.actorId,
          communityId: input.communityId,
          action: "subgroup.form",
          targetType: "theme",
          targetId: input.themeId,
          data: JSON.stringify({
            subgroups: groups.map((g, i) => ({
              id: subgroupIds[i],
              name: g.name,
              userIds: g.userIds,
            })),
          }),
        },
      });
      return { ok: true as const, subgroupIds };
    });
  try {
    return await attempt();
  } catch (error) {
    // A concurrent confirmation that won the race can surface as a write conflict here.
    const theme = await db.theme.findUnique({
      where: { id: input.themeId },
      select: { subgroupsFormedAt: true },
    });
    if (theme?.subgroupsFormedAt) return { ok: false, error: { kind: "alreadyFormed" } };
    throw error;
  }
}

export type PlacementError =
  | "subgroupNotFound"
  | "notFormed"
  | "notMember"
  | "sameSubgroup"
  | "notRegistrant"
  | "alreadyPlaced";

type PlacementResult =
  | { ok: true; subgroupName: string; userName: string }
  | { ok: false; error: PlacementError };

async function targetSubgroup(tx: Prisma.TransactionClient, communityId: string, id: string) {
  return tx.subgroup.findFirst({
    where: { id, theme: { communityId } },
    select: {
      id: true,
      name: true,
      themeId: true,
      theme: {
        select: { name: true, subgroupsFormedAt: true, community: { select: { name: true } } },
      },
    },
  });
}

/**
 * Moves a member to another subgroup of the same theme (after formation membership is fixed;
 * only organisers move people). Audited as subgroup.moveMember; the member gets a
 * "subgroup.moved" mail, and their open connections to the old document close within a second.
 */
export async function moveMember(input: {
  communityId: string;
  userId: string;
  toSubgroupId: string;
  actorId: string;
  origin: string | null;
}): Promise<PlacementResult> {
  const result = await db.$transaction(async (tx): Promise<PlacementResult> => {
    const to = await targetSubgroup(tx, input.communityId, input.toSubgroupId);
    if (!to) return { ok: false, error: "subgroupNotFound" };
    const current = await tx.subgroupMembership.findUnique({
      where: { themeId_userId: { themeId: to.themeId, userId: input.userId } },
      select: { subgroupId: true, subgroup: { select: { name: true } } },
    });
    if (!current) return { ok: false, error: "notMember" };
    if (current.subgroupId === to.id) return { ok: false, error: "sameSubgroup" };
    await tx.subgroupMembership.delete({
      where: { subgroupId_userId: { subgroupId: current.subgroupId, userId: input.userId } },
    });
    await tx.subgroupMembership.create({
      data: { subgroupId: to.id, userId: input.userId, themeId: to.themeId },
    });
    const audit = await tx.auditEvent.create({
      data: {
        actorId: input.actorId,
        communityId: input.communityId,
        action: "subgroup.moveMember",
        targetType: "subgroup",
        targetId: to.id,
        data: JSON.stringify({ userId: input.userId, from: current.subgroupId, to: to.id }),
      },
      select: { id: true },
    });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: mailUserSelect,
    });
    await queueSubgroupMail(
      tx,
      "subgroup.moved",
      `subgroup.moved:${to.id}:${input.userId}:${audit.id}`,
      user,
      {
        subgroupId: to.id,
        subgroup: to.name,
        theme: to.theme.name,
        community: to.theme.community.name,
        from: current.subgroup.name,
      },
      input.origin,
    );
    return { ok: true, subgroupName: to.name, userName: user.name };
  });
  if (result.ok) announceAccessChange({ kind: "user", userId: input.userId });
  return result;
}

/**
 * Places a registrant who is in no subgroup of their theme yet (registered or promoted from the
 * waitlist after formation). Audited as subgroup.placeMember; a "subgroup.placed" mail.
 */
export async function placeMember(input: {
  communityId: string;
  userId: string;
  toSubgroupId: string;
  actorId: string;
  origin: string | null;
}): Promise<PlacementResult> {
  const result = await db.$transaction(async (tx): Promise<PlacementResult> => {
    const to = await targetSubgroup(tx, input.communityId, input.toSubgroupId);
    if (!to) return { ok: false, error: "subgroupNotFound" };
    if (!to.theme.subgroupsFormedAt) return { ok: false, error: "notFormed" };
    const registration = await tx.registration.findUnique({
      where: { communityId_userId: { communityId: input.communityId, userId: input.userId } },
      select: { status: true, themeId: true, plenaryOnly: true },
    });
    if (
      registration?.status !== "registered" ||
      registration.plenaryOnly ||
      registration.themeId !== to.themeId
    )
      return { ok: false, error: "notRegistrant" };
    const existing = await tx.subgroupMembership.findUnique({
      where: { themeId_userId: { themeId: to.themeId, userId: input.userId } },
      select: { subgroupId: true },
    });
    if (existing) return { ok: false, error: "alreadyPlaced" };
    await tx.subgroupMembership.create({
      data: { subgroupId: to.id, userId: input.userId, themeId: to.themeId },
    });
    await tx.auditEvent.create({
      data: {
        actorId: input.actorId,
        communityId: input.communityId,
        action: "subgroup.placeMember",
        targetType: "subgroup",
        targetId: to.id,
        data: JSON.stringify({ userId: input.userId }),
      },
    });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: mailUserSelect,
    });
    await queueSubgroupMail(
      tx,
      "subgroup.placed",
      `subgroup.placed:${to.id}:${input.userId}`,
      user,
      {
        subgroupId: to.id,
        subgroup: to.name,
        theme: to.theme.name,
        community: to.theme.community.name,
      },
      input.origin,
    );
    return { ok: true, subgroupName: to.name, userName: user.name };
  });
  if (result.ok) announceAccessChange({ kind: "user", userId: input.userId });
  return result;
}

export type AddSubgroupError = "themeNotFound" | "notFormed" | "nameTooLong" | "nameDuplicate";

/** An extra subgroup in a formed theme, with an empty outcome (default name "Subgroep N"). */
export async function addSubgroup(input: {
  communityId: string;
  themeId: string;
  name: string;
  actorId: string;
  /** The name when none is given, for the first free number (the route passes its translation). */
  defaultName?: (number: number) => string;
}): Promise<{ ok: true; id: string; name: string } | { ok: false; error: AddSubgroupError }> {
  const defaultName = input.defaultName ?? ((n: number) => `Subgroep ${n}`);
  return db.$transaction(async (tx) => {
    const theme = await tx.theme.findFirst({
      where: { id: input.themeId, communityId: input.communityId },
      select: { subgroupsFormedAt: true, subgroups: { select: { name: true, position: true } } },
    });
    if (!theme) return { ok: false, error: "themeNotFound" };
    if (!theme.subgroupsFormedAt) return { ok: false, error: "notFormed" };
    const taken = new Set(theme.subgroups.map((s) => s.name.toLocaleLowerCase("nl")));
    const position = Math.max(0, ...theme.subgroups.map((s) => s.position)) + 1;
    let name = input.name.trim();
    if (name.length > MAX_SUBGROUP_NAME) return { ok: false, error: "nameTooLong" };
    if (name && taken.has(name.toLocaleLowerCase("nl")))
      return { ok: false, error: "nameDuplicate" };
    if (!name) {
      let n = theme.subgroups.length + 1;
      while (taken.has(defaultName(n).toLocaleLowerCase("nl"))) n++;
      name = defaultName(n);
    }
    const subgroup = await tx.subgroup.create({
      data: { themeId: input.themeId, name, position, outcome: { create: {} } },
      select: { id: true },
    });
    await tx.auditEvent.create({
      data: {
        actorId: input.actorId,
        communityId: input.communityId,
        action: "subgroup.create",
        targetType: "subgroup",
        targetId: subgroup.id,
        data: JSON.stringify({ themeId: input.themeId, name }),
      },
    });
    return { ok: true, id: subgroup.id, name };
  });
}

/** Name and address of a community, for the organiser pages' headings and links. */
export async function getCommunitySummary(communityId: string) {
  return db.community.findUniqueOrThrow({
    where: { id: communityId },
    select: { id: true, slug: true, name: true },
  });
}
