// Comments on an outcome document: threads anchored to a passage (two Yjs relative positions,
// see app/editor/comment-anchors.ts), replies, resolve and reopen (audited), editing and deleting
// one's own comment, and @mentions of the people who may read the document (notified in the app
// and by e-mail). Every change is announced to the open editors of the document ("comments").
// Who may comment at all is the permissions module's answer ("outcome.comment"); the caller
// passes the outcome it checked, and every thread and comment here must belong to it.
import { decodeAnchor } from "~/editor/comment-anchors";
import type { MessageKey } from "~/i18n";
import { excerptOf, notify } from "~/models/notification.server";
import { type OutcomeCircle, outcomeCircle, type Person } from "~/models/subgroup.server";
import { db, type Prisma } from "~/utils/db.server";
import { announceOutcomeEvent } from "~/utils/live-events.server";

export const MAX_COMMENT_LENGTH = 2000;
export const MAX_QUOTE_LENGTH = 500;

/** A refusal the person can act on: a translated message, and the field it belongs to. */
export type CommentFailure = {
  ok: false;
  reason: "invalid" | "notFound" | "notOwn";
  field?: "body" | "selection";
  message?: MessageKey;
};
export type CommentResult<T> = ({ ok: true } & T) | CommentFailure;

const notFound: CommentFailure = { ok: false, reason: "notFound" };

/** Checks a comment's text; returns the trimmed text or the message for the field. */
export function validateBody(raw: unknown): { body: string } | CommentFailure {
  const body = typeof raw === "string" ? raw.replace(/\r\n/g, "\n").trim() : "";
  if (body === "")
    return { ok: false, reason: "invalid", field: "body", message: "comments.error.bodyEmpty" };
  if (body.length > MAX_COMMENT_LENGTH)
    return { ok: false, reason: "invalid", field: "body", message: "comments.error.bodyTooLong" };
  return { body };
}

function quoteOf(raw: unknown): string {
  const flat = (typeof raw === "string" ? raw : "").replace(/\s+/g, " ").trim();
  return flat.length > MAX_QUOTE_LENGTH ? `${flat.slice(0, MAX_QUOTE_LENGTH - 1)}…` : flat;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The people mentioned in `body`: "@Voornaam Achternaam" for a name in `people`
 * (case-insensitive, not followed by a letter or digit). Longer names win, so "@Bas van Dijkstra"
 * is not a mention of "Bas van Dijk". Only people in the list can be mentioned.
 */
export function findMentions(body: string, people: readonly Person[]): Person[] {
  const byLength = [...people]
    .filter((p) => p.name.trim() !== "")
    .sort((a, b) => b.name.length - a.name.length);
  const lower = body.toLocaleLowerCase("nl");
  const found = new Map<string, Person>();
  for (let at = lower.indexOf("@"); at >= 0; at = lower.indexOf("@", at + 1)) {
    // "jan@bas.nl" is an e-mail address, not a mention of Bas.
    if (at > 0 && LETTER_OR_DIGIT.test(lower.charAt(at - 1))) continue;
    const rest = lower.slice(at + 1);
    const match = byLength.find((p) => {
      const name = p.name.toLocaleLowerCase("nl");
      return rest.startsWith(name) && !LETTER_OR_DIGIT.test(rest.charAt(name.length));
    });
    if (!match) continue;
    // Everyone with exactly that name (rare, but both may read the document).
    for (const p of byLength) if (p.name === match.name) found.set(p.id, p);
  }
  return [...found.values()];
}

type Circle = OutcomeCircle;

/** Notifies the people mentioned in a comment (not those in `already`), in the same transaction. */
async function notifyMentions(
  tx: Prisma.TransactionClient,
  circle: Circle,
  input: {
    outcomeId: string;
    threadId: string;
    commentId: string;
    actorId: string;
    body: string;
    origin: string;
  },
  already: readonly string[] = [],
) {
  const mentioned = findMentions(input.body, circle.people)
    .map((p) => p.id)
    .filter((id) => !already.includes(id));
  if (mentioned.length === 0) return 0;
  return notify(
    tx,
    mentioned,
    {
      kind: "mention",
      actorId: input.actorId,
      outcomeId: input.outcomeId,
      threadId: input.threadId,
      excerpt: input.body,
      path: `/subgroups/${circle.subgroupId}#thread-${input.threadId}`,
      dedupeKey: input.commentId,
      subjectKey: "comments.mail.mentionSubject",
      bodyKey: "comments.mail.mentionBody",
      vars: { subgroup: circle.subgroupName },
    },
    input.origin,
  );
}

/** The threads of a document with their comments, oldest first (the page orders them by place). */
export async function listThreads(outcomeId: string) {
  const threads = await db.commentThread.findMany({
    where: { outcomeId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      anchorStart: true,
      anchorEnd: true,
      quote: true,
      createdAt: true,
      resolvedAt: true,
      resolvedBy: { select: { id: true, name: true } },
      comments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          body: true,
          createdAt: true,
          editedAt: true,
          author: { select: { id: true, name: true } },
        },
      },
    },
  });
  // A thread whose every comment was deleted has nothing to say any more.
  return threads.filter((t) => t.comments.length > 0);
}

export type ThreadView = Awaited<ReturnType<typeof listThreads>>[number];

/** Starts a thread on a passage with its first comment; notifies the people mentioned. */
export async function startThread(input: {
  outcomeId: string;
  actorId: string;
  anchorStart: unknown;
  anchorEnd: unknown;
  quote: unknown;
  body: unknown;
  origin: string;
}): Promise<CommentResult<{ threadId: string; commentId: string; notified: number }>> {
  const anchorStart = typeof input.anchorStart === "string" ? input.anchorStart : "";
  const anchorEnd = typeof input.anchorEnd === "string" ? input.anchorEnd : "";
  const quote = quoteOf(input.quote);
  if (!decodeAnchor(anchorStart) || !decodeAnchor(anchorEnd) || quote === "")
    return {
      ok: false,
      reason: "invalid",
      field: "selection",
      message: "comments.error.selection",
    };
  const checked = validateBody(input.body);
  if ("ok" in checked) return checked;
  const circle = await outcomeCircle(input.outcomeId);
  if (!circle) return notFound;
  const result = await db.$transaction(async (tx) => {
    const thread = await tx.commentThread.create({
      data: {
        outcomeId: input.outcomeId,
        anchorStart,
        anchorEnd,
        quote,
        createdById: input.actorId,
        comments: { create: { authorId: input.actorId, body: checked.body } },
      },
      select: { id: true, comments: { select: { id: true } } },
    });
    const commentId = thread.comments[0]!.id;
    const notified = await notifyMentions(tx, circle, {
      ...input,
      threadId: thread.id,
      commentId,
      body: checked.body,
    });
    return { threadId: thread.id, commentId, notified };
  });
  announceOutcomeEvent(input.outcomeId, "comments");
  return { ok: true, ...result };
}

/** Adds a reply to a thread of this document; notifies the people mentioned. */
export async function replyToThread(input: {
  outcomeId: string;
  threadId: string;
  actorId: string;
  body: unknown;
  origin: string;
}): Promise<CommentResult<{ commentId: string; notified: number }>> {
  const checked = validateBody(input.body);
  if ("ok" in checked) return checked;
  const thread = await db.commentThread.findFirst({
    where: { id: input.threadId, outcomeId: input.outcomeId },
    select: { id: true },
  });
  const circle = await outcomeCircle(input.outcomeId);
  if (!thread || !circle) return notFound;
  const result = await db.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: { threadId: thread.id, authorId: input.actorId, body: checked.body },
      select: { id: true },
    });
    const notified = await notifyMentions(tx, circle, {
      ...input,
      commentId: comment.id,
      body: checked.body,
    });
    return { commentId: comment.id, notified };
  });
  announceOutcomeEvent(input.outcomeId, "comments");
  return { ok: true, ...result };
}

/** Resolves or reopens a thread (anyone who may comment); audited. False: it already was. */
export async function setThreadResolved(input: {
  outcomeId: string;
  threadId: string;
  actorId: string;
  resolved: boolean;
}): Promise<CommentResult<{ changed: boolean }>> {
  const circle = await outcomeCircle(input.outcomeId);
  if (!circle) return notFound;
  const changed = await db.$transaction(async (tx) => {
    const { count } = await tx.commentThread.updateMany({
      where: {
        id: input.threadId,
        outcomeId: input.outcomeId,
        resolvedAt: input.resolved ? null : { not: null },
      },
      data: input.resolved
        ? { resolvedAt: new Date(), resolvedById: input.actorId }
        : { resolvedAt: null, resolvedById: null },
    });
    if (count === 0) return false;
    await tx.auditEvent.create({
      data: {
        actorId: input.actorId,
        communityId: circle.communityId,
        action: input.resolved ? "comment.resolve" : "comment.reopen",
        targetType: "commentThread",
        targetId: input.threadId,
        data: JSON.stringify({ outcomeId: input.outcomeId }),
      },
    });
    return true;
  });
  if (!changed) {
    const exists = await db.commentThread.count({
      where: { id: input.threadId, outcomeId: input.outcomeId },
    });
    if (exists === 0) return notFound;
    return { ok: true, changed: false };
  }
  announceOutcomeEvent(input.outcomeId, "comments");
  return { ok: true, changed: true };
}

/** Finds a comment of this document and checks that `actorId` wrote it. */
async function ownComment(outcomeId: string, commentId: string, actorId: string) {
  const comment = await db.comment.findFirst({
    where: { id: commentId, thread: { outcomeId } },
    select: { id: true, authorId: true, body: true, threadId: true },
  });
  if (!comment) return notFound;
  if (comment.authorId !== actorId) return { ok: false, reason: "notOwn" } as CommentFailure;
  return comment;
}

/**
 * The text of a comment that was changed or deleted leaves the notifications that quoted it
 * (it may have named a pupil): they keep who and where, not what.
 */
async function forgetExcerpt(
  tx: Prisma.TransactionClient,
  comment: { threadId: string; body: string; authorId?: string | null },
) {
  await tx.notification.updateMany({
    where: { threadId: comment.threadId, kind: "mention", excerpt: excerptOf(comment.body) },
    data: { excerpt: "" },
  });
}

/** Changes the text of one's own comment; people newly mentioned in it are notified. */
export async function editComment(input: {
  outcomeId: string;
  commentId: string;
  actorId: string;
  body: unknown;
  origin: string;
}): Promise<CommentResult<{ notified: number }>> {
  const checked = validateBody(input.body);
  if ("ok" in checked) return checked;
  const comment = await ownComment(input.outcomeId, input.commentId, input.actorId);
  if ("ok" in comment) return comment;
  const circle = await outcomeCircle(input.outcomeId);
  if (!circle) return notFound;
  const notified = await db.$transaction(async (tx) => {
    await tx.comment.update({
      where: { id: comment.id },
      data: { body: checked.body, editedAt: new Date() },
    });
    await forgetExcerpt(tx, comment);
    const before = findMentions(comment.body, circle.people).map((p) => p.id);
    return notifyMentions(
      tx,
      circle,
      { ...input, threadId: comment.threadId, body: checked.body },
      before,
    );
  });
  announceOutcomeEvent(input.outcomeId, "comments");
  return { ok: true, notified };
}

/** Deletes one's own comment; a thread without comments goes with it. */
export async function deleteComment(input: {
  outcomeId: string;
  commentId: string;
  actorId: string;
}): Promise<CommentResult<{ threadDeleted: boolean }>> {
  const comment = await ownComment(input.outcomeId, input.commentId, input.actorId);
  if ("ok" in comment) return comment;
  const threadDeleted = await db.$transaction(async (tx) => {
    await tx.comment.delete({ where: { id: comment.id } });
    await forgetExcerpt(tx, comment);
    const left = await tx.comment.count({ where: { threadId: comment.threadId } });
    if (left > 0) return false;
    await tx.commentThread.delete({ where: { id: comment.threadId } });
    return true;
  });
  announceOutcomeEvent(input.outcomeId, "comments");
  return { ok: true, threadDeleted };
}

/** What the data export (AVG) holds about a person's comments. */
export async function commentsOf(userId: string) {
  return db.comment.findMany({
    where: { authorId: userId },
    orderBy: { createdAt: "asc" },
    select: {
      body: true,
      createdAt: true,
      editedAt: true,
      thread: {
        select: { quote: true, outcome: { select: { subgroup: { select: { name: true } } } } },
      },
    },
  });
}
