import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { diffDocuments, renderDocument } from "./version-diff";

const labels = { inserted: "ingevoegd:", deleted: "verwijderd:" };
const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({
  type: "text",
  text: value,
  ...(marks ? { marks } : {}),
});
const p = (...content: (string | JSONContent)[]): JSONContent => ({
  type: "paragraph",
  content: content.map((c) => (typeof c === "string" ? text(c) : c)),
});
const h3 = (value: string): JSONContent => ({
  type: "heading",
  attrs: { level: 3 },
  content: [text(value)],
});
const li = (value: string): JSONContent => ({ type: "listItem", content: [p(value)] });
const ul = (...items: JSONContent[]): JSONContent => ({ type: "bulletList", content: items });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

/** The text a reader sees, with insertions as [+…] and deletions as [-…]. */
function visible(html: string): string {
  return html
    .replace(/<span class="visually-hidden">[^<]*<\/span>/g, "")
    .replace(/<ins class="diff-ins">/g, "[+")
    .replace(/<del class="diff-del">/g, "[-")
    .replace(/<\/(ins|del)>/g, "]")
    .replace(/<[^>]+>/g, "|")
    .replace(/\|+/g, "|");
}

describe("diffDocuments", () => {
  it("shows an unchanged document as it is, with no changes counted", () => {
    const d = doc(h3("Doel"), p("Ouders ", text("direct", [{ type: "bold" }]), " bellen."));
    const result = diffDocuments(d, d, labels);
    expect(result).toMatchObject({ insertions: 0, deletions: 0 });
    expect(result.html).toBe("<h3>Doel</h3><p>Ouders <strong>direct</strong> bellen.</p>");
    expect(renderDocument(d)).toBe(result.html);
  });

  it("marks inserted, deleted and replaced words inside a changed paragraph", () => {
    const before = doc(p("Bel de ouders op de eerste dag."));
    const after = doc(p("Bel de ouders altijd op de tweede dag."));
    const result = diffDocuments(before, after, labels);
    expect(visible(result.html)).toBe("|Bel de ouders [+altijd ]op de [-eerste][+tweede] dag.|");
    expect(result).toMatchObject({ insertions: 2, deletions: 1 });
    // Screen-reader users hear what changed.
    expect(result.html).toContain(
      '<ins class="diff-ins"><span class="visually-hidden">ingevoegd: </span>altijd </ins>',
    );
    expect(result.html).toContain(
      '<del class="diff-del"><span class="visually-hidden">verwijderd: </span>eerste</del>',
    );
  });

  it("keeps formatting of unchanged and inserted words", () => {
    const before = doc(p("Zie ", text("stap 1", [{ type: "italic" }])));
    const after = doc(
      p("Zie ", text("stap 1", [{ type: "italic" }]), " en ", text("2", [{ type: "bold" }])),
    );
    const { html } = diffDocuments(before, after, labels);
    expect(html).toContain("<em>stap 1</em>");
    expect(html).toContain("<strong>2</strong></ins>");
  });

  it("marks whole added and removed blocks and keeps unchanged ones in place", () => {
    const before = doc(h3("Doel"), p("Eerste alinea."), p("Weg ermee."));
    const after = doc(h3("Doel"), p("Eerste alinea."), h3("Nieuw kopje"), p("Slot."));
    const result = diffDocuments(before, after, labels);
    // The removed paragraph is paired with the new heading: different types, so whole blocks.
    expect(result.html).toContain('<p class="diff-block-del"><del class="diff-del">');
    expect(result.html).toContain('<h3 class="diff-block-ins"><ins class="diff-ins">');
    expect(visible(result.html)).toBe(
      "|Doel|Eerste alinea.|[-Weg ermee.]|[+Nieuw kopje]|[+Slot.]|",
    );
    expect(result.html.startsWith("<h3>Doel</h3><p>Eerste alinea.</p>")).toBe(true);
  });

  it("aligns list items: an added item, a removed one and a changed one", () => {
    const before = doc(ul(li("Ouders bellen"), li("Mentor informeren"), li("Leerplicht melden")));
    const after = doc(
      ul(li("Ouders bellen"), li("Mentor direct informeren"), li("Zorgteam inschakelen")),
      p("Klaar."),
    );
    const result = diffDocuments(before, after, labels);
    expect(result.html.startsWith("<ul><li><p>Ouders bellen</p></li>")).toBe(true);
    expect(visible(result.html)).toBe(
      "|Ouders bellen|Mentor [+direct ]informeren|[-Leerplicht][+Zorgteam] [-melden][+inschakelen]|[+Klaar.]|",
    );
    expect(result.html).toContain('<p class="diff-block-ins"><ins class="diff-ins">');
  });

  it("compares table cells one by one", () => {
    const cell = (value: string): JSONContent => ({ type: "tableCell", content: [p(value)] });
    const table = (a: string, b: string): JSONContent => ({
      type: "table",
      content: [{ type: "tableRow", content: [cell(a), cell(b)] }],
    });
    const result = diffDocuments(
      doc(table("Wie", "Mentor")),
      doc(table("Wie", "Zorgcoördinator")),
      labels,
    );
    expect(result.html).toContain("<table><tbody><tr><td><p>Wie</p></td><td><p>");
    expect(visible(result.html)).toContain("[-Mentor][+Zorgcoördinator]");
  });

  it("escapes text and attributes, and drops unsafe links", () => {
    const before = doc(p("Veilig"));
    const after = doc(
      p(
        "<script>alert(1)</script>",
        text("klik", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]),
        text("site", [{ type: "link", attrs: { href: 'https://example.org/?a="b"' } }]),
      ),
    );
    const { html } = diffDocuments(before, after, {
      inserted: "<b>in</b>",
      deleted: "uit",
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('href="https://example.org/?a=&quot;b&quot;"');
    expect(html).toContain("&lt;b&gt;in&lt;/b&gt;");
  });
});
