// Form validation shared by browser and server: Zod schemas whose error messages are i18n keys,
// so a field error is shown next to its field in the reader's language.
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { FUNCTIONS } from "~/lib/domain";

const msg = (key: MessageKey) => ({ message: key });

export const emailField = z
  .string(msg("error.emailRequired"))
  .trim()
  .toLowerCase()
  .min(1, msg("error.emailRequired"))
  .max(254, msg("error.emailInvalid"))
  .pipe(z.email(msg("error.emailInvalid")));

export const newPasswordField = z
  .string(msg("error.passwordRequired"))
  .min(1, msg("error.passwordRequired"))
  .min(10, msg("error.passwordTooShort"))
  .max(200, msg("error.passwordTooLong"));

export const loginSchema = z.object({
  email: emailField,
  password: z
    .string(msg("error.passwordRequired"))
    .min(1, msg("error.passwordRequired"))
    .max(200, msg("error.passwordTooLong")),
});

export const signupSchema = z.object({
  name: z
    .string(msg("error.nameRequired"))
    .trim()
    .min(1, msg("error.nameRequired"))
    .max(100, msg("error.nameTooLong")),
  email: emailField,
  password: newPasswordField,
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({ password: newPasswordField, confirm: z.string(msg("error.passwordRequired")) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], ...msg("error.passwordMismatch") });

export type FieldErrors = Partial<Record<string, MessageKey>>;

/** Parses FormData; on failure returns the first error key per field (and the submitted values). */
export function parseForm<T extends z.ZodType>(
  schema: T,
  formData: FormData,
):
  | { ok: true; data: z.infer<T> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const raw: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") raw[key] = value;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message as MessageKey;
  }
  const { password: _p, confirm: _c, ...values } = raw;
  return { ok: false, errors, values };
}

/** The registration form: a theme id or "plenary", organisation, function and consent. */
export const registrationSchema = z.object({
  choice: z.string(msg("register.error.choice")).trim().min(1, msg("register.error.choice")),
  organisation: z
    .string(msg("register.error.organisation"))
    .trim()
    .min(1, msg("register.error.organisation"))
    .max(150, msg("register.error.organisationTooLong")),
  function: z.enum(FUNCTIONS, msg("register.error.function")),
  consent: z.literal("on", msg("register.error.consent")),
});

export const changeThemeSchema = z.object({
  choice: z.string(msg("register.error.choice")).trim().min(1, msg("register.error.choice")),
});
