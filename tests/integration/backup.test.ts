// Backup and restore, end to end with the real commands: the demo community on the production
// server, text written into several outcomes and an edition's introduction by stock y-websocket
// clients (one outcome past the compaction threshold, so it has a compacted state and a log; the
// others only a log), `npm run backup` while the server runs and the clients stay connected,
// `npm run restore` into a fresh SQLite database and into PostgreSQL: the same rows per model
// (the logs folded into the states), every document the same text, and a backup of the
// restored instance holding exactly the rows of the first. A database with data is refused,
// `--force` replaces it, a truncated archive is told as such, and a backup taken while someone
// types (across a compaction) holds exactly the sentences stored up to one moment.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docToHTML, docToJSON, jsonToText } from "~/editor/render.server";
import { Prisma } from "~/generated/prisma-sqlite/client";
import { resolveDatabase } from "~/lib/database-url";
import { editionRoom } from "~/lib/magazine";
import { createDb, type Db } from "~/utils/db.server";
import { Clients, cookieJar, subgroupOf, until } from "../helpers/collab";
import { createTempPgDatabase, pgAvailable, repoRoot } from "../helpers/db";
import { type ChildServer, spawnServer } from "../helpers/server";

const adminUrl = await pgAvailable();

let server: ChildServer;
let tmp: string;
let sourceUrl: string;
let source: Db;
let archive: string;
let expected: Snapshot;
const clients = new Clients();
const cookie = cookieJar();

type Command = { code: number; stdout: string; stderr: string };

/** Runs `npm run <script> -- <args>` in the repository, as a user does. */
function npmRun(script: string, args: string[], databaseUrl: string): Promise<Command> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function expectOk(result: Command) {
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
}

/** Appends a paragraph the way the editor does (the "default" fragment of the shared schema). */
function addParagraph(doc: Y.Doc, text: string) {
  doc.transact(() => {
    const fragment = doc.getXmlFragment("default");
    const paragraph = new Y.XmlElement("paragraph");
    fragment.insert(fragment.length, [paragraph]);
    const content = new Y.XmlText();
    paragraph.insert(0, [content]);
    content.insert(0, text);
  });
}

const textOf = (doc: Y.Doc) => jsonToText(docToJSON(doc));

type Rendered = { text: string; html: string; hasState: boolean; logRows: number };
type Snapshot = { counts: Record<string, number>; documents: Map<string, Rendered> };

/** A stored document as the app reads it: the state plus every logged update. */
function render(state: Uint8Array | null, log: { update: Uint8Array }[]): Rendered {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, new Uint8Array(state));
  for (const row of log) Y.applyUpdate(doc, new Uint8Array(row.update));
  const rendered = {
    text: textOf(doc),
    html: docToHTML(doc),
    hasState: state !== null,
    logRows: log.length,
  };
  doc.destroy();
  return rendered;
}

/** Rows per model, and every document (outcomes and edition introductions) rendered. */
async function snapshot(db: Db): Promise<Snapshot> {
  const counts: Record<string, number> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const name = model.charAt(0).toLowerCase() + model.slice(1);
    counts[model] = await (db as unknown as Record<string, { count(): Promise<number> }>)[
      name
    ]!.count();
  }
  const documents = new Map<string, Rendered>();
  for (const outcome of await db.outcome.findMany({ include: { updates: true } }))
    documents.set(
      outcome.id,
      render(
        outcome.ydocState,
        outcome.updates.sort((a, b) => a.id - b.id),
      ),
    );
  for (const edition of await db.magazineEdition.findMany({ include: { updates: true } }))
    documents.set(
      editionRoom(edition.id),
      render(
        edition.ydocState,
        edition.updates.sort((a, b) => a.id - b.id),
      ),
    );
  return { counts, documents };
}

/** Compares a restored instance with the source: rows per model, and every document's text. */
function expectRestored(restored: Snapshot) {
  for (const [model, count] of Object.entries(expected.counts)) {
    const folded = model === "OutcomeUpdate" || model === "MagazineEditionUpdate";
    expect(restored.counts[model], model).toBe(folded ? 0 : count);
  }
  expect([...restored.documents.keys()].sort()).toEqual([...expected.documents.keys()].sort());
  for (const [id, doc] of expected.documents) {
    const back = restored.documents.get(id)!;
    expect(back.text, id).toBe(doc.text);
    expect(back.html, id).toBe(doc.html);
    expect(back.logRows, id).toBe(0);
    expect(back.hasState, id).toBe(doc.hasState || doc.logRows > 0);
  }
}

/** The row lines of an archive (header and end marker left out). */
async function archiveRowLines(file: string): Promise<string[]> {
  const lines = zlib
    .gunzipSync(await fs.readFile(file))
    .toString("utf8")
    .trim()
    .split("\n");
  return lines.slice(1, -1);
}

/**
 * Runs `work` with a client of the database at `url`, closed afterwards: `prisma migrate
 * deploy` (which every restore runs first) needs a SQLite file that nobody else has open.
 */
async function withDb<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(resolveDatabase(url, repoRoot));
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-backup-"));
  sourceUrl = `file:${path.join(tmp, "source.db")}`;
  server = await spawnServer({ DATABASE_URL: sourceUrl, SEED_DEMO: "true" });
  source = createDb(resolveDatabase(sourceUrl, repoRoot));

  // Four outcomes (of different themes and subgroups) get text; the other two stay empty.
  const rooms = new Map<string, string[]>();
  for (const email of ["01", "03", "05", "09"].map((n) => `deelnemer${n}@werkplaats.test`)) {
    const subgroup = await subgroupOf(source, email);
    rooms.set(
      subgroup.room,
      subgroup.members.map((m) => m.email),
    );
  }
  expect(rooms.size).toBe(4);
  const written = new Map<string, Y.Doc>();
  let index = 0;
  for (const [room, members] of rooms) {
    const a = clients.connect(server, room, await cookie(server, members[0]!), { acks: true });
    const b = clients.connect(server, room, await cookie(server, members[1]!));
    await until(() => a.provider.synced && b.provider.synced, `clients of ${room} to sync`);
    addParagraph(a.doc, `Opbrengst ${index}: aanwezigheid bespreken met ouders.`);
    addParagraph(b.doc, `Stap ${index}.1 — mentor belt dezelfde dag (“verzuim”).`);
    if (index === 0) {
      // Past the compaction threshold (200 log rows; the server stores a burst of one person's
      // updates as one row, so each waits for the previous one to be stored): the document
      // then has a compacted state and a log.
      for (let i = 0; i < 215; i++) {
        addParagraph(a.doc, `regel ${i}`);
        await until(() => a.acks.at(-1) === a.sentUpdates(), `edit ${i} to be stored`);
      }
    }
    await until(() => textOf(a.doc) === textOf(b.doc), `the members of ${room} to converge`);
    written.set(room, a.doc);
    index++;
  }

  // An edition with an editorial introduction written by the organiser.
  const community = await source.community.findFirstOrThrow({
    where: { slug: "werken-aan-aanwezigheid" },
  });
  const edition = await source.magazineEdition.create({
    data: { communityId: community.id, slug: "back-up-editie", title: "Back-up-editie" },
  });
  const organiser = await cookie(server, "organisator@werkplaats.test");
  const editor = clients.connect(server, editionRoom(edition.id), organiser);
  await until(() => editor.provider.synced, "the edition's editor to sync");
  addParagraph(editor.doc, "Beste lezer, dit is de inleiding van de redactie.");
  written.set(editionRoom(edition.id), editor.doc);

  // Everything typed is stored (what a reload would show) before the backup starts.
  await until(
    async () => {
      const stored = await snapshot(source);
      return [...written].every(([room, doc]) => stored.documents.get(room)?.text === textOf(doc));
    },
    "every edit to be stored",
    30_000,
  );
}, 180_000);

afterAll(async () => {
  clients.destroyAll();
  await source?.$disconnect();
  await server?.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

describe("npm run backup", () => {
  it("writes an archive while the server runs and editors are connected", async () => {
    const before = await snapshot(source);
    // Both ways a document is stored are in play: a compacted state with a log, and a log only.
    const docs = [...before.documents.values()];
    expect(docs.some((d) => d.hasState && d.logRows > 0)).toBe(true);
    expect(docs.some((d) => !d.hasState && d.logRows > 0)).toBe(true);
    expect(docs.filter((d) => d.text.includes("Opbrengst"))).toHaveLength(4);
    expect(before.counts.MagazineEditionUpdate).toBeGreaterThan(0);

    archive = path.join(tmp, "werkplaats.jsonl.gz");
    const result = await npmRun("backup", ["--out", archive], sourceUrl);
    expectOk(result);
    expect(result.stdout).toContain("Back-up geschreven");
    expect(result.stdout).toContain("Backup written");
    expected = await snapshot(source);
    // Nothing changed meanwhile, so `expected` is what the archive should hold.
    expect(expected.counts).toEqual(before.counts);

    const [headerLine] = zlib
      .gunzipSync(await fs.readFile(archive))
      .toString("utf8")
      .split("\n");
    const header = JSON.parse(headerLine!);
    expect(header).toMatchObject({ format: "werkplaats-backup", formatVersion: 1 });
    expect(header.migrations.length).toBeGreaterThan(0);
    const outcomeDocs = header.documents.find((d: { kind: string }) => d.kind === "outcome");
    expect(outcomeDocs.foldedLogRows).toBe(expected.counts.OutcomeUpdate);
    expect(header.models.find((m: { name: string }) => m.name === "OutcomeUpdate").count).toBe(0);
    expect(header.models.map((m: { name: string }) => m.name).sort()).toEqual(
      Object.values(Prisma.ModelName).sort(),
    );
  });
});

describe("npm run restore", () => {
  let restoredUrl: string;

  it("rebuilds a fresh SQLite instance with the same rows and the same documents", async () => {
    restoredUrl = `file:${path.join(tmp, "restored.db")}`;
    const result = await npmRun("restore", [archive], restoredUrl);
    expectOk(result);
    expect(result.stdout).toContain("Teruggezet");
    expect(result.stdout).toContain("Restored");
    expectRestored(await withDb(restoredUrl, snapshot));

    // A backup of the restored instance holds exactly the rows of the first, column by column.
    const again = path.join(tmp, "again.jsonl.gz");
    expectOk(await npmRun("backup", ["--out", again], restoredUrl));
    expect(await archiveRowLines(again)).toEqual(await archiveRowLines(archive));
  });

  it("refuses a database that holds data, and replaces it with --force", async () => {
    const markers = (db: Db) => db.auditEvent.count({ where: { action: "test.marker" } });
    await withDb(restoredUrl, (db) =>
      db.auditEvent.create({ data: { action: "test.marker", targetType: "test", targetId: "x" } }),
    );
    const refused = await npmRun("restore", [archive], restoredUrl);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("De database is niet leeg");
    expect(refused.stderr).toContain("The database is not empty");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(await withDb(restoredUrl, markers)).toBe(1);

    const forced = await npmRun("restore", [archive, "--force"], restoredUrl);
    expectOk(forced);
    expect(forced.stdout).toContain("--force");
    expect(await withDb(restoredUrl, markers)).toBe(0);
    expectRestored(await withDb(restoredUrl, snapshot));
  });

  it("says so when the archive is truncated, and touches nothing", async () => {
    const bytes = await fs.readFile(archive);
    const cut = path.join(tmp, "cut.jsonl.gz");
    await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const target = path.join(tmp, "never.db");
    const result = await npmRun("restore", [cut], `file:${target}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is onvolledig");
    expect(result.stderr).toContain("is incomplete");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await expect(fs.access(target)).rejects.toThrow();
  });

  describe.skipIf(!adminUrl)("into PostgreSQL", () => {
    it("rebuilds the SQLite instance on PostgreSQL with the same rows and documents", async () => {
      const database = await createTempPgDatabase(adminUrl!);
      try {
        expectOk(await npmRun("restore", [archive], database.url));
        expectRestored(await withDb(database.url, snapshot));
        // Row for row the same as the SQLite source (PostgreSQL orders text keys differently).
        const again = path.join(tmp, "from-pg.jsonl.gz");
        expectOk(await npmRun("backup", ["--out", again], database.url));
        expect((await archiveRowLines(again)).sort()).toEqual(
          (await archiveRowLines(archive)).sort(),
        );
      } finally {
        await database.drop();
      }
    });
  });
});

describe("a backup while someone is typing", () => {
  it("holds one consistent moment of the document: no sentence missing, none twice", async () => {
    const { room, members } = await subgroupOf(source, "deelnemer07@werkplaats.test");
    const writer = clients.connect(server, room, await cookie(server, members[0]!.email), {
      acks: true,
    });
    await until(() => writer.provider.synced, "the writer to sync");
    // Types one sentence at a time, each stored before the next, until told to stop. The
    // backup starts just below the compaction threshold (200 log rows): around it the room
    // folds its log into the stored state and deletes those rows, while typing goes on.
    let typed = 0;
    let stop = false;
    const typing = (async () => {
      while (!stop) {
        addParagraph(writer.doc, `zin ${typed}`);
        await until(() => writer.acks.at(-1) === writer.sentUpdates(), `sentence ${typed}`);
        typed++;
      }
    })();
    await until(() => typed >= 180, "180 sentences to be stored", 30_000);
    const storedBefore = typed;
    const file = path.join(tmp, "while-typing.jsonl.gz");
    const result = await npmRun("backup", ["--out", file], sourceUrl);
    stop = true;
    await typing;
    expectOk(result);
    // The log was compacted meanwhile (the archive had to merge a compacted state and a log).
    expect(typed).toBeGreaterThan(200);
    const outcome = await source.outcome.findUniqueOrThrow({ where: { id: room } });
    expect(outcome.compactedUpTo).toBeGreaterThan(0);

    const url = `file:${path.join(tmp, "while-typing.db")}`;
    expectOk(await npmRun("restore", [file], url));
    const restored = await withDb(url, snapshot);
    const sentences = restored.documents.get(room)!.text.split("\n");
    // Exactly the first k sentences, in order, with k at least what was stored before.
    expect(sentences.length).toBeGreaterThanOrEqual(storedBefore);
    expect(sentences.length).toBeLessThanOrEqual(typed);
    expect(sentences).toEqual(sentences.map((_, i) => `zin ${i}`));
  });
});

if (!adminUrl)
  console.warn("SKIPPED backup.test.ts (into PostgreSQL): no PostgreSQL server answers.");
