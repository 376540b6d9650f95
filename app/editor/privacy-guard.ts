// The privacy guard in the editor: highlights, as people type, what could identify a pupil (the
// same recogniser the server uses before submitting and publishing), keeps the findings for the
// page's list, and warns when pasted text contains any. Values a leader allowed are not
// highlighted. Nothing is blocked here: the server decides (privacy-guard.server.ts).
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { type Finding, type FindingKind, scanText } from "~/lib/privacy-scan";

/** A finding with its place in the document (ProseMirror positions). */
export type EditorFinding = Finding & { from: number; to: number; allowed: boolean };

type GuardState = { findings: EditorFinding[]; decorations: DecorationSet };

export const privacyGuardKey = new PluginKey<GuardState>("privacyGuard");

/** Set as transaction meta to tell the plugin the allowed values changed. */
const REFRESH = "privacyGuardRefresh";

export type PrivacyGuardOptions = {
  /** "kind:value" of values a leader allowed (read on every scan). */
  allowed: () => ReadonlySet<string>;
  /** The text shown on hover of a highlight (translated). */
  label: (kind: FindingKind) => string;
  /** Called with the kinds found in pasted text. */
  onPaste: (kinds: FindingKind[]) => void;
};

function scanDoc(doc: PMNode, allowed: ReadonlySet<string>): EditorFinding[] {
  const findings: EditorFinding[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // Text offsets map to positions inside the block; leaf nodes (a hard break) count as one.
    const text = node.textBetween(0, node.content.size, "\n", "\n");
    for (const f of scanText(text))
      findings.push({
        ...f,
        from: pos + 1 + f.start,
        to: pos + 1 + f.end,
        allowed: allowed.has(`${f.kind}:${f.value}`),
      });
    return false;
  });
  return findings;
}

function build(doc: PMNode, options: PrivacyGuardOptions): GuardState {
  const findings = scanDoc(doc, options.allowed());
  const decorations = DecorationSet.create(
    doc,
    findings
      .filter((f) => !f.allowed)
      .map((f) =>
        Decoration.inline(f.from, f.to, {
          class: "privacy-finding",
          "data-kind": f.kind,
          title: options.label(f.kind),
        }),
      ),
  );
  return { findings, decorations };
}

export const PrivacyGuard = Extension.create<PrivacyGuardOptions>({
  name: "privacyGuard",

  addOptions() {
    return { allowed: () => new Set<string>(), label: (kind) => kind, onPaste: () => {} };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<GuardState>({
        key: privacyGuardKey,
        state: {
          init: (_config, state) => build(state.doc, options),
          apply: (tr, previous, _old, state) =>
            tr.docChanged || tr.getMeta(REFRESH) ? build(state.doc, options) : previous,
        },
        props: {
          decorations: (state) => privacyGuardKey.getState(state)?.decorations,
          handlePaste: (_view, _event, slice) => {
            const text = slice.content.textBetween(0, slice.content.size, "\n", "\n");
            const kinds = [...new Set(scanText(text).map((f) => f.kind))];
            if (kinds.length > 0) options.onPaste(kinds);
            return false; // the paste itself goes ahead
          },
        },
      }),
    ];
  },
});

/** The current findings of an editor's document. */
export function editorFindings(state: import("@tiptap/pm/state").EditorState): EditorFinding[] {
  return privacyGuardKey.getState(state)?.findings ?? [];
}

/** Re-scans after the allowed values changed (a leader allowed one). */
export function refreshPrivacyGuard(view: import("@tiptap/pm/view").EditorView) {
  view.dispatch(view.state.tr.setMeta(REFRESH, true));
}
