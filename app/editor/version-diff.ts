// Comparing two outcome documents (ProseMirror JSON of the one editor schema) as rendered HTML
// with insertions and deletions marked. Pure: no database, no DOM; the server renders with it.
//
// Blocks are aligned first (headings, paragraphs, lists and their items, tables, rows and cells,
// recursively); a block that changed is compared word by word. Inserted text is in <ins>,
// deleted text in <del>, each with a visually hidden prefix ("ingevoegd:", "verwijderd:") so
// screen-reader users hear what the colour shows. Unchanged text keeps its formatting. Every
// piece of text and every attribute is escaped.
import type { JSONContent } from "@tiptap/core";
import { diffArrays, diffWordsWithSpace } from "diff";
import { isAllowedHref } from "./schema";

/** The visually hidden prefixes, in the reader's language. */
export type DiffLabels = { inserted: string; deleted: string };

export type DocumentDiff = { html: string; insertions: number; deletions: number };

type Mode = "same" | "ins" | "del";
type Counts = { insertions: number; deletions: number };

const TEXTBLOCKS = new Set(["paragraph", "heading"]);

export function escapeHTML(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Compares `before` with `after` (both documents); the HTML shows `after` with the changes. */
export function diffDocuments(
  before: JSONContent,
  after: JSONContent,
  labels: DiffLabels,
): DocumentDiff {
  const counts: Counts = { insertions: 0, deletions: 0 };
  const html = diffChildren(before.content ?? [], after.content ?? [], labels, counts);
  return { html, ...counts };
}

/** Renders a whole document without changes (same output rules as the diff). */
export function renderDocument(doc: JSONContent): string {
  const counts: Counts = { insertions: 0, deletions: 0 };
  return (doc.content ?? [])
    .map((n) => renderNode(n, "same", { inserted: "", deleted: "" }, counts))
    .join("");
}

function diffChildren(
  before: JSONContent[],
  after: JSONContent[],
  labels: DiffLabels,
  counts: Counts,
): string {
  const oldKeys = before.map((n) => JSON.stringify(n));
  const newKeys = after.map((n) => JSON.stringify(n));
  let oldIndex = 0;
  let newIndex = 0;
  let removed: JSONContent[] = [];
  const out: string[] = [];
  // A run of removed blocks followed by a run of added ones: pair them up as changed blocks.
  const flush = (added: JSONContent[]) => {
    const pairs = Math.min(removed.length, added.length);
    for (let i = 0; i < pairs; i++)
      out.push(diffBlock(removed[i] as JSONContent, added[i] as JSONContent, labels, counts));
    for (const node of removed.slice(pairs)) out.push(renderNode(node, "del", labels, counts));
    for (const node of added.slice(pairs)) out.push(renderNode(node, "ins", labels, counts));
    removed = [];
  };
  for (const change of diffArrays(oldKeys, newKeys)) {
    const count = change.count ?? change.value.length;
    if (change.removed) {
      flush([]);
      removed = before.slice(oldIndex, oldIndex + count);
      oldIndex += count;
    } else if (change.added) {
      flush(after.slice(newIndex, newIndex + count));
      newIndex += count;
    } else {
      flush([]);
      for (const node of after.slice(newIndex, newIndex + count))
        out.push(renderNode(node, "same", labels, counts));
      oldIndex += count;
      newIndex += count;
    }
  }
  flush([]);
  return out.join("");
}

/** One block that was there before and after, changed. */
function diffBlock(
  before: JSONContent,
  after: JSONContent,
  labels: DiffLabels,
  counts: Counts,
): string {
  if (before.type !== after.type)
    return renderNode(before, "del", labels, counts) + renderNode(after, "ins", labels, counts);
  const tag = openTag(after, "same");
  if (!tag)
    return renderNode(before, "del", labels, counts) + renderNode(after, "ins", labels, counts);
  const inner = TEXTBLOCKS.has(after.type ?? "")
    ? diffInline(before.content ?? [], after.content ?? [], labels, counts)
    : diffChildren(before.content ?? [], after.content ?? [], labels, counts);
  return `${tag.open}${inner}${tag.close}`;
}

type Run = { text: string; marks: JSONContent["marks"]; br?: boolean };

function inlineRuns(content: JSONContent[]): Run[] {
  return content.map((n) =>
    n.type === "hardBreak"
      ? { text: "\n", marks: [], br: true }
      : { text: n.text ?? "", marks: n.marks },
  );
}

/** Word-level comparison of two textblocks' inline content. */
function diffInline(
  before: JSONContent[],
  after: JSONContent[],
  labels: DiffLabels,
  counts: Counts,
): string {
  const oldRuns = inlineRuns(before);
  const newRuns = inlineRuns(after);
  const oldText = oldRuns.map((r) => r.text).join("");
  const newText = newRuns.map((r) => r.text).join("");
  let oldPos = 0;
  let newPos = 0;
  let html = "";
  for (const part of diffWordsWithSpace(oldText, newText)) {
    const length = part.value.length;
    if (part.added) {
      html += wrap("ins", renderSlice(newRuns, newPos, newPos + length), labels, counts);
      newPos += length;
    } else if (part.removed) {
      html += wrap("del", renderSlice(oldRuns, oldPos, oldPos + length), labels, counts);
      oldPos += length;
    } else {
      html += renderSlice(newRuns, newPos, newPos + length);
      oldPos += length;
      newPos += length;
    }
  }
  return html;
}

/** The inline HTML of characters [from, to) of a textblock, with their formatting. */
function renderSlice(runs: Run[], from: number, to: number): string {
  let offset = 0;
  let html = "";
  for (const run of runs) {
    const start = Math.max(from, offset);
    const end = Math.min(to, offset + run.text.length);
    if (start < end)
      html += run.br
        ? "<br>"
        : renderMarks(run.text.slice(start - offset, end - offset), run.marks);
    offset += run.text.length;
    if (offset >= to) break;
  }
  return html;
}

function wrap(mode: "ins" | "del", inner: string, labels: DiffLabels, counts: Counts): string {
  if (inner === "") return "";
  if (mode === "ins") counts.insertions += 1;
  else counts.deletions += 1;
  const label = mode === "ins" ? labels.inserted : labels.deleted;
  return `<${mode} class="diff-${mode}"><span class="visually-hidden">${escapeHTML(label)} </span>${inner}</${mode}>`;
}

const MARK_TAGS: Record<string, string> = {
  bold: "strong",
  italic: "em",
  strike: "s",
  underline: "u",
};

function renderMarks(text: string, marks: JSONContent["marks"]): string {
  let html = escapeHTML(text);
  for (const mark of [...(marks ?? [])].reverse()) {
    const tag = MARK_TAGS[mark.type];
    if (tag) html = `<${tag}>${html}</${tag}>`;
    else if (mark.type === "link" && isAllowedHref(mark.attrs?.href))
      html = `<a href="${escapeHTML(mark.attrs?.href as string)}" rel="noopener noreferrer nofollow">${html}</a>`;
  }
  return html;
}

/** The element of a block node, with a class when the whole block was added or removed. */
function openTag(node: JSONContent, mode: Mode): { open: string; close: string } | null {
  const attrs: string[] = [];
  if (mode !== "same") attrs.push(`class="diff-block-${mode}"`);
  let tag: string;
  switch (node.type) {
    case "paragraph":
      tag = "p";
      break;
    case "heading": {
      const level = Number(node.attrs?.level);
      tag = `h${Number.isInteger(level) && level >= 1 && level <= 6 ? level : 3}`;
      break;
    }
    case "blockquote":
      tag = "blockquote";
      break;
    case "bulletList":
      tag = "ul";
      break;
    case "orderedList": {
      tag = "ol";
      const start = Number(node.attrs?.start ?? 1);
      if (Number.isInteger(start) && start !== 1) attrs.push(`start="${start}"`);
      break;
    }
    case "listItem":
      tag = "li";
      break;
    case "table":
      return { open: `<table${attrText(attrs)}><tbody>`, close: "</tbody></table>" };
    case "tableRow":
      tag = "tr";
      break;
    case "tableCell":
    case "tableHeader": {
      tag = node.type === "tableCell" ? "td" : "th";
      for (const name of ["colspan", "rowspan"]) {
        const value = Number(node.attrs?.[name] ?? 1);
        if (Number.isInteger(value) && value > 1) attrs.push(`${name}="${value}"`);
      }
      break;
    }
    default:
      return null;
  }
  return { open: `<${tag}${attrText(attrs)}>`, close: `</${tag}>` };
}

const attrText = (attrs: string[]) => (attrs.length ? ` ${attrs.join(" ")}` : "");

/** A block as it is (mode "same"), or wholly inserted or deleted. */
function renderNode(node: JSONContent, mode: Mode, labels: DiffLabels, counts: Counts): string {
  if (node.type === "horizontalRule") {
    if (mode === "same") return "<hr>";
    // A rule has no text: the hidden label tells what happened to it.
    const label = mode === "ins" ? labels.inserted : labels.deleted;
    return `<hr class="diff-block-${mode}" aria-label="${escapeHTML(label)}">`;
  }
  const tag = openTag(node, mode);
  if (!tag) return ""; // Unknown content is not shown (the schema does not know it).
  const content = node.content ?? [];
  let inner: string;
  if (TEXTBLOCKS.has(node.type ?? "")) {
    const runs = inlineRuns(content);
    const html = renderSlice(runs, 0, Number.POSITIVE_INFINITY);
    inner = mode === "same" ? html : wrap(mode, html, labels, counts);
  } else {
    inner = content.map((child) => renderNode(child, mode, labels, counts)).join("");
  }
  return `${tag.open}${inner}${tag.close}`;
}
