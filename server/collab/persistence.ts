// Durable storage of outcome documents: the compacted Yjs state plus a write-ahead log of
// updates (Outcome.ydocState / OutcomeUpdate). An update is appended here before anyone else
// sees it; the log is folded into the state past a threshold and when a document is unloaded.
//
// Every row still in the log is one that no compaction has folded in yet: compaction deletes
// exactly the rows it applied. So a row appended by someone else (a template applied by the
// app, another node) is never lost, even when it commits out of id order.
import * as Y from "yjs";
import { db } from "~/utils/db.server";

/** Log rows after which the room compacts the log into the stored state. */
export const COMPACT_AFTER_UPDATES = 200;

/** The whole document (state + every logged update), or null when the outcome does not exist. */
export async function loadDocument(
  outcomeId: string,
): Promise<{ doc: Y.Doc; logged: number } | null> {
  const outcome = await db.outcome.findUnique({
    where: { id: outcomeId },
    select: { ydocState: true },
  });
  if (!outcome) return null;
  const doc = new Y.Doc();
  if (outcome.ydocState) Y.applyUpdate(doc, new Uint8Array(outcome.ydocState));
  const logged = await applyLog(outcomeId, doc, null);
  return { doc, logged: logged.length };
}

/**
 * Applies every logged update to `doc` (already known ones change nothing); returns the ids.
 * Changes that were new to `doc` are emitted with `origin`, so a room relays them.
 */
export async function applyLog(outcomeId: string, doc: Y.Doc, origin: unknown): Promise<number[]> {
  const rows = await db.outcomeUpdate.findMany({
    where: { outcomeId },
    orderBy: { id: "asc" },
    select: { id: true, update: true },
  });
  for (const { update } of rows) Y.applyUpdate(doc, new Uint8Array(update), origin);
  return rows.map((r) => r.id);
}

type LogRow = { outcomeId: string; update: Uint8Array<ArrayBuffer>; userId: string | null };
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
        for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
          statements.push(
            db.outcomeUpdate.createMany({ data: rows.slice(i, i + ROWS_PER_STATEMENT) }),
          );
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
  outcomeId: string,
  rows: { update: Uint8Array; userId: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await logWriter(
    rows.map((row) => ({ outcomeId, update: new Uint8Array(row.update), userId: row.userId })),
  );
}

/**
 * Folds the log into the stored state: applies every logged row to `doc` (picking up rows
 * written by others), stores the state, and deletes exactly those rows. The caller runs it in
 * the room's serial queue, so no update of its own is between log and apply.
 */
export async function compact(outcomeId: string, doc: Y.Doc, origin: unknown): Promise<void> {
  const ids = await applyLog(outcomeId, doc, origin);
  if (ids.length === 0) return;
  const state = new Uint8Array(Y.encodeStateAsUpdate(doc));
  const last = ids[ids.length - 1] as number;
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += 5_000) chunks.push(ids.slice(i, i + 5_000));
  await db.$transaction([
    db.outcome.update({
      where: { id: outcomeId },
      data: { ydocState: state, compactedUpTo: last },
    }),
    ...chunks.map((chunk) =>
      db.outcomeUpdate.deleteMany({ where: { outcomeId, id: { in: chunk } } }),
    ),
  ]);
}
