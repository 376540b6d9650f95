// The formatting toolbar: one tab stop, arrow keys move between buttons (roving focus), every
// button has a label and announces its shortcut and whether it is on.
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { type KeyboardEvent, useRef, useState } from "react";
import { type MessageKey, useT } from "~/i18n";

type Tool = {
  id: string;
  /** Shown only where it applies (table tools inside a table). */
  contextual?: boolean;
  label: MessageKey;
  shortcut?: string;
  active?: (e: Editor) => boolean;
  enabled?: (e: Editor) => boolean;
  run: (e: Editor) => void;
};

const TOOLS: Tool[] = [
  {
    id: "bold",
    label: "editor.bold",
    shortcut: "Control+B",
    active: (e) => e.isActive("bold"),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    id: "italic",
    label: "editor.italic",
    shortcut: "Control+I",
    active: (e) => e.isActive("italic"),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    id: "heading",
    label: "editor.heading",
    shortcut: "Control+Alt+3",
    active: (e) => e.isActive("heading", { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    id: "subheading",
    label: "editor.subheading",
    shortcut: "Control+Alt+4",
    active: (e) => e.isActive("heading", { level: 4 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 4 }).run(),
  },
  {
    id: "bulletList",
    label: "editor.bulletList",
    shortcut: "Control+Shift+8",
    active: (e) => e.isActive("bulletList"),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    id: "orderedList",
    label: "editor.orderedList",
    shortcut: "Control+Shift+7",
    active: (e) => e.isActive("orderedList"),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    id: "blockquote",
    label: "editor.blockquote",
    shortcut: "Control+Shift+B",
    active: (e) => e.isActive("blockquote"),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    id: "table",
    label: "editor.insertTable",
    enabled: (e) => !e.isActive("table"),
    run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 2, withHeaderRow: true }).run(),
  },
  {
    id: "addRow",
    contextual: true,
    label: "editor.addRow",
    enabled: (e) => e.isActive("table"),
    run: (e) => e.chain().focus().addRowAfter().run(),
  },
  {
    id: "addColumn",
    contextual: true,
    label: "editor.addColumn",
    enabled: (e) => e.isActive("table"),
    run: (e) => e.chain().focus().addColumnAfter().run(),
  },
  {
    id: "deleteRow",
    contextual: true,
    label: "editor.deleteRow",
    enabled: (e) => e.isActive("table"),
    run: (e) => e.chain().focus().deleteRow().run(),
  },
  {
    id: "deleteTable",
    contextual: true,
    label: "editor.deleteTable",
    enabled: (e) => e.isActive("table"),
    run: (e) => e.chain().focus().deleteTable().run(),
  },
  {
    id: "undo",
    label: "editor.undo",
    shortcut: "Control+Z",
    enabled: (e) => e.can().undo(),
    run: (e) => e.chain().focus().undo().run(),
  },
  {
    id: "redo",
    label: "editor.redo",
    shortcut: "Control+Shift+Z",
    enabled: (e) => e.can().redo(),
    run: (e) => e.chain().focus().redo().run(),
  },
];

export function Toolbar({ editor, onLink }: { editor: Editor; onLink: () => void }) {
  const t = useT();
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      Object.fromEntries(
        TOOLS.map((tool) => [
          tool.id,
          {
            active: tool.active?.(e) ?? null,
            enabled: tool.enabled?.(e) ?? true,
          },
        ]),
      ) as Record<string, { active: boolean | null; enabled: boolean }>,
  });
  const linkActive = useEditorState({ editor, selector: ({ editor: e }) => e.isActive("link") });
  const shown = TOOLS.filter((tool) => !tool.contextual || state[tool.id]?.enabled);
  const all = [...shown.map((tool) => tool.id), "link"];
  const focus = Math.min(focusIndex, all.length - 1);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = all.length - 1;
    const next =
      event.key === "ArrowRight"
        ? (focus + 1) % all.length
        : event.key === "ArrowLeft"
          ? (focus - 1 + all.length) % all.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  }

  const button = (
    index: number,
    id: string,
    label: string,
    run: () => void,
    options: { active?: boolean | null; enabled?: boolean; shortcut?: string },
  ) => (
    <button
      key={id}
      ref={(el) => {
        buttons.current[index] = el;
      }}
      type="button"
      className="toolbar-button"
      data-tool={id}
      tabIndex={index === focus ? 0 : -1}
      aria-pressed={
        options.active === null || options.active === undefined ? undefined : options.active
      }
      aria-disabled={options.enabled === false ? true : undefined}
      aria-keyshortcuts={options.shortcut}
      title={options.shortcut ? `${label} (${options.shortcut.replace("Control", "Ctrl")})` : label}
      onFocus={() => setFocusIndex(index)}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        if (options.enabled !== false) run();
      }}
    >
      {label}
    </button>
  );

  return (
    <div
      role="toolbar"
      aria-label={t("editor.toolbar")}
      aria-controls="outcome-editor"
      className="toolbar"
      onKeyDown={onKeyDown}
    >
      {shown.map((tool, index) =>
        button(index, tool.id, t(tool.label), () => tool.run(editor), {
          active: state[tool.id]?.active,
          enabled: state[tool.id]?.enabled,
          shortcut: tool.shortcut,
        }),
      )}
      {button(shown.length, "link", t("editor.link"), onLink, {
        active: linkActive,
        shortcut: "Control+K",
      })}
    </div>
  );
}
