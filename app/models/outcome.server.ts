// The outcome document outside the live editor: reading its content for pages and exports,
// templates, locking (members become read-only) and the audit trail. Changes of access are announced so that live editor connections follow
// within a second.

import {
  docToJSON,
  isEmptyDocument,
  jsonToHTML,
  jsonToText,
  jsonToUpdate,
} from "~/editor/render.server";
import { OUTCOME_TEMPLATES } from "~/editor/templates";
import type { OutcomeType } from "~/lib/domain";
import { db } from "~/utils/db.server";
import { announceAccessChange, announceDocumentChange } from "~/utils/live-events.server";
import { loadDocument } from "../../server/collab/persistence";

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

/** The stored document as JSON, HTML and plain text (page SSR, exports, the privacy scan). */
export async function getOutcomeContent(outcomeId: string) {
  const loaded = await loadDocument(outcomeId);
  if (!loaded) return null;
  const json = docToJSON(loaded.doc);
  loaded.doc.destroy();
  return { json, html: jsonToHTML(json), text: jsonToText(json), empty: isEmptyDocument(json) };
}

/**
 * Applies an outcome type's template to the document, once: a second call (a double submit,
 * another organiser at the same time) changes nothing. The update goes into the document's log
 * like any edit; a loaded room picks it up and relays it to everyone editing.
 */
export async function applyTemplate(
  outcomeId: string,
  type: OutcomeType,
  actorId: string | null,
): Promise<boolean> {
  const update = jsonToUpdate(OUTCOME_TEMPLATES[type]);
  const applied = await db.$transaction(async (tx) => {
    const { count } = await tx.outcome.updateMany({
      where: { id: outcomeId, templateApplied: null },
      data: { templateApplied: new Date(), type },
    });
    if (count === 0) return false;
    if (type !== "leeg") {
      await tx.outcomeUpdate.create({
        data: { outcomeId, update: new Uint8Array(update), userId: actorId },
      });
    }
    return true;
  });
  if (applied) announceDocumentChange(outcomeId);
  return applied;
}
