// DOCX export, parsed back with jszip: Word heading styles, numbered lists, a table, a
// hyperlink, and the document's title, creator and language.
import type { JSONContent } from "@tiptap/core";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { jsonToDocx } from "./docx.server";
import { editorSchema } from "./schema";

const t = (text: string, ...marks: JSONContent["marks"] & object) => ({
  type: "text",
  text,
  ...(marks.length ? { marks } : {}),
});
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });

const doc: JSONContent = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 3 }, content: [t("Aanpak")] },
    p(
      t("Zie "),
      t("de site", { type: "link", attrs: { href: "https://ingrado.nl/" } }),
      t(" en "),
      t("vet", { type: "bold" }),
    ),
    { type: "heading", attrs: { level: 4 }, content: [t("Stappen")] },
    {
      type: "orderedList",
      attrs: { start: 1 },
      content: [
        { type: "listItem", content: [p(t("Signaleren"))] },
        {
          type: "listItem",
          content: [
            p(t("Bespreken")),
            { type: "bulletList", content: [{ type: "listItem", content: [p(t("met ouders"))] }] },
          ],
        },
      ],
    },
    {
      type: "table",
      content: [
        {
          type: "tableRow",
          content: [
            { type: "tableHeader", content: [p(t("Wie"))] },
            { type: "tableHeader", content: [p(t("Wat"))] },
          ],
        },
        {
          type: "tableRow",
          content: [
            { type: "tableCell", content: [p(t("Mentor"))] },
            { type: "tableCell", content: [p(t("Belt thuis"))] },
          ],
        },
      ],
    },
    { type: "blockquote", content: [p(t("Elke dag telt."))] },
  ],
};

describe("jsonToDocx", () => {
  it("writes a Word document with heading styles, numbered lists, a table and a hyperlink", async () => {
    editorSchema.nodeFromJSON(doc).check();
    const buffer = await jsonToDocx(doc, {
      title: "Handreiking verzuim",
      subtitle: "Subgroep 1 · Aanwezigheidsbeleid",
      creator: "Werkplaats",
    });
    const zip = await JSZip.loadAsync(buffer);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const paragraphs = [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/g)].map(
      (m) => m[0],
    );
    const styleOf = (text: string) =>
      paragraphs
        .find((para) => para.includes(`>${text}<`))
        ?.match(/<w:pStyle w:val="([^"]+)"/)?.[1];
    expect(styleOf("Handreiking verzuim")).toBe("Title");
    expect(styleOf("Aanpak")).toBe("Heading1");
    expect(styleOf("Stappen")).toBe("Heading2");
    expect(styleOf("Elke dag telt.")).toBe("Quote");
    // Lists through Word numbering: level 0 for the items, level 1 for the nested one.
    const numbering = (text: string) =>
      paragraphs.find((para) => para.includes(`>${text}<`))?.match(/<w:ilvl w:val="(\d)"\/>/)?.[1];
    expect(numbering("Signaleren")).toBe("0");
    expect(numbering("Bespreken")).toBe("0");
    expect(numbering("met ouders")).toBe("1");
    const numberingXml = (await zip.file("word/numbering.xml")?.async("string")) ?? "";
    expect(numberingXml).toContain('w:val="decimal"');
    expect(numberingXml).toContain('w:val="bullet"');
    // A table with a header row, and a real hyperlink to the address.
    expect(xml).toContain("<w:tbl>");
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toMatch(/<w:tc>.*Belt thuis.*<\/w:tc>/);
    const rels = (await zip.file("word/_rels/document.xml.rels")?.async("string")) ?? "";
    expect(rels).toMatch(/Target="https:\/\/ingrado\.nl\/" TargetMode="External"/);
    expect(xml).toMatch(/<w:hyperlink [^>]*r:id="[^"]+"[^>]*>.*de site/);
    // Properties: title and creator; the language of the text is Dutch.
    const core = (await zip.file("docProps/core.xml")?.async("string")) ?? "";
    expect(core).toContain("<dc:title>Handreiking verzuim</dc:title>");
    expect(core).toContain("<dc:creator>Werkplaats</dc:creator>");
    const styles = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    expect(styles).toContain('<w:lang w:val="nl-NL"/>');
  });
});
