// Versions and the sync server, with stock y-websocket clients against the built server: edits
// make their authors contributors (again after a version is taken), an automatic version is
// taken while writing, and a leader's restore reaches every open editor live.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { docToJSON, jsonToText } from "~/editor/render.server";
import { resolveDatabase } from "~/lib/database-url";
import { createDb, type Db } from "~/utils/db.server";
import { Clients, cookieJar, postForm, subgroupOf, until } from "../helpers/collab";
import { type ChildServer, spawnServer } from "../helpers/server";

let server: ChildServer;
let tmp: string;
let db: Db;
const clients = new Clients();
const cookie = cookieJar();

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-versions-"));
  const env = { DATABASE_URL: `file:${path.join(tmp, "db.sqlite")}`, SEED_DEMO: "true" };
  server = await spawnServer(env);
  db = createDb(resolveDatabase(env.DATABASE_URL));
});

afterAll(async () => {
  clients.destroyAll();
  await db?.$disconnect();
  await server?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

/** Appends a paragraph to the document the way the editor does (the "default" fragment). */
function addParagraph(doc: Y.Doc, text: string) {
  doc.transact(() => {
    const paragraph = new Y.XmlElement("paragraph");
    const fragment = doc.getXmlFragment("default");
    fragment.insert(fragment.length, [paragraph]);
    const content = new Y.XmlText();
    paragraph.insert(0, [content]);
    content.insert(0, text);
  });
}

const textOf = (doc: Y.Doc) => jsonToText(docToJSON(doc));

it("records contributors, takes an automatic version and restores it into open editors", async () => {
  const { id: subgroupId, room, members } = await subgroupOf(db, "deelnemer01@werkplaats.test");
  const [annemieke, bas] = members as [(typeof members)[0], (typeof members)[0]];
  const a = clients.connect(server, room, await cookie(server, annemieke.email));
  const b = clients.connect(server, room, await cookie(server, bas.email));
  await until(() => a.provider.synced && b.provider.synced, "both clients to sync");

  // The first edit of a document without versions: Annemieke contributes to an automatic one.
  addParagraph(a.doc, "Stap 1: ouders bellen.");
  await until(
    async () => (await db.outcomeVersion.count({ where: { outcomeId: room } })) === 1,
    "an automatic version",
  );
  const auto = await db.outcomeVersion.findFirstOrThrow({
    where: { outcomeId: room },
    include: { contributors: true },
  });
  expect(auto).toMatchObject({ kind: "auto", name: "Automatisch bewaard" });
  expect(auto.contributors.map((c) => c.userId)).toEqual([annemieke.id]);

  // After the version, both count as contributors of the next one (Annemieke again, within
  // the minute: taking the version made the room forget that it had reported her).
  addParagraph(b.doc, "Stap 2: mentor informeren.");
  addParagraph(a.doc, "Stap 3: leerplicht.");
  await until(
    async () => (await db.outcomeContributor.count({ where: { outcomeId: room } })) === 2,
    "two contributors since the version",
  );
  await until(() => textOf(b.doc).includes("Stap 3"), "the edits to arrive");

  // A leader restores the automatic version: both open editors follow.
  const leader = await cookie(server, "gespreksleider.beleid@werkplaats.test");
  const res = await postForm(server, `/subgroups/${subgroupId}/versions/${auto.id}`, leader, {
    intent: "restore",
  });
  expect(res.status).toBe(302);
  for (const client of [a, b])
    await until(() => textOf(client.doc) === "Stap 1: ouders bellen.", "the restored text");
  expect(await db.outcomeVersion.count({ where: { outcomeId: room } })).toBe(2);

  // A member may not restore.
  const member = await cookie(server, bas.email);
  const refused = await postForm(server, `/subgroups/${subgroupId}/versions/${auto.id}`, member, {
    intent: "restore",
  });
  expect(refused.status).toBe(403);
});
