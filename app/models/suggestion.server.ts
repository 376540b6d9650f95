// Suggestions (track changes) around an outcome document: the group setting that lets members
// accept and reject them (audited, announced to open editors), and how many suggestions the
// stored document still holds (for refusing approval or publishing while some are open). The
// suggestions themselves live in the document (see app/editor/suggestions-core.ts).
import { docToJSON } from "~/editor/render.server";
import { countSuggestions } from "~/editor/suggestions-core";
import { auditOutcome } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import { announceOutcomeEvent } from "~/utils/live-events.server";
import { loadDocument } from "../../server/collab/persistence";

/** Whether members (not only leaders) may accept and reject suggestions; null: no outcome. */
export async function membersMayAcceptSuggestions(outcomeId: string): Promise<boolean | null> {
  const outcome = await db.outcome.findUnique({
    where: { id: outcomeId },
    select: { membersMayAcceptSuggestions: true },
  });
  return outcome ? outcome.membersMayAcceptSuggestions : null;
}

/**
 * Switches whether members may accept and reject suggestions. Returns false when nothing
 * changed (already so, or no such outcome). Audited; open editors re-check their permission.
 */
export async function setMembersMayAcceptSuggestions(
  outcomeId: string,
  allowed: boolean,
  actorId: string,
): Promise<boolean> {
  const changed = await db.$transaction(async (tx) => {
    const { count } = await tx.outcome.updateMany({
      where: { id: outcomeId, membersMayAcceptSuggestions: !allowed },
      data: { membersMayAcceptSuggestions: allowed },
    });
    if (count === 0) return false;
    await auditOutcome(tx, {
      outcomeId,
      actorId,
      action: allowed ? "outcome.suggestions.membersMayAccept" : "outcome.suggestions.leadersOnly",
    });
    return true;
  });
  if (changed) announceOutcomeEvent(outcomeId, "suggestions");
  return changed;
}

/** The number of open suggestions in the stored document (0 when there is no document). */
export async function countOpenSuggestions(outcomeId: string): Promise<number> {
  const loaded = await loadDocument(outcomeId);
  if (!loaded) return 0;
  try {
    return countSuggestions(docToJSON(loaded.doc));
  } finally {
    loaded.doc.destroy();
  }
}
