// The outcome document outside the live editor: reading its content for pages and exports,
// its title and type (decided in meeting 1), templates, locking (members become read-only) and the audit trail. Changes of access are announced so that live editor connections follow
// within a second.

import type { JSONContent } from "@tiptap/core";
import {
  docToJSON,
  isEmptyDocument,
  jsonToHTML,
  jsonToText,
  jsonToUpdate,
} from "~/editor/render.server";
import { OUTCOME_TEMPLATES } from "~/editor/templates";
import type { OutcomeType } from "~/lib/domain";
import { auditOutcome } from "~/models/audit.server";
import { getTemplateContent } from "~/models/outcome-template.server";
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
    await auditOutcome(tx, {
      outcomeId,
      actorId,
      action: locked ? "outcome.lock" : "outcome.unlock",
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
 * Applies a template to the document, once: a second call (a double submit, another organiser
 * at the same time) changes nothing. `template` is the starting text to apply (the community's
 * own template, see outcome-template.server.ts); without it the built-in one for `type`. The
 * update goes into the document's log like any edit; a loaded room picks it up and relays it to
 * everyone editing.
 */
export async function applyTemplate(
  outcomeId: string,
  type: OutcomeType,
  actorId: string | null,
  template: JSONContent = OUTCOME_TEMPLATES[type],
): Promise<boolean> {
  const update = jsonToUpdate(template);
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

export const MAX_OUTCOME_TITLE = 120;

/**
 * Sets the outcome's title and type (audited). The first time a type other than "leeg" is
 * chosen, the community's template for it seeds the document (once, see applyTemplate); after
 * that a different type changes only the label. Returns whether the template was applied now,
 * or null when the outcome does not exist.
 */
export async function configureOutcome(
  outcomeId: string,
  input: { title: string | null; type: OutcomeType },
  actorId: string,
): Promise<{ templateApplied: boolean } | null> {
  const outcome = await db.$transaction(async (tx) => {
    const found = await tx.outcome.findUnique({
      where: { id: outcomeId },
      select: {
        title: true,
        type: true,
        templateApplied: true,
        subgroup: { select: { theme: { select: { communityId: true } } } },
      },
    });
    if (!found) return null;
    await tx.outcome.update({
      where: { id: outcomeId },
      data: { title: input.title, type: input.type },
    });
    await tx.auditEvent.create({
      data: {
        actorId,
        communityId: found.subgroup.theme.communityId,
        action: "outcome.configure",
        targetType: "outcome",
        targetId: outcomeId,
        data: JSON.stringify({
          title: input.title,
          type: input.type,
          previous: { title: found.title, type: found.type },
        }),
      },
    });
    return found;
  });
  if (!outcome) return null;
  if (input.type === "leeg" || outcome.templateApplied) return { templateApplied: false };
  const template = await getTemplateContent(outcome.subgroup.theme.communityId, input.type);
  return { templateApplied: await applyTemplate(outcomeId, input.type, actorId, template) };
}
