// The outcome document's lifecycle outside its text: locking (members become read-only) and
// the audit trail. Changes of access are announced so that live editor connections follow
// within a second.
import { announceAccessChange } from "~/utils/access-events.server";
import { db } from "~/utils/db.server";

/** Locks or unlocks an outcome document; returns false when it was already in that state. */
export async function setOutcomeLocked(
  outcomeId: string,
  locked: boolean,
  actorId: string,
): Promise<boolean> {
  const changed = await db.$transaction(async (tx) => {
    const { count } = await tx.outcome.updateMany({
      where: { id: outcomeId, locked: !locked },
      data: { locked },
    });
    if (count === 0) return false;
    const outcome = await tx.outcome.findUniqueOrThrow({
      where: { id: outcomeId },
      select: { subgroup: { select: { theme: { select: { communityId: true } } } } },
    });
    await tx.auditEvent.create({
      data: {
        actorId,
        communityId: outcome.subgroup.theme.communityId,
        action: locked ? "outcome.lock" : "outcome.unlock",
        targetType: "outcome",
        targetId: outcomeId,
      },
    });
    return true;
  });
  if (changed) announceAccessChange({ kind: "outcome", outcomeId });
  return changed;
}
