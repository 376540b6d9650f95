// The privacy guard on the server: scans an outcome's stored document (Yjs state → JSON through
// the one editor schema → text per block) for what could identify a pupil, and keeps the
// leaders' audited decisions that a finding is not about a pupil ("toch toestaan"). Submitting
// and publishing ask `blockingFindings` first (review.server.ts).
import { createHash } from "node:crypto";
import type { JSONContent } from "@tiptap/core";
import { docToJSON } from "~/editor/render.server";
import { type Finding, type FindingKind, maskValue, scanText } from "~/lib/privacy-scan";
import { auditOutcome } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import { announceOutcomeEvent } from "~/utils/live-events.server";
import { loadDocument } from "../../server/collab/persistence";

export type DocumentFinding = Finding & { block: number; masked: string; overridden: boolean };

/** Scans each text block on its own (a match never spans two paragraphs or table cells). */
export function scanDocument(json: JSONContent): (Finding & { block: number })[] {
  const findings: (Finding & { block: number })[] = [];
  let block = 0;
  const visit = (node: JSONContent) => {
    const children = node.content ?? [];
    if (children.some((c) => c.type === "text" || c.type === "hardBreak")) {
      const text = children.map((c) => (c.type === "text" ? (c.text ?? "") : "\n")).join("");
      for (const finding of scanText(text)) findings.push({ ...finding, block });
      block += 1;
      return;
    }
    for (const child of children) visit(child);
  };
  visit(json);
  return findings;
}

/** The stored form of a value: a hash, so an override does not keep a second copy of it. */
function hashValue(outcomeId: string, kind: FindingKind, value: string): string {
  return createHash("sha256").update(`${outcomeId}\n${kind}\n${value}`).digest("hex");
}

/**
 * Every finding in the stored document (or in `json`, the stored document already loaded by
 * the caller), with whether a leader allowed it.
 */
export async function scanOutcome(
  outcomeId: string,
  json?: JSONContent,
): Promise<DocumentFinding[] | null> {
  if (!json) {
    const loaded = await loadDocument(outcomeId);
    if (!loaded) return null;
    json = docToJSON(loaded.doc);
    loaded.doc.destroy();
  }
  const overrides = await db.privacyOverride.findMany({
    where: { outcomeId },
    select: { kind: true, valueHash: true },
  });
  const allowed = new Set(overrides.map((o) => `${o.kind}\n${o.valueHash}`));
  return scanDocument(json).map((f) => ({
    ...f,
    masked: maskValue(f.kind, f.value),
    overridden: allowed.has(`${f.kind}\n${hashValue(outcomeId, f.kind, f.value)}`),
  }));
}

/** Findings nobody allowed: while there are any, the outcome cannot be submitted or published. */
export async function blockingFindings(
  outcomeId: string,
  json?: JSONContent,
): Promise<DocumentFinding[]> {
  return ((await scanOutcome(outcomeId, json)) ?? []).filter((f) => !f.overridden);
}

export const MAX_OVERRIDE_REASON = 500;

export type OverrideResult = { ok: true } | { ok: false; problem: "notFound" | "already" };

/**
 * A leader allows one finding (by kind and normalised value: every place it occurs) with a
 * reason. Only a value that is in the stored document now can be allowed. Audited.
 */
export async function overrideFinding(
  outcomeId: string,
  finding: { kind: FindingKind; value: string },
  reason: string,
  actorId: string,
): Promise<OverrideResult> {
  const findings = await scanOutcome(outcomeId);
  const current = findings?.find((f) => f.kind === finding.kind && f.value === finding.value);
  if (!current) return { ok: false, problem: "notFound" };
  if (current.overridden) return { ok: false, problem: "already" };
  const valueHash = hashValue(outcomeId, finding.kind, finding.value);
  try {
    await db.$transaction(async (tx) => {
      const override = await tx.privacyOverride.create({
        data: {
          outcomeId,
          kind: finding.kind,
          valueHash,
          masked: current.masked,
          reason,
          createdById: actorId,
        },
      });
      await auditOutcome(tx, {
        outcomeId,
        actorId,
        action: "outcome.privacyOverride",
        data: { overrideId: override.id, kind: finding.kind, masked: current.masked, reason },
      });
    });
  } catch (error) {
    // Another leader allowed the same value at the same moment (unique per outcome and value).
    if ((error as { code?: string }).code === "P2002") return { ok: false, problem: "already" };
    throw error;
  }
  announceOutcomeEvent(outcomeId, "status");
  return { ok: true };
}
