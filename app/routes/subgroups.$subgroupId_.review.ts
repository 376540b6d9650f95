// Resource route: the review flow of a subgroup's outcome (POST intent=transition with
// transition=submit|approve|publish|reopen and a note) and a leader's "toch toestaan" of a
// privacy finding (POST intent=allowFinding). Posted by the review and privacy panels on the
// subgroup page with a fetcher; answers JSON with a Dutch message key, never a 500.
import { data } from "react-router";
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { FINDING_KINDS } from "~/lib/privacy-scan";
import { authorize } from "~/models/permissions.server";
import { MAX_OVERRIDE_REASON, overrideFinding } from "~/models/privacy-guard.server";
import {
  MAX_REVIEW_NOTE,
  TRANSITION_NAMES,
  TRANSITIONS,
  type Transition,
  transitionOutcome,
} from "~/models/review.server";
import { getSubgroupPage } from "~/models/subgroup.server";
import { mailOrigin, readFormData } from "~/utils/request.server";
import type { Route } from "./+types/subgroups.$subgroupId_.review";

const transitionSchema = z.object({
  transition: z.enum(TRANSITION_NAMES as [Transition, ...Transition[]]),
  note: z.string().max(MAX_REVIEW_NOTE).default(""),
});

const allowFindingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  value: z.string().min(1).max(200),
  reason: z.string().trim().min(1).max(MAX_OVERRIDE_REASON),
});

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = Object.fromEntries(await readFormData(request));
  const subgroup = await getSubgroupPage(params.subgroupId);
  if (!subgroup?.outcome) throw data(null, { status: 404 });
  const target = { kind: "outcome", id: subgroup.outcome.id } as const;
  // Outsiders hear "no" (or "sign in") before anything about their input.
  await authorize({ request, context }, "outcome.read", target);
  const actorId = context.session?.user.id ?? "";
  if (form.intent === "allowFinding") {
    await authorize({ request, context }, "outcome.moderate", target);
    const parsed = allowFindingSchema.safeParse(form);
    if (!parsed.success) {
      const reason = typeof form.reason === "string" ? form.reason.trim() : "";
      const problem: MessageKey =
        reason.length > MAX_OVERRIDE_REASON
          ? "privacy.guard.reasonTooLong"
          : reason === ""
            ? "privacy.guard.reasonRequired"
            : "privacy.guard.notStored";
      return data({ intent: "allowFinding" as const, ok: false, problem }, { status: 400 });
    }
    const { kind, value, reason } = parsed.data;
    const result = await overrideFinding(target.id, { kind, value }, reason, actorId);
    if (!result.ok) {
      const problem: MessageKey =
        result.problem === "already" ? "privacy.guard.already" : "privacy.guard.notStored";
      return data({ intent: "allowFinding" as const, ok: false, problem }, { status: 409 });
    }
    return { intent: "allowFinding" as const, ok: true };
  }
  const parsed = transitionSchema.safeParse(form);
  if (!parsed.success) {
    const tooLong = typeof form.note === "string" && form.note.length > MAX_REVIEW_NOTE;
    return data(
      {
        intent: "transition" as const,
        ok: false as const,
        problem: (tooLong ? "review.noteTooLong" : "review.problem.wrongStatus") as MessageKey,
      },
      { status: 400 },
    );
  }
  const { transition, note } = parsed.data;
  await authorize({ request, context }, TRANSITIONS[transition].permission, target);
  const result = await transitionOutcome(target.id, transition, {
    note,
    actorId,
    origin: mailOrigin(request),
  });
  if (result.ok) return { intent: "transition" as const, ok: true as const, transition };
  const count =
    result.problem === "privacy"
      ? result.findings.length
      : result.problem === "suggestions"
        ? result.count
        : undefined;
  return data(
    {
      intent: "transition" as const,
      ok: false as const,
      problem: `review.problem.${result.problem}` as MessageKey,
      count,
    },
    { status: 409 },
  );
}

export function loader() {
  throw data(null, { status: 405 });
}
