// The review flow and the privacy guard on real SQLite: steps in order, notes, audit, the
// immutable publication, and "no BSN leaves the group without an audited override".
import type { JSONContent } from "@tiptap/core";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { jsonToUpdate } from "~/editor/render.server";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { appendUpdates, loadDocument } from "../../server/collab/persistence";
import { blockingFindings, overrideFinding, scanDocument } from "./privacy-guard.server";
import { currentPublication, statusHistory, transitionOutcome } from "./review.server";

let themeId: string;
let leaderId: string;
let memberId: string;

const origin = "http://werkplaats.test";

const doc = (...paragraphs: string[]): JSONContent => ({
  type: "doc",
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

/** A subgroup of its own per test with one member; the theme's facilitator leads it. */
async function freshOutcome(content?: JSONContent) {
  // One subgroup per person per theme: each test's group gets its own member.
  memberId = (
    await db.user.create({
      data: {
        email: `review-${Math.random().toString(36).slice(2)}@werkplaats.test`,
        name: "Rianne Reviewtest",
        passwordHash: "x",
      },
    })
  ).id;
  const subgroup = await db.subgroup.create({
    data: {
      themeId,
      name: `Reviewgroep ${Math.random().toString(36).slice(2, 8)}`,
      position: 98,
      outcome: { create: { type: "leeg", status: "concept", title: "Stappenplan verzuim" } },
      members: { create: { userId: memberId, themeId } },
    },
    include: { outcome: true },
  });
  const outcomeId = subgroup.outcome?.id as string;
  if (content)
    await appendUpdates(outcomeId, [{ update: jsonToUpdate(content), userId: memberId }]);
  return outcomeId;
}

/** Replaces the document's text, like an edit in the browser (a second Y.Doc's update). */
async function rewrite(outcomeId: string, content: JSONContent) {
  const loaded = await loadDocument(outcomeId);
  if (!loaded) throw new Error("no document");
  const fragment = loaded.doc.getXmlFragment("default");
  const before = Y.encodeStateVector(loaded.doc);
  loaded.doc.transact(() => fragment.delete(0, fragment.length));
  const replacement = new Y.Doc();
  Y.applyUpdate(replacement, jsonToUpdate(content));
  loaded.doc.transact(() => {
    const source = replacement.getXmlFragment("default");
    fragment.insert(
      0,
      source.toArray().map((n) => (n as Y.XmlElement).clone()),
    );
  });
  await appendUpdates(outcomeId, [
    { update: Y.encodeStateAsUpdate(loaded.doc, before), userId: memberId },
  ]);
  loaded.doc.destroy();
}

const input = (note = "") => ({ note, actorId: leaderId, origin });

beforeAll(async () => {
  await seedDemo(db);
  const grant = await db.roleGrant.findFirstOrThrow({
    where: { role: "facilitator", themeId: { not: null } },
    select: { userId: true, themeId: true },
  });
  themeId = grant.themeId as string;
  leaderId = grant.userId;
});

describe("the review flow", () => {
  it("goes concept → review → approved → published, audited with notes", async () => {
    const outcomeId = await freshOutcome(doc("Stap 1: bel de ouders op de eerste verzuimdag."));
    expect(
      await transitionOutcome(outcomeId, "submit", { ...input("Klaar!"), actorId: memberId }),
    ).toEqual({
      ok: true,
      status: "review",
    });
    expect(await transitionOutcome(outcomeId, "approve", input())).toMatchObject({ ok: true });
    expect(await transitionOutcome(outcomeId, "publish", input())).toMatchObject({
      ok: true,
      status: "published",
      publication: 1,
    });

    const history = await statusHistory(outcomeId);
    expect(history.map((h) => h.transition)).toEqual(["publish", "approve", "submit"]);
    expect(history[2]).toMatchObject({ note: "Klaar!", actorName: "Rianne Reviewtest" });
  });

  it("refuses a step from the wrong status, and one of two simultaneous approvals", async () => {
    const outcomeId = await freshOutcome(doc("Tekst"));
    expect(await transitionOutcome(outcomeId, "approve", input())).toEqual({
      ok: false,
      problem: "wrongStatus",
    });
    await transitionOutcome(outcomeId, "submit", input());
    const results = await Promise.all([
      transitionOutcome(outcomeId, "approve", input()),
      transitionOutcome(outcomeId, "approve", input()),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, problem: "wrongStatus" }]);
  });

  it("sends an outcome back to concept only with a note, and tells the members", async () => {
    const outcomeId = await freshOutcome(doc("Tekst"));
    await transitionOutcome(outcomeId, "submit", { ...input(), actorId: memberId });
    expect(await transitionOutcome(outcomeId, "reopen", input("  "))).toEqual({
      ok: false,
      problem: "noteRequired",
    });
    expect(
      await transitionOutcome(outcomeId, "reopen", input("Voeg een voorbeeld toe.")),
    ).toMatchObject({
      ok: true,
      status: "concept",
    });
    const notification = await db.notification.findFirst({
      where: { outcomeId, userId: memberId, kind: "returned" },
    });
    expect(notification?.excerpt).toBe("Voeg een voorbeeld toe.");
    const mail = await db.emailJob.findFirst({
      where: { userId: memberId, subject: { contains: "terug in concept" } },
      orderBy: { createdAt: "desc" },
    });
    expect(mail?.text).toContain("Voeg een voorbeeld toe.");
  });

  it("asks the leaders when a member submits", async () => {
    const outcomeId = await freshOutcome(doc("Tekst"));
    await transitionOutcome(outcomeId, "submit", { ...input(), actorId: memberId });
    expect(
      await db.notification.count({ where: { outcomeId, userId: leaderId, kind: "review" } }),
    ).toBe(1);
    // Nobody is notified of their own step.
    expect(await db.notification.count({ where: { outcomeId, userId: memberId } })).toBe(0);
  });

  it("keeps what was published until it is published again", async () => {
    const outcomeId = await freshOutcome(doc("Eerste versie van het stappenplan."));
    await transitionOutcome(outcomeId, "submit", input());
    await transitionOutcome(outcomeId, "approve", input());
    await transitionOutcome(outcomeId, "publish", input());
    await rewrite(outcomeId, doc("Tweede versie, na de plenaire bespreking."));

    const first = await currentPublication(outcomeId);
    expect(first?.number).toBe(1);
    expect(first?.html).toContain("Eerste versie van het stappenplan.");
    expect(first?.html).not.toContain("Tweede versie");

    expect(await transitionOutcome(outcomeId, "publish", input())).toMatchObject({
      ok: true,
      publication: 2,
    });
    const second = await currentPublication(outcomeId);
    expect(second?.html).toContain("Tweede versie");
    expect(await db.outcomePublication.count({ where: { outcomeId } })).toBe(2);
  });

  it("does not publish while suggestions are open", async () => {
    const suggested: JSONContent = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Bel de ouders " },
            {
              type: "text",
              text: "dezelfde dag",
              marks: [
                { type: "insertion", attrs: { id: "s1", authorId: "u1", authorName: "Lid" } },
              ],
            },
          ],
        },
      ],
    };
    const outcomeId = await freshOutcome(suggested);
    await db.outcome.update({ where: { id: outcomeId }, data: { status: "approved" } });
    expect(await transitionOutcome(outcomeId, "publish", input())).toEqual({
      ok: false,
      problem: "suggestions",
      count: 1,
    });
    await rewrite(outcomeId, doc("Bel de ouders dezelfde dag"));
    expect(await transitionOutcome(outcomeId, "publish", input())).toMatchObject({ ok: true });
  });

  it("does not publish an empty document", async () => {
    const outcomeId = await freshOutcome();
    await db.outcome.update({ where: { id: outcomeId }, data: { status: "approved" } });
    expect(await transitionOutcome(outcomeId, "publish", input())).toEqual({
      ok: false,
      problem: "empty",
    });
  });
});

describe("the privacy guard", () => {
  it("blocks submitting and publishing while a BSN is in the text", async () => {
    const outcomeId = await freshOutcome(doc("Leerling met BSN 123456782 verzuimt vaak."));
    const submit = await transitionOutcome(outcomeId, "submit", input());
    expect(submit).toMatchObject({ ok: false, problem: "privacy" });
    expect(submit.ok === false && submit.problem === "privacy" && submit.findings[0]).toMatchObject(
      {
        kind: "bsn",
        masked: "••••••782",
      },
    );
    expect((await db.outcome.findUniqueOrThrow({ where: { id: outcomeId } })).status).toBe(
      "concept",
    );

    await db.outcome.update({ where: { id: outcomeId }, data: { status: "approved" } });
    expect(await transitionOutcome(outcomeId, "publish", input())).toMatchObject({
      ok: false,
      problem: "privacy",
    });
    expect(await db.outcomePublication.count({ where: { outcomeId } })).toBe(0);

    // Removed from the text: publishing goes ahead.
    await rewrite(outcomeId, doc("Leerling verzuimt vaak."));
    expect(await transitionOutcome(outcomeId, "publish", input())).toMatchObject({ ok: true });
  });

  it("lets a leader allow a finding with a reason, audited, without storing the value", async () => {
    const outcomeId = await freshOutcome(
      doc("Bel de school: 030-1234567.", "Of mail info@school.nl"),
    );
    expect((await blockingFindings(outcomeId)).map((f) => f.kind)).toEqual(["phone", "email"]);
    expect(
      await overrideFinding(
        outcomeId,
        { kind: "phone", value: "0301234567" },
        "Algemeen nummer van de school",
        leaderId,
      ),
    ).toEqual({ ok: true });
    expect(
      await overrideFinding(
        outcomeId,
        { kind: "phone", value: "0301234567" },
        "Nog eens",
        leaderId,
      ),
    ).toEqual({ ok: false, problem: "already" });
    // Only what is in the stored text can be allowed.
    expect(
      await overrideFinding(
        outcomeId,
        { kind: "bsn", value: "123456782" },
        "Bestaat niet",
        leaderId,
      ),
    ).toEqual({ ok: false, problem: "notFound" });

    expect((await blockingFindings(outcomeId)).map((f) => f.kind)).toEqual(["email"]);
    const override = await db.privacyOverride.findFirstOrThrow({ where: { outcomeId } });
    expect(JSON.stringify(override)).not.toContain("0301234567");
    expect(override.masked).toBe("•••••••567");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { targetId: outcomeId, action: "outcome.privacyOverride" },
    });
    expect(audit.actorId).toBe(leaderId);
    expect(JSON.parse(audit.data)).toMatchObject({ reason: "Algemeen nummer van de school" });
  });

  it("scans each block on its own, so numbers in two paragraphs are not joined", () => {
    expect(scanDocument(doc("06", "12345678"))).toEqual([]);
    expect(scanDocument(doc("Niets", "BSN 111222333")).map((f) => f.block)).toEqual([1]);
  });
});
