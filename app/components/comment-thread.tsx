// One comment thread on the subgroup page (its quote, which selects the passage; its comments
// with editing and deleting one's own; the reply form; resolve/reopen) and the form for a new
// thread. Forms post to the resource route /subgroups/<id>/comments with fetchers and never
// revalidate the page (the editor stays as it is); the panel reloads the list on success.
import type { Editor } from "@tiptap/core";
import { useEffect, useId, useRef, useState } from "react";
import { useFetcher } from "react-router";
import type { Anchors } from "~/editor/comment-anchors";
import { intlLocale, type MessageKey, useLocale, useT } from "~/i18n";
import type { action, loader } from "~/routes/subgroups.$subgroupId_.comments";
import { type MentionPerson, MentionTextarea } from "./mention-textarea";

export type Draft = Anchors & { quote: string };
export type ThreadData = NonNullable<
  ReturnType<typeof useFetcher<typeof loader>>["data"]
>["threads"][number];

type ActionData = NonNullable<ReturnType<typeof useFetcher<typeof action>>["data"]>;

/** The Dutch message of a refused submission, if the field `field` is the one at fault. */
function errorFor(data: ActionData | undefined, field: "body" | "selection" | null) {
  if (!data || data.ok) return null;
  return (data.field ?? null) === field || (field === "body" && !data.field)
    ? (data.message as MessageKey)
    : null;
}

/** Runs `onSuccess` once per successful submission of this fetcher. */
function useOnSuccess(fetcher: { state: string; data?: ActionData }, onSuccess: () => void) {
  const handled = useRef<ActionData | undefined>(undefined);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || handled.current === fetcher.data) return;
    handled.current = fetcher.data;
    if (fetcher.data.ok) onSuccess();
  });
}

export function NewThreadForm({
  draft,
  url,
  people,
  onClose,
}: {
  draft: Draft;
  url: string;
  people: readonly MentionPerson[];
  onClose: (posted: boolean) => void;
}) {
  const t = useT();
  const fetcher = useFetcher<typeof action>();
  const id = useId();
  const field = useRef<HTMLTextAreaElement | null>(null);
  useOnSuccess(fetcher, () => onClose(true));
  const error = errorFor(fetcher.data, "body");
  const selectionError = errorFor(fetcher.data, "selection");
  useEffect(() => {
    if (error) field.current?.focus();
  }, [error]);
  return (
    <fetcher.Form
      method="post"
      action={url}
      defaultShouldRevalidate={false}
      className="comment-form new-thread"
      aria-labelledby={`${id}-title`}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose(false);
      }}
    >
      <h4 id={`${id}-title`}>{t("comments.newTitle")}</h4>
      <input type="hidden" name="intent" value="start" />
      <input type="hidden" name="anchorStart" value={draft.anchorStart} />
      <input type="hidden" name="anchorEnd" value={draft.anchorEnd} />
      <input type="hidden" name="quote" value={draft.quote} />
      <p className="meta">{t("comments.passage")}</p>
      <blockquote className="comment-quote">{draft.quote}</blockquote>
      {selectionError ? (
        <p className="field-error" role="alert">
          {t(selectionError)}
        </p>
      ) : null}
      <label htmlFor={`${id}-body`}>{t("comments.bodyLabel")}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {t("comments.mentionHint")}
      </p>
      <MentionTextarea
        id={`${id}-body`}
        name="body"
        people={people}
        autoFocus
        textareaRef={field}
        invalid={Boolean(error)}
        describedBy={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
      <div className="comment-actions">
        <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
          {t("comments.submit")}
        </button>
        <button type="button" className="button secondary" onClick={() => onClose(false)}>
          {t("comments.cancel")}
        </button>
      </div>
    </fetcher.Form>
  );
}

type ThreadProps = {
  thread: ThreadData;
  deleted: boolean;
  editor: Editor;
  url: string;
  people: readonly MentionPerson[];
  meId: string | null;
  onShowPassage: (thread: ThreadData) => void;
  onDone: () => void;
};

export function Thread({ thread, deleted, url, people, meId, onShowPassage, onDone }: ThreadProps) {
  const t = useT();
  const id = useId();
  const reply = useFetcher<typeof action>();
  const status = useFetcher<typeof action>();
  const form = useRef<HTMLFormElement>(null);
  const field = useRef<HTMLTextAreaElement | null>(null);
  useOnSuccess(reply, () => {
    form.current?.reset();
    onDone();
  });
  useOnSuccess(status, onDone);
  const error = errorFor(reply.data, "body");
  useEffect(() => {
    if (error) field.current?.focus();
  }, [error]);
  const resolved = thread.resolvedAt !== null;
  return (
    <li>
      <article
        id={`thread-${thread.id}`}
        className={resolved ? "comment-thread resolved" : "comment-thread"}
        aria-labelledby={`${id}-quote`}
        tabIndex={-1}
        data-testid="comment-thread"
      >
        <button
          type="button"
          id={`${id}-quote`}
          className="comment-quote-button"
          aria-label={t("comments.threadLabel", { quote: thread.quote })}
          title={t("comments.showPassage")}
          onClick={() => onShowPassage(thread)}
        >
          <span className="comment-quote">{thread.quote}</span>
          {deleted ? <span className="comment-gone"> ({t("comments.passageDeleted")})</span> : null}
        </button>
        {resolved ? (
          <p className="meta comment-status">
            {thread.resolvedBy
              ? t("comments.resolvedBy", { name: thread.resolvedBy.name })
              : t("comments.resolvedByUnknown")}
          </p>
        ) : null}
        <ol className="plain comment-list">
          {thread.comments.map((comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              own={comment.author?.id === meId && meId !== null}
              url={url}
              people={people}
              onDone={onDone}
            />
          ))}
        </ol>
        <reply.Form
          method="post"
          action={url}
          defaultShouldRevalidate={false}
          className="comment-form"
          ref={form}
        >
          <input type="hidden" name="intent" value="reply" />
          <input type="hidden" name="threadId" value={thread.id} />
          <label htmlFor={`${id}-reply`}>{t("comments.replyLabel")}</label>
          <MentionTextarea
            id={`${id}-reply`}
            name="body"
            rows={2}
            people={people}
            textareaRef={field}
            invalid={Boolean(error)}
            describedBy={error ? `${id}-reply-error` : undefined}
          />
          {error ? (
            <p className="field-error" id={`${id}-reply-error`}>
              {t(error)}
            </p>
          ) : null}
          <div className="comment-actions">
            <button type="submit" className="button secondary" disabled={reply.state !== "idle"}>
              {t("comments.reply")}
            </button>
          </div>
        </reply.Form>
        <status.Form method="post" action={url} defaultShouldRevalidate={false}>
          <input type="hidden" name="intent" value={resolved ? "reopen" : "resolve"} />
          <input type="hidden" name="threadId" value={thread.id} />
          <button type="submit" className="link-button" disabled={status.state !== "idle"}>
            {resolved ? t("comments.reopen") : t("comments.resolve")}
          </button>
        </status.Form>
        {status.data && !status.data.ok ? (
          <p className="field-error" role="alert">
            {t(status.data.message as MessageKey)}
          </p>
        ) : null}
      </article>
    </li>
  );
}

type CommentData = ThreadData["comments"][number];

function CommentItem({
  comment,
  own,
  url,
  people,
  onDone,
}: {
  comment: CommentData;
  own: boolean;
  url: string;
  people: readonly MentionPerson[];
  onDone: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const edit = useFetcher<typeof action>();
  const remove = useFetcher<typeof action>();
  useOnSuccess(edit, () => {
    setEditing(false);
    onDone();
  });
  useOnSuccess(remove, onDone);
  const error = errorFor(edit.data, "body");
  const created = new Date(comment.createdAt);
  const when = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(created);
  return (
    <li className="comment">
      <p className="comment-meta">
        <strong>{comment.author?.name ?? t("comments.deletedAccount")}</strong>{" "}
        <time dateTime={created.toISOString()} className="meta">
          {when}
        </time>
        {comment.editedAt ? <span className="meta"> {t("comments.edited")}</span> : null}
      </p>
      {editing ? (
        <edit.Form
          method="post"
          action={url}
          defaultShouldRevalidate={false}
          className="comment-form"
        >
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="commentId" value={comment.id} />
          <label htmlFor={`${id}-edit`}>{t("comments.editLabel")}</label>
          <MentionTextarea
            id={`${id}-edit`}
            name="body"
            people={people}
            defaultValue={comment.body}
            autoFocus
            invalid={Boolean(error)}
            describedBy={error ? `${id}-edit-error` : undefined}
          />
          {error ? (
            <p className="field-error" id={`${id}-edit-error`}>
              {t(error)}
            </p>
          ) : null}
          <div className="comment-actions">
            <button type="submit" className="button secondary">
              {t("comments.save")}
            </button>
            <button type="button" className="link-button" onClick={() => setEditing(false)}>
              {t("comments.cancel")}
            </button>
          </div>
        </edit.Form>
      ) : (
        <p className="comment-body">{comment.body}</p>
      )}
      {own && !editing ? (
        <div className="comment-actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t("comments.edit")}
          </button>
          <remove.Form
            method="post"
            action={url}
            defaultShouldRevalidate={false}
            onSubmit={(event) => {
              if (!window.confirm(t("comments.deleteConfirm"))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="commentId" value={comment.id} />
            <button type="submit" className="link-button">
              {t("comments.delete")}
            </button>
          </remove.Form>
        </div>
      ) : null}
    </li>
  );
}
