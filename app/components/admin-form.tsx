// Form pieces of the organiser admin. A page there holds many small forms (one per partner,
// theme, agenda item…), so every field id is prefixed with its form's key, and an action
// answers with the key of the form it belongs to: errors and kept values go to that form only.
// Like app/components/form.tsx: label, hint and error are tied to the control; the error text
// is what the screen reader reads with it.
import { useEffect, useRef } from "react";
import { Form, useActionData, useNavigation } from "react-router";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";

/** What every admin action answers (see app/utils/admin-action.server.ts). */
export type AdminActionResult =
  | { ok: true; form: string; done: MessageKey; vars?: Record<string, string | number>; at: number }
  | { ok: false; form: string; errors: FieldErrors; values: Record<string, string>; at: number };

/** The key of a form: its intent, and the id of the thing it changes. */
export const formKey = (intent: string, id?: string) => (id ? `${intent}:${id}` : intent);

/** The last action result, when it belongs to the form `key`. */
export function useFormResult(key: string) {
  const result = useActionData() as AdminActionResult | undefined;
  if (!result || result.form !== key) return { errors: {} as FieldErrors, values: undefined };
  if (result.ok) return { errors: {} as FieldErrors, values: undefined, done: result };
  return { errors: result.errors, values: result.values, failed: result };
}

/** A page's success messages, announced politely (the region is always there). */
export function StatusMessage({ fallback }: { fallback?: string }) {
  const t = useT();
  const result = useActionData() as AdminActionResult | undefined;
  const navigation = useNavigation();
  const message =
    navigation.state !== "idle"
      ? ""
      : result?.ok
        ? t(result.done, result.vars)
        : result
          ? ""
          : (fallback ?? "");
  return (
    <div role="status" className={message ? "admin-status" : "admin-status empty"}>
      {message}
    </div>
  );
}

/**
 * One admin form: a post with its intent (and the id it is about), an alert that takes focus
 * after a failed submit, and a fresh set of fields after a successful "add" (resetOnSuccess).
 */
export function AdminForm({
  intent,
  id,
  children,
  className,
  label,
  resetOnSuccess = false,
  action,
}: {
  intent: string;
  id?: string;
  children: React.ReactNode;
  className?: string;
  /** Accessible name of the form (several similar forms on one page). */
  label?: string;
  resetOnSuccess?: boolean;
  action?: string;
}) {
  const t = useT();
  const key = formKey(intent, id);
  const { failed, done } = useFormResult(key);
  return (
    <Form
      method="post"
      action={action}
      noValidate
      className={className}
      aria-label={label}
      key={resetOnSuccess && done ? `${key}-${done.at}` : key}
    >
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {failed ? (
        <FocusAlert
          id={`${key}-alert`}
          message={failed.errors.form ? t(failed.errors.form) : t("admin.formErrorSummary")}
          trigger={failed.at}
        />
      ) : null}
      {children}
    </Form>
  );
}

function FocusAlert({ id, message, trigger }: { id: string; message: string; trigger: number }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run for each new failed submit
  useEffect(() => {
    ref.current?.focus();
  }, [trigger]);
  return (
    <div id={id} ref={ref} className="form-alert" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}

type Common = {
  /** The form's key (from formKey), to make ids unique on the page. */
  form: string;
  name: string;
  label: string;
  error?: MessageKey;
  hint?: string;
  required?: boolean;
  defaultValue?: string | null;
};

function useIds(form: string, name: string, hint?: string, error?: MessageKey) {
  const id = `${form.replace(/[^\w-]/g, "-")}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return {
    id,
    hintId,
    errorId,
    describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined,
  };
}

function FieldMessages({
  hint,
  hintId,
  error,
  errorId,
}: {
  hint?: string;
  hintId?: string;
  error?: MessageKey;
  errorId?: string;
}) {
  const t = useT();
  return (
    <>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {t(error)}
        </p>
      ) : null}
    </>
  );
}

export function Field({
  form,
  name,
  label,
  error,
  hint,
  required = false,
  defaultValue,
  type = "text",
  inputMode,
  autoComplete,
}: Common & {
  type?: "text" | "email" | "url" | "date" | "time";
  inputMode?: "numeric" | "email" | "url";
  autoComplete?: string;
}) {
  const t = useT();
  const { id, hintId, errorId, describedBy } = useIds(form, name, hint, error);
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? null : <span className="field-optional"> {t("admin.optional")}</span>}
      </label>
      <FieldMessages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete ?? "off"}
        defaultValue={defaultValue ?? ""}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export function TextArea({
  form,
  name,
  label,
  error,
  hint,
  required = false,
  defaultValue,
  rows = 4,
}: Common & { rows?: number }) {
  const t = useT();
  const { id, hintId, errorId, describedBy } = useIds(form, name, hint, error);
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? null : <span className="field-optional"> {t("admin.optional")}</span>}
      </label>
      <FieldMessages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue ?? ""}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export function Select({
  form,
  name,
  label,
  error,
  hint,
  defaultValue,
  options,
}: Common & { options: { value: string; label: string }[] }) {
  const { id, hintId, errorId, describedBy } = useIds(form, name, hint, error);
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radio buttons in a fieldset; the legend names the group. */
export function RadioGroup({
  form,
  name,
  label,
  error,
  hint,
  defaultValue,
  options,
}: Common & { options: { value: string; label: string }[] }) {
  const { id, hintId, errorId, describedBy } = useIds(form, name, hint, error);
  return (
    <fieldset
      className={`field radio-group${error ? " field-invalid" : ""}`}
      aria-describedby={describedBy}
    >
      <legend>{label}</legend>
      <FieldMessages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      {options.map((o) => (
        <div key={o.value} className="radio">
          <input
            type="radio"
            id={`${id}-${o.value}`}
            name={name}
            value={o.value}
            defaultChecked={defaultValue === o.value}
            aria-invalid={error ? true : undefined}
          />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A checkbox that confirms a destructive action (works by keyboard and without JavaScript). */
export function ConfirmBox({
  form,
  label,
  error,
}: {
  form: string;
  label: string;
  error?: MessageKey;
}) {
  const { id, errorId, describedBy } = useIds(form, "confirm", undefined, error);
  return (
    <div className={`field checkbox${error ? " field-invalid" : ""}`}>
      <FieldMessages error={error} errorId={errorId} />
      <input
        type="checkbox"
        id={id}
        name="confirm"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** Move up / move down buttons for an item in an ordered list. */
export function MoveButtons({
  intent,
  id,
  name,
  first,
  last,
}: {
  intent: string;
  id: string;
  name: string;
  first: boolean;
  last: boolean;
}) {
  const t = useT();
  return (
    <Form method="post" className="inline-form move-buttons">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        name="direction"
        value="up"
        className="button secondary small"
        disabled={first}
      >
        {t("admin.moveUp")}
        <span className="visually-hidden"> {t("admin.moveItem", { name })}</span>
      </button>
      <button
        type="submit"
        name="direction"
        value="down"
        className="button secondary small"
        disabled={last}
      >
        {t("admin.moveDown")}
        <span className="visually-hidden"> {t("admin.moveItem", { name })}</span>
      </button>
    </Form>
  );
}

/** A one-button form (remove, publish, reinstate…). */
export function ActionButton({
  intent,
  id,
  children,
  className = "button secondary small",
}: {
  intent: string;
  id?: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <button type="submit" className={className}>
        {children}
      </button>
    </Form>
  );
}
