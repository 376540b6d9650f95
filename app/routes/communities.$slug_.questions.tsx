// The shared questions board of a community (everybody registered reads it: plenary.view).
// Questions are raised from subgroup pages; here people upvote (question.vote) and the organiser
// (question.moderate) merges duplicates, orders questions into a meeting's plenary agenda (up
// and down buttons: keyboard operable) and marks them discussed with a written answer. Plain
// form posts (works without JavaScript); the page follows the community's live stream.
import { useEffect } from "react";
import { data, Form, Link, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import { PageTitle } from "~/components/form";
import { useLiveEvents } from "~/components/live-events";
import { type MessageKey, useT } from "~/i18n";
import { MAX_ANSWER } from "~/lib/questions";
import { authorize, can } from "~/models/permissions.server";
import { communityHeading, plenaryMeetings } from "~/models/plenary.server";
import type { QuestionView } from "~/models/question.server";
import {
  agendaQuestions,
  listQuestions,
  markDiscussed,
  mergeQuestion,
  moveQuestion,
  planQuestion,
  toggleVote,
} from "~/models/question.server";
import plenaryStyles from "~/styles/plenary.css?url";
import { db } from "~/utils/db.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.questions";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: plenaryStyles }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "plenary.view", {
    kind: "community",
    slug: params.slug,
  });
  const communityId = permission.communityId!;
  const userId = context.session?.user.id ?? null;
  const [community, themes, meetings] = await Promise.all([
    communityHeading(communityId),
    db.theme.findMany({
      where: { communityId },
      orderBy: { position: "asc" },
      select: { id: true, name: true },
    }),
    plenaryMeetings(communityId),
  ]);
  const wanted = new URL(request.url).searchParams.get("thema");
  const themeId = themes.some((th) => th.id === wanted) ? wanted : null;
  const canModerate = can(permission.role, "question.moderate", permission.conditions);
  const [questions, agendas] = await Promise.all([
    listQuestions(communityId, { userId, themeId }),
    canModerate
      ? Promise.all(
          meetings.map(async (m) => ({
            meeting: m,
            questions: await agendaQuestions(m.id, userId),
          })),
        )
      : [],
  ]);
  return {
    community,
    themes,
    themeId,
    meetings: meetings.map((m) => ({ id: m.id, number: m.number, title: m.title })),
    questions,
    agendas,
    canVote: can(permission.role, "question.vote", permission.conditions),
    canModerate,
  };
}

const msg = (key: MessageKey) => ({ message: key });
const questionId = z.string(msg("questions.problem.notFound")).min(1).max(64);

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("vote"), questionId }),
  z.object({
    intent: z.literal("merge"),
    questionId,
    intoId: z
      .string(msg("questions.problem.chooseTarget"))
      .min(1, msg("questions.problem.chooseTarget"))
      .max(64),
  }),
  z.object({
    intent: z.literal("plan"),
    questionId,
    meetingId: z.string(msg("questions.problem.meetingNotFound")).max(64),
  }),
  z.object({ intent: z.literal("move"), questionId, direction: z.enum(["up", "down"]) }),
  z.object({
    intent: z.literal("discuss"),
    questionId,
    answer: z
      .string(msg("questions.problem.answerRequired"))
      .trim()
      .min(1, msg("questions.problem.answerRequired"))
      .max(MAX_ANSWER, msg("questions.problem.answerTooLong")),
  }),
]);

type ActionResult = {
  intent: string;
  questionId: string;
  ok: boolean;
  problem: MessageKey | null;
  direction?: "up" | "down";
};

export async function action({ request, params, context }: Route.ActionArgs) {
  const target = { kind: "community", slug: params.slug } as const;
  const permission = await authorize({ request, context }, "plenary.view", target);
  const communityId = permission.communityId!;
  const actorId = context.session?.user.id ?? "";
  const form = Object.fromEntries(await readFormData(request));
  const intent = typeof form.intent === "string" ? form.intent : "";
  const id = typeof form.questionId === "string" ? form.questionId.slice(0, 64) : "";
  const reply = (result: Omit<ActionResult, "intent" | "questionId">, status = 200) =>
    data({ intent, questionId: id, ...result } satisfies ActionResult, { status });
  // Who may do it is decided before anything about the input is said.
  await authorize(
    { request, context },
    intent === "vote" ? "question.vote" : "question.moderate",
    target,
  );
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const problem = (
      issue?.message.startsWith("questions.") ? issue.message : "questions.problem.invalid"
    ) as MessageKey;
    return reply({ ok: false, problem }, 400);
  }
  const input = parsed.data;
  const result =
    input.intent === "vote"
      ? await toggleVote(communityId, input.questionId, actorId)
      : input.intent === "merge"
        ? await mergeQuestion(communityId, input.questionId, input.intoId, actorId)
        : input.intent === "plan"
          ? await planQuestion(communityId, input.questionId, input.meetingId || null, actorId)
          : input.intent === "move"
            ? await moveQuestion(communityId, input.questionId, input.direction, actorId)
            : await markDiscussed(communityId, input.questionId, input.answer, actorId);
  if (!result.ok)
    return reply(
      { ok: false, problem: `questions.problem.${result.problem}` as MessageKey },
      result.problem === "notFound" ? 404 : 409,
    );
  return reply({
    ok: true,
    problem: null,
    direction: input.intent === "move" ? input.direction : undefined,
  });
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function QuestionsBoard() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const live = useLiveEvents(page.community.slug);
  useRestoreFocus(result, page);
  return (
    <article aria-labelledby="questions-title" className="questions-board" data-live={live}>
      <PageTitle>{`${t("questions.title")} · ${page.community.name}`}</PageTitle>
      <p className="meta">
        <Link to={`/communities/${page.community.slug}`}>{page.community.name}</Link>
      </p>
      <h1 id="questions-title">{t("questions.title")}</h1>
      <p>{t("questions.intro")}</p>
      <p className="meta">{t(`plenary.live.${live}` as MessageKey)}</p>

      <Form method="get" className="filter-form">
        <label htmlFor="filter-theme">{t("questions.filterTheme")}</label>
        <select id="filter-theme" name="thema" defaultValue={page.themeId ?? ""}>
          <option value="">{t("questions.allThemes")}</option>
          {page.themes.map((th) => (
            <option key={th.id} value={th.id}>
              {th.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary">
          {t("questions.filter")}
        </button>
      </Form>

      {page.canModerate ? <AgendaSection page={page} /> : null}

      <section aria-labelledby="open-title">
        <h2 id="open-title">{t("questions.open")}</h2>
        {page.questions.open.length === 0 ? (
          <p className="meta">{t("questions.openNone")}</p>
        ) : (
          <ol className="question-list">
            {page.questions.open.map((q) => (
              <QuestionItem key={q.id} question={q} page={page} />
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="discussed-title">
        <h2 id="discussed-title">{t("questions.discussed")}</h2>
        {page.questions.discussed.length === 0 ? (
          <p className="meta">{t("questions.discussedNone")}</p>
        ) : (
          <ol className="question-list">
            {page.questions.discussed.map((q) => (
              <QuestionItem key={q.id} question={q} page={page} />
            ))}
          </ol>
        )}
      </section>

      {page.questions.merged.length > 0 ? (
        <section aria-labelledby="merged-title">
          <h2 id="merged-title">{t("questions.merged")}</h2>
          <ul className="question-list">
            {page.questions.merged.map((q) => (
              <li key={q.id} id={`vraag-${q.id}`} className="question" data-testid="question">
                <p className="question-text">{q.text}</p>
                <p className="meta">
                  {t("questions.mergedInto")}{" "}
                  {q.mergedInto ? (
                    <a href={`#vraag-${q.mergedInto.id}`}>{q.mergedInto.text}</a>
                  ) : (
                    "?"
                  )}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

/**
 * After a vote or a move the list re-sorts (and an edge button gets disabled): when the focus
 * was lost that way, it goes back to the question's button. Runs again when the reloaded data
 * arrives, which may come after the action's result.
 */
function useRestoreFocus(result: ReturnType<typeof useActionData<typeof action>>, page: PageData) {
  useEffect(() => {
    if (!result?.ok || !page) return;
    // Lost: on the body, or still on a button that just became disabled (the browser moves it
    // to the body a moment later).
    const active = document.activeElement as HTMLButtonElement | null;
    if (active && active !== document.body && !active.disabled) return;
    const ids =
      result.intent === "vote"
        ? [`vote-${result.questionId}`]
        : result.intent === "move" && result.direction
          ? [
              `move-${result.direction}-${result.questionId}`,
              `move-${result.direction === "up" ? "down" : "up"}-${result.questionId}`,
            ]
          : [];
    for (const id of ids) {
      const element = document.getElementById(id) as HTMLButtonElement | null;
      if (element && !element.disabled) {
        element.focus();
        return;
      }
    }
  }, [result, page]);
}

function Problem({ question, agenda = false }: { question: QuestionView; agenda?: boolean }) {
  const t = useT();
  const result = useActionData<typeof action>();
  if (!result?.problem || result.questionId !== question.id) return null;
  // The agenda shows what went wrong with ordering; the list everything else.
  const fromAgenda =
    result.intent === "move" || (result.intent === "plan" && question.meeting !== null);
  if (fromAgenda !== agenda) return null;
  return (
    <p className="field-error" role="alert">
      {t(result.problem)}
    </p>
  );
}

function QuestionMeta({ question }: { question: QuestionView }) {
  const t = useT();
  return (
    <p className="meta">
      {[question.theme?.name, question.subgroup?.name].filter(Boolean).join(" · ")}
      {" · "}
      <span data-testid="vote-count">{t("questions.votes", { count: question.votes })}</span>
      {question.meeting
        ? ` · ${t("questions.onAgenda", { number: question.meeting.number })}`
        : null}
    </p>
  );
}

function QuestionItem({ question: q, page }: { question: QuestionView; page: PageData }) {
  const t = useT();
  const others = page.questions.open.filter((o) => o.id !== q.id);
  return (
    <li id={`vraag-${q.id}`} className="question" data-testid="question">
      <p className="question-text">{q.text}</p>
      <QuestionMeta question={q} />
      {q.status === "discussed" && q.answer ? (
        <p className="question-answer" data-testid="question-answer">
          <strong>{t("questions.answer")}:</strong> {q.answer}
          {q.answeredBy ? <span className="meta"> ({q.answeredBy})</span> : null}
        </p>
      ) : null}
      <Problem question={q} />
      {q.status === "open" && page.canVote ? (
        <Form method="post" className="inline-form" preventScrollReset>
          <input type="hidden" name="intent" value="vote" />
          <input type="hidden" name="questionId" value={q.id} />
          <button
            type="submit"
            id={`vote-${q.id}`}
            className="button secondary vote-button"
            aria-pressed={q.votedByMe}
            aria-label={t("questions.voteLabel", { text: q.text })}
          >
            {t("questions.vote")}
          </button>{" "}
          {q.votedByMe ? <span className="meta">{t("questions.voted")}</span> : null}
        </Form>
      ) : null}
      {page.canModerate && q.status === "open" ? (
        <details className="question-tools">
          <summary>{t("questions.manage")}</summary>
          <Form method="post" className="tool-form" preventScrollReset>
            <input type="hidden" name="intent" value="plan" />
            <input type="hidden" name="questionId" value={q.id} />
            <label htmlFor={`plan-${q.id}`}>{t("questions.planLabel")}</label>
            <select id={`plan-${q.id}`} name="meetingId" defaultValue={q.meeting?.id ?? ""}>
              <option value="">{t("questions.notPlanned")}</option>
              {page.meetings.map((m) => (
                <option key={m.id} value={m.id}>
                  {t("plenary.title", { number: m.number })}
                </option>
              ))}
            </select>
            <button type="submit" className="button secondary">
              {t("questions.plan")}
            </button>
          </Form>
          {others.length > 0 ? (
            <Form method="post" className="tool-form" preventScrollReset>
              <input type="hidden" name="intent" value="merge" />
              <input type="hidden" name="questionId" value={q.id} />
              <label htmlFor={`merge-${q.id}`}>{t("questions.mergeLabel")}</label>
              <select id={`merge-${q.id}`} name="intoId" defaultValue="">
                <option value="">{t("questions.mergeChoose")}</option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.text.length > 80 ? `${o.text.slice(0, 80)}…` : o.text}
                  </option>
                ))}
              </select>
              <button type="submit" className="button secondary">
                {t("questions.merge")}
              </button>
            </Form>
          ) : null}
          <DiscussForm question={q} />
        </details>
      ) : null}
    </li>
  );
}

function DiscussForm({ question }: { question: QuestionView }) {
  const t = useT();
  return (
    <Form method="post" className="tool-form" preventScrollReset>
      <input type="hidden" name="intent" value="discuss" />
      <input type="hidden" name="questionId" value={question.id} />
      <label htmlFor={`answer-${question.id}`}>{t("questions.answerLabel")}</label>
      <p id={`answer-hint-${question.id}`} className="field-hint">
        {t("questions.answerHint", { max: MAX_ANSWER })}
      </p>
      <textarea
        id={`answer-${question.id}`}
        name="answer"
        rows={3}
        maxLength={MAX_ANSWER}
        aria-describedby={`answer-hint-${question.id}`}
      />
      <button type="submit" className="button">
        {t("questions.markDiscussed")}
      </button>
    </Form>
  );
}

function AgendaSection({ page }: { page: PageData }) {
  const t = useT();
  return (
    <section aria-labelledby="agenda-title" className="question-agendas">
      <h2 id="agenda-title">{t("questions.agendas")}</h2>
      {page.agendas.map(({ meeting, questions }) => (
        <div key={meeting.id} className="question-agenda">
          <h3>
            <Link to={`/communities/${page.community.slug}/plenary/${meeting.number}`}>
              {t("plenary.title", { number: meeting.number })}
            </Link>
          </h3>
          {questions.length === 0 ? (
            <p className="meta">{t("plenary.questionsNone")}</p>
          ) : (
            <ol className="agenda-order" data-testid={`agenda-${meeting.number}`}>
              {questions.map((q, index) => (
                <li key={q.id} data-testid="agenda-question">
                  <span className="question-text">{q.text}</span>
                  {q.status === "discussed" ? (
                    <span className="meta"> · {t("questions.status.discussed")}</span>
                  ) : null}
                  <Problem question={q} agenda />
                  <span className="order-buttons">
                    <MoveButton q={q} direction="up" disabled={index === 0} />
                    <MoveButton q={q} direction="down" disabled={index === questions.length - 1} />
                    <Form method="post" className="inline-form" preventScrollReset>
                      <input type="hidden" name="intent" value="plan" />
                      <input type="hidden" name="questionId" value={q.id} />
                      <input type="hidden" name="meetingId" value="" />
                      <button
                        type="submit"
                        className="link-button"
                        aria-label={t("questions.unplanLabel", { text: q.text })}
                      >
                        {t("questions.unplan")}
                      </button>
                    </Form>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  );
}

function MoveButton({
  q,
  direction,
  disabled,
}: {
  q: QuestionView;
  direction: "up" | "down";
  disabled: boolean;
}) {
  const t = useT();
  return (
    <Form method="post" className="inline-form" preventScrollReset>
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="questionId" value={q.id} />
      <input type="hidden" name="direction" value={direction} />
      <button
        type="submit"
        id={`move-${direction}-${q.id}`}
        className="button secondary small"
        disabled={disabled}
        aria-label={t(direction === "up" ? "questions.moveUpLabel" : "questions.moveDownLabel", {
          text: q.text,
        })}
      >
        {t(direction === "up" ? "questions.moveUp" : "questions.moveDown")}
      </button>
    </Form>
  );
}
