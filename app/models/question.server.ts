// The shared questions board: members raise a question or topic for the plenary from their
// subgroup (linked to its theme), everybody registered upvotes (one vote per person, a toggle),
// the organiser merges duplicates (votes move without double counting), orders questions into
// a meeting's plenary agenda and marks them discussed with a short written answer.
// Routes check the permissions first (question.raise / question.vote / question.moderate); these
// functions check that ids belong to the community, so a wrong id is a message, never a 500.
// Every change is announced live ("questions"), moderation is audited.
import type { QuestionStatus } from "~/lib/domain";
import { MAX_ANSWER, MAX_QUESTION_TEXT } from "~/lib/questions";
import { type Db, db, type Prisma } from "~/utils/db.server";
import { announceCommunityEvent } from "~/utils/live-events.server";

export { MAX_ANSWER, MAX_QUESTION_TEXT };

export type QuestionProblem =
  | "notFound"
  | "notOpen"
  | "sameQuestion"
  | "targetNotOpen"
  | "meetingNotFound"
  | "notPlanned"
  | "answerRequired"
  | "answerTooLong"
  | "textRequired"
  | "textTooLong";

export type QuestionResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; problem: QuestionProblem };

function audit(
  tx: Prisma.TransactionClient,
  entry: {
    communityId: string;
    actorId: string;
    action: string;
    questionId: string;
    data?: object;
  },
) {
  return tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      communityId: entry.communityId,
      action: entry.action,
      targetType: "question",
      targetId: entry.questionId,
      data: JSON.stringify(entry.data ?? {}),
    },
  });
}

/** The text as stored: trimmed, runs of whitespace kept as typed. Problem when empty/too long. */
export function checkQuestionText(text: string): QuestionProblem | null {
  const trimmed = text.trim();
  if (trimmed === "") return "textRequired";
  if (trimmed.length > MAX_QUESTION_TEXT) return "textTooLong";
  return null;
}

/** Raises a question from a subgroup (the route checked question.raise on the subgroup). */
export async function raiseQuestion(
  subgroupId: string,
  authorId: string,
  text: string,
): Promise<QuestionResult<{ id: string }>> {
  const problem = checkQuestionText(text);
  if (problem) return { ok: false, problem };
  const subgroup = await db.subgroup.findUnique({
    where: { id: subgroupId },
    select: { themeId: true, theme: { select: { communityId: true } } },
  });
  if (!subgroup) return { ok: false, problem: "notFound" };
  const question = await db.plenaryQuestion.create({
    data: {
      communityId: subgroup.theme.communityId,
      themeId: subgroup.themeId,
      subgroupId,
      authorId,
      text: text.trim(),
    },
    select: { id: true },
  });
  announceCommunityEvent(subgroup.theme.communityId, "questions");
  return { ok: true, id: question.id };
}

const questionSelect = {
  id: true,
  text: true,
  status: true,
  createdAt: true,
  answer: true,
  discussedAt: true,
  agendaPosition: true,
  meeting: { select: { id: true, number: true } },
  theme: { select: { id: true, name: true, position: true } },
  subgroup: { select: { id: true, name: true } },
  answeredBy: { select: { name: true } },
  mergedInto: { select: { id: true, text: true } },
  _count: { select: { votes: true } },
} satisfies Prisma.PlenaryQuestionSelect;

type QuestionRow = Prisma.PlenaryQuestionGetPayload<{ select: typeof questionSelect }>;

function present(row: QuestionRow, myVotes: Set<string>) {
  return {
    id: row.id,
    text: row.text,
    status: row.status as QuestionStatus,
    createdAt: row.createdAt,
    votes: row._count.votes,
    votedByMe: myVotes.has(row.id),
    theme: row.theme ? { id: row.theme.id, name: row.theme.name } : null,
    subgroup: row.subgroup,
    meeting: row.meeting,
    agendaPosition: row.agendaPosition,
    answer: row.answer,
    answeredBy: row.answeredBy?.name ?? null,
    discussedAt: row.discussedAt,
    mergedInto: row.mergedInto,
  };
}
export type QuestionView = ReturnType<typeof present>;

async function votesOf(userId: string | null, questionIds: string[]): Promise<Set<string>> {
  if (!userId || questionIds.length === 0) return new Set();
  const votes = await db.plenaryQuestionVote.findMany({
    where: { userId, questionId: { in: questionIds } },
    select: { questionId: true },
  });
  return new Set(votes.map((v) => v.questionId));
}

/**
 * The board: open questions by votes (most first, then oldest first), discussed ones (newest
 * answer first) and merged ones; optionally of one theme only.
 */
export async function listQuestions(
  communityId: string,
  options: { userId: string | null; themeId?: string | null },
) {
  const rows = await db.plenaryQuestion.findMany({
    where: { communityId, ...(options.themeId ? { themeId: options.themeId } : {}) },
    orderBy: { createdAt: "asc" },
    select: questionSelect,
  });
  const mine = await votesOf(
    options.userId,
    rows.map((r) => r.id),
  );
  const all = rows.map((r) => present(r, mine));
  return {
    open: all
      .filter((q) => q.status === "open")
      .sort((a, b) => b.votes - a.votes || a.createdAt.getTime() - b.createdAt.getTime()),
    discussed: all
      .filter((q) => q.status === "discussed")
      .sort((a, b) => (b.discussedAt?.getTime() ?? 0) - (a.discussedAt?.getTime() ?? 0)),
    merged: all.filter((q) => q.status === "merged"),
  };
}

/** The questions on a meeting's plenary agenda, in agenda order. */
export async function agendaQuestions(meetingId: string, userId: string | null) {
  const rows = await db.plenaryQuestion.findMany({
    where: { meetingId, status: { not: "merged" } },
    orderBy: [{ agendaPosition: "asc" }, { createdAt: "asc" }],
    select: questionSelect,
  });
  const mine = await votesOf(
    userId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, mine));
}

/** The questions raised from one subgroup (for its page), newest first. */
export async function subgroupQuestions(subgroupId: string, userId: string | null) {
  const rows = await db.plenaryQuestion.findMany({
    where: { subgroupId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: questionSelect,
  });
  const mine = await votesOf(
    userId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, mine));
}

async function findQuestion(
  client: Db | Prisma.TransactionClient,
  communityId: string,
  id: string,
) {
  return client.plenaryQuestion.findFirst({
    where: { id, communityId },
    select: { id: true, status: true, meetingId: true, agendaPosition: true, text: true },
  });
}

/** Votes for an open question, or takes the vote back. One vote per person. */
export async function toggleVote(
  communityId: string,
  questionId: string,
  userId: string,
): Promise<QuestionResult<{ voted: boolean; votes: number }>> {
  const outcome = await db.$transaction(async (tx): Promise<QuestionResult<{ voted: boolean }>> => {
    // Locks the question (PostgreSQL) so a merge cannot move votes while this one is cast.
    const open = await lockOpen(tx, communityId, [questionId]);
    if (open === 0) {
      const question = await findQuestion(tx, communityId, questionId);
      return { ok: false, problem: question ? "notOpen" : "notFound" };
    }
    const removed = await tx.plenaryQuestionVote.deleteMany({ where: { questionId, userId } });
    if (removed.count > 0) return { ok: true, voted: false };
    await tx.plenaryQuestionVote.create({ data: { questionId, userId } });
    return { ok: true, voted: true };
  });
  if (!outcome.ok) return outcome;
  const { voted } = outcome;
  const votes = await db.plenaryQuestionVote.count({ where: { questionId } });
  announceCommunityEvent(communityId, "questions");
  return { ok: true, voted, votes };
}

/**
 * Touches the questions that are still open (of this community) as the transaction's first
 * write, so that on PostgreSQL their rows stay locked until it commits; returns how many are.
 */
async function lockOpen(tx: Prisma.TransactionClient, communityId: string, ids: string[]) {
  const { count } = await tx.plenaryQuestion.updateMany({
    where: { id: { in: ids }, communityId, status: "open" },
    data: { status: "open" },
  });
  return count;
}

/** Renumbers a meeting's agenda 1..n in its current order. */
async function compactAgenda(tx: Prisma.TransactionClient, meetingId: string) {
  const planned = await tx.plenaryQuestion.findMany({
    where: { meetingId, status: { not: "merged" } },
    orderBy: [{ agendaPosition: "asc" }, { createdAt: "asc" }],
    select: { id: true, agendaPosition: true },
  });
  for (const [index, q] of planned.entries())
    if (q.agendaPosition !== index + 1)
      await tx.plenaryQuestion.update({ where: { id: q.id }, data: { agendaPosition: index + 1 } });
}

/**
 * Merges a duplicate into the question that is kept: the duplicate's votes move there (a person
 * who voted for both keeps one vote), questions merged earlier into the duplicate now point at
 * the kept one, and the duplicate leaves the agenda and shows "samengevoegd met …".
 */
export async function mergeQuestion(
  communityId: string,
  duplicateId: string,
  keepId: string,
  actorId: string,
): Promise<QuestionResult<{ votes: number }>> {
  if (duplicateId === keepId) return { ok: false, problem: "sameQuestion" };
  const result = await db.$transaction(async (tx): Promise<QuestionResult<{ votes: number }>> => {
    // First write locks both rows (PostgreSQL): a concurrent merge, vote or answer of either
    // question waits for this one and then finds it no longer open.
    await lockOpen(tx, communityId, [duplicateId, keepId]);
    const [duplicate, keep] = await Promise.all([
      findQuestion(tx, communityId, duplicateId),
      findQuestion(tx, communityId, keepId),
    ]);
    if (!duplicate || !keep) return { ok: false, problem: "notFound" };
    if (duplicate.status !== "open") return { ok: false, problem: "notOpen" };
    if (keep.status !== "open") return { ok: false, problem: "targetNotOpen" };
    const [moving, already] = await Promise.all([
      tx.plenaryQuestionVote.findMany({
        where: { questionId: duplicateId },
        select: { userId: true },
      }),
      tx.plenaryQuestionVote.findMany({ where: { questionId: keepId }, select: { userId: true } }),
    ]);
    const voters = new Set(already.map((v) => v.userId));
    const fresh = moving.filter((v) => !voters.has(v.userId));
    for (const vote of fresh)
      await tx.plenaryQuestionVote.create({ data: { questionId: keepId, userId: vote.userId } });
    await tx.plenaryQuestionVote.deleteMany({ where: { questionId: duplicateId } });
    await tx.plenaryQuestion.updateMany({
      where: { mergedIntoId: duplicateId },
      data: { mergedIntoId: keepId },
    });
    await tx.plenaryQuestion.update({
      where: { id: duplicateId },
      data: { status: "merged", mergedIntoId: keepId, meetingId: null, agendaPosition: null },
    });
    if (duplicate.meetingId) await compactAgenda(tx, duplicate.meetingId);
    await audit(tx, {
      communityId,
      actorId,
      action: "question.merge",
      questionId: duplicateId,
      data: { into: keepId, movedVotes: fresh.length },
    });
    return { ok: true, votes: voters.size + fresh.length };
  });
  if (result.ok) announceCommunityEvent(communityId, "questions");
  return result;
}

/**
 * Puts a question on a meeting's plenary agenda (at the end), moves it to another meeting, or
 * (meetingId null) takes it off the agenda.
 */
export async function planQuestion(
  communityId: string,
  questionId: string,
  meetingId: string | null,
  actorId: string,
): Promise<QuestionResult> {
  const result = await db.$transaction(async (tx): Promise<QuestionResult> => {
    const question = await findQuestion(tx, communityId, questionId);
    if (!question) return { ok: false, problem: "notFound" };
    if (question.status === "merged") return { ok: false, problem: "notOpen" };
    if (meetingId) {
      const meeting = await tx.meeting.findFirst({
        where: { id: meetingId, communityId },
        select: { id: true },
      });
      if (!meeting) return { ok: false, problem: "meetingNotFound" };
      if (question.meetingId === meetingId) return { ok: true };
      const last = await tx.plenaryQuestion.aggregate({
        where: { meetingId, status: { not: "merged" } },
        _max: { agendaPosition: true },
      });
      await tx.plenaryQuestion.update({
        where: { id: questionId },
        data: { meetingId, agendaPosition: (last._max.agendaPosition ?? 0) + 1 },
      });
    } else {
      if (!question.meetingId) return { ok: false, problem: "notPlanned" };
      await tx.plenaryQuestion.update({
        where: { id: questionId },
        data: { meetingId: null, agendaPosition: null },
      });
    }
    if (question.meetingId) await compactAgenda(tx, question.meetingId);
    await audit(tx, {
      communityId,
      actorId,
      action: "question.plan",
      questionId,
      data: { meetingId, from: question.meetingId },
    });
    return { ok: true };
  });
  if (result.ok) announceCommunityEvent(communityId, "questions");
  return result;
}

/** Moves a planned question one place up or down its meeting's agenda. */
export async function moveQuestion(
  communityId: string,
  questionId: string,
  direction: "up" | "down",
  actorId: string,
): Promise<QuestionResult<{ moved: boolean }>> {
  const result = await db.$transaction(async (tx): Promise<QuestionResult<{ moved: boolean }>> => {
    const question = await findQuestion(tx, communityId, questionId);
    if (!question) return { ok: false, problem: "notFound" };
    if (!question.meetingId || question.status === "merged")
      return { ok: false, problem: "notPlanned" };
    await compactAgenda(tx, question.meetingId);
    const agenda = await tx.plenaryQuestion.findMany({
      where: { meetingId: question.meetingId, status: { not: "merged" } },
      orderBy: { agendaPosition: "asc" },
      select: { id: true },
    });
    const index = agenda.findIndex((q) => q.id === questionId);
    const other = agenda[direction === "up" ? index - 1 : index + 1];
    if (index < 0 || !other) return { ok: true, moved: false };
    const otherIndex = direction === "up" ? index - 1 : index + 1;
    await tx.plenaryQuestion.update({
      where: { id: questionId },
      data: { agendaPosition: otherIndex + 1 },
    });
    await tx.plenaryQuestion.update({
      where: { id: other.id },
      data: { agendaPosition: index + 1 },
    });
    await audit(tx, {
      communityId,
      actorId,
      action: "question.move",
      questionId,
      data: { direction, position: otherIndex + 1 },
    });
    return { ok: true, moved: true };
  });
  if (result.ok && result.moved) announceCommunityEvent(communityId, "questions");
  return result;
}

/**
 * Marks a question discussed with a short written answer (required), or corrects the answer
 * of one already discussed. The answer stays visible on the board and the plenary page.
 */
export async function markDiscussed(
  communityId: string,
  questionId: string,
  answer: string,
  actorId: string,
): Promise<QuestionResult> {
  const text = answer.trim();
  if (text === "") return { ok: false, problem: "answerRequired" };
  if (text.length > MAX_ANSWER) return { ok: false, problem: "answerTooLong" };
  const result = await db.$transaction(async (tx): Promise<QuestionResult> => {
    const question = await findQuestion(tx, communityId, questionId);
    if (!question) return { ok: false, problem: "notFound" };
    if (question.status === "merged") return { ok: false, problem: "notOpen" };
    const { count } = await tx.plenaryQuestion.updateMany({
      where: { id: questionId, status: { in: ["open", "discussed"] } },
      data: {
        status: "discussed",
        answer: text,
        answeredById: actorId,
        discussedAt: new Date(),
      },
    });
    if (count === 0) return { ok: false, problem: "notOpen" };
    await audit(tx, {
      communityId,
      actorId,
      action: "question.discussed",
      questionId,
      data: { answer: text, before: question.status },
    });
    return { ok: true };
  });
  if (result.ok) announceCommunityEvent(communityId, "questions");
  return result;
}
