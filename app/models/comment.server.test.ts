import { toBase64 } from "lib0/buffer";
import type { AppLoadContext } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
// Valid anchors (base64 of Y.encodeRelativePosition) as the editor makes them; the model only
// checks their form. What they resolve to is tested in app/editor/comment-anchors.test.ts.
import * as Y from "yjs";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { onOutcomeEvent } from "~/utils/live-events.server";
import { action as commentsAction } from "../routes/subgroups.$subgroupId_.comments";
import {
  deleteComment,
  editComment,
  findMentions,
  listThreads,
  replyToThread,
  setThreadResolved,
  startThread,
} from "./comment.server";
import { checkPermission } from "./permissions.server";
import { exportUserData } from "./privacy.server";

let themeId: string;
const ORIGIN = "http://werkplaats.test";

function anchor(index: number) {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  text.insert(0, "Een zin om op te reageren.");
  return toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)));
}

let counter = 0;
async function person(name: string) {
  counter += 1;
  return db.user.create({
    data: {
      email: `comment-${Date.now().toString(36)}-${counter}@werkplaats.test`,
      name,
      passwordHash: "x",
    },
  });
}

/** A subgroup of its own per test, with members of the given names. */
async function freshSubgroup(names: string[]) {
  const subgroup = await db.subgroup.create({
    data: {
      themeId,
      name: `Testgroep ${Math.random().toString(36).slice(2, 8)}`,
      position: 99,
      outcome: { create: { type: "leeg", status: "concept" } },
    },
    include: { outcome: true },
  });
  const members = [];
  for (const name of names) {
    const user = await person(name);
    await db.subgroupMembership.create({
      data: { subgroupId: subgroup.id, userId: user.id, themeId },
    });
    members.push(user);
  }
  return { subgroupId: subgroup.id, outcomeId: subgroup.outcome!.id, members };
}

function start(outcomeId: string, actorId: string, body: string) {
  return startThread({
    outcomeId,
    actorId,
    anchorStart: anchor(4),
    anchorEnd: anchor(7),
    quote: "zin",
    body,
    origin: ORIGIN,
  });
}

beforeAll(async () => {
  await seedDemo(db);
  themeId = (await db.theme.findFirstOrThrow({ select: { id: true } })).id;
});

describe("mention parsing", () => {
  const people = [
    { id: "1", name: "Bas van Dijk" },
    { id: "2", name: "Bas van Dijkstra" },
    { id: "3", name: "Eva Mulder" },
  ];

  it("finds the longest name, also when another name is a prefix of it", () => {
    expect(findMentions("Wat vind jij, @Bas van Dijkstra?", people).map((p) => p.id)).toEqual([
      "2",
    ]);
    expect(findMentions("@bas van dijk en @Eva Mulder: eens?", people).map((p) => p.id)).toEqual([
      "1",
      "3",
    ]);
  });

  it("ignores names of people outside the list and partial words", () => {
    expect(findMentions("@Lotte Smit, kijk jij mee?", people)).toEqual([]);
    expect(findMentions("@Eva Mulders idee", people)).toEqual([]);
    expect(findMentions("mail naar eva@school.nl", people)).toEqual([]);
    // An e-mail address whose domain happens to be a name is no mention either.
    expect(findMentions("mail naar jan@eva mulder", people)).toEqual([]);
  });
});

describe("threads", () => {
  it("start, reply, resolve and reopen, announced and audited", async () => {
    const { outcomeId, members } = await freshSubgroup(["Annet Kwast", "Joost Brink"]);
    const [annet, joost] = members as unknown as [{ id: string }, { id: string }];
    const events: string[] = [];
    const stop = onOutcomeEvent((id, topic) => {
      if (id === outcomeId) events.push(topic);
    });

    const started = await start(outcomeId, annet.id, "  Kan dit concreter?  ");
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const reply = await replyToThread({
      outcomeId,
      threadId: started.threadId,
      actorId: joost.id,
      body: "Ja, ik voeg een voorbeeld toe.",
      origin: ORIGIN,
    });
    expect(reply.ok).toBe(true);
    const resolve = { outcomeId, threadId: started.threadId, actorId: joost.id, resolved: true };
    expect(await setThreadResolved(resolve)).toEqual({ ok: true, changed: true });
    expect(await setThreadResolved(resolve)).toEqual({ ok: true, changed: false });

    let [thread] = await listThreads(outcomeId);
    expect(thread?.quote).toBe("zin");
    expect(thread?.resolvedAt).not.toBeNull();
    expect(thread?.resolvedBy?.name).toBe("Joost Brink");
    expect(thread?.comments.map((c) => [c.author?.name, c.body])).toEqual([
      ["Annet Kwast", "Kan dit concreter?"],
      ["Joost Brink", "Ja, ik voeg een voorbeeld toe."],
    ]);

    expect(await setThreadResolved({ ...resolve, actorId: annet.id, resolved: false })).toEqual({
      ok: true,
      changed: true,
    });
    [thread] = await listThreads(outcomeId);
    expect(thread?.resolvedAt).toBeNull();
    stop();
    expect(events).toEqual(["comments", "comments", "comments", "comments"]);

    const audit = await db.auditEvent.findMany({
      where: { targetId: started.threadId },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["comment.resolve", "comment.reopen"]);
  });

  it("refuse empty or too long text and broken anchors with a message for the field", async () => {
    const { outcomeId, members } = await freshSubgroup(["Mila Roos"]);
    const actorId = members[0]!.id;
    expect(await start(outcomeId, actorId, "   ")).toMatchObject({
      ok: false,
      field: "body",
      message: "comments.error.bodyEmpty",
    });
    expect(await start(outcomeId, actorId, "x".repeat(2001))).toMatchObject({
      ok: false,
      field: "body",
      message: "comments.error.bodyTooLong",
    });
    expect(
      await startThread({
        outcomeId,
        actorId,
        anchorStart: "geen positie",
        anchorEnd: anchor(3),
        quote: "zin",
        body: "Hallo",
        origin: ORIGIN,
      }),
    ).toMatchObject({ ok: false, field: "selection", message: "comments.error.selection" });
    expect(await listThreads(outcomeId)).toEqual([]);
  });

  it("let people edit and delete only their own comments; a deleted account shows no name", async () => {
    const { outcomeId, members } = await freshSubgroup(["Rik Vos", "Sara Bos"]);
    const [rik, sara] = members as unknown as [{ id: string }, { id: string }];
    const started = await start(outcomeId, rik.id, "Eerste versie");
    if (!started.ok) throw new Error("not started");
    const edit = { outcomeId, commentId: started.commentId, body: "Tweede", origin: ORIGIN };
    expect(await editComment({ ...edit, actorId: sara.id })).toMatchObject({
      ok: false,
      reason: "notOwn",
    });
    expect(await deleteComment({ ...edit, actorId: sara.id })).toMatchObject({ reason: "notOwn" });
    expect(await editComment({ ...edit, actorId: rik.id })).toMatchObject({ ok: true });
    const reply = await replyToThread({
      outcomeId,
      threadId: started.threadId,
      actorId: sara.id,
      body: "Reactie",
      origin: ORIGIN,
    });
    if (!reply.ok) throw new Error("no reply");

    await db.user.delete({ where: { id: rik.id } });
    let [thread] = await listThreads(outcomeId);
    expect(thread?.comments[0]).toMatchObject({ body: "Tweede", author: null });
    expect(thread?.comments[0]?.editedAt).not.toBeNull();

    expect(
      await deleteComment({ outcomeId, commentId: reply.commentId, actorId: sara.id }),
    ).toEqual({
      ok: true,
      threadDeleted: false,
    });
    [thread] = await listThreads(outcomeId);
    expect(thread?.comments).toHaveLength(1);
  });

  it("never touch a thread of another document", async () => {
    const mine = await freshSubgroup(["Tim Wit"]);
    const other = await freshSubgroup(["Ute Zwart"]);
    const started = await start(other.outcomeId, other.members[0]!.id, "Van een andere groep");
    if (!started.ok) throw new Error("not started");
    const actorId = mine.members[0]!.id;
    expect(
      await replyToThread({
        outcomeId: mine.outcomeId,
        threadId: started.threadId,
        actorId,
        body: "Hallo",
        origin: ORIGIN,
      }),
    ).toMatchObject({ ok: false, reason: "notFound" });
    expect(
      await setThreadResolved({
        outcomeId: mine.outcomeId,
        threadId: started.threadId,
        actorId,
        resolved: true,
      }),
    ).toMatchObject({ ok: false, reason: "notFound" });
  });
});

describe("mentions", () => {
  it("notify mentioned members in the app and by e-mail, once per comment, never outsiders", async () => {
    const { subgroupId, outcomeId, members } = await freshSubgroup([
      "Bas van Dijk",
      "Bas van Dijkstra",
      "Eva Mulder",
    ]);
    const [bas, basDijkstra, eva] = members as unknown as [
      { id: string },
      { id: string },
      { id: string },
    ];
    const outsider = (await freshSubgroup(["Lotte Buiten"])).members[0]!;

    const started = await start(
      outcomeId,
      eva.id,
      "@Bas van Dijkstra en @Lotte Buiten, wat vinden jullie? (@Eva Mulder ben ik zelf)",
    );
    if (!started.ok) throw new Error("not started");
    expect(started.notified).toBe(1);

    const notifications = await db.notification.findMany({ where: { threadId: started.threadId } });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      userId: basDijkstra.id,
      kind: "mention",
      actorId: eva.id,
      outcomeId,
    });
    const mails = await db.emailJob.findMany({ where: { userId: basDijkstra.id } });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Eva Mulder noemde je in een opmerking");
    expect(mails[0]?.text).toContain(
      `${ORIGIN}/subgroups/${subgroupId}#thread-${started.threadId}`,
    );
    expect(await db.notification.count({ where: { userId: outsider.id } })).toBe(0);
    expect(await db.notification.count({ where: { userId: bas.id } })).toBe(0);

    // Editing the comment notifies only the newly mentioned, and mails nobody twice.
    await editComment({
      outcomeId,
      commentId: started.commentId,
      actorId: eva.id,
      body: "@Bas van Dijkstra en @Bas van Dijk: wat vinden jullie?",
      origin: ORIGIN,
    });
    expect(await db.notification.count({ where: { userId: basDijkstra.id } })).toBe(1);
    expect(await db.notification.count({ where: { userId: bas.id } })).toBe(1);
    expect(await db.emailJob.count({ where: { userId: basDijkstra.id } })).toBe(1);
    // The old text (it may have named a pupil) left the earlier notification.
    expect(
      (await db.notification.findFirstOrThrow({ where: { userId: basDijkstra.id } })).excerpt,
    ).toBe("");

    // Both show in the people's own data export.
    const mentionedData = await exportUserData(basDijkstra.id);
    expect(mentionedData.notifications).toMatchObject([{ kind: "mention", from: "Eva Mulder" }]);
    const authorData = await exportUserData(eva.id);
    expect(authorData.comments).toMatchObject([
      { passage: "zin", body: "@Bas van Dijkstra en @Bas van Dijk: wat vinden jullie?" },
    ]);
  });
});

describe("permission", () => {
  it("refuses a member of another subgroup, through the permissions module and the route", async () => {
    const { subgroupId, outcomeId } = await freshSubgroup(["Kim Lid"]);
    const outsider = (await freshSubgroup(["Noa Ander"])).members[0]!;
    const answer = await checkPermission(outsider.id, "outcome.comment", {
      kind: "outcome",
      id: outcomeId,
    });
    expect(answer.allowed).toBe(false);

    const form = new URLSearchParams({ intent: "reply", threadId: "x", body: "Hallo" });
    const request = new Request(`${ORIGIN}/subgroups/${subgroupId}/comments`, {
      method: "POST",
      body: form,
    });
    const context = {
      requestId: "test",
      clientIp: "127.0.0.1",
      session: { user: { id: outsider.id } },
    } as unknown as AppLoadContext;
    const refused = await commentsAction({
      request,
      params: { subgroupId },
      context,
    } as Parameters<typeof commentsAction>[0]).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(refused).toMatchObject({ init: { status: 403 } });
  });

  it("answers bad input to the route with a 400 and a Dutch message key", async () => {
    const { subgroupId, members } = await freshSubgroup(["Pim Lid"]);
    const request = new Request(`${ORIGIN}/subgroups/${subgroupId}/comments`, {
      method: "POST",
      body: new URLSearchParams({ intent: "start", anchorStart: "", anchorEnd: "", quote: "" }),
    });
    const context = {
      requestId: "test",
      clientIp: "127.0.0.1",
      session: { user: { id: members[0]!.id } },
    } as unknown as AppLoadContext;
    const answer = await commentsAction({
      request,
      params: { subgroupId },
      context,
    } as Parameters<typeof commentsAction>[0]);
    expect(answer).toMatchObject({ init: { status: 400 }, data: { ok: false } });
  });
});
