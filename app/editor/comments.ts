// The editor side of comments: a ProseMirror plugin that knows the page's threads, resolves their
// Yjs anchors to positions in the current document through the sync binding (again after every
// remote change; local edits map the ranges), and highlights the passages (the active thread
// stronger). Also: the anchors of the current selection for a new thread, the thread at the
// cursor, and keyboard shortcuts (Ctrl+Alt+M: comment, Ctrl+Alt+J: to the thread at the cursor).
import { type Editor, Extension } from "@tiptap/core";
import { type EditorState, Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import {
  type Anchors,
  anchorsForRange,
  type ProsemirrorMapping,
  type ResolvedAnchor,
  resolveAnchors,
} from "./comment-anchors";

export type AnchoredThread = Anchors & { id: string; resolved: boolean };

type CommentsState = {
  threads: AnchoredThread[];
  activeId: string | null;
  ranges: ReadonlyMap<string, ResolvedAnchor>;
  decorations: DecorationSet;
};

type Meta = { threads?: AnchoredThread[]; activeId?: string | null };

export const commentsPluginKey = new PluginKey<CommentsState>("comments");

type SyncState = {
  type: Y.XmlFragment;
  binding: { mapping: ProsemirrorMapping } | null;
  isChangeOrigin?: boolean;
};

function syncState(state: EditorState): SyncState | null {
  const ystate = ySyncPluginKey.getState(state) as SyncState | undefined;
  return ystate?.binding ? ystate : null;
}

function resolveAll(state: EditorState, threads: AnchoredThread[]) {
  const ystate = syncState(state);
  const ranges = new Map<string, ResolvedAnchor>();
  const mapping = ystate?.binding?.mapping;
  for (const thread of threads)
    ranges.set(
      thread.id,
      ystate && mapping && mapping.size > 0
        ? resolveAnchors(ystate.type, mapping, state.doc, thread)
        : null,
    );
  return ranges;
}

function decorate(state: EditorState, value: Omit<CommentsState, "decorations">) {
  const decorations: Decoration[] = [];
  for (const thread of value.threads) {
    const range = value.ranges.get(thread.id);
    const active = thread.id === value.activeId;
    if (!range || range === "deleted" || (thread.resolved && !active)) continue;
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: active ? "comment-anchor comment-anchor-active" : "comment-anchor",
        "data-thread-id": thread.id,
      }),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

function commentsPlugin() {
  return new Plugin<CommentsState>({
    key: commentsPluginKey,
    state: {
      init: (_config, state) => ({
        threads: [],
        activeId: null,
        ranges: new Map(),
        decorations: DecorationSet.create(state.doc, []),
      }),
      apply(tr, value, _oldState, newState) {
        const meta = tr.getMeta(commentsPluginKey) as Meta | undefined;
        const remote = Boolean(syncState(newState)?.isChangeOrigin);
        if (!meta && !tr.docChanged && !remote && ![...value.ranges.values()].includes(null))
          return value;
        const threads = meta?.threads ?? value.threads;
        const activeId = meta && "activeId" in meta ? (meta.activeId ?? null) : value.activeId;
        let ranges: ReadonlyMap<string, ResolvedAnchor>;
        // Unknown ranges (the document had not loaded) are asked again when nothing was typed.
        const unresolved = !tr.docChanged && [...value.ranges.values()].some((r) => r === null);
        if (meta?.threads || remote || unresolved) {
          // The binding's mapping matches this document: ask Yjs where the anchors are now.
          ranges = resolveAll(newState, threads);
        } else if (tr.docChanged) {
          // A local edit (Yjs hears of it after this transaction): map the known ranges.
          const mapped = new Map<string, ResolvedAnchor>();
          for (const [id, range] of value.ranges) {
            if (!range || range === "deleted") {
              mapped.set(id, range);
              continue;
            }
            const from = tr.mapping.map(range.from, 1);
            const to = tr.mapping.map(range.to, -1);
            mapped.set(id, to > from ? { from, to } : "deleted");
          }
          ranges = mapped;
        } else {
          ranges = value.ranges;
        }
        const next = { threads, activeId, ranges };
        return { ...next, decorations: decorate(newState, next) };
      },
    },
    props: {
      decorations: (state) => commentsPluginKey.getState(state)?.decorations,
    },
  });
}

/** What the page does on the shortcuts (set by the comments panel; stable object per editor). */
export type CommentShortcuts = { add: () => void; goTo: () => void };

/** The extension for one editor; `shortcuts` is read at key press, so it may change later. */
export function commentsExtension(shortcuts: CommentShortcuts) {
  return Extension.create({
    name: "comments",
    addProseMirrorPlugins: () => [commentsPlugin()],
    addKeyboardShortcuts: () => ({
      "Mod-Alt-m": () => {
        shortcuts.add();
        return true;
      },
      "Mod-Alt-j": () => {
        shortcuts.goTo();
        return true;
      },
    }),
  });
}

/** Tells the editor the page's threads (after every load of the list). */
export function setCommentThreads(editor: Editor, threads: AnchoredThread[]) {
  editor.view.dispatch(editor.state.tr.setMeta(commentsPluginKey, { threads } satisfies Meta));
}

/** Highlights one thread's passage more strongly (null: none). */
export function setActiveThread(editor: Editor, activeId: string | null) {
  editor.view.dispatch(editor.state.tr.setMeta(commentsPluginKey, { activeId } satisfies Meta));
}

/** Where each thread's passage is now (null: not known yet; "deleted": its text is gone). */
export function commentRanges(state: EditorState): ReadonlyMap<string, ResolvedAnchor> {
  return commentsPluginKey.getState(state)?.ranges ?? new Map();
}

/** The open thread whose passage holds the cursor (or the selection's start), if any. */
export function threadAtSelection(state: EditorState): string | null {
  const plugin = commentsPluginKey.getState(state);
  if (!plugin) return null;
  const pos = state.selection.from;
  for (const thread of plugin.threads) {
    const range = plugin.ranges.get(thread.id);
    if (thread.resolved || !range || range === "deleted") continue;
    if (range.from <= pos && pos <= range.to) return thread.id;
  }
  return null;
}

/** The anchors and text of the current selection, for a new thread (null: nothing selected). */
export function selectionForComment(state: EditorState): (Anchors & { quote: string }) | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const quote = state.doc.textBetween(from, to, " ").replace(/\s+/g, " ").trim();
  const ystate = syncState(state);
  if (!quote || !ystate?.binding) return null;
  return { ...anchorsForRange(ystate.type, ystate.binding.mapping, from, to), quote };
}
