// Markdown export of the one editor schema: each node and mark, nesting, tables, escaping, and
// the text without open suggestions.
import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { escapeMarkdown, jsonToMarkdown, withoutSuggestions } from "./markdown";
import { editorSchema } from "./schema";

const text = (
  value: string,
  ...marks: (string | { type: string; attrs?: Record<string, unknown> })[]
) => ({
  type: "text",
  text: value,
  ...(marks.length ? { marks: marks.map((m) => (typeof m === "string" ? { type: m } : m)) } : {}),
});
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const doc = (...content: JSONContent[]): JSONContent => {
  const json = { type: "doc", content };
  // Every fixture is a valid document of the editor schema.
  editorSchema.nodeFromJSON(json).check();
  return json;
};
const li = (...content: JSONContent[]) => ({ type: "listItem", content });

describe("jsonToMarkdown", () => {
  it("writes the title and shifts the document's headings under it", () => {
    const md = jsonToMarkdown(
      doc(
        { type: "heading", attrs: { level: 3 }, content: [text("Aanpak")] },
        { type: "heading", attrs: { level: 4 }, content: [text("Stap 1")] },
        p(text("Tekst.")),
      ),
      { title: "Handreiking verzuim" },
    );
    expect(md).toBe("# Handreiking verzuim\n\n## Aanpak\n\n### Stap 1\n\nTekst.\n");
  });

  it("writes bold, italic, underline, strike and links, whitespace outside the delimiters", () => {
    const md = jsonToMarkdown(
      doc(
        p(
          text("vet ", "bold"),
          text("en schuin", "bold", "italic"),
          text(" gewoon "),
          text("onder", "underline"),
          text(" "),
          text("weg", "strike"),
          text(" "),
          text("Ingrado", { type: "link", attrs: { href: "https://ingrado.nl/" } }),
          text(" en "),
          text("leeg", { type: "link", attrs: { href: "javascript:alert(1)" } }),
        ),
      ),
    );
    expect(md).toBe(
      "**vet _en schuin_** gewoon <u>onder</u> ~~weg~~ [Ingrado](https://ingrado.nl/) en leeg\n",
    );
  });

  it("writes hard breaks, blockquotes and rules", () => {
    const md = jsonToMarkdown(
      doc(
        p(text("regel een"), { type: "hardBreak" }, text("regel twee")),
        { type: "blockquote", content: [p(text("citaat")), p(text("tweede"))] },
        { type: "horizontalRule" },
      ),
    );
    expect(md).toBe("regel een\\\nregel twee\n\n> citaat\n>\n> tweede\n\n---\n");
  });

  it("writes bullet and ordered lists with nesting and the start number", () => {
    const md = jsonToMarkdown(
      doc({
        type: "bulletList",
        content: [
          li(p(text("een")), {
            type: "orderedList",
            attrs: { start: 3 },
            content: [li(p(text("drie"))), li(p(text("vier")))],
          }),
          li(p(text("twee"))),
        ],
      }),
    );
    expect(md).toBe("- een\n  3. drie\n  4. vier\n- twee\n");
  });

  it("writes tables as GFM pipes, escaping pipes and keeping breaks in a cell", () => {
    const cell = (type: string, ...content: JSONContent[]) => ({ type, content: [p(...content)] });
    const md = jsonToMarkdown(
      doc({
        type: "table",
        content: [
          {
            type: "tableRow",
            content: [cell("tableHeader", text("Wie")), cell("tableHeader", text("Wat"))],
          },
          {
            type: "tableRow",
            content: [
              cell("tableCell", text("a|b", "bold")),
              cell("tableCell", text("x"), { type: "hardBreak" }, text("y")),
            ],
          },
        ],
      }),
    );
    expect(md).toBe("| Wie | Wat |\n| --- | --- |\n| **a\\|b** | x<br>y |\n");
  });

  it("escapes Markdown in text, also at the start of a line", () => {
    expect(escapeMarkdown("*a* _b_ [c](d) <e> `f` ~g~ \\")).toBe(
      "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\`f\\` \\~g\\~ \\\\",
    );
    const md = jsonToMarkdown(
      doc(p(text("# geen kop")), p(text("1. geen lijst")), p(text("- ook niet"))),
    );
    expect(md).toBe("\\# geen kop\n\n1\\. geen lijst\n\n\\- ook niet\n");
  });
});

describe("withoutSuggestions", () => {
  it("leaves proposed insertions out and keeps text proposed for deletion, unmarked", () => {
    const json = doc(
      p(
        text("Wij "),
        text("willen ", { type: "deletion", attrs: { id: "s1" } }),
        text("gaan ", { type: "insertion", attrs: { id: "s1" } }),
        text("samenwerken", "bold"),
      ),
    );
    const clean = withoutSuggestions(json);
    expect(jsonToMarkdown(clean)).toBe("Wij willen **samenwerken**\n");
    expect(JSON.stringify(clean)).not.toMatch(/insertion|deletion/);
  });
});
