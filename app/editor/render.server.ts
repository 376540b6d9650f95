// Server-side reading and writing of outcome documents through the one editor schema: Yjs
// state ↔ ProseMirror JSON, JSON → HTML. No DOM needed.
import type { JSONContent } from "@tiptap/core";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import {
  contentExtensions,
  DOCUMENT_FIELD,
  editorSchema,
  HEADING_LEVELS,
  isAllowedHref,
} from "./schema";

/**
 * The document as ProseMirror JSON. Content that the schema does not know (a client can send
 * any Yjs update) is dropped, and links to anything but http(s)/mailto lose their target.
 */
export function docToJSON(doc: Y.Doc): JSONContent {
  const root = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FIELD), editorSchema);
  return sanitize(root.toJSON() as JSONContent);
}

function sanitize(node: JSONContent): JSONContent {
  const marks = node.marks?.map((mark) =>
    mark.type === "link" && !isAllowedHref(mark.attrs?.href)
      ? { ...mark, attrs: { ...mark.attrs, href: null } }
      : mark,
  );
  return {
    ...node,
    ...(marks ? { marks } : {}),
    ...(node.content ? { content: node.content.map(sanitize) } : {}),
  };
}

/** HTML of a document's JSON (text is escaped by the renderer). */
export function jsonToHTML(json: JSONContent): string {
  return renderToHTMLString({ extensions: contentExtensions, content: json });
}

export function docToHTML(doc: Y.Doc): string {
  return jsonToHTML(docToJSON(doc));
}

/** True when the document holds no text and no structure beyond one empty paragraph. */
export function isEmptyDocument(json: JSONContent): boolean {
  const blocks = json.content ?? [];
  return blocks.length === 0 || (blocks.length === 1 && !blocks[0]?.content?.length);
}

/** The plain text of a document, blocks separated by newlines (search, privacy scan). */
export function jsonToText(json: JSONContent): string {
  if (json.type === "text") return json.text ?? "";
  const inner = (json.content ?? []).map(jsonToText);
  return json.type === "doc"
    ? inner.join("\n")
    : inner.join(json.type === "tableRow" ? "\t" : "\n");
}

/**
 * A Yjs update that adds `json` as the document's content (for templates and seeds: applied
 * once, on the server, to an empty document).
 */
export function jsonToUpdate(json: JSONContent): Uint8Array {
  const doc = prosemirrorJSONToYDoc(editorSchema, json, DOCUMENT_FIELD);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Why a document submitted as JSON (an organiser's template) was refused. */
export type DocumentProblem = "invalid" | "tooLarge" | "unknownContent" | "unsafeLink";

/** Largest document accepted as JSON text (a template is a page or two). */
export const MAX_DOCUMENT_JSON_CHARS = 200_000;

/**
 * Checks ProseMirror JSON from outside (a form field) against the one editor schema: only its
 * nodes and marks, valid nesting, the document's heading levels, and links to http(s)/mailto
 * only. Returns the canonical JSON to store (unknown attributes dropped, link attributes reduced
 * to the address), or why it was refused. Refuses rather than repairs: the organiser sees the
 * problem instead of a silently different template.
 */
export function parseDocumentJSON(
  text: string,
): { ok: true; json: JSONContent } | { ok: false; problem: DocumentProblem } {
  if (text.length > MAX_DOCUMENT_JSON_CHARS) return { ok: false, problem: "tooLarge" };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: "invalid" };
  }
  if (typeof raw !== "object" || raw === null || (raw as JSONContent).type !== "doc")
    return { ok: false, problem: "invalid" };
  let node: ReturnType<typeof editorSchema.nodeFromJSON>;
  try {
    node = editorSchema.nodeFromJSON(raw);
    node.check();
  } catch {
    // Unknown node or mark types, invalid nesting, empty text nodes.
    return { ok: false, problem: "unknownContent" };
  }
  let problem: DocumentProblem | null = null;
  node.descendants((child) => {
    if (
      child.type.name === "heading" &&
      !(HEADING_LEVELS as readonly number[]).includes(child.attrs.level as number)
    )
      problem ??= "unknownContent";
    for (const mark of child.marks)
      if (mark.type.name === "link" && !isAllowedHref(mark.attrs.href)) problem ??= "unsafeLink";
  });
  if (problem) return { ok: false, problem };
  const canonical = reduceLinkAttributes(node.toJSON() as JSONContent);
  return { ok: true, json: editorSchema.nodeFromJSON(canonical).toJSON() as JSONContent };
}

function reduceLinkAttributes(node: JSONContent): JSONContent {
  const marks = node.marks?.map((mark) =>
    mark.type === "link" ? { type: "link", attrs: { href: mark.attrs?.href } } : mark,
  );
  return {
    ...node,
    ...(marks ? { marks } : {}),
    ...(node.content ? { content: node.content.map(reduceLinkAttributes) } : {}),
  };
}
