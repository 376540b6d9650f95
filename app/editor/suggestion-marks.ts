// The two suggestion marks of the editor schema (track changes): `insertion` (proposed new text)
// and `deletion` (text proposed for removal). Text carrying both marks of one id is a proposed
// replacement. Each mark names its suggestion and its author, so Yjs stores who proposed what;
// HTML gets <ins>/<del>, which keeps the meaning without colour (underline/strikethrough).
// No browser-only imports: the server renders and validates documents with these marks.
import { Mark, mergeAttributes } from "@tiptap/core";

export const SUGGESTION_MARKS = ["insertion", "deletion"] as const;
export type SuggestionMarkName = (typeof SUGGESTION_MARKS)[number];

function suggestionMark(name: SuggestionMarkName, tag: "ins" | "del") {
  return Mark.create({
    name,
    // Typing at the edge of a suggestion does not silently join it; suggestion mode decides.
    inclusive: false,
    // One suggestion per piece of text: a proposed insertion is never also a deletion.
    excludes: SUGGESTION_MARKS.join(" "),
    addAttributes() {
      return {
        id: {
          default: null,
          parseHTML: (element) => element.getAttribute("data-suggestion-id"),
          renderHTML: (attributes) => ({ "data-suggestion-id": attributes.id }),
        },
        authorId: {
          default: null,
          parseHTML: (element) => element.getAttribute("data-author-id"),
          renderHTML: (attributes) => ({ "data-author-id": attributes.authorId }),
        },
        authorName: {
          default: null,
          parseHTML: (element) => element.getAttribute("data-author-name"),
          renderHTML: (attributes) => ({ "data-author-name": attributes.authorName }),
        },
      };
    },
    parseHTML() {
      return [{ tag: `${tag}[data-suggestion-id]` }];
    },
    renderHTML({ HTMLAttributes }) {
      return [tag, mergeAttributes({ class: `suggestion suggestion-${name}` }, HTMLAttributes), 0];
    },
  });
}

export const Insertion = suggestionMark("insertion", "ins");
export const Deletion = suggestionMark("deletion", "del");
