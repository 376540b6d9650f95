// The organisers' template editor: Tiptap WITHOUT collaboration on exactly the shared content
// extensions (schema.ts), plus local undo and the same toolbar and link form as the outcome
// editor. It never touches an outcome document: the JSON goes to the server in a form field,
// which checks it against the schema before storing it.
import type { JSONContent } from "@tiptap/core";
import { UndoRedo } from "@tiptap/extensions";
import { EditorContent, useEditor } from "@tiptap/react";
import { useRef, useState } from "react";
import { useT } from "~/i18n";
import { LinkForm, linkShortcut } from "./link";
import { contentExtensions } from "./schema";
import { Toolbar } from "./toolbar";

export function TemplateEditor(props: {
  initial: JSONContent;
  /** The template as the server rendered it: shown until the editor runs (and without JS). */
  initialHTML: string;
  onChange: (json: JSONContent) => void;
}) {
  const t = useT();
  const [linkOpen, setLinkOpen] = useState(false);
  const openLink = useRef(() => setLinkOpen(true));
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  const editor = useEditor({
    immediatelyRender: false,
    // Tiptap's base CSS is in app.css: an injected <style> would need the CSP nonce.
    injectCSS: false,
    content: props.initial,
    extensions: [...contentExtensions, UndoRedo, linkShortcut(() => openLink.current())],
    editorProps: {
      attributes: {
        // The toolbar controls the element with this id.
        id: "outcome-editor",
        class: "prose editor-surface",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": t("templates.editorLabel"),
      },
    },
    onUpdate: ({ editor: e }) => onChange.current(e.getJSON()),
  });

  if (!editor)
    return (
      <div
        className="document-view prose"
        data-testid="template-static"
        // Rendered by the server from the stored template through the one schema (escaped).
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server rendering
        dangerouslySetInnerHTML={{ __html: props.initialHTML }}
      />
    );
  return (
    <div className="outcome-editor template-editor" data-testid="template-editor">
      <Toolbar editor={editor} onLink={() => setLinkOpen(true)} />
      {linkOpen ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
      <div className="editor-frame">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
