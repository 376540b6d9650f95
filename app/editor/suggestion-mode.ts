// Suggestion mode ("Voorstelmodus") for one person in the live editor: a plugin that remembers
// whether it is on, and a Tiptap dispatch hook that turns that person's own edits into
// suggestions while it is on. Remote edits (Yjs), Yjs undo and accepting/rejecting pass as
// they are (see passesUnchanged). No DOM needed, so it is tested without a browser.
import { Extension } from "@tiptap/core";
import { type EditorState, Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { passesUnchanged, type SuggestionAuthor, suggestTransaction } from "./suggestions-core";

export const suggestionModeKey = new PluginKey<{ enabled: boolean }>("suggestionMode");

/** Keeps the on/off state; a transaction with this plugin's meta `{ enabled }` switches it. */
export function suggestionModePlugin(): Plugin<{ enabled: boolean }> {
  return new Plugin<{ enabled: boolean }>({
    key: suggestionModeKey,
    state: {
      init: () => ({ enabled: false }),
      apply(tr, value) {
        const meta = tr.getMeta(suggestionModeKey) as { enabled: boolean } | undefined;
        return meta ? { enabled: meta.enabled } : value;
      },
    },
  });
}

export function isSuggestionModeOn(state: EditorState): boolean {
  return suggestionModeKey.getState(state)?.enabled ?? false;
}

/** The transaction to apply instead of `tr`: a suggestion when the mode is on and `tr` is local. */
export function asSuggestion(
  state: EditorState,
  tr: Transaction,
  author: SuggestionAuthor | null,
): Transaction {
  if (!author || !isSuggestionModeOn(state) || passesUnchanged(tr)) return tr;
  return suggestTransaction(state, tr, author);
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    suggestionMode: {
      /** Switches suggestion mode on or off (only for someone who may write). */
      setSuggestionMode: (enabled: boolean) => ReturnType;
      toggleSuggestionMode: () => ReturnType;
    };
  }
}

export type SuggestionModeOptions = { author: SuggestionAuthor | null };

export const SuggestionMode = Extension.create<SuggestionModeOptions>({
  name: "suggestionMode",
  addOptions() {
    return { author: null };
  },
  addProseMirrorPlugins() {
    return [suggestionModePlugin()];
  },
  addCommands() {
    return {
      setSuggestionMode:
        (enabled) =>
        ({ tr, dispatch, editor }) => {
          if (enabled && (!this.options.author || !editor.isEditable)) return false;
          if (dispatch) tr.setMeta(suggestionModeKey, { enabled });
          return true;
        },
      toggleSuggestionMode:
        () =>
        ({ state, commands }) =>
          commands.setSuggestionMode(!isSuggestionModeOn(state)),
    };
  },
  addKeyboardShortcuts() {
    return { "Mod-Shift-e": () => this.editor.commands.toggleSuggestionMode() };
  },
  dispatchTransaction({ transaction, next }) {
    next(asSuggestion(this.editor.state, transaction, this.options.author));
  },
});
