// Server-side reading and writing of outcome documents through the one editor schema: Yjs
// state ↔ ProseMirror JSON, JSON → HTML. No DOM needed.
import type { JSONContent } from "@tiptap/core";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { contentExtensions, DOCUMENT_FIELD, editorSchema, isAllowedHref } from "./schema";

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
