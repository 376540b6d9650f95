// The privacy guard on the subgroup page: the editor extension (live highlights, paste warning)
// and the list of findings above the document, with "Ga naar" and, for leaders, "Toch toestaan"
// with a reason (posted to the subgroup page's action, audited on the server).
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useFetcher } from "react-router";
import { editorFindings, PrivacyGuard, refreshPrivacyGuard } from "~/editor/privacy-guard";
import { type MessageKey, useT } from "~/i18n";
import { type FindingKind, maskValue } from "~/lib/privacy-scan";

/** The extension for the editor (stable per page) and the state the panel needs. */
export function usePrivacyGuard(allowedValues: readonly string[]) {
  const t = useT();
  const allowed = useRef<ReadonlySet<string>>(new Set());
  const label = useRef(t);
  label.current = t;
  const [pasted, setPasted] = useState<{ kinds: FindingKind[]; at: number } | null>(null);
  const extension = useMemo(
    () =>
      PrivacyGuard.configure({
        allowed: () => allowed.current,
        label: (kind) =>
          label.current("privacy.guard.highlight", {
            kind: label.current(`privacy.guard.kind.${kind}` as MessageKey),
          }),
        onPaste: (kinds) => setPasted({ kinds, at: Date.now() }),
      }),
    [],
  );
  const key = allowedValues.join("\n");
  // Updated while rendering, not in an effect: the panel (a child) re-scans in its own effect,
  // which runs before this component's effects would.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the joined key stands for the list
  const current = useMemo(() => new Set(allowedValues), [key]);
  allowed.current = current;
  return { extension, allowed, pasted, dismissPaste: () => setPasted(null), key };
}

type PanelProps = {
  editor: Editor;
  subgroupId: string;
  canOverride: boolean;
  guard: ReturnType<typeof usePrivacyGuard>;
};

/** One fetcher for every "Toch toestaan" form, so the panel hears the result after the form is gone. */
const ALLOW_FETCHER = "privacy-allow";

export function PrivacyPanel({ editor, subgroupId, canOverride, guard }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const allowResult = useFetcher<AllowResult>({ key: ALLOW_FETCHER }).data;
  const doneRef = useRef<HTMLParagraphElement>(null);
  // The allowed finding (and perhaps the whole list) disappears: focus lands on the outcome.
  useEffect(() => {
    if (allowResult?.ok) doneRef.current?.focus();
  }, [allowResult]);
  const findings = useEditorState({ editor, selector: ({ editor: e }) => editorFindings(e.state) });
  // A leader allowed a value (the page reloaded its data): highlight again without it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the allowed list changes
  useEffect(() => {
    if (!editor.isDestroyed) refreshPrivacyGuard(editor.view);
  }, [editor, guard.key]);

  const open = findings.filter((f) => !f.allowed);
  const kindName = (kind: FindingKind) => t(`privacy.guard.kind.${kind}` as MessageKey);

  return (
    <>
      <div aria-live="polite">
        {allowResult?.ok ? (
          <p className="notice success" tabIndex={-1} ref={doneRef}>
            {t("privacy.guard.allowDone")}
          </p>
        ) : null}
      </div>
      {guard.pasted ? (
        <div className="privacy-paste-warning notice" role="alert">
          <p>
            {t("privacy.guard.pasteWarning", {
              kinds: guard.pasted.kinds.map(kindName).join(", "),
            })}
          </p>
          <button type="button" className="link-button" onClick={guard.dismissPaste}>
            {t("privacy.guard.dismiss")}
          </button>
        </div>
      ) : null}
      {open.length > 0 ? (
        <section className="privacy-panel" aria-labelledby={headingId} data-testid="privacy-panel">
          <h3 id={headingId}>{t("privacy.guard.title")}</h3>
          <p>{t("privacy.guard.found")}</p>
          <ul className="plain privacy-findings">
            {uniqueByValue(open).map((f) => {
              const value = maskValue(f.kind, f.value);
              return (
                <li key={`${f.kind}:${f.value}`}>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t("privacy.guard.goTo", { kind: kindName(f.kind), value })}
                    onClick={() => {
                      // Selection first, then a synchronous focus: Tiptap's focus command focuses
                      // a frame later, and Chromium then puts back the caret it had before.
                      editor.commands.setTextSelection({ from: f.from, to: f.to });
                      editor.view.focus();
                      editor.commands.scrollIntoView();
                    }}
                  >
                    {t("privacy.guard.item", { kind: kindName(f.kind), value })}
                  </button>
                  {canOverride ? (
                    <AllowForm
                      subgroupId={subgroupId}
                      kind={f.kind}
                      value={f.value}
                      masked={value}
                      label={kindName(f.kind)}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function uniqueByValue<T extends { kind: string; value: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const key = `${f.kind}:${f.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type AllowResult = { intent: "allowFinding"; ok: boolean; problem?: MessageKey };

function AllowForm(props: {
  subgroupId: string;
  kind: FindingKind;
  value: string;
  masked: string;
  label: string;
}) {
  const t = useT();
  const fetcher = useFetcher<AllowResult>({ key: ALLOW_FETCHER });
  const [open, setOpen] = useState(false);
  const id = useId();
  const result = fetcher.data;
  const problem = result && !result.ok ? result.problem : undefined;
  if (!open)
    return (
      <button type="button" className="button secondary small" onClick={() => setOpen(true)}>
        {t("privacy.guard.allow")}
      </button>
    );
  return (
    <fetcher.Form
      method="post"
      action={`/subgroups/${props.subgroupId}/review`}
      className="privacy-allow-form"
    >
      <fieldset>
        <legend>
          {t("privacy.guard.allowLegend", { kind: props.label, value: props.masked })}
        </legend>
        <input type="hidden" name="intent" value="allowFinding" />
        <input type="hidden" name="kind" value={props.kind} />
        <input type="hidden" name="value" value={props.value} />
        <div className={`field${problem ? " field-invalid" : ""}`}>
          <label htmlFor={`${id}-reason`}>{t("privacy.guard.reasonLabel")}</label>
          <p className="field-hint" id={`${id}-hint`}>
            {t("privacy.guard.reasonHint")}
          </p>
          {problem ? (
            <p className="field-error" id={`${id}-error`} role="alert">
              {t(problem)}
            </p>
          ) : null}
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            maxLength={500}
            required
            // biome-ignore lint/a11y/noAutofocus: opened on purpose by the button just pressed
            autoFocus
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ""}`}
          />
        </div>
        <button type="submit" className="button small" disabled={fetcher.state !== "idle"}>
          {t("privacy.guard.allowSubmit")}
        </button>
      </fieldset>
    </fetcher.Form>
  );
}
