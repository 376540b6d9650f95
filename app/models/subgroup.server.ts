// The subgroup page: who is in it, who guides it, and its outcome document.

import { type Db, db, type Prisma } from "~/utils/db.server";
import { announceAccessChange } from "~/utils/live-events.server";

export async function getSubgroupPage(subgroupId: string) {
  const subgroup = await db.subgroup.findUnique({
    where: { id: subgroupId },
    select: {
      id: true,
      name: true,
      theme: {
        select: {
          id: true,
          name: true,
          community: { select: { id: true, slug: true, name: true } },
          roleGrants: {
            where: { role: "facilitator" },
            select: { user: { select: { id: true, name: true } } },
          },
        },
      },
      roleGrants: {
        where: { role: "facilitator" },
        select: { user: { select: { id: true, name: true } } },
      },
      members: {
        orderBy: { createdAt: "asc" },
        select: { user: { select: { id: true, name: true } } },
      },
      outcome: {
        select: {
          id: true,
          title: true,
          type: true,
          status: true,
          locked: true,
          templateApplied: true,
        },
      },
    },
  });
  if (!subgroup) return null;
  const memberIds = subgroup.members.map((m) => m.user.id);
  const registrations = await db.registration.findMany({
    where: { communityId: subgroup.theme.community.id, userId: { in: memberIds } },
    select: { userId: true, organisation: true, function: true },
  });
  const facilitators = [...subgroup.theme.roleGrants, ...subgroup.roleGrants].map((g) => g.user);
  return {
    id: subgroup.id,
    name: subgroup.name,
    theme: { id: subgroup.theme.id, name: subgroup.theme.name },
    community: subgroup.theme.community,
    facilitators: facilitators.filter((f, i) => facilitators.findIndex((g) => g.id === f.id) === i),
    members: subgroup.members.map(({ user }) => {
      const reg = registrations.find((r) => r.userId === user.id);
      return { ...user, organisation: reg?.organisation ?? null, function: reg?.function ?? null };
    }),
    outcome: subgroup.outcome,
  };
}

/** Removes a member from a subgroup; their open editor connections are closed within a second. */
export async function removeMember(
  subgroupId: string,
  userId: string,
  actorId: string,
): Promise<boolean> {
  const removed = await db.$transaction(async (tx) => {
    const { count } = await tx.subgroupMembership.deleteMany({ where: { subgroupId, userId } });
    if (count === 0) return false;
    const subgroup = await tx.subgroup.findUniqueOrThrow({
      where: { id: subgroupId },
      select: { theme: { select: { communityId: true } } },
    });
    await tx.auditEvent.create({
      data: {
        actorId,
        communityId: subgroup.theme.communityId,
        action: "subgroup.removeMember",
        targetType: "subgroup",
        targetId: subgroupId,
        data: JSON.stringify({ userId }),
      },
    });
    return true;
  });
  if (removed) announceAccessChange({ kind: "user", userId });
  return removed;
}

export type Person = { id: string; name: string };

/**
 * The people around an outcome document: its subgroup's members, the facilitators of its theme
 * or subgroup, and the community's organisers (the ones who may read it, see the permissions
 * module); `people` is all of them once, by name. For mentions and notifications.
 */
export async function outcomeCircle(outcomeId: string, client: Db | Prisma.TransactionClient = db) {
  const outcome = await client.outcome.findUnique({
    where: { id: outcomeId },
    select: {
      subgroup: {
        select: {
          id: true,
          name: true,
          themeId: true,
          theme: { select: { communityId: true } },
          members: { select: { user: { select: { id: true, name: true } } } },
        },
      },
    },
  });
  if (!outcome) return null;
  const { subgroup } = outcome;
  const grants = await client.roleGrant.findMany({
    where: {
      communityId: subgroup.theme.communityId,
      OR: [
        { role: "organiser" },
        { role: "facilitator", themeId: subgroup.themeId },
        { role: "facilitator", subgroupId: subgroup.id },
      ],
    },
    select: { role: true, user: { select: { id: true, name: true } } },
  });
  const members: Person[] = subgroup.members.map((m) => m.user);
  const facilitators: Person[] = grants.filter((g) => g.role === "facilitator").map((g) => g.user);
  const people = new Map<string, Person>();
  for (const person of [...members, ...grants.map((g) => g.user)]) people.set(person.id, person);
  return {
    subgroupId: subgroup.id,
    subgroupName: subgroup.name,
    communityId: subgroup.theme.communityId,
    members,
    facilitators,
    people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name, "nl")),
  };
}

export type OutcomeCircle = NonNullable<Awaited<ReturnType<typeof outcomeCircle>>>;
