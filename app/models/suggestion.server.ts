import { auditOutcome } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import { announceOutcomeEvent } from "~/utils/live-events.server";

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
