// Accessible form fields: label, hint and error are tied to the input; the error is announced.
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n";

type FieldProps = {
  name: string;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  defaultValue?: string;
  error?: MessageKey;
  hint?: string;
  required?: boolean;
  autoFocus?: boolean;
};

export function TextField({
  name,
  label,
  type = "text",
  autoComplete,
  defaultValue,
  error,
  hint,
  required = true,
  autoFocus,
}: FieldProps) {
  const t = useT();
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
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
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        // biome-ignore lint/a11y/noAutofocus: the first field of a single-purpose form (sign in)
        autoFocus={autoFocus}
      />
    </div>
  );
}

/** Shown above a form after a failed submit; focused so screen readers announce it. */
export function FormAlert({ message, id = "form-alert" }: { message: string; id?: string }) {
  return (
    <div id={id} className="form-alert" role="alert">
      {message}
    </div>
  );
}

/** The document title (React 19 hoists <title> into <head>). */
export function PageTitle({ children }: { children: string }) {
  return <title>{`${children} · Werkplaats`}</title>;
}
