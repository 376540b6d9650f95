// The questions board and the plenary page on real SQLite: merging moves votes without double
// counting, agenda ordering, "discussed" needs an answer, on screen, and who may do what.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { type CommunityTopic, onCommunityEvent } from "~/utils/live-events.server";
import { checkPermission, requirePermission } from "./permissions.server";
import { getPlenaryPage, setOnScreen } from "./plenary.server";
import {
  agendaQuestions,
  listQuestions,
  markDiscussed,
  mergeQuestion,
  moveQuestion,
  planQuestion,
  raiseQuestion,
  toggleVote,
} from "./question.server";

let communityId: string;
let subgroupId: string;
let organiserId: string;
let memberId: string;
let plenaryOnlyId: string;
let meetingIds: string[];
const voters: string[] = [];

const userId = (email: string) =>
  db.user.findUniqueOrThrow({ where: { email }, select: { id: true } }).then((u) => u.id);

async function raise(text: string) {
  const result = await raiseQuestion(subgroupId, memberId, `${text} ${Math.random()}`);
  if (!result.ok) throw new Error(result.problem);
  return result.id;
}

const votesOf = (questionId: string) => db.plenaryQuestionVote.count({ where: { questionId } });

beforeAll(async () => {
  await seedDemo(db);
  const community = await db.community.findFirstOrThrow({
    where: { slug: "werken-aan-aanwezigheid" },
  });
  communityId = community.id;
  const subgroup = await db.subgroup.findFirstOrThrow({
    where: { name: "Subgroep 1", theme: { communityId, name: "Effectieve methodieken" } },
  });
  subgroupId = subgroup.id;
  organiserId = await userId("organisator@werkplaats.test");
  memberId = await userId("deelnemer05@werkplaats.test");
  plenaryOnlyId = await userId("deelnemer13@werkplaats.test");
  for (const n of ["01", "02", "03", "04"])
    voters.push(await userId(`deelnemer${n}@werkplaats.test`));
  meetingIds = (
    await db.meeting.findMany({ where: { communityId }, orderBy: { number: "asc" } })
  ).map((m) => m.id);
});

describe("raising and voting", () => {
  it("links a raised question to its subgroup and theme, and announces it live", async () => {
    const events: CommunityTopic[] = [];
    const stop = onCommunityEvent((id, topic) => id === communityId && events.push(topic));
    const id = await raise("Hoe houden we ouders betrokken?");
    stop();
    const row = await db.plenaryQuestion.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ communityId, subgroupId, status: "open", authorId: memberId });
    expect(row.themeId).toBe(
      (await db.subgroup.findUniqueOrThrow({ where: { id: subgroupId } })).themeId,
    );
    expect(events).toEqual(["questions"]);
  });

  it("refuses an empty or too long question", async () => {
    expect(await raiseQuestion(subgroupId, memberId, "   ")).toEqual({
      ok: false,
      problem: "textRequired",
    });
    expect(await raiseQuestion(subgroupId, memberId, "x".repeat(501))).toEqual({
      ok: false,
      problem: "textTooLong",
    });
  });

  it("a vote is a toggle: one vote per person", async () => {
    const id = await raise("Toggle");
    expect(await toggleVote(communityId, id, plenaryOnlyId)).toEqual({
      ok: true,
      voted: true,
      votes: 1,
    });
    expect(await toggleVote(communityId, id, organiserId)).toMatchObject({ votes: 2 });
    expect(await toggleVote(communityId, id, plenaryOnlyId)).toEqual({
      ok: true,
      voted: false,
      votes: 1,
    });
    const board = await listQuestions(communityId, { userId: organiserId });
    expect(board.open.find((q) => q.id === id)).toMatchObject({ votes: 1, votedByMe: true });
  });

  it("a wrong or foreign id is a problem, never an exception", async () => {
    expect(await toggleVote(communityId, "nope", plenaryOnlyId)).toEqual({
      ok: false,
      problem: "notFound",
    });
    const id = await raise("Andere gemeenschap");
    expect(await toggleVote("other-community", id, plenaryOnlyId)).toEqual({
      ok: false,
      problem: "notFound",
    });
  });

  it("sorts open questions by votes, most first", async () => {
    const few = await raise("Weinig stemmen");
    const many = await raise("Veel stemmen");
    await toggleVote(communityId, many, voters[0]!);
    await toggleVote(communityId, many, voters[1]!);
    await toggleVote(communityId, few, voters[0]!);
    const ids = (await listQuestions(communityId, { userId: null })).open.map((q) => q.id);
    expect(ids.indexOf(many)).toBeLessThan(ids.indexOf(few));
  });
});

describe("merging duplicates", () => {
  it("moves the votes to the kept question without counting a person twice", async () => {
    const keep = await raise("Ouders betrekken");
    const duplicate = await raise("Hoe betrekken we ouders");
    await toggleVote(communityId, keep, voters[0]!);
    await toggleVote(communityId, keep, voters[1]!);
    await toggleVote(communityId, duplicate, voters[1]!); // voted for both
    await toggleVote(communityId, duplicate, voters[2]!);
    await toggleVote(communityId, duplicate, voters[3]!);

    expect(await mergeQuestion(communityId, duplicate, keep, organiserId)).toEqual({
      ok: true,
      votes: 4,
    });
    expect(await votesOf(keep)).toBe(4);
    expect(await votesOf(duplicate)).toBe(0);
    const board = await listQuestions(communityId, { userId: null });
    expect(board.merged.find((q) => q.id === duplicate)?.mergedInto?.id).toBe(keep);
    expect(board.open.some((q) => q.id === duplicate)).toBe(false);
    expect(
      await db.auditEvent.count({ where: { action: "question.merge", targetId: duplicate } }),
    ).toBe(1);
  });

  it("refuses merging into itself, into a merged question, or a merged one again", async () => {
    const a = await raise("A");
    const b = await raise("B");
    const c = await raise("C");
    expect(await mergeQuestion(communityId, a, a, organiserId)).toEqual({
      ok: false,
      problem: "sameQuestion",
    });
    expect(await mergeQuestion(communityId, b, a, organiserId)).toMatchObject({ ok: true });
    expect(await mergeQuestion(communityId, c, b, organiserId)).toEqual({
      ok: false,
      problem: "targetNotOpen",
    });
    expect(await mergeQuestion(communityId, b, c, organiserId)).toEqual({
      ok: false,
      problem: "notOpen",
    });
    expect(await mergeQuestion(communityId, "nope", a, organiserId)).toEqual({
      ok: false,
      problem: "notFound",
    });
  });

  it("questions merged earlier into the duplicate follow it to the kept one", async () => {
    const first = await raise("Eerste");
    const second = await raise("Tweede");
    const third = await raise("Derde");
    await mergeQuestion(communityId, first, second, organiserId);
    await mergeQuestion(communityId, second, third, organiserId);
    const row = await db.plenaryQuestion.findUniqueOrThrow({ where: { id: first } });
    expect(row.mergedIntoId).toBe(third);
  });
});

describe("the plenary agenda", () => {
  it("plans questions at the end, moves them up and down, and keeps positions 1..n", async () => {
    const meetingId = meetingIds[2]!;
    const [a, b, c] = [await raise("Agenda A"), await raise("Agenda B"), await raise("Agenda C")];
    for (const id of [a, b, c])
      expect(await planQuestion(communityId, id, meetingId, organiserId)).toEqual({ ok: true });
    const order = async () => (await agendaQuestions(meetingId, null)).map((q) => q.id);
    expect(await order()).toEqual([a, b, c]);

    expect(await moveQuestion(communityId, c, "up", organiserId)).toEqual({
      ok: true,
      moved: true,
    });
    expect(await order()).toEqual([a, c, b]);
    expect(await moveQuestion(communityId, a, "up", organiserId)).toEqual({
      ok: true,
      moved: false,
    });
    expect(await moveQuestion(communityId, a, "down", organiserId)).toMatchObject({ moved: true });
    expect(await order()).toEqual([c, a, b]);

    // Off the agenda: the rest close up; merging a planned one also takes it off.
    expect(await planQuestion(communityId, a, null, organiserId)).toEqual({ ok: true });
    expect(await order()).toEqual([c, b]);
    await mergeQuestion(communityId, c, b, organiserId);
    expect(await order()).toEqual([b]);
    const positions = (await agendaQuestions(meetingId, null)).map((q) => q.agendaPosition);
    expect(positions).toEqual([1]);
  });

  it("refuses a meeting of another community and moving an unplanned question", async () => {
    const id = await raise("Niet ingepland");
    expect(await planQuestion(communityId, id, "nope", organiserId)).toEqual({
      ok: false,
      problem: "meetingNotFound",
    });
    expect(await moveQuestion(communityId, id, "up", organiserId)).toEqual({
      ok: false,
      problem: "notPlanned",
    });
  });
});

describe("marking discussed", () => {
  it("needs a written answer, which stays on the question", async () => {
    const id = await raise("Besproken?");
    expect(await markDiscussed(communityId, id, "   ", organiserId)).toEqual({
      ok: false,
      problem: "answerRequired",
    });
    expect(await markDiscussed(communityId, id, "x".repeat(1001), organiserId)).toEqual({
      ok: false,
      problem: "answerTooLong",
    });
    expect(await db.plenaryQuestion.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "open",
      answer: null,
    });
    expect(await markDiscussed(communityId, id, " Bel op dag één. ", organiserId)).toEqual({
      ok: true,
    });
    const board = await listQuestions(communityId, { userId: null });
    expect(board.discussed.find((q) => q.id === id)).toMatchObject({
      answer: "Bel op dag één.",
      answeredBy: "Marieke de Vries",
    });
    // Discussed questions take no more votes and cannot be merged away.
    expect(await toggleVote(communityId, id, plenaryOnlyId)).toEqual({
      ok: false,
      problem: "notOpen",
    });
  });
});

describe("on screen", () => {
  it("puts a question on screen and takes it off, audited and announced", async () => {
    const id = await raise("Op het scherm");
    const events: CommunityTopic[] = [];
    const stop = onCommunityEvent((cid, topic) => cid === communityId && events.push(topic));
    expect(
      await setOnScreen(communityId, meetingIds[0]!, { kind: "question", id }, organiserId),
    ).toEqual({ ok: true });
    const page = await getPlenaryPage(communityId, 1, null);
    expect(page?.onScreen).toMatchObject({ kind: "question", question: { id } });
    expect(await setOnScreen(communityId, meetingIds[0]!, null, organiserId)).toEqual({
      ok: true,
    });
    stop();
    expect((await getPlenaryPage(communityId, 1, null))?.onScreen).toBeNull();
    expect(events).toEqual(["screen", "screen"]);
    expect(
      await db.auditEvent.count({
        where: {
          targetId: meetingIds[0]!,
          action: { in: ["plenary.onScreen", "plenary.offScreen"] },
        },
      }),
    ).toBeGreaterThanOrEqual(2);
  });

  it("refuses an outcome that was never published", async () => {
    const outcome = await db.outcome.findFirstOrThrow({
      where: { subgroup: { theme: { communityId } }, publications: { none: {} } },
    });
    expect(
      await setOnScreen(
        communityId,
        meetingIds[0]!,
        { kind: "outcome", id: outcome.id },
        organiserId,
      ),
    ).toEqual({ ok: false, problem: "notPublished" });
  });
});

describe("who may do what", () => {
  const community = () => ({ kind: "community", id: communityId }) as const;
  const subgroup = () => ({ kind: "subgroup", id: subgroupId }) as const;
  const request = new Request("http://werkplaats.test/communities/x/plenary/1");

  it("a plenary-only registrant views and votes, but raises nothing and moderates nothing", async () => {
    expect((await checkPermission(plenaryOnlyId, "plenary.view", community())).allowed).toBe(true);
    expect((await checkPermission(plenaryOnlyId, "question.vote", community())).allowed).toBe(true);
    expect((await checkPermission(plenaryOnlyId, "question.raise", subgroup())).allowed).toBe(
      false,
    );
    expect((await checkPermission(plenaryOnlyId, "question.moderate", community())).allowed).toBe(
      false,
    );
    expect((await checkPermission(plenaryOnlyId, "plenary.present", community())).allowed).toBe(
      false,
    );
  });

  it("a member raises from their subgroup; the organiser moderates and presents", async () => {
    expect((await checkPermission(memberId, "question.raise", subgroup())).allowed).toBe(true);
    expect((await checkPermission(organiserId, "question.moderate", community())).allowed).toBe(
      true,
    );
    expect((await checkPermission(organiserId, "plenary.present", community())).allowed).toBe(true);
  });

  it("somebody not registered gets 403, an anonymous visitor the sign-in page", async () => {
    const outsider = await db.user.create({
      data: { email: `buiten-${Math.random()}@werkplaats.test`, name: "Buiten", passwordHash: "x" },
    });
    const refused = await requirePermission(
      request,
      outsider.id,
      "plenary.view",
      community(),
    ).catch((e: unknown) => e);
    expect((refused as { init?: { status?: number } }).init?.status).toBe(403);
    const anonymous = await requirePermission(request, null, "plenary.view", community()).catch(
      (e: unknown) => e,
    );
    expect((anonymous as Response).status).toBe(302);
    expect((anonymous as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});
