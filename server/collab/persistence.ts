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
import * as Y from "yjs";
import { editionIdOfRoom } from "~/lib/magazine";
import { db } from "~/utils/db.server";

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
    state: (id: string) => db.outcome.findUnique({ where: { id }, select: { ydocState: true } }),
    log: (id: string) =>
      db.outcomeUpdate.findMany({
        where: { outcomeId: id },
        orderBy: { id: "asc" },
        select: { id: true, update: true },
      }),
    insert: (rows: Row[]) =>
      db.outcomeUpdate.createMany({
        data: rows.map((r) => ({ outcomeId: r.id, update: r.update, userId: r.userId })),
      }),
    saveState: (id: string, state: Uint8Array<ArrayBuffer>, last: number) =>
      db.outcome.update({ where: { id }, data: { ydocState: state, compactedUpTo: last } }),
    deleteLog: (id: string, ids: number[]) =>
      db.outcomeUpdate.deleteMany({ where: { outcomeId: id, id: { in: ids } } }),
  },
  edition: {
    state: (id: string) =>
      db.magazineEdition.findUnique({ where: { id }, select: { ydocState: true } }),
    log: (id: string) =>
      db.magazineEditionUpdate.findMany({
        where: { editionId: id },
        orderBy: { id: "asc" },
        select: { id: true, update: true },
      }),
    insert: (rows: Row[]) =>
      db.magazineEditionUpdate.createMany({
        data: rows.map((r) => ({ editionId: r.id, update: r.update, userId: r.userId })),
      }),
    saveState: (id: string, state: Uint8Array<ArrayBuffer>, last: number) =>
      db.magazineEdition.update({
        where: { id },
        data: { ydocState: state, compactedUpTo: last },
      }),
    deleteLog: (id: string, ids: number[]) =>
      db.magazineEditionUpdate.deleteMany({ where: { editionId: id, id: { in: ids } } }),
  },
} as const;

/** The whole document (state + every logged update), or null when its row does not exist. */
export async function loadDocument(room: string): Promise<{ doc: Y.Doc; logged: number } | null> {
  const { kind, id } = documentOf(room);
  const row = await stores[kind].state(id);
  if (!row) return null;
  const doc = new Y.Doc();
  if (row.ydocState) Y.applyUpdate(doc, new Uint8Array(row.ydocState));
  const logged = await applyLog(room, doc, null);
  return { doc, logged: logged.length };
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
 */
export async function compact(room: string, doc: Y.Doc, origin: unknown): Promise<void> {
  const { kind, id } = documentOf(room);
  const ids = await applyLog(room, doc, origin);
  if (ids.length === 0) return;
  const state = new Uint8Array(Y.encodeStateAsUpdate(doc));
  const last = ids[ids.length - 1] as number;
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += 5_000) chunks.push(ids.slice(i, i + 5_000));
  await db.$transaction([
    stores[kind].saveState(id, state, last),
    ...chunks.map((chunk) => stores[kind].deleteLog(id, chunk)),
  ]);
}
