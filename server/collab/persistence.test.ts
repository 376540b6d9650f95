// Persistence when several nodes hold one document (docs/decisions/014-multi-node.md): a node
// that missed an update must never compact it away, concurrent compactions keep everything, and
// a load racing a compaction sees every update. Real database (the test SQLite file).
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { appendUpdates, compact, loadDocument } from "./persistence";

let themeId: string;

async function freshOutcome(): Promise<string> {
  const subgroup = await db.subgroup.create({
    data: {
      themeId,
      name: `Persistentie ${Math.random().toString(36).slice(2, 8)}`,
      position: 98,
      outcome: { create: { type: "leeg", status: "concept" } },
    },
    include: { outcome: true },
  });
  return subgroup.outcome!.id;
}

/** A node's copy of the document: types `text` and stores it (as the sync server does). */
async function type(room: string, doc: Y.Doc, text: string) {
  const before = Y.encodeStateVector(doc);
  doc.getText("t").insert(doc.getText("t").length, text);
  await appendUpdates(room, [{ update: Y.encodeStateAsUpdate(doc, before), userId: null }]);
}

const textOf = async (room: string) =>
  (await loadDocument(room))!.doc.getText("t").toString().split("").sort().join("");

beforeAll(async () => {
  await seedDemo(db);
  themeId = (await db.theme.findFirstOrThrow({ select: { id: true } })).id;
});

describe("compaction with several nodes", () => {
  it("keeps an update that the compacting node never received", async () => {
    const room = await freshOutcome();
    const nodeA = (await loadDocument(room))!.doc;
    const nodeB = (await loadDocument(room))!.doc;
    await type(room, nodeA, "A"); // node B misses this one (its delivery is late)
    await compact(room, nodeA, null); // node A folds it into the state and deletes the row
    await type(room, nodeB, "B");
    await compact(room, nodeB, null); // node B's copy lacks "A": the stored state must not
    expect(await textOf(room)).toBe("AB");
    expect(nodeB.getText("t").toString()).toContain("A"); // and node B picked it up
  });

  it("loses nothing when nodes compact the same document at the same moment", async () => {
    const room = await freshOutcome();
    const nodes = await Promise.all([1, 2, 3].map(async () => (await loadDocument(room))!.doc));
    const letters = ["x", "y", "z"];
    for (let round = 0; round < 5; round++) {
      await Promise.all(nodes.map((doc, i) => type(room, doc, `${letters[i]}`)));
      await Promise.all(nodes.map((doc) => compact(room, doc, null)));
    }
    expect(await textOf(room)).toBe("xxxxxyyyyyzzzzz");
    expect(await db.outcomeUpdate.count({ where: { outcomeId: room } })).toBe(0);
  });

  it("loads every update while another node compacts", async () => {
    const room = await freshOutcome();
    const writer = (await loadDocument(room))!.doc;
    for (let i = 0; i < 30; i++) await type(room, writer, "w");
    const [loaded] = await Promise.all([loadDocument(room), compact(room, writer, null)]);
    expect(loaded!.doc.getText("t").toString()).toBe("w".repeat(30));
  });
});
