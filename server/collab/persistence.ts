// Durable storage of outcome documents: the compacted Yjs state plus a write-ahead log of
// updates (Outcome.ydocState / OutcomeUpdate). An update is appended here before anyone else
// sees it; the log is folded into the state past a threshold and when a document is unloaded.
import * as Y from "yjs";
import { db } from "~/utils/db.server";

/** Logged updates after which the room compacts the log into the stored state. */
export const COMPACT_AFTER_UPDATES = 200;

/** The whole document (state + every logged update), or null when the outcome does not exist. */
export async function loadDocument(
  outcomeId: string,
): Promise<{ doc: Y.Doc; logged: number } | null> {
  const outcome = await db.outcome.findUnique({
    where: { id: outcomeId },
    select: { ydocState: true, compactedUpTo: true },
  });
  if (!outcome) return null;
  const doc = new Y.Doc();
  if (outcome.ydocState) Y.applyUpdate(doc, new Uint8Array(outcome.ydocState));
  const updates = await db.outcomeUpdate.findMany({
    where: { outcomeId, id: { gt: outcome.compactedUpTo } },
    orderBy: { id: "asc" },
    select: { update: true },
  });
  for (const { update } of updates) Y.applyUpdate(doc, new Uint8Array(update));
  return { doc, logged: updates.length };
}

/** Appends updates to the log in one write (a room's group commit of one tick). */
export async function appendUpdates(
  outcomeId: string,
  rows: { update: Uint8Array; userId: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.outcomeUpdate.createMany({
    data: rows.map((row) => ({
      outcomeId,
      update: new Uint8Array(row.update),
      userId: row.userId,
    })),
  });
}

/**
 * Folds the log into the stored state. The caller guarantees that `doc` holds every logged
 * update (rooms run it in their serial queue, where no update is between log and apply).
 */
export async function compact(outcomeId: string, doc: Y.Doc): Promise<void> {
  const state = new Uint8Array(Y.encodeStateAsUpdate(doc));
  await db.$transaction(async (tx) => {
    const last = await tx.outcomeUpdate.findFirst({
      where: { outcomeId },
      orderBy: { id: "desc" },
      select: { id: true },
    });
    if (!last) return;
    await tx.outcome.update({
      where: { id: outcomeId },
      data: { ydocState: state, compactedUpTo: last.id },
    });
    await tx.outcomeUpdate.deleteMany({ where: { outcomeId, id: { lte: last.id } } });
  });
}
