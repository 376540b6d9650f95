// THE editor schema: the one list of content extensions (which nodes and marks an outcome
// document may hold). The browser editor adds its interactive extensions on top of it; the
// server renders stored documents with it (page SSR, exports, the magazine, the privacy scan).
// Change the document model here and nowhere else.
import { type AnyExtension, getSchema } from "@tiptap/core";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { Deletion, Insertion } from "./suggestion-marks";

/** The Y.XmlFragment of an outcome's Y.Doc that holds the document. */
export const DOCUMENT_FIELD = "default";

/** Heading levels inside a document (the page itself owns h1 and h2). */
export const HEADING_LEVELS = [3, 4] as const;

/** Link targets allowed in documents; anything else is rendered without a link. */
export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== "string") return false;
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

export const contentExtensions: AnyExtension[] = [
  StarterKit.configure({
    // Undo comes from Yjs (Collaboration): each person undoes only their own changes.
    undoRedo: false,
    heading: { levels: [...HEADING_LEVELS] },
    codeBlock: false,
    code: false,
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: "https",
      protocols: [...LINK_PROTOCOLS],
      isAllowedUri: (url) => isAllowedHref(url),
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
    },
  }),
  TableKit.configure({ table: { resizable: false } }),
  // Track changes: proposed insertions and deletions (see suggestion-marks.ts).
  Insertion,
  Deletion,
];

export const editorSchema = getSchema(contentExtensions);
