// Resource route for the comments of a subgroup's outcome (no page of its own; the trailing "_"
// keeps it out of the subgroup page's layout). GET: the threads and the people who may be
// mentioned ("outcome.read"). POST: start, reply, resolve, reopen, edit, delete
// ("outcome.comment"; editing and deleting only one's own, checked by the model). Bad input gets
// a 400 with the Dutch message key for the field, never a 500.
import { data } from "react-router";
import { z } from "zod";
import {
  type CommentFailure,
  deleteComment,
  editComment,
  listThreads,
  replyToThread,
  setThreadResolved,
  startThread,
} from "~/models/comment.server";
import { authorize } from "~/models/permissions.server";
import { getSubgroupPage, outcomeCircle } from "~/models/subgroup.server";
import { mailOrigin, readFormData } from "~/utils/request.server";
import type { Route } from "./+types/subgroups.$subgroupId_.comments";

async function outcomeOf(subgroupId: string) {
  const subgroup = await getSubgroupPage(subgroupId);
  if (!subgroup?.outcome) throw data(null, { status: 404 });
  return subgroup.outcome.id;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const outcomeId = await outcomeOf(params.subgroupId);
  await authorize({ request, context }, "outcome.read", { kind: "outcome", id: outcomeId });
  const [threads, circle] = await Promise.all([listThreads(outcomeId), outcomeCircle(outcomeId)]);
  return { threads, people: circle?.people ?? [] };
}

const id = z.string().min(1).max(64);
const text = z.string().max(20_000);
const intentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("start"),
    anchorStart: z.string().max(400),
    anchorEnd: z.string().max(400),
    quote: text,
    body: text,
  }),
  z.object({ intent: z.literal("reply"), threadId: id, body: text }),
  z.object({ intent: z.literal("resolve"), threadId: id }),
  z.object({ intent: z.literal("reopen"), threadId: id }),
  z.object({ intent: z.literal("edit"), commentId: id, body: text }),
  z.object({ intent: z.literal("delete"), commentId: id }),
]);

/** A refusal as the form shows it: the message next to its field (400), or for the whole form. */
function refusal(intent: string, failure: CommentFailure) {
  const status = failure.reason === "notFound" ? 404 : failure.reason === "notOwn" ? 403 : 400;
  const message =
    failure.message ??
    (failure.reason === "notFound" ? "comments.error.notFound" : "comments.error.notOwn");
  return data({ ok: false as const, intent, field: failure.field ?? null, message }, { status });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const outcomeId = await outcomeOf(params.subgroupId);
  await authorize({ request, context }, "outcome.comment", { kind: "outcome", id: outcomeId });
  const actorId = context.session?.user.id ?? "";
  const parsed = intentSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success)
    return data(
      { ok: false as const, intent: "", field: null, message: "comments.error.invalid" as const },
      { status: 400 },
    );
  const input = parsed.data;
  const origin = mailOrigin(request);
  const result =
    input.intent === "start"
      ? await startThread({ ...input, outcomeId, actorId, origin })
      : input.intent === "reply"
        ? await replyToThread({ ...input, outcomeId, actorId, origin })
        : input.intent === "resolve" || input.intent === "reopen"
          ? await setThreadResolved({
              outcomeId,
              threadId: input.threadId,
              actorId,
              resolved: input.intent === "resolve",
            })
          : input.intent === "edit"
            ? await editComment({ ...input, outcomeId, actorId, origin })
            : await deleteComment({ ...input, outcomeId, actorId });
  if (!result.ok) return refusal(input.intent, result);
  return {
    ok: true as const,
    intent: input.intent,
    threadId: "threadId" in result ? result.threadId : null,
  };
}
