// Comment anchors follow concurrent edits: two Y.Docs shaped like the editor's (a paragraph
// element holding a text) edit before and inside a commented passage; after merging, the
// resolved range still covers the same words.
import { initProseMirrorDoc, prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type Anchors, anchorsForRange, decodeAnchor, resolveAnchors } from "./comment-anchors";
import { DOCUMENT_FIELD, editorSchema } from "./schema";

const SENTENCE = "Ouders worden op de eerste dag gebeld door de mentor.";
const PASSAGE = "op de eerste dag gebeld";

function makeDoc(paragraphs: string[]) {
  return prosemirrorJSONToYDoc(
    editorSchema,
    {
      type: "doc",
      content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
    },
    DOCUMENT_FIELD,
  );
}

/** The ProseMirror view of a Y.Doc, with the mapping the sync binding would have. */
function view(doc: Y.Doc) {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, editorSchema);
  return { fragment, pmDoc, mapping };
}

/** Anchors for the first occurrence of `text` in the document. */
function anchorText(doc: Y.Doc, text: string): Anchors {
  const { fragment, pmDoc, mapping } = view(doc);
  let from = -1;
  pmDoc.descendants((node, pos) => {
    if (from >= 0 || !node.isText) return;
    const index = node.text?.indexOf(text) ?? -1;
    if (index >= 0) from = pos + index;
  });
  expect(from).toBeGreaterThanOrEqual(0);
  return anchorsForRange(fragment, mapping, from, from + text.length);
}

function resolvedText(doc: Y.Doc, anchors: Anchors) {
  const { fragment, pmDoc, mapping } = view(doc);
  const range = resolveAnchors(fragment, mapping, pmDoc, anchors);
  if (range === null || range === "deleted") return range;
  return pmDoc.textBetween(range.from, range.to, " ");
}

function sync(a: Y.Doc, b: Y.Doc) {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

function textOf(doc: Y.Doc, paragraph = 0): Y.XmlText {
  const element = doc.getXmlFragment(DOCUMENT_FIELD).get(paragraph) as Y.XmlElement;
  return element.get(0) as Y.XmlText;
}

function twoPeers(paragraphs: string[]) {
  const a = makeDoc(paragraphs);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b };
}

describe("comment anchors", () => {
  it("cover the selected passage and round-trip through base64", () => {
    const doc = makeDoc([SENTENCE]);
    const anchors = anchorText(doc, PASSAGE);
    expect(decodeAnchor(anchors.anchorStart)).not.toBeNull();
    expect(decodeAnchor(anchors.anchorEnd)).not.toBeNull();
    expect(resolvedText(doc, anchors)).toBe(PASSAGE);
  });

  it("survive concurrent inserts and deletes before and inside the passage", () => {
    const { a, b } = twoPeers(["Inleiding over verzuim.", SENTENCE]);
    const anchors = anchorText(a, PASSAGE);

    // Peer A types before the passage (in the same paragraph and a new one before it)…
    textOf(a, 1).insert(0, "Afspraak: ");
    a.getXmlFragment(DOCUMENT_FIELD).insert(0, [new Y.XmlElement("paragraph")]);
    // …while peer B, at the same time, deletes "Ouders worden " and edits inside the passage.
    const textB = textOf(b, 1);
    textB.delete(0, "Ouders worden ".length);
    const eerste = "op de ".length;
    textB.insert(eerste, "allereerste ");
    textB.delete(eerste + "allereerste ".length, "eerste ".length);

    sync(a, b);
    expect(textOf(a, 2).toString()).toBe(textOf(b, 2).toString());
    expect(resolvedText(a, anchors)).toBe("op de allereerste dag gebeld");
    expect(resolvedText(b, anchors)).toBe("op de allereerste dag gebeld");
  });

  it("keep text typed right before or after the passage outside it", () => {
    const { a, b } = twoPeers([SENTENCE]);
    const anchors = anchorText(a, PASSAGE);
    const start = SENTENCE.indexOf(PASSAGE);
    textOf(a, 0).insert(start + PASSAGE.length, " snel");
    textOf(b, 0).insert(start, "al ");
    sync(a, b);
    expect(textOf(a, 0).toString()).toContain("al op de eerste dag gebeld snel");
    expect(resolvedText(a, anchors)).toBe(PASSAGE);
  });

  it("report a passage whose text was deleted entirely", () => {
    const { a, b } = twoPeers(["Eerste alinea.", SENTENCE]);
    const anchors = anchorText(a, PASSAGE);
    textOf(b, 1).delete(SENTENCE.indexOf(PASSAGE), PASSAGE.length);
    sync(a, b);
    expect(resolvedText(a, anchors)).toBe("deleted");

    const { a: c, b: d } = twoPeers(["Eerste alinea.", SENTENCE]);
    const gone = anchorText(c, PASSAGE);
    d.getXmlFragment(DOCUMENT_FIELD).delete(1, 1);
    sync(c, d);
    expect(resolvedText(c, gone)).toBe("deleted");
  });

  it("refuse anything that is not an encoded relative position", () => {
    expect(decodeAnchor("")).toBeNull();
    expect(decodeAnchor("not base64!")).toBeNull();
    expect(decodeAnchor("A".repeat(500))).toBeNull();
  });
});
