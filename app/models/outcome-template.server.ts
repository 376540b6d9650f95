// Outcome templates per community: the organiser's own starting text for an outcome type, or
// the built-in one of app/editor/templates.ts when there is none. Templates are checked against
// the one editor schema before they are stored, and again when they are used.
import type { JSONContent } from "@tiptap/core";
import { type DocumentProblem, jsonToHTML, parseDocumentJSON } from "~/editor/render.server";
import { OUTCOME_TEMPLATES } from "~/editor/templates";
import type { OutcomeType } from "~/lib/domain";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";

/** The outcome types that have a template ("leeg" starts empty). */
export const TEMPLATE_TYPES = [
  "handreiking",
  "stappenplan",
  "checklist",
  "praktijkvoorbeeld",
] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

export function isTemplateType(value: unknown): value is TemplateType {
  return typeof value === "string" && (TEMPLATE_TYPES as readonly string[]).includes(value);
}

export type TemplateView = {
  type: TemplateType;
  /** True when the organisers changed it (a row exists); false: the built-in template. */
  custom: boolean;
  json: JSONContent;
  html: string;
  updatedAt: Date | null;
  updatedBy: string | null;
};

/** A stored template, or null when it no longer fits the schema (it is then logged and ignored). */
function storedTemplate(row: { id: string; content: string }): JSONContent | null {
  const parsed = parseDocumentJSON(row.content);
  if (parsed.ok) return parsed.json;
  logger.warn({ templateId: row.id, problem: parsed.problem }, "stored outcome template ignored");
  return null;
}

/** All four templates of a community, as organisers see them. */
export async function getTemplates(communityId: string): Promise<TemplateView[]> {
  const rows = await db.outcomeTemplate.findMany({
    where: { communityId },
    select: {
      id: true,
      type: true,
      content: true,
      updatedAt: true,
      updatedBy: { select: { name: true } },
    },
  });
  return TEMPLATE_TYPES.map((type) => {
    const row = rows.find((r) => r.type === type);
    const json = (row && storedTemplate(row)) ?? OUTCOME_TEMPLATES[type];
    return {
      type,
      custom: Boolean(row),
      json,
      html: jsonToHTML(json),
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy?.name ?? null,
    };
  });
}

export async function getTemplate(communityId: string, type: TemplateType) {
  const all = await getTemplates(communityId);
  return all.find((t) => t.type === type)!;
}

/** The starting text an outcome of `type` gets in this community. */
export async function getTemplateContent(
  communityId: string,
  type: OutcomeType,
): Promise<JSONContent> {
  if (type === "leeg") return OUTCOME_TEMPLATES.leeg;
  const row = await db.outcomeTemplate.findUnique({
    where: { communityId_type: { communityId, type } },
    select: { id: true, content: true },
  });
  return (row && storedTemplate(row)) ?? OUTCOME_TEMPLATES[type];
}

/** Stores the organisers' template for a type (checked against the schema first), audited. */
export async function saveTemplate(
  communityId: string,
  type: TemplateType,
  content: string,
  actorId: string,
): Promise<{ ok: true } | { ok: false; problem: DocumentProblem }> {
  const parsed = parseDocumentJSON(content);
  if (!parsed.ok) return parsed;
  const stored = JSON.stringify(parsed.json);
  await db.$transaction(async (tx) => {
    const row = await tx.outcomeTemplate.upsert({
      where: { communityId_type: { communityId, type } },
      create: { communityId, type, content: stored, updatedById: actorId },
      update: { content: stored, updatedById: actorId },
      select: { id: true },
    });
    await tx.auditEvent.create({
      data: {
        actorId,
        communityId,
        action: "template.update",
        targetType: "outcomeTemplate",
        targetId: row.id,
        data: JSON.stringify({ type }),
      },
    });
  });
  return { ok: true };
}

/** Back to the built-in template ("Terug naar standaard"); false when there was nothing to undo. */
export async function resetTemplate(
  communityId: string,
  type: TemplateType,
  actorId: string,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.outcomeTemplate.findUnique({
      where: { communityId_type: { communityId, type } },
      select: { id: true },
    });
    if (!row) return false;
    await tx.outcomeTemplate.delete({ where: { id: row.id } });
    await tx.auditEvent.create({
      data: {
        actorId,
        communityId,
        action: "template.reset",
        targetType: "outcomeTemplate",
        targetId: row.id,
        data: JSON.stringify({ type }),
      },
    });
    return true;
  });
}
