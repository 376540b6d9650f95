import type { JSONContent } from "@tiptap/core";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docToJSON, jsonToHTML, jsonToUpdate, parseDocumentJSON } from "./render.server";
import { editorSchema } from "./schema";
import {
  asSuggestion,
  isSuggestionModeOn,
  suggestionModeKey,
  suggestionModePlugin,
} from "./suggestion-mode";
import { countSuggestions, listSuggestions, resolveSuggestions } from "./suggestions-core";

const mohammed = { id: "u-mohammed", name: "Mohammed Bouzid" };
const sanne = { id: "u-sanne", name: "Sanne Visser" };

function stateWith(text: string, suggesting = true) {
  const doc = editorSchema.nodeFromJSON({
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text }] }],
  });
  const state = EditorState.create({
    schema: editorSchema,
    doc,
    plugins: [suggestionModePlugin()],
  });
  return suggesting ? state.apply(state.tr.setMeta(suggestionModeKey, { enabled: true })) : state;
}

/** Position in the (one-paragraph) document right before `index` of its text. */
const at = (index: number) => index + 1;

/** The range of the first `text` in the paragraph, searching from `after` (a position). */
function find(state: EditorState, text: string, after = 0): [number, number] {
  const index = state.doc.textContent.indexOf(text, after);
  if (index < 0) throw new Error(`"${text}" not found`);
  return [at(index), at(index + text.length)];
}

/** What a person sees: text with [+inserted+] and [-deleted-] parts. */
function marked(state: EditorState): string {
  let out = "";
  state.doc.descendants((node) => {
    if (!node.isText) return true;
    const kind = node.marks.find((m) => m.type.name === "insertion" || m.type.name === "deletion");
    const text = node.text ?? "";
    out += kind?.type.name === "insertion" ? `[+${text}+]` : kind ? `[-${text}-]` : text;
    return false;
  });
  return out.replace(/\+\]\[\+/g, "").replace(/-\]\[-/g, "");
}

/** Applies an edit the way the editor does: through suggestion mode, as `author`. */
function edit(
  state: EditorState,
  make: (s: EditorState) => import("@tiptap/pm/state").Transaction,
  author = mohammed,
) {
  return state.apply(asSuggestion(state, make(state), author));
}

/** Types `text` one character at a time at the caret (as a keyboard does). */
function type(state: EditorState, text: string, author = mohammed) {
  let s = state;
  for (const ch of text) s = edit(s, (x) => x.tr.insertText(ch), author);
  return s;
}

function select(state: EditorState, from: number, to = from) {
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, to)));
}

describe("suggestion mode", () => {
  it("turns select + type into one proposed replacement by its author", () => {
    let s = stateWith("De school belt ouders.");
    s = select(s, ...find(s, "belt"));
    s = type(s, "mailt");
    expect(s.doc.textContent).toBe("De school beltmailt ouders.");
    expect(marked(s)).toBe("De school [-belt-][+mailt+] ouders.");
    const [only, ...rest] = listSuggestions(s.doc);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      kind: "replacement",
      inserted: "mailt",
      deleted: "belt",
      authorId: mohammed.id,
      authorName: mohammed.name,
    });
  });

  it("marks deletions by Backspace and Delete as one suggestion each, and moves on", () => {
    let s = stateWith("Bel de ouders op.");
    s = select(s, find(s, " de")[1]);
    for (let i = 0; i < 3; i++)
      s = edit(s, (x) => x.tr.delete(x.selection.from - 1, x.selection.from));
    expect(marked(s)).toBe("Bel[- de-] ouders op.");
    s = select(s, find(s, " op")[0]);
    for (let i = 0; i < 3; i++)
      s = edit(s, (x) => x.tr.delete(x.selection.from, x.selection.from + 1));
    expect(s.doc.textContent).toBe("Bel de ouders op.");
    expect(listSuggestions(s.doc).map((x) => [x.kind, x.deleted])).toEqual([
      ["deletion", " de"],
      ["deletion", " op"],
    ]);
  });

  it("really removes the author's own proposed text, but not someone else's", () => {
    let s = stateWith("Tekst.");
    s = select(s, find(s, ".")[0]);
    s = type(s, " erbij");
    s = edit(s, (x) => x.tr.delete(x.selection.from - 3, x.selection.from));
    expect(marked(s)).toBe("Tekst[+ er+].");
    s = edit(s, (x) => x.tr.delete(...find(x, " er")), sanne);
    expect(marked(s)).toBe("Tekst[+ er+].");
  });

  it("never turns remote edits, Yjs undo or accepting into suggestions", () => {
    const s = select(stateWith("Samen werken."), at(5)); // after "Samen"
    const remote = s.tr.insertText("X").setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(asSuggestion(s, remote, mohammed)).toBe(remote);
    const undo = s.tr
      .insertText("Y")
      .setMeta(ySyncPluginKey, { isChangeOrigin: true, isUndoRedoOperation: true });
    expect(asSuggestion(s, undo, mohammed)).toBe(undo);
    expect(marked(s.apply(asSuggestion(s, remote, mohammed)))).toBe("SamenX werken.");
    // Off: a local edit is a direct edit.
    const off = select(stateWith("Samen werken.", false), at(5));
    expect(isSuggestionModeOn(off)).toBe(false);
    expect(marked(edit(off, (x) => x.tr.insertText("!")))).toBe("Samen! werken.");
  });
});

describe("accepting and rejecting", () => {
  function withTwoSuggestions() {
    let s = stateWith("De school belt de ouders.");
    s = select(s, ...find(s, "belt"));
    s = type(s, "mailt"); // Mohammed replaces "belt"
    s = select(s, ...find(s, "de ", 5));
    s = edit(s, (x) => x.tr.delete(x.selection.from, x.selection.to), sanne); // Sanne: "de " out
    return s;
  }

  it("accepts or rejects one suggestion, leaving the other open", () => {
    const s = withTwoSuggestions();
    const [replace, remove] = listSuggestions(s.doc);
    expect(replace?.kind).toBe("replacement");
    expect(remove).toMatchObject({ kind: "deletion", deleted: "de ", authorName: sanne.name });
    const accepted = s.apply(resolveSuggestions(s, true, [replace!.id]));
    expect(marked(accepted)).toBe("De school mailt [-de -]ouders.");
    const rejected = accepted.apply(resolveSuggestions(accepted, false, [remove!.id]));
    expect(marked(rejected)).toBe("De school mailt de ouders.");
    expect(listSuggestions(rejected.doc)).toEqual([]);
  });

  it("accepts all or rejects all", () => {
    const s = withTwoSuggestions();
    expect(marked(s.apply(resolveSuggestions(s, true)))).toBe("De school mailt ouders.");
    expect(marked(s.apply(resolveSuggestions(s, false)))).toBe("De school belt de ouders.");
  });

  it("lists and resolves a suggestion whose mark lost its id (pasted HTML), so publishing is not stuck", () => {
    const doc = editorSchema.nodeFromJSON({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Bel " },
            { type: "text", text: "vandaag", marks: [{ type: "insertion", attrs: { id: "" } }] },
          ],
        },
      ],
    });
    const s = EditorState.create({ schema: editorSchema, doc });
    const [found] = listSuggestions(s.doc);
    expect(found).toMatchObject({ kind: "insertion", inserted: "vandaag" });
    expect(countSuggestions(s.doc.toJSON() as JSONContent)).toBe(1);
    const accepted = s.apply(resolveSuggestions(s, true, [found!.id]));
    expect(marked(accepted)).toBe("Bel vandaag");
    expect(countSuggestions(accepted.doc.toJSON() as JSONContent)).toBe(0);
  });

  it("passes through suggestion mode unchanged (accepting is a direct edit)", () => {
    const s = withTwoSuggestions();
    const tr = resolveSuggestions(s, true);
    expect(asSuggestion(s, tr, mohammed)).toBe(tr);
  });
});

describe("suggestions in stored documents", () => {
  const json: JSONContent = {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "De school " },
          {
            type: "text",
            text: "belt",
            marks: [
              { type: "deletion", attrs: { id: "s1", authorId: "u1", authorName: "Mohammed" } },
            ],
          },
          {
            type: "text",
            text: "mailt",
            marks: [
              { type: "insertion", attrs: { id: "s1", authorId: "u1", authorName: "Mohammed" } },
            ],
          },
          { type: "text", text: " de ouders" },
          {
            type: "text",
            text: " snel",
            marks: [
              { type: "insertion", attrs: { id: "s2", authorId: "u2", authorName: "Sanne & co" } },
            ],
          },
        ],
      },
    ],
  };

  it("round-trip through Yjs with id and author", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, jsonToUpdate(json));
    expect(docToJSON(doc)).toEqual(json);
  });

  it("render as <ins> and <del> with the suggestion and its author", () => {
    const html = jsonToHTML(json);
    expect(html).toContain(
      '<del class="suggestion suggestion-deletion" data-suggestion-id="s1" data-author-id="u1" data-author-name="Mohammed">belt</del>',
    );
    expect(html).toContain('<ins class="suggestion suggestion-insertion" data-suggestion-id="s1"');
    expect(html).toContain('data-author-name="Sanne &amp; co"> snel</ins>');
  });

  it("are accepted by the document validator", () => {
    const parsed = parseDocumentJSON(JSON.stringify(json));
    expect(parsed.ok).toBe(true);
  });

  it("are counted per suggestion, not per piece of text", () => {
    expect(countSuggestions(json)).toBe(2);
    expect(countSuggestions({ type: "doc", content: [{ type: "paragraph" }] })).toBe(0);
  });
});
