// The person's own data (AVG): everything we keep about them as JSON, and deleting the account.
// Deleting keeps what they wrote in shared documents (the text belongs to the subgroup's
// outcome) but drops their name from it: OutcomeUpdate.userId and audit actors become null.
import { db } from "~/utils/db.server";
import { announceAccessChange } from "~/utils/live-events.server";
import { verifyPassword } from "~/utils/password.server";
import { commentsOf } from "./comment.server";
import { withdraw } from "./registration.server";

export async function exportUserData(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      createdAt: true,
      updatedAt: true,
      registrations: {
        select: {
          community: { select: { name: true, slug: true } },
          theme: { select: { name: true } },
          plenaryOnly: true,
          organisation: true,
          function: true,
          status: true,
          consentAt: true,
          waitlistedAt: true,
          withdrawnAt: true,
          createdAt: true,
          updatedAt: true,
        },
      },
      memberships: {
        select: {
          createdAt: true,
          subgroup: {
            select: {
              name: true,
              theme: { select: { name: true, community: { select: { name: true } } } },
            },
          },
        },
      },
      roleGrants: {
        select: {
          role: true,
          createdAt: true,
          community: { select: { name: true } },
          theme: { select: { name: true } },
        },
      },
      sessions: { select: { createdAt: true, expiresAt: true, userAgent: true } },
      auditEvents: {
        orderBy: { at: "asc" },
        select: { at: true, action: true, targetType: true, targetId: true },
      },
      emails: {
        orderBy: { createdAt: "asc" },
        select: { kind: true, subject: true, status: true, createdAt: true, sentAt: true },
      },
    },
  });
  const contributions = await db.outcomeUpdate.groupBy({
    by: ["outcomeId"],
    where: { userId },
    _count: { _all: true },
  });
  const [comments, notifications] = await Promise.all([
    commentsOf(userId),
    db.notification.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        kind: true,
        excerpt: true,
        createdAt: true,
        readAt: true,
        actor: { select: { name: true } },
        outcome: { select: { subgroup: { select: { name: true } } } },
      },
    }),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    },
    registrations: user.registrations,
    subgroups: user.memberships,
    roles: user.roleGrants,
    sessions: user.sessions,
    activity: user.auditEvents,
    emails: user.emails,
    documentContributions: contributions.map((c) => ({
      outcomeId: c.outcomeId,
      changes: c._count._all,
    })),
    comments: comments.map((c) => ({
      subgroup: c.thread.outcome.subgroup.name,
      passage: c.thread.quote,
      body: c.body,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
    })),
    notifications: notifications.map((n) => ({
      kind: n.kind,
      from: n.actor?.name ?? null,
      subgroup: n.outcome?.subgroup.name ?? null,
      excerpt: n.excerpt,
      createdAt: n.createdAt,
      readAt: n.readAt,
    })),
  };
}

export type DeleteAccountResult =
  | { ok: true }
  | { ok: false; reason: "wrongPassword" }
  | { ok: false; reason: "lastOrganiser"; community: string };

export async function deleteAccount(
  userId: string,
  password: string,
  options: { origin: string },
): Promise<DeleteAccountResult> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(user.passwordHash, password)))
    return { ok: false, reason: "wrongPassword" };

  // A community must keep an organiser.
  const organises = await db.roleGrant.findMany({
    where: { userId, role: "organiser" },
    select: { communityId: true, community: { select: { name: true } } },
  });
  for (const grant of organises) {
    const others = await db.roleGrant.count({
      where: { communityId: grant.communityId, role: "organiser", userId: { not: userId } },
    });
    if (others === 0)
      return { ok: false, reason: "lastOrganiser", community: grant.community.name };
  }

  // Withdraw first, so each freed place goes to the waitlist (with its mails).
  const active = await db.registration.findMany({
    where: { userId, status: { not: "withdrawn" } },
    select: { communityId: true },
  });
  for (const r of active) await withdraw(userId, r.communityId, options);

  await db.$transaction(async (tx) => {
    // Unsent mail to this person is no longer wanted.
    await tx.emailJob.deleteMany({ where: { userId, status: { in: ["pending", "failed"] } } });
    await tx.user.delete({ where: { id: userId } });
    await tx.auditEvent.create({
      data: { action: "account.delete", targetType: "user", targetId: userId },
    });
  });
  announceAccessChange({ kind: "user", userId });
  return { ok: true };
}
