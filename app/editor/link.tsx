// The link form (Ctrl+K or the toolbar's link button) and its shortcut, shared by the live
// outcome editor and the organisers' template editor.
import { Extension } from "@tiptap/core";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useT } from "~/i18n";
import { isAllowedHref } from "./schema";

/** Mod+K opens the link form. */
export function linkShortcut(open: () => void) {
  return Extension.create({
    name: "linkShortcut",
    addKeyboardShortcuts: () => ({
      "Mod-k": () => {
        open();
        return true;
      },
    }),
  });
}

export function LinkForm({
  editor,
  onClose,
}: {
  editor: import("@tiptap/core").Editor;
  onClose: () => void;
}) {
  const t = useT();
  const inputId = useId();
  const errorId = useId();
  const current = editor.getAttributes("link").href as string | undefined;
  const [href, setHref] = useState(current ?? "");
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = href.trim();
    const withScheme = /^[a-z]+:/i.test(value) ? value : `https://${value}`;
    if (!value || !isAllowedHref(withScheme) || !URL.canParse(withScheme)) {
      setError(t("editor.linkInvalid"));
      input.current?.focus();
      return;
    }
    const chain = editor.chain().focus().extendMarkRange("link");
    if (editor.state.selection.empty && !editor.isActive("link"))
      chain
        .insertContent({
          type: "text",
          text: value,
          marks: [{ type: "link", attrs: { href: withScheme } }],
        })
        .run();
    else chain.setLink({ href: withScheme }).run();
    onClose();
  };

  return (
    <form
      className="link-form"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          close();
        }
      }}
    >
      <label htmlFor={inputId}>{t("editor.linkAddress")}</label>
      <input
        id={inputId}
        ref={input}
        type="text"
        inputMode="url"
        autoComplete="url"
        value={href}
        onChange={(event) => setHref(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <div className="link-form-actions">
        <button type="submit" className="button">
          {t("editor.linkApply")}
        </button>
        {current ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              editor.chain().focus().extendMarkRange("link").unsetLink().run();
              onClose();
            }}
          >
            {t("editor.linkRemove")}
          </button>
        ) : null}
        <button type="button" className="link-button" onClick={close}>
          {t("editor.cancel")}
        </button>
      </div>
    </form>
  );
}
