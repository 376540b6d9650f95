// The review flow of an outcome: concept → ter review (a member submits) → goedgekeurd (a leader)
// → gepubliceerd (a leader), and back to concept with a note. Each step is a conditional update
// (two leaders clicking at once: one step happens, the other hears it already did), an audit
// event with the note, notifications for the people concerned, and a live "status" event for
// open editors. Publishing stores an immutable copy (OutcomePublication: JSON + HTML through the
// one schema); later edits change nothing the plenary sees until the outcome is published again.
import type { JSONContent } from "@tiptap/core";
import { docToJSON, isEmptyDocument, jsonToHTML } from "~/editor/render.server";
import { countSuggestions } from "~/editor/suggestions-core";
import type { MessageKey } from "~/i18n";
import { type NotificationKind, notify } from "~/models/notification.server";
import type { Action } from "~/models/permissions.server";
import { announcePublication } from "~/models/plenary.server";
import { blockingFindings, type DocumentFinding } from "~/models/privacy-guard.server";
import { outcomeCircle } from "~/models/subgroup.server";
import { db } from "~/utils/db.server";
import { announceOutcomeEvent } from "~/utils/live-events.server";
import { loadDocument } from "../../server/collab/persistence";

export const OUTCOME_STATUSES = ["concept", "review", "approved", "published"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const TRANSITIONS = {
  submit: { from: ["concept"], to: "review", permission: "outcome.submit", notify: "review" },
  approve: { from: ["review"], to: "approved", permission: "outcome.moderate", notify: "approved" },
  publish: {
    from: ["approved", "published"],
    to: "published",
    permission: "outcome.publish",
    notify: "published",
  },
  reopen: {
    from: ["review", "approved", "published"],
    to: "concept",
    permission: "outcome.moderate",
    notify: "returned",
  },
} as const satisfies Record<
  string,
  {
    from: readonly OutcomeStatus[];
    to: OutcomeStatus;
    permission: Action;
    notify: NotificationKind;
  }
>;
export type Transition = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as Transition[];

export const MAX_REVIEW_NOTE = 1000;

export type TransitionResult =
  | { ok: true; status: OutcomeStatus; publication?: number }
  | { ok: false; problem: "notFound" | "wrongStatus" | "noteRequired" | "empty" }
  | { ok: false; problem: "privacy"; findings: DocumentFinding[] }
  | { ok: false; problem: "suggestions"; count: number };

type Input = { note: string; actorId: string; origin: string };

/** Performs one step of the flow for `actorId` (the route checked `permission` first). */
export async function transitionOutcome(
  outcomeId: string,
  transition: Transition,
  { note, actorId, origin }: Input,
): Promise<TransitionResult> {
  const step = TRANSITIONS[transition];
  if (transition === "reopen" && note.trim() === "") return { ok: false, problem: "noteRequired" };

  const outcome = await db.outcome.findUnique({
    where: { id: outcomeId },
    select: { status: true, statusChangedAt: true },
  });
  if (!outcome) return { ok: false, problem: "notFound" };
  if (!(step.from as readonly string[]).includes(outcome.status))
    return { ok: false, problem: "wrongStatus" };

  // Nothing identifying a pupil leaves the group: checked on the stored text, and what is
  // published is exactly the text that was checked (one load for both).
  let published: { json: JSONContent; html: string } | null = null;
  if (transition === "submit" || transition === "publish") {
    const loaded = await loadDocument(outcomeId);
    if (!loaded) return { ok: false, problem: "notFound" };
    const json = docToJSON(loaded.doc);
    loaded.doc.destroy();
    const findings = await blockingFindings(outcomeId, json);
    if (findings.length > 0) return { ok: false, problem: "privacy", findings };
    if (transition === "publish") {
      if (isEmptyDocument(json)) return { ok: false, problem: "empty" };
      const open = countSuggestions(json);
      if (open > 0) return { ok: false, problem: "suggestions", count: open };
      published = { json, html: jsonToHTML(json) };
    }
  }

  const result = await db.$transaction(async (tx) => {
    // Only from the state read above: of two simultaneous steps (two leaders publishing at
    // once) one happens and the other hears that the status changed meanwhile.
    const { count } = await tx.outcome.updateMany({
      where: { id: outcomeId, status: outcome.status, statusChangedAt: outcome.statusChangedAt },
      data: { status: step.to, statusChangedAt: new Date() },
    });
    if (count === 0) return null;
    const current = await tx.outcome.findUniqueOrThrow({
      where: { id: outcomeId },
      select: { title: true, type: true },
    });
    const circle = await outcomeCircle(outcomeId, tx);
    if (!circle) return null;
    let number: number | undefined;
    if (published) {
      const last = await tx.outcomePublication.findFirst({
        where: { outcomeId },
        orderBy: { number: "desc" },
        select: { number: true },
      });
      number = (last?.number ?? 0) + 1;
      await tx.outcomePublication.create({
        data: {
          outcomeId,
          number,
          title: current.title,
          type: current.type,
          json: JSON.stringify(published.json),
          html: published.html,
          publishedById: actorId,
        },
      });
    }
    await tx.auditEvent.create({
      data: {
        actorId,
        communityId: circle.communityId,
        action: "outcome.status",
        targetType: "outcome",
        targetId: outcomeId,
        data: JSON.stringify({
          transition,
          from: outcome.status,
          to: step.to,
          note: note.trim(),
          ...(number ? { publication: number } : {}),
        }),
      },
    });
    // Submitting asks the leaders; the other steps tell the members and the other leaders.
    const leaderIds = circle.facilitators.map((p) => p.id);
    const memberIds = circle.members.map((p) => p.id);
    const recipients = transition === "submit" ? leaderIds : [...memberIds, ...leaderIds];
    const kind = step.notify;
    await notify(
      tx,
      recipients,
      {
        kind,
        actorId,
        outcomeId,
        excerpt: note.trim(),
        path: `/subgroups/${circle.subgroupId}`,
        dedupeKey: `${outcomeId}:${transition}:${Date.now()}`,
        subjectKey: `moderation.mail.${kind}.subject` as MessageKey,
        bodyKey: `moderation.mail.${kind}.body` as MessageKey,
        vars: { subgroup: circle.subgroupName, title: current.title ?? circle.subgroupName },
      },
      origin,
    );
    return { status: step.to as OutcomeStatus, publication: number };
  });
  if (!result) return { ok: false, problem: "wrongStatus" };
  announceOutcomeEvent(outcomeId, "status");
  if (result.publication) await announcePublication(outcomeId);
  return { ok: true, ...result };
}

/** The status steps of an outcome, newest first (who, when, from → to, note). */
export async function statusHistory(outcomeId: string, take = 20) {
  const events = await db.auditEvent.findMany({
    where: {
      targetType: "outcome",
      targetId: outcomeId,
      action: {
        in: ["outcome.status", "outcome.lock", "outcome.unlock", "outcome.privacyOverride"],
      },
    },
    orderBy: { at: "desc" },
    take,
    select: { id: true, at: true, action: true, data: true, actor: { select: { name: true } } },
  });
  return events.map((e) => {
    const data = parseData(e.data);
    return {
      id: e.id,
      at: e.at,
      action: e.action,
      actorName: e.actor?.name ?? null,
      transition: typeof data.transition === "string" ? data.transition : null,
      to: typeof data.to === "string" ? data.to : null,
      note:
        typeof data.note === "string"
          ? data.note
          : typeof data.reason === "string"
            ? data.reason
            : "",
      masked: typeof data.masked === "string" ? data.masked : null,
      publication: typeof data.publication === "number" ? data.publication : null,
    };
  });
}

function parseData(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The publication the plenary sees now (the highest number), or null. */
export function currentPublication(outcomeId: string) {
  return db.outcomePublication.findFirst({
    where: { outcomeId },
    orderBy: { number: "desc" },
    select: {
      number: true,
      title: true,
      type: true,
      html: true,
      publishedAt: true,
      publishedBy: { select: { name: true } },
    },
  });
}
