import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docToHTML, docToJSON, isEmptyDocument, jsonToText, jsonToUpdate } from "./render.server";
import { DOCUMENT_FIELD } from "./schema";
import { OUTCOME_TEMPLATES } from "./templates";

function docFrom(update: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe("server rendering through the one editor schema", () => {
  it("turns every template into a document and back without losing structure", () => {
    for (const [type, template] of Object.entries(OUTCOME_TEMPLATES)) {
      const json = docToJSON(docFrom(jsonToUpdate(template)));
      expect(jsonToText(json), type).toBe(jsonToText(template));
      expect(
        json.content?.map((n) => n.type),
        type,
      ).toEqual(template.content?.map((n) => n.type));
    }
  });

  it("renders headings, lists and tables as HTML", () => {
    const html = docToHTML(docFrom(jsonToUpdate(OUTCOME_TEMPLATES.stappenplan)));
    expect(html).toContain("<h3>Doel</h3>");
    expect(html).toMatch(/<ol[^>]*>/);
    expect(html).toContain("<th");
    expect(html).toContain("Wie");
  });

  it("escapes text and drops link targets that are not http(s) or mailto", () => {
    const json = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "<script>alert(1)</script> " },
            {
              type: "text",
              text: "klik",
              marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
            },
            {
              type: "text",
              text: "Ingrado",
              marks: [{ type: "link", attrs: { href: "https://ingrado.nl" } }],
            },
          ],
        },
      ],
    };
    const html = docToHTML(docFrom(jsonToUpdate(json)));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('href="https://ingrado.nl"');
  });

  it("ignores elements a client made up instead of failing to render", () => {
    const doc = docFrom(jsonToUpdate(OUTCOME_TEMPLATES.checklist));
    const strange = new Y.XmlElement("script");
    strange.insert(0, [new Y.XmlText("alert(1)")]);
    doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [strange]);
    const html = docToHTML(doc);
    expect(html).not.toContain("<script");
    expect(html).toContain("Checklist");
  });

  it("knows an empty document from a started one", () => {
    expect(isEmptyDocument(docToJSON(new Y.Doc()))).toBe(true);
    expect(isEmptyDocument(OUTCOME_TEMPLATES.leeg)).toBe(true);
    expect(isEmptyDocument(OUTCOME_TEMPLATES.handreiking)).toBe(false);
  });
});
