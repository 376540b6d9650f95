// The suggestions feature in the live editor (track changes): the per-person "Voorstelmodus"
// toggle (remembered per document in this browser), and the panel that lists open suggestions
// in document order with accept/reject for those allowed, plus the leaders' group setting.
// Accepting and rejecting are ordinary edits: they reach everyone through Yjs.
import type { AnyExtension, Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useEffect, useId, useMemo, useState } from "react";
import { useFetcher, useRevalidator } from "react-router";
import { type MessageKey, useT } from "~/i18n";
import type { CollabSession } from "./collab-client";
import { isSuggestionModeOn, SuggestionMode } from "./suggestion-mode";
import {
  listSuggestions,
  resolveSuggestions,
  type Suggestion,
  type SuggestionAuthor,
} from "./suggestions-core";

/** The editor extensions of this feature; stable while the author stays the same. */
export function useSuggestionExtensions(author: SuggestionAuthor | null): AnyExtension[] {
  const id = author?.id ?? null;
  const name = author?.name ?? null;
  return useMemo(
    () => [SuggestionMode.configure({ author: id && name ? { id, name } : null })],
    [id, name],
  );
}

const storageKey = (room: string) => `werkplaats:suggestion-mode:${room}`;

/** The "Voorstelmodus" switch (Ctrl+Shift+E), only for someone who may write now. */
export function SuggestionModeToggle({ editor, room }: { editor: Editor; room: string }) {
  const t = useT();
  const { on, editable } = useEditorState({
    editor,
    selector: ({ editor: e }) => ({ on: isSuggestionModeOn(e.state), editable: e.isEditable }),
  });
  const [announcement, setAnnouncement] = useState("");

  // Restore this person's choice for this document once the editor is there.
  useEffect(() => {
    try {
      if (localStorage.getItem(storageKey(room)) === "1") editor.commands.setSuggestionMode(true);
    } catch {
      // No storage (private mode): the mode just starts off.
    }
  }, [editor, room]);

  // Remember changes (also those made with the keyboard shortcut) and announce them.
  const [previous, setPrevious] = useState(on);
  if (previous !== on) {
    setPrevious(on);
    setAnnouncement(t(on ? "suggestions.modeOn" : "suggestions.modeOff"));
  }
  useEffect(() => {
    try {
      if (on) localStorage.setItem(storageKey(room), "1");
      else localStorage.removeItem(storageKey(room));
    } catch {
      // See above.
    }
  }, [on, room]);

  return (
    <>
      {editable ? (
        <button
          type="button"
          className={`button secondary suggestion-mode-toggle${on ? " is-on" : ""}`}
          aria-pressed={on}
          aria-keyshortcuts="Control+Shift+E"
          title={`${t("suggestions.mode")} (Ctrl+Shift+E)`}
          onClick={() => editor.chain().focus().toggleSuggestionMode().run()}
        >
          {t("suggestions.mode")}
        </button>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

type PanelProps = {
  editor: Editor;
  session: CollabSession;
  /** May accept and reject (outcome.acceptSuggestions). */
  canAccept: boolean;
  /** May switch the group setting (outcome.moderate). */
  canModerate: boolean;
  membersMayAccept: boolean;
  subgroupId: string;
};

/** Open suggestions in document order; accept/reject for those allowed. */
export function SuggestionsPanel(props: PanelProps) {
  const { editor, session, canAccept } = props;
  const t = useT();
  const headingId = useId();
  const suggestions = useEditorState({
    editor,
    selector: ({ editor: e }) => listSuggestions(e.state.doc),
  });
  const [message, setMessage] = useState("");
  const revalidator = useRevalidator();

  // The group setting changed elsewhere (or we were away): re-check what this person may do.
  useEffect(
    () =>
      session.onOutcomeEvent((topic) => {
        if (topic === "suggestions" || topic === "reconnected") void revalidator.revalidate();
      }),
    [session, revalidator],
  );

  const resolve = (accept: boolean, ids?: string[]) => {
    editor.view.dispatch(resolveSuggestions(editor.state, accept, ids));
    const key: MessageKey = ids
      ? accept
        ? "suggestions.accepted"
        : "suggestions.rejected"
      : accept
        ? "suggestions.acceptedAll"
        : "suggestions.rejectedAll";
    setMessage(t(key));
  };

  return (
    <section className="suggestions-panel" aria-labelledby={headingId} data-testid="suggestions">
      <h3 id={headingId}>{t("suggestions.title")}</h3>
      <p className="meta">
        {suggestions.length === 0
          ? t("suggestions.none")
          : suggestions.length === 1
            ? t("suggestions.countOne")
            : t("suggestions.count", { count: suggestions.length })}
      </p>
      {canAccept && suggestions.length > 1 ? (
        <div className="suggestion-actions">
          <button type="button" className="button secondary" onClick={() => resolve(true)}>
            {t("suggestions.acceptAll")}
          </button>
          <button type="button" className="button secondary" onClick={() => resolve(false)}>
            {t("suggestions.rejectAll")}
          </button>
        </div>
      ) : null}
      {suggestions.length > 0 ? (
        <ol className="plain suggestion-list">
          {suggestions.map((s) => (
            <SuggestionItem
              key={s.id}
              suggestion={s}
              canAccept={canAccept}
              onShow={() =>
                editor
                  .chain()
                  .focus()
                  .setTextSelection({ from: s.from, to: s.to })
                  .scrollIntoView()
                  .run()
              }
              onResolve={(accept) => resolve(accept, [s.id])}
            />
          ))}
        </ol>
      ) : null}
      {!canAccept && suggestions.length > 0 ? (
        <p className="meta">{t("suggestions.leadersDecide")}</p>
      ) : null}
      <p className="visually-hidden" role="status">
        {message}
      </p>
      {props.canModerate ? (
        <MembersMayAcceptSetting subgroupId={props.subgroupId} value={props.membersMayAccept} />
      ) : null}
    </section>
  );
}

function SuggestionItem({
  suggestion: s,
  canAccept,
  onShow,
  onResolve,
}: {
  suggestion: Suggestion;
  canAccept: boolean;
  onShow: () => void;
  onResolve: (accept: boolean) => void;
}) {
  const t = useT();
  const describedBy = useId();
  return (
    <li className={`suggestion-item suggestion-item-${s.kind}`} data-suggestion-id={s.id}>
      <p id={describedBy}>
        <strong>
          {t("suggestions.by", {
            kind: t(`suggestions.kind.${s.kind}`),
            name: s.authorName ?? t("suggestions.unknownAuthor"),
          })}
        </strong>
        {s.deleted ? (
          <span className="suggestion-text">
            <del>{t("suggestions.deleted", { text: s.deleted })}</del>
          </span>
        ) : null}
        {s.inserted ? (
          <span className="suggestion-text">
            <ins>{t("suggestions.inserted", { text: s.inserted })}</ins>
          </span>
        ) : null}
      </p>
      <div className="suggestion-actions">
        <button
          type="button"
          className="link-button"
          aria-describedby={describedBy}
          onClick={onShow}
        >
          {t("suggestions.show")}
        </button>
        {canAccept ? (
          <>
            <button
              type="button"
              className="button secondary"
              aria-describedby={describedBy}
              onClick={() => onResolve(true)}
            >
              {t("suggestions.accept")}
            </button>
            <button
              type="button"
              className="button secondary"
              aria-describedby={describedBy}
              onClick={() => onResolve(false)}
            >
              {t("suggestions.reject")}
            </button>
          </>
        ) : null}
      </div>
    </li>
  );
}

/** The leaders' switch: may members accept and reject suggestions? */
function MembersMayAcceptSetting({ subgroupId, value }: { subgroupId: string; value: boolean }) {
  const t = useT();
  const fetcher = useFetcher<{ ok: boolean; error?: string }>();
  // What the leader chose shows at once; the page's data follows after saving.
  const [checked, setChecked] = useState(value);
  useEffect(() => setChecked(value), [value]);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <div className="suggestion-setting">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => {
            const allowed = event.currentTarget.checked;
            setChecked(allowed);
            void fetcher.submit(
              { membersMayAccept: String(allowed) },
              { method: "post", action: `/subgroups/${subgroupId}/suggestions` },
            );
          }}
        />{" "}
        {t("suggestions.membersMayAccept")}
      </label>
      <p className="meta" role="status">
        {result
          ? result.ok
            ? t("suggestions.settingSaved")
            : (result.error ?? t("suggestions.settingFailed"))
          : ""}
      </p>
    </div>
  );
}
