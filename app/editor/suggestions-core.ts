// Track changes without a DOM: turning a local edit into a suggestion, listing and counting the
// open suggestions, and accepting or rejecting them. Used by the browser editor (suggestion
// mode, the review panel) and by the server (refusing approval while suggestions are open).
//
// A suggestion is all text that carries an `insertion` or `deletion` mark with one id: only
// insertions = invoeging, only deletions = verwijdering, both = vervanging. Suggestions live in
// the text only (inline marks): Yjs keeps inline marks but not marks on block nodes, so splitting
// or joining paragraphs cannot be proposed (see suggestTransaction).
import type { JSONContent } from "@tiptap/core";
import { Fragment, type Mark, type Node, Slice } from "@tiptap/pm/model";
import { type EditorState, Selection, type Transaction } from "@tiptap/pm/state";
import { ReplaceStep, type Step } from "@tiptap/pm/transform";
import { SUGGESTION_MARKS } from "./suggestion-marks";

export type SuggestionAuthor = { id: string; name: string };
export type SuggestionKind = "insertion" | "deletion" | "replacement";

export type Suggestion = {
  id: string;
  kind: SuggestionKind;
  authorId: string | null;
  authorName: string | null;
  inserted: string;
  deleted: string;
  /** Where it starts and ends in the document (for selecting it). */
  from: number;
  to: number;
};

/** Meta key set on transactions that must pass unchanged (accepting and rejecting). */
export const SUGGESTION_SKIP_META = "suggestionSkip";
/** The y-sync plugin's key (@tiptap/y-tiptap's ySyncPluginKey): remote edits and Yjs undo. */
const Y_SYNC_META = "y-sync$";

/** A fresh suggestion id, unique between people editing at the same time. */
export function newSuggestionId(): string {
  return `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

function suggestionMarkOf(node: Node): Mark | undefined {
  return node.marks.find((m) => (SUGGESTION_MARKS as readonly string[]).includes(m.type.name));
}

/** A suggestion's id; marks without one form one suggestion together. */
function idOf(mark: Mark): string {
  return (mark.attrs.id as string | null) || "";
}

/** The open suggestions of a document, in document order. */
export function listSuggestions(doc: Node): Suggestion[] {
  const byId = new Map<string, Suggestion>();
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    const mark = suggestionMarkOf(node);
    if (!mark) return false;
    // A mark without an id (pasted HTML, an old client) is still listed, so it can be resolved.
    const id = idOf(mark);
    let entry = byId.get(id);
    if (!entry) {
      entry = {
        id,
        kind: mark.type.name === "insertion" ? "insertion" : "deletion",
        authorId: (mark.attrs.authorId as string | null) ?? null,
        authorName: (mark.attrs.authorName as string | null) ?? null,
        inserted: "",
        deleted: "",
        from: pos,
        to: pos + node.nodeSize,
      };
      byId.set(id, entry);
    }
    const text = node.isText ? (node.text ?? "") : " ";
    if (mark.type.name === "insertion") entry.inserted += text;
    else entry.deleted += text;
    if (entry.inserted && entry.deleted) entry.kind = "replacement";
    entry.to = pos + node.nodeSize;
    return false;
  });
  return [...byId.values()];
}

/** How many suggestions a stored document (JSON) still holds: publishing waits for zero. */
export function countSuggestions(json: JSONContent): number {
  const ids = new Set<string>();
  const visit = (node: JSONContent) => {
    for (const mark of node.marks ?? [])
      if ((SUGGESTION_MARKS as readonly string[]).includes(mark.type))
        ids.add(String(mark.attrs?.id || ""));
    for (const child of node.content ?? []) visit(child);
  };
  visit(json);
  return ids.size;
}

/**
 * Accepts (`accept`) or rejects suggestions: the given ids, or all when `ids` is omitted.
 * Accepting keeps inserted text and removes deleted text; rejecting does the opposite. The
 * result is an ordinary edit (it syncs through Yjs) that suggestion mode leaves alone.
 */
export function resolveSuggestions(
  state: EditorState,
  accept: boolean,
  ids?: readonly string[],
): Transaction {
  const wanted = ids ? new Set(ids) : null;
  const tr = state.tr.setMeta(SUGGESTION_SKIP_META, true);
  const remove: [number, number][] = [];
  state.doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    const mark = suggestionMarkOf(node);
    if (!mark || (wanted && !wanted.has(idOf(mark)))) return false;
    const to = pos + node.nodeSize;
    if ((mark.type.name === "deletion") === accept) remove.push([pos, to]);
    else tr.removeMark(pos, to, mark);
    return false;
  });
  // Removing marks keeps positions; deleting from the end keeps the earlier ranges valid.
  for (const [from, to] of remove.reverse()) tr.delete(from, to);
  return tr;
}

/** True when suggestion mode must let this transaction through as it is. */
export function passesUnchanged(tr: Transaction): boolean {
  if (!tr.docChanged || tr.getMeta(SUGGESTION_SKIP_META)) return true;
  // Remote edits and Yjs undo/redo arrive from the y-sync plugin: never someone's suggestion.
  const ySync = tr.getMeta(Y_SYNC_META) as { isChangeOrigin?: boolean } | undefined;
  if (ySync?.isChangeOrigin) return true;
  return tr.getMeta("history$") !== undefined;
}

/**
 * Rewrites a local edit as a suggestion by `author`: text it would delete gets a deletion mark
 * (own pending insertions are really removed; other people's pending insertions stay), text it
 * would insert gets an insertion mark and lands after the text it replaces. An edit next to the
 * author's own suggestion continues that suggestion (typing a word is one suggestion; select +
 * type is one replacement). Steps that are not text replacements (formatting, lists, tables)
 * pass unchanged. Paragraph splits pass too; a join of paragraphs is dropped (not proposable).
 */
export function suggestTransaction(
  state: EditorState,
  tr: Transaction,
  author: SuggestionAuthor,
  makeId: () => string = newSuggestionId,
): Transaction {
  const tracked = state.tr;
  let selection: Selection | null = null;
  tr.steps.forEach((step, index) => {
    // The step was made for the document after the earlier original steps: map it back to the
    // start and forward onto what we have built so far.
    let mapped: Step | null = step;
    for (let j = index - 1; j >= 0 && mapped; j--)
      mapped = mapped.map(tr.steps[j]!.getMap().invert());
    if (mapped) mapped = mapped.map(tracked.mapping);
    if (!mapped) return;
    if (!(mapped instanceof ReplaceStep)) {
      tracked.maybeStep(mapped);
      return;
    }
    const forwardDelete =
      state.selection.empty && index === 0 && state.selection.from === mapped.from;
    selection = suggestReplace(tracked, mapped, author, makeId, forwardDelete) ?? selection;
  });
  if (selection) tracked.setSelection(selection);
  else if (tr.selectionSet) {
    const start = tr.selection.map(tr.docs[0] ?? tr.doc, tr.mapping.invert());
    tracked.setSelection(start.map(tracked.doc, tracked.mapping));
  }
  if (tr.scrolledIntoView) tracked.scrollIntoView();
  for (const key of ["paste", "uiEvent", "inputType", "composition"])
    if (tr.getMeta(key) !== undefined) tracked.setMeta(key, tr.getMeta(key));
  return tracked;
}

function suggestReplace(
  tr: Transaction,
  step: ReplaceStep,
  author: SuggestionAuthor,
  makeId: () => string,
  forwardDelete: boolean,
): Selection | null {
  const { from, to, slice } = step;
  const doc = tr.doc;
  const { insertion, deletion } = doc.type.schema.marks;
  if (!insertion || !deletion) throw new Error("The schema has no suggestion marks.");
  const id = ownSuggestionNear(doc, from, to, author.id) ?? makeId();
  const attrs = { id, authorId: author.id, authorName: author.name };

  const stepsBefore = tr.steps.length;
  const realDeletes: [number, number][] = [];
  if (from < to)
    doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isInline) return true;
      const start = Math.max(pos, from);
      const end = Math.min(pos + node.nodeSize, to);
      if (start >= end) return false;
      const mark = suggestionMarkOf(node);
      if (mark?.type === insertion) {
        if (mark.attrs.authorId === author.id) realDeletes.push([start, end]);
      } else if (!mark) tr.addMark(start, end, deletion.create(attrs));
      return false;
    });
  for (const [start, end] of realDeletes.reverse()) tr.delete(start, end);
  const afterDeletes = tr.mapping.slice(stepsBefore);

  if (slice.size > 0) {
    const at = afterDeletes.map(to, 1);
    const before = tr.steps.length;
    const marked = new Slice(
      markInline(slice.content, insertion.create(attrs)),
      slice.openStart,
      slice.openEnd,
    );
    tr.replace(at, at, marked);
    const end = tr.mapping.slice(before).map(at, 1);
    return Selection.near(tr.doc.resolve(Math.min(end, tr.doc.content.size)), -1);
  }
  const caret = forwardDelete ? afterDeletes.map(to, 1) : afterDeletes.map(from, -1);
  return Selection.near(tr.doc.resolve(Math.min(caret, tr.doc.content.size)));
}

/** The id of the author's own suggestion right before `from` or right after `to`, if any. */
function ownSuggestionNear(doc: Node, from: number, to: number, authorId: string): string | null {
  const candidates = [doc.resolve(from).nodeBefore, doc.resolve(to).nodeAfter];
  for (const node of candidates) {
    const mark = node ? suggestionMarkOf(node) : undefined;
    if (mark && mark.attrs.authorId === authorId && mark.attrs.id) return mark.attrs.id as string;
  }
  return null;
}

/** The fragment with `mark` on all its inline content (replacing any suggestion mark). */
function markInline(fragment: Fragment, mark: Mark): Fragment {
  const nodes: Node[] = [];
  fragment.forEach((node) => {
    if (node.isInline) {
      const kept = node.marks.filter(
        (m) => !(SUGGESTION_MARKS as readonly string[]).includes(m.type.name),
      );
      nodes.push(node.mark(mark.addToSet(kept)));
    } else nodes.push(node.copy(markInline(node.content, mark)));
  });
  return Fragment.from(nodes);
}
