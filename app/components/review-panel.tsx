// The review flow on the subgroup page: the outcome's status with what it means, the steps this
// person may take now (one form, a button per step, one note), the published version, and the
// history of steps. The server decides and explains (review.server.ts); this only shows.
import { useEffect, useId, useRef } from "react";
import { Link, useFetcher } from "react-router";
import { type MessageKey, useLocale, useT } from "~/i18n";
import { formatDateTime } from "~/lib/dates";

type Status = "concept" | "review" | "approved" | "published";
type Transition = "submit" | "approve" | "publish" | "reopen";

export type ReviewHistoryItem = {
  id: string;
  at: Date | string;
  action: string;
  actorName: string | null;
  transition: string | null;
  note: string;
  masked: string | null;
  publication: number | null;
};

export type ReviewResult =
  | { intent: "transition"; ok: true; transition: Transition }
  | { intent: "transition"; ok: false; problem: MessageKey; count?: number };

type Props = {
  subgroupId: string;
  status: Status;
  /** The steps this person may take in this status. */
  allowed: Transition[];
  publication: { number: number; publishedAt: Date | string } | null;
  history: ReviewHistoryItem[];
};

export function ReviewPanel({ subgroupId, status, allowed, publication, history }: Props) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ReviewResult>();
  const headingId = useId();
  const noteId = useId();
  const result = fetcher.data;
  const heading = useRef<HTMLHeadingElement>(null);
  // The pressed button goes away with the step: focus moves to the new status.
  useEffect(() => {
    if (result?.ok) heading.current?.focus();
  }, [result]);
  const reopenOnly = allowed.length === 1 && allowed[0] === "reopen";
  const when = (at: Date | string) => formatDateTime(new Date(at), locale);

  return (
    <section className="review-panel" aria-labelledby={headingId} data-testid="review-panel">
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t("review.title")}:{" "}
        <span className={`status-badge status-${status}`} data-testid="review-status">
          {t(`review.status.${status}` as MessageKey)}
        </span>
      </h3>
      <p>{t(`review.explain.${status}` as MessageKey)}</p>
      {publication ? (
        <p>
          {t("review.publishedAs", {
            date: when(publication.publishedAt),
            number: publication.number,
          })}{" "}
          <Link to={`/subgroups/${subgroupId}/published`}>{t("review.viewPublished")}</Link>
          {status !== "published" ? <> {t("review.changedSincePublication")}</> : null}
        </p>
      ) : null}

      <div aria-live="polite" className="review-result">
        {result ? (
          result.ok ? (
            <p className="notice success">{t(`review.done.${result.transition}` as MessageKey)}</p>
          ) : (
            <p className="notice error" role="alert">
              {t(result.problem, { count: result.count ?? 0 })}
            </p>
          )
        ) : null}
      </div>

      {allowed.length > 0 ? (
        <fetcher.Form
          method="post"
          action={`/subgroups/${subgroupId}/review`}
          className="review-form"
        >
          <input type="hidden" name="intent" value="transition" />
          <div className="field">
            <label htmlFor={noteId}>
              {reopenOnly ? t("review.noteRequiredLabel") : t("review.noteLabel")}
            </label>
            {allowed.includes("reopen") ? (
              <p className="field-hint" id={`${noteId}-hint`}>
                {t("review.noteHint")}
              </p>
            ) : null}
            <textarea
              id={noteId}
              name="note"
              rows={2}
              maxLength={1000}
              aria-describedby={allowed.includes("reopen") ? `${noteId}-hint` : undefined}
            />
          </div>
          <div className="button-row">
            {allowed.map((transition) => (
              <button
                key={transition}
                type="submit"
                name="transition"
                value={transition}
                className={transition === "reopen" ? "button secondary" : "button"}
                disabled={fetcher.state !== "idle"}
              >
                {transition === "publish" && status === "published"
                  ? t("review.action.republish")
                  : t(`review.action.${transition}` as MessageKey)}
              </button>
            ))}
          </div>
        </fetcher.Form>
      ) : null}

      <details className="review-history">
        <summary>{t("review.history")}</summary>
        {history.length === 0 ? (
          <p className="meta">{t("review.historyEmpty")}</p>
        ) : (
          <ol className="plain">
            {history.map((item) => (
              <li key={item.id}>
                <time dateTime={new Date(item.at).toISOString()} className="meta">
                  {when(item.at)}
                </time>{" "}
                {describeEvent(item, t)}
                {item.note ? <q className="review-note">{item.note}</q> : null}
              </li>
            ))}
          </ol>
        )}
      </details>
    </section>
  );
}

function describeEvent(item: ReviewHistoryItem, t: ReturnType<typeof useT>): string {
  const actor = item.actorName ?? t("review.someone");
  if (item.action === "outcome.lock") return t("review.event.lock", { actor });
  if (item.action === "outcome.unlock") return t("review.event.unlock", { actor });
  if (item.action === "outcome.privacyOverride")
    return t("review.event.override", { actor, value: item.masked ?? "" });
  return t(`review.event.${item.transition ?? "submit"}` as MessageKey, {
    actor,
    number: item.publication ?? "",
  });
}
