// The e-mail queue: domain code queues a rendered message (in the same transaction as the change
// that causes it), and one in-process scheduler per node delivers due messages and queues the
// day-before meeting reminders. Everything it needs to remember lives in the database, so a
// restart picks up where it stopped and never queues or sends a message twice:
//   - queueing is idempotent by `dedupeKey` (a unique column);
//   - a node claims a job by moving it from "pending" to "sending" with a conditional update,
//     so two nodes never both deliver it;
//   - a job left in "sending" by a crash is retried after CLAIM_TIMEOUT_MS with the same id,
//     which the outbox uses as file name and SMTP as Message-ID (decision 008).

import { type Db, db, type Prisma } from "~/utils/db.server";
import type { EmailAttachment } from "~/utils/email.server";
import { sendEmail } from "~/utils/email.server";

export type EmailKind =
  | "registration.confirmed"
  | "registration.waitlisted"
  | "waitlist.promoted"
  | "meeting.reminder"
  | "meeting.cancelled"
  | "subgroup.placed"
  | "subgroup.moved"
  | "notification";

export type QueuedEmail = {
  kind: EmailKind;
  /** Same key, same message: queueing it again does nothing. */
  dedupeKey: string;
  userId?: string | null;
  to: string;
  subject: string;
  text: string;
  attachments?: EmailAttachment[];
  sendAfter?: Date;
};

type Client = Db | Prisma.TransactionClient;

/** Queues a message; returns false when a message with this dedupeKey was queued before. */
export async function queueEmail(client: Client, email: QueuedEmail): Promise<boolean> {
  const existing = await client.emailJob.findUnique({
    where: { dedupeKey: email.dedupeKey },
    select: { id: true },
  });
  if (existing) return false;
  await client.emailJob.create({
    data: {
      kind: email.kind,
      dedupeKey: email.dedupeKey,
      userId: email.userId ?? null,
      to: email.to,
      subject: email.subject,
      text: email.text,
      attachments: JSON.stringify(email.attachments ?? []),
      sendAfter: email.sendAfter ?? new Date(),
    },
  });
  return true;
}

const MAX_ATTEMPTS = 5;
/** A claim older than this is taken to belong to a node that died mid-delivery. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

/** Delivers every due message once; returns how many were sent. */
export async function deliverDueEmails(now = new Date(), limit = 50): Promise<number> {
  const due = await db.emailJob.findMany({
    where: {
      OR: [
        { status: "pending", sendAfter: { lte: now } },
        { status: "sending", claimedAt: { lt: new Date(now.getTime() - CLAIM_TIMEOUT_MS) } },
      ],
    },
    orderBy: { sendAfter: "asc" },
    take: limit,
  });
  let sent = 0;
  for (const job of due) {
    // The claim: only one node (or tick) moves this exact row from what we read to "sending".
    const claimed = await db.emailJob.updateMany({
      where: { id: job.id, status: job.status, claimedAt: job.claimedAt },
      data: { status: "sending", claimedAt: new Date(), attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue;
    try {
      await sendEmail({
        id: job.id,
        to: job.to,
        subject: job.subject,
        text: job.text,
        attachments: JSON.parse(job.attachments) as EmailAttachment[],
      });
      await db.emailJob.update({
        where: { id: job.id },
        data: { status: "sent", sentAt: new Date(), lastError: null },
      });
      sent++;
    } catch (error) {
      const attempts = job.attempts + 1;
      const retryIn = Math.min(60 * 60_000, 30_000 * 2 ** attempts);
      await db.emailJob.update({
        where: { id: job.id },
        data: {
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          lastError: String((error as Error)?.message ?? error).slice(0, 500),
          sendAfter: new Date(Date.now() + retryIn),
          claimedAt: null,
        },
      });
    }
  }
  return sent;
}

export type SchedulerTask = (now: Date) => Promise<unknown>;

/**
 * Runs `tasks` (e.g. queueing reminders) and then delivery every `intervalMs`, one tick at a
 * time. Returns a stop function that waits for a running tick.
 */
export function startEmailScheduler(
  options: {
    intervalMs?: number;
    tasks?: SchedulerTask[];
    onError?: (error: unknown) => void;
  } = {},
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 5_000;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    const now = new Date();
    for (const task of options.tasks ?? []) {
      try {
        await task(now);
      } catch (error) {
        options.onError?.(error);
      }
    }
    try {
      // Drain in batches so a burst (e.g. 200 cancellation mails) does not wait a tick per 50.
      while ((await deliverDueEmails(now)) === 50 && !stopped) {}
    } catch (error) {
      options.onError?.(error);
    }
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick().finally(() => {
      running = null;
    });
  }, intervalMs);
  timer.unref();
  // A first tick straight away, so mail queued before a restart goes out at once.
  running = tick().finally(() => {
    running = null;
  });
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
