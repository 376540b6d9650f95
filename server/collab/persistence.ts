// Durable storage of realtime documents: the compacted Yjs state plus a write-ahead log of
// updates. A room is an outcome (room name = outcome id: Outcome.ydocState / OutcomeUpdate) or
// a magazine edition's editorial introduction (room "edition-<id>": MagazineEdition.ydocState /
// MagazineEditionUpdate); both kinds share every code path below, only the tables differ. An
// update is appended here before anyone else sees it; the log is folded into the state past a
// threshold and when a document is unloaded.
//
// Every row still in the log is one that no compaction has folded in yet: compaction deletes
// exactly the rows it applied. So a row appended by someone else (a template applied by the
// app, another node) is never lost, even when it commits out of id order.
//
// Several nodes may hold the same document (docs/decisions/014-multi-node.md). Two rules keep
// that safe without any coordination between them:
//  - the stored state only grows: compaction locks the document's row, merges the state stored
//    there into its own before writing, and deletes only the rows it applied, so one node's
//    compaction never overwrites what another folded in;
//  - a load reads the log before the state: a row that a compaction folds away between the two
//    reads is in the state read second, and a row committed after the log read reaches the node
//    through the document's Redis stream (whose position is taken before the load).
import * as Y from "yjs";
import { editionIdOfRoom } from "~/lib/magazine";
import { db, type Prisma } from "~/utils/db.server";

type Client = Prisma.TransactionClient;

/** Log rows after which the room compacts the log into the stored state. */
export const COMPACT_AFTER_UPDATES = 200;

export type DocumentKind = "outcome" | "edition";

/** Which kind of document a room holds, and the id of its row. */
export function documentOf(room: string): { kind: DocumentKind; id: string } {
  const editionId = editionIdOfRoom(room);
  return editionId === null ? { kind: "outcome", id: room } : { kind: "edition", id: editionId };
}

type Row = { id: string; update: Uint8Array<ArrayBuffer>; userId: string | null };

/** The tables of one kind of document; everything else is shared. */
const stores = {
  outcome: {
    state: (id: string, c: Client = db) =>
      c.outcome.findUnique({ where: { id }, select: { ydocState: true } }),
    lock: (id: string, c: Client) =>
      c.outcome.updateMany({ where: { id }, data: { compactedUpTo: { increment: 0 } } }),
    log: (id: string, c: Client = db) =>
      c.outcomeUpdate.findMany({
        where: { outcomeId: id },
        orderBy: { id: "asc" },
        select: { id: true, update: true },
      }),
    insert: (rows: Row[]) =>
      db.outcomeUpdate.createMany({
        data: rows.map((r) => ({ outcomeId: r.id, update: r.update, userId: r.userId })),
      }),
    saveState: (id: string, state: Uint8Array<ArrayBuffer>, last: number, c: Client) =>
      c.outcome.update({ where: { id }, data: { ydocState: state, compactedUpTo: last } }),
    deleteLog: (id: string, ids: number[], c: Client) =>
      c.outcomeUpdate.deleteMany({ where: { outcomeId: id, id: { in: ids } } }),
  },
  edition: {
    state: (id: string, c: Client = db) =>
      c.magazineEdition.findUnique({ where: { id }, select: { ydocState: true } }),
    lock: (id: string, c: Client) =>
      c.magazineEdition.updateMany({ where: { id }, data: { compactedUpTo: { increment: 0 } } }),
    log: (id: string, c: Client = db) =>
      c.magazineEditionUpdate.findMany({
        where: { editionId: id },
        orderBy: { id: "asc" },
        select: { id: true, update: true },
      }),
    insert: (rows: Row[]) =>
      db.magazineEditionUpdate.createMany({
        data: rows.map((r) => ({ editionId: r.id, update: r.update, userId: r.userId })),
      }),
    saveState: (id: string, state: Uint8Array<ArrayBuffer>, last: number, c: Client) =>
      c.magazineEdition.update({
        where: { id },
        data: { ydocState: state, compactedUpTo: last },
      }),
    deleteLog: (id: string, ids: number[], c: Client) =>
      c.magazineEditionUpdate.deleteMany({ where: { editionId: id, id: { in: ids } } }),
  },
} as const;

/**
 * The whole document (state + every logged update), or null when its row does not exist. The
 * log is read before the state (see the top of this file).
 */
export async function loadDocument(room: string): Promise<{ doc: Y.Doc; logged: number } | null> {
  const { kind, id } = documentOf(room);
  const rows = await stores[kind].log(id);
  const row = await stores[kind].state(id);
  if (!row) return null;
  const doc = new Y.Doc();
  if (row.ydocState) Y.applyUpdate(doc, new Uint8Array(row.ydocState));
  for (const { update } of rows) Y.applyUpdate(doc, new Uint8Array(update));
  return { doc, logged: rows.length };
}

/**
 * Applies every logged update to `doc` (already known ones change nothing); returns the ids.
 * Changes that were new to `doc` are emitted with `origin`, so a room relays them.
 */
export async function applyLog(room: string, doc: Y.Doc, origin: unknown): Promise<number[]> {
  const { kind, id } = documentOf(room);
  const rows = await stores[kind].log(id);
  for (const { update } of rows) Y.applyUpdate(doc, new Uint8Array(update), origin);
  return rows.map((r) => r.id);
}

/**
 * Brings a loaded `doc` up to everything stored (log, then state), emitting what was new with
 * `origin`: a node that may have missed updates from other nodes (Redis was away) catches up.
 * Returns how many log rows there are.
 */
export async function applyStored(room: string, doc: Y.Doc, origin: unknown): Promise<number> {
  const { kind, id } = documentOf(room);
  const rows = await stores[kind].log(id);
  const row = await stores[kind].state(id);
  if (row?.ydocState) Y.applyUpdate(doc, new Uint8Array(row.ydocState), origin);
  for (const { update } of rows) Y.applyUpdate(doc, new Uint8Array(update), origin);
  return rows.length;
}

type LogRow = Row & { kind: DocumentKind };
type Waiting = { rows: LogRow[]; resolve: () => void; reject: (error: unknown) => void };

/** Rows per INSERT statement (SQLite allows 32,766 bound parameters; a row binds 3). */
const ROWS_PER_STATEMENT = 2_000;

/**
 * Group commit across every document of this process: rows that arrive while a write is in
 * flight go into the next write, one transaction for all of them. With 200 busy documents this
 * turns thousands of small writes a second into a few dozen larger ones.
 */
const logWriter = (() => {
  let queue: Waiting[] = [];
  let writing = false;

  async function drain() {
    writing = true;
    // On SQLite every query resolves within the microtask queue: without this turn, no other
    // document's rows could ever join the write.
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const rows = batch.flatMap((w) => w.rows);
      try {
        const statements = [];
        for (const kind of ["outcome", "edition"] as const) {
          const ofKind = rows.filter((r) => r.kind === kind);
          for (let i = 0; i < ofKind.length; i += ROWS_PER_STATEMENT)
            statements.push(stores[kind].insert(ofKind.slice(i, i + ROWS_PER_STATEMENT)));
        }
        await (statements.length === 1 ? statements[0] : db.$transaction(statements));
        for (const w of batch) w.resolve();
      } catch (error) {
        // The whole transaction failed: nobody's rows are stored, everyone hears so.
        for (const w of batch) w.reject(error);
      }
    }
    writing = false;
  }

  return (rows: LogRow[]) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ rows, resolve, reject });
      if (!writing) void drain();
    });
})();

/** Appends updates to the log; resolves once they are stored (group-committed with others). */
export async function appendUpdates(
  room: string,
  rows: { update: Uint8Array; userId: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  const { kind, id } = documentOf(room);
  await logWriter(
    rows.map((row) => ({ kind, id, update: new Uint8Array(row.update), userId: row.userId })),
  );
}

/**
 * Folds the log into the stored state: applies every logged row to `doc` (picking up rows
 * written by others), stores the state, and deletes exactly those rows. The caller runs it in
 * the room's serial queue, so no update of its own is between log and apply.
 *
 * It runs in one transaction that first locks the document's row (a no-op update: a row lock
 * on PostgreSQL, the write lock on SQLite), so compactions of one document by several nodes
 * take turns; and it merges the state stored there into `doc` before writing, so whatever an
 * earlier compaction (of another node) folded in is kept.
 */
export async function compact(room: string, doc: Y.Doc, origin: unknown): Promise<void> {
  const { kind, id } = documentOf(room);
  const store = stores[kind];
  await db.$transaction(
    async (tx) => {
      const locked = await store.lock(id, tx);
      if (locked.count === 0) return; // the document was deleted
      const rows = await store.log(id, tx);
      if (rows.length === 0) return;
      const stored = await store.state(id, tx);
      if (stored?.ydocState) Y.applyUpdate(doc, new Uint8Array(stored.ydocState), origin);
      for (const { update } of rows) Y.applyUpdate(doc, new Uint8Array(update), origin);
      const state = new Uint8Array(Y.encodeStateAsUpdate(doc));
      const ids = rows.map((r) => r.id);
      await store.saveState(id, state, ids[ids.length - 1] as number, tx);
      for (let i = 0; i < ids.length; i += 5_000)
        await store.deleteLog(id, ids.slice(i, i + 5_000), tx);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
