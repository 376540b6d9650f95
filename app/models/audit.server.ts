// The audit trail of outcome documents: one row per decision (lock, status step, privacy
// override, suggestion setting, …) with who, when and what, in the transaction of the change.
import type { Prisma } from "~/utils/db.server";

/** Records `action` on an outcome by `actorId`; `data` is stored as JSON. */
export async function auditOutcome(
  tx: Prisma.TransactionClient,
  entry: { outcomeId: string; actorId: string | null; action: string; data?: object },
) {
  const outcome = await tx.outcome.findUniqueOrThrow({
    where: { id: entry.outcomeId },
    select: { subgroup: { select: { theme: { select: { communityId: true } } } } },
  });
  return tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      communityId: outcome.subgroup.theme.communityId,
      action: entry.action,
      targetType: "outcome",
      targetId: entry.outcomeId,
      data: JSON.stringify(entry.data ?? {}),
    },
  });
}
