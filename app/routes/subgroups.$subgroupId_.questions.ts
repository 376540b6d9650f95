// Resource route: the questions a subgroup raised for the plenary. GET (subgroup.view): this
// subgroup's questions, for the form on the subgroup page (components/raise-question.tsx).
// POST (question.raise): raise one; a fetcher gets JSON with a Dutch message key, a plain form
// post (no JavaScript) is sent back to the subgroup page. Never a 500 on bad input.
import { data, redirect } from "react-router";
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { authorize } from "~/models/permissions.server";
import { MAX_QUESTION_TEXT, raiseQuestion, subgroupQuestions } from "~/models/question.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/subgroups.$subgroupId_.questions";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const target = { kind: "subgroup", id: params.subgroupId } as const;
  await authorize({ request, context }, "subgroup.view", target);
  const questions = await subgroupQuestions(params.subgroupId, context.session?.user.id ?? null);
  return {
    questions: questions.map((q) => ({
      id: q.id,
      text: q.text,
      status: q.status,
      votes: q.votes,
      answer: q.answer,
      meeting: q.meeting?.number ?? null,
    })),
  };
}

const msg = (key: MessageKey) => ({ message: key });
const raiseSchema = z.object({
  text: z
    .string(msg("questions.problem.textRequired"))
    .trim()
    .min(1, msg("questions.problem.textRequired"))
    .max(MAX_QUESTION_TEXT, msg("questions.problem.textTooLong")),
});

export async function action({ request, params, context }: Route.ActionArgs) {
  const target = { kind: "subgroup", id: params.subgroupId } as const;
  await authorize({ request, context }, "question.raise", target);
  const navigation = request.headers.get("sec-fetch-mode") === "navigate";
  const parsed = raiseSchema.safeParse(Object.fromEntries(await readFormData(request)));
  const result = parsed.success
    ? await raiseQuestion(params.subgroupId, context.session?.user.id ?? "", parsed.data.text)
    : ({
        ok: false,
        problem:
          parsed.error.issues[0]?.message === "questions.problem.textTooLong"
            ? "textTooLong"
            : "textRequired",
      } as const);
  if (navigation) return redirect(`/subgroups/${params.subgroupId}#plenary-questions-title`);
  if (!result.ok)
    return data(
      { ok: false as const, problem: `questions.problem.${result.problem}` as MessageKey },
      { status: result.problem === "notFound" ? 404 : 400 },
    );
  return { ok: true as const, problem: null };
}
