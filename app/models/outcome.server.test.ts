import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docToJSON, jsonToText } from "~/editor/render.server";
import { OUTCOME_TEMPLATES } from "~/editor/templates";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { onAccessChange, onDocumentChange } from "~/utils/live-events.server";
import { appendUpdates, compact, loadDocument } from "../../server/collab/persistence";
import { applyTemplate, getOutcomeContent, setOutcomeLocked } from "./outcome.server";
import { removeMember } from "./subgroup.server";

let themeId: string;
let organiserId: string;

/** A subgroup of its own per test, so tests never share a document. */
async function freshSubgroup() {
  const subgroup = await db.subgroup.create({
    data: {
      themeId,
      name: `Testgroep ${Math.random().toString(36).slice(2, 8)}`,
      position: 99,
      outcome: { create: { type: "leeg", status: "concept" } },
    },
    include: { outcome: true },
  });
  return { subgroupId: subgroup.id, outcomeId: subgroup.outcome!.id };
}

function record<T>(subscribe: (listener: (value: T) => void) => () => void) {
  const seen: T[] = [];
  const stop = subscribe((value) => seen.push(value));
  return { seen, stop };
}

beforeAll(async () => {
  await seedDemo(db);
  themeId = (await db.theme.findFirstOrThrow({ select: { id: true } })).id;
  organiserId = (
    await db.user.findUniqueOrThrow({ where: { email: "organisator@werkplaats.test" } })
  ).id;
});

describe("templates", () => {
  it("seed the document once, however often they are applied", async () => {
    const { outcomeId } = await freshSubgroup();
    const changes = record(onDocumentChange);
    expect(await applyTemplate(outcomeId, "stappenplan", organiserId)).toBe(true);
    expect(await applyTemplate(outcomeId, "stappenplan", organiserId)).toBe(false);
    expect(await applyTemplate(outcomeId, "checklist", organiserId)).toBe(false);
    changes.stop();
    expect(changes.seen).toEqual([outcomeId]);

    const content = await getOutcomeContent(outcomeId);
    expect(content?.text).toBe(jsonToText(OUTCOME_TEMPLATES.stappenplan));
    expect(content?.html).toContain("<h3>Doel</h3>");
    expect(content?.empty).toBe(false);
    const outcome = await db.outcome.findUniqueOrThrow({ where: { id: outcomeId } });
    expect(outcome.type).toBe("stappenplan");
    expect(outcome.templateApplied).not.toBeNull();
  });

  it("apply the template they are given (the community's own) once", async () => {
    const { outcomeId } = await freshSubgroup();
    const own = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Onze kop" }] },
        { type: "paragraph" },
      ],
    };
    expect(await applyTemplate(outcomeId, "checklist", organiserId, own)).toBe(true);
    expect(await applyTemplate(outcomeId, "checklist", organiserId, own)).toBe(false);
    expect(await applyTemplate(outcomeId, "checklist", organiserId)).toBe(false);
    const content = await getOutcomeContent(outcomeId);
    expect(content?.text).toBe(jsonToText(own));
    expect(await db.outcomeUpdate.count({ where: { outcomeId } })).toBe(1);
  });

  it("are never lost when an open document is compacted after them", async () => {
    const { outcomeId } = await freshSubgroup();
    // A room has the document open, and a member has typed in it…
    const open = (await loadDocument(outcomeId))!;
    const member = new Y.Doc();
    member.getXmlFragment("default").insert(0, [new Y.XmlElement("paragraph")]);
    const typed = Y.encodeStateAsUpdate(member);
    await appendUpdates(outcomeId, [{ update: typed, userId: null }]);
    Y.applyUpdate(open.doc, typed);
    // …when the template is applied by the app, outside the room.
    await applyTemplate(outcomeId, "handreiking", organiserId);
    await compact(outcomeId, open.doc, null);

    expect(await db.outcomeUpdate.count({ where: { outcomeId } })).toBe(0);
    const text = jsonToText(OUTCOME_TEMPLATES.handreiking);
    expect(jsonToText(docToJSON(open.doc))).toContain(text);
    expect((await getOutcomeContent(outcomeId))?.text).toContain(text);
  });
});

describe("locking and removal", () => {
  it("lock and unlock once each, announce it, and leave an audit trail", async () => {
    const { outcomeId } = await freshSubgroup();
    const changes = record(onAccessChange);
    expect(await setOutcomeLocked(outcomeId, true, organiserId)).toBe(true);
    expect(await setOutcomeLocked(outcomeId, true, organiserId)).toBe(false);
    expect(await setOutcomeLocked(outcomeId, false, organiserId)).toBe(true);
    changes.stop();
    expect(changes.seen).toEqual([
      { kind: "outcome", outcomeId },
      { kind: "outcome", outcomeId },
    ]);
    const audit = await db.auditEvent.findMany({
      where: { targetId: outcomeId },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["outcome.lock", "outcome.unlock"]);
  });

  it("removing a member announces that their access changed", async () => {
    const { subgroupId } = await freshSubgroup();
    const user = await db.user.create({
      data: {
        email: `lid-${Date.now()}@werkplaats.test`,
        name: "Tijdelijk Lid",
        passwordHash: "x",
      },
    });
    await db.subgroupMembership.create({ data: { subgroupId, userId: user.id, themeId } });
    const changes = record(onAccessChange);
    expect(await removeMember(subgroupId, user.id, organiserId)).toBe(true);
    expect(await removeMember(subgroupId, user.id, organiserId)).toBe(false);
    changes.stop();
    expect(changes.seen).toEqual([{ kind: "user", userId: user.id }]);
    expect(await db.subgroupMembership.count({ where: { subgroupId } })).toBe(0);
  });
});
