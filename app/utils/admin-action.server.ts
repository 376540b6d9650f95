// Answers of the organiser admin actions (app/components/admin-form.tsx reads them): which form
// they belong to, and either the success message or the field errors with the submitted values.
import { data } from "react-router";
import type { AdminActionResult } from "~/components/admin-form";
import type { MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";

/** The submitted values as strings (what the organiser typed, to put back in the fields). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") values[key] = value;
  return values;
}

export function succeeded(
  form: string,
  done: MessageKey,
  vars?: Record<string, string | number>,
): AdminActionResult {
  return { ok: true, form, done, vars, at: Date.now() };
}

/** A refused form: HTTP 400 with the errors next to their fields. */
export function failed(form: string, errors: FieldErrors, values: Record<string, string>) {
  const result: AdminActionResult = { ok: false, form, errors, values, at: Date.now() };
  return data(result, { status: 400 });
}

/** A form the page does not know (a stale page or a crafted request): a plain 400. */
export function unknownIntent() {
  return data(
    {
      ok: false,
      form: "",
      errors: { form: "admin.error.unknownIntent" },
      values: {},
      at: Date.now(),
    } satisfies AdminActionResult,
    { status: 400 },
  );
}
