// On the subgroup page: raise a question or topic for the plenary (linked to this subgroup and
// its theme), and see the ones this subgroup raised, with their votes and answers. Talks to the
// resource route /subgroups/<id>/questions; the board is /communities/<slug>/questions.
import { useEffect, useId, useRef } from "react";
import { Link, useFetcher } from "react-router";
import { type MessageKey, useT } from "~/i18n";
import { MAX_QUESTION_TEXT as MAX_TEXT } from "~/lib/questions";

type RaiseResult = { ok: true; problem: null } | { ok: false; problem: MessageKey };
type Listed = {
  questions: {
    id: string;
    text: string;
    status: string;
    votes: number;
    answer: string | null;
    meeting: number | null;
  }[];
};

export function RaiseQuestion({
  subgroupId,
  communitySlug,
}: {
  subgroupId: string;
  communitySlug: string;
}) {
  const t = useT();
  const url = `/subgroups/${subgroupId}/questions`;
  const raise = useFetcher<RaiseResult>();
  const list = useFetcher<Listed>();
  const form = useRef<HTMLFormElement>(null);
  const fieldId = useId();
  const result = raise.data;
  const loadList = list.load;

  useEffect(() => {
    void loadList(url);
  }, [loadList, url]);
  useEffect(() => {
    if (result?.ok) {
      form.current?.reset();
      void loadList(url);
    }
  }, [result, loadList, url]);

  const questions = list.data?.questions ?? [];
  const invalid = result && !result.ok;
  return (
    <section aria-labelledby="plenary-questions-title" className="raise-question">
      <h2 id="plenary-questions-title">{t("questions.raiseTitle")}</h2>
      <p className="meta">{t("questions.raiseIntro")}</p>
      <raise.Form method="post" action={url} ref={form} noValidate>
        <div className={`field${invalid ? " field-invalid" : ""}`}>
          <label htmlFor={fieldId}>{t("questions.raiseLabel")}</label>
          <p id={`${fieldId}-hint`} className="field-hint">
            {t("questions.raiseHint", { max: MAX_TEXT })}
          </p>
          {invalid ? (
            <p id={`${fieldId}-error`} className="field-error" role="alert">
              {t(result.problem)}
            </p>
          ) : null}
          <textarea
            id={fieldId}
            name="text"
            rows={3}
            maxLength={MAX_TEXT}
            aria-invalid={invalid || undefined}
            aria-describedby={`${fieldId}-hint${invalid ? ` ${fieldId}-error` : ""}`}
          />
        </div>
        <button type="submit" className="button secondary" disabled={raise.state !== "idle"}>
          {t("questions.raise")}
        </button>
      </raise.Form>
      <div aria-live="polite">
        {result?.ok ? <p className="notice success">{t("questions.raised")}</p> : null}
      </div>
      {questions.length > 0 ? (
        <>
          <h3 className="small-heading">{t("questions.fromSubgroup")}</h3>
          <ul className="plain raised-list">
            {questions.map((q) => (
              <li key={q.id}>
                {q.text}{" "}
                <span className="meta">
                  ({t("questions.votes", { count: q.votes })}
                  {", "}
                  {t(`questions.status.${q.status}` as MessageKey)})
                </span>
                {q.answer ? (
                  <span className="question-answer">
                    {" "}
                    {t("questions.answer")}: {q.answer}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to={`/communities/${communitySlug}/questions`}>{t("questions.toBoard")}</Link>
      </p>
    </section>
  );
}
