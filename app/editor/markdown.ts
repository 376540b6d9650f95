// Exports of the one editor schema's JSON that need no DOM and no library: the text without
// open suggestions, and Markdown (CommonMark + GFM tables). Node and mark names are the
// schema's (app/editor/schema.ts); anything else is written as its plain text.
import type { JSONContent } from "@tiptap/core";
import { isAllowedHref } from "./schema";

/**
 * The document as it reads when no open suggestion is accepted (the agreed text): proposed
 * insertions are left out, text proposed for deletion stays, without the marks.
 */
export function withoutSuggestions(node: JSONContent): JSONContent {
  if (node.type === "text") {
    const marks = (node.marks ?? []).filter((m) => m.type !== "insertion" && m.type !== "deletion");
    return { ...node, marks: marks.length ? marks : undefined };
  }
  if (!node.content) return node;
  const content = node.content
    .filter((child) => !(child.type === "text" && child.marks?.some((m) => m.type === "insertion")))
    .map(withoutSuggestions);
  return { ...node, content };
}

// --- Markdown --------------------------------------------------------------------------------

/** Characters with a meaning anywhere in a line (GFM: also ~ and | in tables). */
const INLINE_SPECIAL = /[\\`*_[\]<>~|!]/g;

/** Escapes text so that it reads literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(INLINE_SPECIAL, "\\$&");
}

/** Escapes what would start a block at the beginning of a line (a heading, list, quote, rule). */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#+\-=]|>)/, "$1\\$2").replace(/^(\s*\d+)([.)])(?=\s|$)/, "$1\\$2");
}

type MarkDelims = { open: string; close: string };

/** Order in which marks nest: the link outermost, so its text may be bold inside it. */
const MARK_ORDER = ["link", "bold", "italic", "strike", "underline", "code"];

function delimiters(mark: { type: string; attrs?: Record<string, unknown> }): MarkDelims | null {
  switch (mark.type) {
    case "bold":
      return { open: "**", close: "**" };
    case "italic":
      return { open: "_", close: "_" };
    case "strike":
      return { open: "~~", close: "~~" };
    // Markdown has no underline: inline HTML, which CommonMark allows.
    case "underline":
      return { open: "<u>", close: "</u>" };
    case "code":
      return { open: "`", close: "`" };
    case "link": {
      const href = mark.attrs?.href;
      if (!isAllowedHref(href)) return null;
      const target = /[\s()<>]/.test(href)
        ? `<${href.replace(/[<>]/g, encodeURIComponent)}>`
        : href;
      return { open: "[", close: `](${target})` };
    }
    default:
      return null;
  }
}

function markKey(mark: { type: string; attrs?: Record<string, unknown> }): string {
  return mark.type === "link" ? `link:${String(mark.attrs?.href)}` : mark.type;
}

/** Inline content (text with marks, hard breaks) as Markdown on one logical line. */
export function inlineMarkdown(nodes: JSONContent[] = [], breakPrefix = ""): string {
  let out = "";
  const open: { key: string; delims: MarkDelims }[] = [];
  const closeTo = (depth: number) => {
    // Whitespace stays outside the delimiters ("**bold** text", not "**bold **text").
    const trailing = /\s*$/.exec(out)?.[0] ?? "";
    out = out.slice(0, out.length - trailing.length);
    while (open.length > depth) out += open.pop()?.delims.close ?? "";
    out += trailing;
  };
  for (const node of nodes) {
    if (node.type === "hardBreak") {
      closeTo(0);
      out += `\\\n${breakPrefix}`;
      continue;
    }
    const text = node.type === "text" ? (node.text ?? "") : "";
    if (!text) continue;
    const wanted = (node.marks ?? [])
      .map((m) => ({ key: markKey(m), delims: delimiters(m), order: MARK_ORDER.indexOf(m.type) }))
      .filter((m): m is { key: string; delims: MarkDelims; order: number } => m.delims !== null)
      .sort((a, b) => a.order - b.order);
    // Keep the open marks this node shares (in order), close the rest, open the new ones.
    let keep = 0;
    while (keep < open.length && keep < wanted.length && open[keep]?.key === wanted[keep]?.key)
      keep++;
    closeTo(keep);
    const lead = /^\s*/.exec(text)?.[0] ?? "";
    const inCode = wanted.some((m) => m.key === "code");
    out += lead;
    for (const mark of wanted.slice(keep)) {
      out += mark.delims.open;
      open.push(mark);
    }
    const body = text.slice(lead.length);
    out += inCode ? body.replace(/`/g, "'") : escapeMarkdown(body);
  }
  closeTo(0);
  return out;
}

function indentLines(text: string, first: string, rest: string): string {
  return text
    .split("\n")
    .map((line, i) => (i === 0 ? first : line ? rest : rest.trimEnd()) + line)
    .join("\n");
}

function tableMarkdown(table: JSONContent): string {
  const rows = (table.content ?? []).map((row) =>
    (row.content ?? []).map((cell) =>
      (cell.content ?? [])
        .map((block) => inlineMarkdown(block.content).replace(/\\\n/g, "<br>"))
        .filter(Boolean)
        .join("<br>")
        .replace(/\n/g, " "),
    ),
  );
  if (rows.length === 0) return "";
  const width = Math.max(1, ...rows.map((r) => r.length));
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? "").join(" | ")} |`;
  // GFM needs a header row: the table's first row is it.
  const [head = [], ...body] = rows;
  return [line(head), `| ${Array(width).fill("---").join(" | ")} |`, ...body.map(line)].join("\n");
}

/** One block node as Markdown. `headingShift` is added to heading levels (1…6). */
function blockMarkdown(node: JSONContent, headingShift: number): string {
  switch (node.type) {
    case "paragraph":
      return escapeLineStart(inlineMarkdown(node.content));
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 3) + headingShift));
      return `${"#".repeat(level)} ${inlineMarkdown(node.content)}`;
    }
    case "blockquote":
      return indentLines(blocksMarkdown(node.content, headingShift), "> ", "> ");
    case "bulletList":
    case "orderedList": {
      const start = Number(node.attrs?.start ?? 1);
      return (node.content ?? [])
        .map((item, i) => {
          const marker = node.type === "bulletList" ? "- " : `${start + i}. `;
          const inner = (item.content ?? [])
            .map((child, j) => {
              const text = blockMarkdown(child, headingShift);
              // A nested list follows its paragraph directly (a tight list).
              const nested = child.type === "bulletList" || child.type === "orderedList";
              return j === 0 ? text : `${nested ? "" : "\n"}${text}`;
            })
            .join("\n");
          return indentLines(inner, marker, " ".repeat(marker.length));
        })
        .join("\n");
    }
    case "horizontalRule":
      return "---";
    case "table":
      return tableMarkdown(node);
    case "hardBreak":
      return "";
    default:
      // Unknown blocks: their text, so nothing is lost silently.
      return node.content
        ? blocksMarkdown(node.content, headingShift)
        : escapeMarkdown(node.text ?? "");
  }
}

function blocksMarkdown(nodes: JSONContent[] = [], headingShift: number): string {
  return nodes
    .map((n) => blockMarkdown(n, headingShift))
    .filter((text) => text.trim() !== "")
    .join("\n\n");
}

/**
 * A document as Markdown. With a `title` it starts with "# title" and the document's headings
 * (levels 3 and 4 in the editor) become ## and ###.
 */
export function jsonToMarkdown(doc: JSONContent, options: { title?: string } = {}): string {
  const shift = options.title ? -1 : 0;
  const body = blocksMarkdown(doc.content, shift);
  const head = options.title ? `# ${escapeMarkdown(options.title)}\n\n` : "";
  return `${head}${body}\n`;
}
