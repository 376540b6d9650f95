// The live outcome document: Tiptap bound to the Y.Doc, carets and presence, the save state,
// a headings outline, counts, and polite announcements of other people's edits. Renders the
// server's HTML until the document has loaded in the browser (readable before JS, no flash).

import type { AnyExtension, Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { CharacterCount, Placeholder } from "@tiptap/extensions";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { type ReactNode, useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { useT } from "~/i18n";
import { CollabSession, type CollabSnapshot, type CollabUser } from "./collab-client";
import { LinkForm, linkShortcut } from "./link";
import { contentExtensions, DOCUMENT_FIELD } from "./schema";
import { Toolbar } from "./toolbar";

type Props = {
  room: string;
  writable: boolean;
  user: CollabUser;
  /** The document as the server rendered it (sanitised by the renderer). */
  initialHTML: string;
  /** Accessible name of the text field (default: the outcome's text). */
  label?: string;
  /** Called when the server says this person's access changed (reload what they may do). */
  onAccessChanged: () => void;
  /**
   * The page's features on top of the editor (comments, suggestions, the privacy guard): their
   * editor extensions (must be stable for a room: a new list makes a new editor) and what they
   * show around it.
   */
  extensions?: AnyExtension[];
  /** Called when the server announces a change around the document (see collab-client.ts). */
  onOutcomeEvent?: (topic: string) => void;
  slots?: (context: { editor: Editor; session: CollabSession }) => EditorSlots;
};

/** Places around the editor where a page's features render. */
export type EditorSlots = {
  /** After the formatting toolbar (also shown read-only: commenting stays possible). */
  toolbar?: ReactNode;
  /** Above the document: notices such as privacy findings. */
  notices?: ReactNode;
  /** Beside the document: comment threads, suggestions. */
  aside?: ReactNode;
};

export function OutcomeEditor(props: Props) {
  const [session, setSession] = useState<CollabSession | null>(null);
  const accessChanged = useRef(props.onAccessChanged);
  accessChanged.current = props.onAccessChanged;
  const outcomeEvent = useRef(props.onOutcomeEvent);
  outcomeEvent.current = props.onOutcomeEvent;

  const { id, name, color } = props.user;
  useEffect(() => {
    const created = new CollabSession(
      props.room,
      { id, name, color },
      { onAccessChanged: () => accessChanged.current() },
    );
    const stopEvents = created.onOutcomeEvent((topic) => outcomeEvent.current?.(topic));
    setSession(created);
    return () => {
      stopEvents();
      created.destroy();
    };
  }, [props.room, id, name, color]);

  if (!session) return <StaticDocument html={props.initialHTML} />;
  return <LiveEditor {...props} session={session} />;
}

function StaticDocument({ html }: { html: string }) {
  return (
    <div
      className="document-view prose"
      // Rendered by the server from the stored document through the one schema (escaped).
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server rendering
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

function LiveEditor({
  session,
  writable,
  initialHTML,
  label,
  extensions = NO_EXTENSIONS,
  slots,
}: Props & { session: CollabSession }) {
  const t = useT();
  const snapshot = useSyncExternalStore(
    session.subscribe,
    session.getSnapshot,
    session.getSnapshot,
  );
  const [linkOpen, setLinkOpen] = useState(false);
  const openLink = useRef(() => setLinkOpen(true));

  const editor = useEditor(
    {
      immediatelyRender: false,
      // Tiptap's base CSS is in app.css: an injected <style> would need the CSP nonce.
      injectCSS: false,
      editable: writable,
      extensions: [
        ...contentExtensions,
        Collaboration.configure({ document: session.doc, field: DOCUMENT_FIELD }),
        CollaborationCaret.configure({ provider: session.provider, user: session.user }),
        Placeholder.configure({ placeholder: t("editor.placeholder") }),
        CharacterCount,
        linkShortcut(() => openLink.current()),
        ...extensions,
      ],
      editorProps: {
        attributes: {
          id: "outcome-editor",
          class: "prose editor-surface",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label ?? t("editor.label"),
          "aria-readonly": writable ? "false" : "true",
        },
      },
    },
    [session, extensions],
  );

  useEffect(() => {
    editor?.setEditable(writable);
  }, [editor, writable]);

  // Unsaved changes: warn before the tab closes (they are in this browser's offline copy too).
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!session.hasUnsavedChanges()) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [session]);

  const showStatic = !snapshot.loaded || !editor;
  const extra = editor && slots ? slots({ editor, session }) : {};

  return (
    <div className="outcome-editor" data-status={snapshot.status.kind}>
      <div className="editor-bar">
        <SyncIndicator snapshot={snapshot} />
        <Presence snapshot={snapshot} />
      </div>
      <RemoteEditAnnouncer session={session} />
      {writable && editor ? (
        <Toolbar editor={editor} onLink={() => setLinkOpen(true)} />
      ) : (
        <p className="meta">{t("editor.readOnlyNote")}</p>
      )}
      {extra.toolbar ? <div className="editor-feature-bar">{extra.toolbar}</div> : null}
      {linkOpen && editor ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
      {extra.notices}
      <div className={extra.aside ? "editor-with-aside" : undefined}>
        <div className="editor-frame">
          {showStatic ? <StaticDocument html={initialHTML} /> : null}
          <div hidden={showStatic}>
            <EditorContent editor={editor} />
          </div>
        </div>
        {extra.aside ? <div className="editor-aside">{extra.aside}</div> : null}
      </div>
      {editor ? <EditorFooter editor={editor} /> : null}
    </div>
  );
}

const NO_EXTENSIONS: AnyExtension[] = [];

function SyncIndicator({ snapshot }: { snapshot: CollabSnapshot }) {
  const t = useT();
  const { status } = snapshot;
  const text =
    status.kind === "offline"
      ? t(status.pending === 1 ? "editor.status.offlineOne" : "editor.status.offline", {
          count: status.pending,
        })
      : t(`editor.status.${status.kind}`);
  return (
    <p className={`sync-status sync-${status.kind}`} role="status" data-testid="sync-status">
      <span className="sync-dot" aria-hidden="true" />
      {text}
    </p>
  );
}

function Presence({ snapshot }: { snapshot: CollabSnapshot }) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="presence" aria-labelledby={headingId}>
      <h3 id={headingId} className="visually-hidden">
        {t("editor.presentNow")}
      </h3>
      <span className="meta" aria-hidden="true">
        {t("editor.presentNow")}:
      </span>
      <ul className="presence-list" data-testid="presence">
        {snapshot.users.map((u) => (
          <li key={u.id} style={{ backgroundColor: u.color }} className="presence-user">
            {u.self ? t("editor.you", { name: u.name }) : u.name}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Tells screen-reader users, politely and at most every 15 s, that others changed the text. */
function RemoteEditAnnouncer({ session }: { session: CollabSession }) {
  const t = useT();
  const [message, setMessage] = useState("");
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const names = new Set<string>();
    const flush = () => {
      timer = undefined;
      last = Date.now();
      const list = [...names];
      names.clear();
      setMessage(
        list.length > 0
          ? t("editor.remoteEditBy", { names: list.join(", ") })
          : t("editor.remoteEdit"),
      );
    };
    const off = session.onRemoteEdit((authors) => {
      for (const name of authors) names.add(name);
      if (timer) return;
      timer = setTimeout(flush, Math.max(0, last + 15_000 - Date.now()));
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [session, t]);
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="remote-announcer">
      {message}
    </p>
  );
}

function EditorFooter({ editor }: { editor: import("@tiptap/core").Editor }) {
  const t = useT();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const headings: { level: number; text: string; pos: number }[] = [];
      e.state.doc.descendants((node, pos) => {
        if (node.type.name === "heading") {
          headings.push({ level: node.attrs.level as number, text: node.textContent, pos });
          return false;
        }
        return !node.isTextblock;
      });
      const counts = e.storage.characterCount as { words(): number; characters(): number };
      return { headings, words: counts.words(), characters: counts.characters() };
    },
  });
  return (
    <div className="editor-footer">
      <p className="meta" data-testid="counts">
        {t("editor.counts", { words: state.words, characters: state.characters })}
      </p>
      {state.headings.length > 0 ? (
        <nav aria-label={t("editor.outline")} className="outline">
          <h3 className="outline-title">{t("editor.outline")}</h3>
          <ul>
            {state.headings.map((h) => (
              <li key={`${h.pos}`} className={`outline-level-${h.level}`}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    editor
                      .chain()
                      .focus()
                      .setTextSelection(h.pos + 1)
                      .scrollIntoView()
                      .run()
                  }
                >
                  {h.text || t("editor.untitledHeading")}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
