import { useEffect, useRef } from "react";
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

/**
 * Shown above a form after a failed submit. It takes focus (so keyboard and screen-reader users
 * land on what went wrong, not at the top of the page); `trigger` is the action result, so every
 * new failed submit focuses it again.
 */
export function FormAlert({
  message,
  trigger,
  id = "form-alert",
}: {
  message: string;
  trigger?: unknown;
  id?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run for each new action result
  useEffect(() => {
    ref.current?.focus();
  }, [trigger]);
  return (
    <div id={id} ref={ref} className="form-alert" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}

/** The document title (React 19 hoists <title> into <head>). */
export function PageTitle({ children }: { children: string }) {
  const t = useT();
  return <title>{`${children} · ${t("meta.siteName")}`}</title>;
}
