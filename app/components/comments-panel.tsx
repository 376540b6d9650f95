// Comments on the subgroup page, through the outcome editor's slots: the toolbar buttons
// ("Opmerking plaatsen", "Naar opmerking") and, beside the document, the new-comment form and the
// threads in document order (open first; resolved ones behind a toggle) with replies,
// resolve/reopen and editing one's own. The list reloads when the server announces "comments";
// other people's new comments are announced politely. Forms post to the resource route
// /subgroups/<id>/comments with fetchers, so the editor never reloads.
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { useFetcher } from "react-router";
import type { CollabSession } from "~/editor/collab-client";
import {
  type CommentShortcuts,
  commentRanges,
  commentsExtension,
  selectionForComment,
  setActiveThread,
  setCommentThreads,
  threadAtSelection,
} from "~/editor/comments";
import type { EditorSlots } from "~/editor/OutcomeEditor";
import { useT } from "~/i18n";
import type { loader } from "~/routes/subgroups.$subgroupId_.comments";
import { type Draft, NewThreadForm, Thread, type ThreadData } from "./comment-thread";

/** Page-wide state shared by the toolbar buttons and the panel (they render in different slots). */
class CommentsController {
  draft: Draft | null = null;
  /** A thread to bring into view and focus (changes identity on every request). */
  focus: { id: string } | null = null;
  message = "";
  readonly shortcuts: CommentShortcuts = { add: () => {}, goTo: () => {} };
  private listeners = new Set<() => void>();
  private version = 0;
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getVersion = () => this.version;
  update(change: Partial<Pick<CommentsController, "draft" | "focus" | "message">>) {
    Object.assign(this, change);
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

function useController(controller: CommentsController) {
  useSyncExternalStore(controller.subscribe, controller.getVersion, controller.getVersion);
  return controller;
}

/**
 * The comments feature for the subgroup page: its editor extension (stable) and its slots.
 * `meId` is the signed-in person (their own comments can be edited).
 */
export function useCommentsFeature(subgroupId: string, meId: string | null) {
  const [controller] = useState(() => new CommentsController());
  const extensions = useMemo(() => [commentsExtension(controller.shortcuts)], [controller]);
  const slots = useCallback(
    ({ editor, session }: { editor: Editor; session: CollabSession }): EditorSlots => ({
      toolbar: <CommentsToolbar editor={editor} controller={controller} />,
      aside: (
        <CommentsPanel
          editor={editor}
          session={session}
          controller={controller}
          subgroupId={subgroupId}
          meId={meId}
        />
      ),
    }),
    [controller, subgroupId, meId],
  );
  return { extensions, slots };
}

function CommentsToolbar({
  editor,
  controller,
}: {
  editor: Editor;
  controller: CommentsController;
}) {
  const t = useT();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      empty: e.state.selection.empty,
      threadHere: threadAtSelection(e.state),
    }),
  });
  const add = useCallback(() => {
    const draft = selectionForComment(editor.state);
    controller.update(draft ? { draft, message: "" } : { message: t("comments.selectFirst") });
  }, [editor, controller, t]);
  const goTo = useCallback(() => {
    const id = threadAtSelection(editor.state);
    if (!id) return controller.update({ message: t("comments.noThreadHere") });
    setActiveThread(editor, id);
    controller.update({ focus: { id } });
  }, [editor, controller, t]);
  useEffect(() => {
    controller.shortcuts.add = add;
    controller.shortcuts.goTo = goTo;
  }, [controller, add, goTo]);
  return (
    <>
      <button
        type="button"
        className="button secondary"
        disabled={state.empty}
        title={t("comments.addTitle")}
        aria-keyshortcuts="Control+Alt+M"
        onClick={add}
      >
        {t("comments.add")}
      </button>
      <button
        type="button"
        className="button secondary"
        disabled={!state.threadHere}
        title={t("comments.goToTitle")}
        aria-keyshortcuts="Control+Alt+J"
        onClick={goTo}
      >
        {t("comments.goTo")}
      </button>
    </>
  );
}

function CommentsPanel({
  editor,
  session,
  controller: shared,
  subgroupId,
  meId,
}: {
  editor: Editor;
  session: CollabSession;
  controller: CommentsController;
  subgroupId: string;
  meId: string | null;
}) {
  const t = useT();
  const controller = useController(shared);
  const url = `/subgroups/${subgroupId}/comments`;
  const list = useFetcher<typeof loader>({ key: `comments-${subgroupId}` });
  const [showResolved, setShowResolved] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const headingId = useId();

  const reload = useCallback(() => list.load(url), [list.load, url]);
  useEffect(() => {
    void reload();
    return session.onOutcomeEvent((topic) => {
      if (topic === "comments" || topic === "reconnected") void reload();
    });
  }, [session, reload]);

  const threads = list.data?.threads;
  const people = list.data?.people ?? [];

  // The editor highlights the open threads' passages.
  useEffect(() => {
    if (!threads || editor.isDestroyed) return;
    setCommentThreads(
      editor,
      threads.map((th) => ({
        id: th.id,
        anchorStart: th.anchorStart,
        anchorEnd: th.anchorEnd,
        resolved: th.resolvedAt !== null,
      })),
    );
  }, [editor, threads]);

  // Other people's new comments are announced (not the first load, not one's own).
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!threads) return;
    const ids = new Set(threads.flatMap((th) => th.comments.map((c) => c.id)));
    const before = seen.current;
    seen.current = ids;
    if (!before) return;
    const authors = threads
      .flatMap((th) => th.comments)
      .filter((c) => !before.has(c.id) && c.author && c.author.id !== meId)
      .map((c) => c.author?.name ?? "");
    if (authors.length > 0)
      setAnnouncement(t("comments.announceNew", { name: [...new Set(authors)].join(", ") }));
  }, [threads, meId, t]);

  useEffect(() => {
    if (controller.message) setAnnouncement(controller.message);
  }, [controller.message]);

  // Document order: where each passage is now (gone or unknown passages last).
  const ranges = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const map = commentRanges(e.state);
      return [...map.entries()]
        .map(([id, r]) => `${id}:${r === null ? "?" : r === "deleted" ? "x" : r.from}`)
        .join(",");
    },
  });
  const ordered = useMemo(() => {
    const positions = new Map(
      ranges
        .split(",")
        .filter(Boolean)
        .map((entry) => {
          const [id, at] = entry.split(":") as [string, string];
          return [id, at === "?" ? null : at === "x" ? "deleted" : Number(at)] as const;
        }),
    );
    const place = (th: ThreadData) => {
      const at = positions.get(th.id);
      return typeof at === "number" ? at : Number.MAX_SAFE_INTEGER;
    };
    const all = [...(threads ?? [])].sort((a, b) => place(a) - place(b));
    return {
      open: all.filter((th) => th.resolvedAt === null),
      resolved: all.filter((th) => th.resolvedAt !== null),
      deleted: (id: string) => positions.get(id) === "deleted",
    };
  }, [threads, ranges]);

  // A thread asked for (from the editor or a link): show it and move the focus to it, once.
  const focused = useRef<{ id: string } | null>(null);
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  useEffect(() => {
    const target = controller.focus;
    if (!target || focused.current === target) return;
    const thread = threads?.find((th) => th.id === target.id);
    if (!thread) return;
    focused.current = target;
    if (thread.resolvedAt) setShowResolved(true);
    setPendingFocus(target.id);
  }, [controller.focus, threads]);
  // After the render that shows it (a resolved thread may only just have been revealed).
  useEffect(() => {
    if (!pendingFocus) return;
    const element = document.getElementById(`thread-${pendingFocus}`);
    if (!element) return;
    setPendingFocus(null);
    element.scrollIntoView({ block: "nearest" });
    element.focus();
  });

  // Opened from a notification link (#thread-…): bring that thread into view once loaded.
  const openedFromLink = useRef(false);
  useEffect(() => {
    if (!threads || openedFromLink.current) return;
    openedFromLink.current = true;
    const match = /^#thread-([\w-]+)$/.exec(window.location.hash);
    if (match?.[1] && threads.some((th) => th.id === match[1]))
      controller.update({ focus: { id: match[1] } });
  }, [threads, controller]);

  const showPassage = (th: ThreadData) => {
    const range = commentRanges(editor.state).get(th.id);
    setActiveThread(editor, th.id);
    if (!range || range === "deleted") return;
    editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  };

  const threadProps = { editor, url, people, meId, onShowPassage: showPassage, onDone: reload };
  return (
    <section className="comments-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("comments.title")}</h3>
      <p className="visually-hidden" aria-live="polite" data-testid="comments-announcer">
        {announcement}
      </p>
      {controller.draft ? (
        <NewThreadForm
          draft={controller.draft}
          url={url}
          people={people}
          onClose={(posted) => {
            controller.update({ draft: null });
            if (posted) {
              setAnnouncement(t("comments.announcePosted"));
              void reload();
            }
            editor.commands.focus();
          }}
        />
      ) : null}
      {!threads ? (
        <p className="meta">{t("comments.loading")}</p>
      ) : ordered.open.length === 0 && !controller.draft ? (
        <p className="meta">{t("comments.empty")}</p>
      ) : null}
      <ol className="plain thread-list" data-testid="open-threads">
        {ordered.open.map((th) => (
          <Thread key={th.id} thread={th} deleted={ordered.deleted(th.id)} {...threadProps} />
        ))}
      </ol>
      {ordered.resolved.length > 0 ? (
        <>
          <button
            type="button"
            className="link-button"
            aria-expanded={showResolved}
            onClick={() => setShowResolved((s) => !s)}
          >
            {t("comments.showResolved", { count: ordered.resolved.length })}
          </button>
          {showResolved ? (
            <ol className="plain thread-list" aria-label={t("comments.resolvedTitle")}>
              {ordered.resolved.map((th) => (
                <Thread key={th.id} thread={th} deleted={ordered.deleted(th.id)} {...threadProps} />
              ))}
            </ol>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
