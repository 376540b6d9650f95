// Notifications: an in-app list per person (shown on "mijn werkplaats" and counted in the
// header) with an e-mail for each, queued in the same transaction as the change that causes
// it (an @mention in a comment, a review step of an outcome). Who gets notified is the caller's
// decision; this module stores, mails, lists and marks read.
import { type Locale, type MessageKey, translator } from "~/i18n";
import { queueEmail } from "~/models/email-queue.server";
import { db, type Prisma } from "~/utils/db.server";

export const NOTIFICATION_KINDS = [
  "mention",
  "review",
  "approved",
  "published",
  "returned",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NewNotification = {
  kind: NotificationKind;
  actorId: string | null;
  outcomeId: string;
  threadId?: string | null;
  /** Short text to show with it (an excerpt of the comment, the note with a review step). */
  excerpt: string;
  /** Path of the page to open, e.g. "/subgroups/<id>#comment-<id>". */
  path: string;
  /** Makes the e-mail idempotent (same key: no second mail), e.g. the comment's id. */
  dedupeKey: string;
  /** Mail texts: keys with {actor}, {excerpt}, {link}, {subgroup} and {title}. */
  subjectKey: MessageKey;
  bodyKey: MessageKey;
  /** Extra values for the mail texts. */
  vars?: Record<string, string>;
};

const MAX_EXCERPT = 280;

export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_EXCERPT ? `${flat.slice(0, MAX_EXCERPT - 1)}…` : flat;
}

/**
 * Notifies each of `userIds` (the actor is skipped: nobody is notified of their own act) in the
 * app and by e-mail in their own language. Run inside the transaction of the change.
 */
export async function notify(
  tx: Prisma.TransactionClient,
  userIds: readonly string[],
  notification: NewNotification,
  origin: string,
): Promise<number> {
  const recipients = [...new Set(userIds)].filter((id) => id !== notification.actorId);
  if (recipients.length === 0) return 0;
  const users = await tx.user.findMany({
    where: { id: { in: recipients } },
    select: { id: true, email: true, locale: true },
  });
  const actor = notification.actorId
    ? await tx.user.findUnique({ where: { id: notification.actorId }, select: { name: true } })
    : null;
  const excerpt = excerptOf(notification.excerpt);
  for (const user of users) {
    await tx.notification.create({
      data: {
        userId: user.id,
        kind: notification.kind,
        actorId: notification.actorId,
        outcomeId: notification.outcomeId,
        threadId: notification.threadId ?? null,
        excerpt,
      },
    });
    const t = translator((user.locale === "en" ? "en" : "nl") as Locale);
    const vars = {
      actor: actor?.name ?? "",
      excerpt,
      link: `${origin}${notification.path}`,
      ...notification.vars,
    };
    await queueEmail(tx, {
      kind: "notification",
      dedupeKey: `notification.${notification.kind}:${notification.dedupeKey}:${user.id}`,
      userId: user.id,
      to: user.email,
      subject: t(notification.subjectKey, vars),
      text: t(notification.bodyKey, vars),
    });
  }
  return users.length;
}

/** The newest notifications of a person, with where they lead. */
export async function listNotifications(userId: string, take = 30) {
  const rows = await db.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      excerpt: true,
      createdAt: true,
      readAt: true,
      threadId: true,
      actor: { select: { name: true } },
      outcome: {
        select: { title: true, subgroup: { select: { id: true, name: true } } },
      },
    },
  });
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind as NotificationKind,
    excerpt: n.excerpt,
    createdAt: n.createdAt,
    read: n.readAt !== null,
    actorName: n.actor?.name ?? null,
    subgroup: n.outcome?.subgroup ?? null,
    outcomeTitle: n.outcome?.title ?? null,
    threadId: n.threadId,
  }));
}

export function countUnread(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Marks notifications read: the given ones, or all of this person's. Only their own. */
export async function markNotificationsRead(userId: string, ids?: readonly string[]) {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: [...ids] } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
