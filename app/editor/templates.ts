// Starting content per outcome type, applied once to the document on the server (never by a
// client editor: that would add it again on every reload). Issue 4 makes these editable.
import type { JSONContent } from "@tiptap/core";
import type { OutcomeType } from "~/lib/domain";

const h = (text: string): JSONContent => ({
  type: "heading",
  attrs: { level: 3 },
  content: [{ type: "text", text }],
});
const p = (text?: string): JSONContent =>
  text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" };
const list = (type: "bulletList" | "orderedList", items: string[]): JSONContent => ({
  type,
  content: items.map((text) => ({ type: "listItem", content: [p(text)] })),
});
const cell = (type: "tableHeader" | "tableCell", text?: string): JSONContent => ({
  type,
  content: [p(text)],
});

export const OUTCOME_TEMPLATES: Record<OutcomeType, JSONContent> = {
  handreiking: {
    type: "doc",
    content: [
      h("Aanleiding"),
      p(),
      h("Voor wie is deze handreiking?"),
      p(),
      h("Zo pak je het aan"),
      p(),
      h("Wat werkt (en wat niet)"),
      p(),
      h("Meer weten"),
      p(),
    ],
  },
  stappenplan: {
    type: "doc",
    content: [
      h("Doel"),
      p(),
      h("Stappen"),
      list("orderedList", ["", "", ""]),
      h("Wie doet wat"),
      {
        type: "table",
        content: [
          { type: "tableRow", content: [cell("tableHeader", "Wie"), cell("tableHeader", "Wat")] },
          { type: "tableRow", content: [cell("tableCell"), cell("tableCell")] },
        ],
      },
      h("Valkuilen"),
      p(),
    ],
  },
  checklist: {
    type: "doc",
    content: [
      h("Waarvoor gebruik je deze checklist?"),
      p(),
      h("Checklist"),
      list("bulletList", ["", "", ""]),
    ],
  },
  praktijkvoorbeeld: {
    type: "doc",
    content: [
      h("De situatie"),
      p(),
      h("Wat we deden"),
      p(),
      h("Wat het opleverde"),
      p(),
      h("Wat we anderen meegeven"),
      p(),
    ],
  },
  leeg: { type: "doc", content: [p()] },
};
