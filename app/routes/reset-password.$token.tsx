import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
} from "react-router";
import { FormAlert, PageTitle, TextField } from "~/components/form";
import { useT } from "~/i18n";
import { type FieldErrors, parseForm, resetPasswordSchema } from "~/lib/forms";
import { isResetTokenValid, resetPassword } from "~/models/account.server";
import { authorize } from "~/models/permissions.server";
import { readFormData } from "~/utils/request.server";
import { createSession, sessionCookie } from "~/utils/session.server";
import type { Route } from "./+types/reset-password.$token";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  return { valid: await isResetTokenValid(params.token) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  const parsed = parseForm(resetPasswordSchema, await readFormData(request));
  if (!parsed.ok) return data({ invalid: false, errors: parsed.errors }, { status: 400 });
  const user = await resetPassword(params.token, parsed.data.password);
  if (!user) return data({ invalid: true, errors: {} as FieldErrors }, { status: 400 });
  const session = await createSession(user.id, { userAgent: request.headers.get("User-Agent") });
  return redirect("/me", {
    headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) },
  });
}

export default function ResetPassword() {
  const t = useT();
  const { valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  if (!valid || result?.invalid) {
    return (
      <section className="narrow" aria-labelledby="reset-title">
        <PageTitle>{t("auth.resetTitle")}</PageTitle>
        <h1 id="reset-title">{t("auth.resetTitle")}</h1>
        <p role="alert" className="form-alert">
          {t("auth.resetInvalid")}
        </p>
        <p>
          <Link to="/forgot-password">{t("auth.resetRequestNew")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <PageTitle>{t("auth.resetTitle")}</PageTitle>
      <h1 id="reset-title">{t("auth.resetTitle")}</h1>
      {result ? <FormAlert message={t("auth.formErrorSummary")} trigger={result} /> : null}
      <Form method="post" noValidate>
        <TextField
          name="password"
          type="password"
          label={t("auth.newPassword")}
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
          error={result?.errors.password}
        />
        <TextField
          name="confirm"
          type="password"
          label={t("auth.repeatPassword")}
          autoComplete="new-password"
          error={result?.errors.confirm}
        />
        <button type="submit" className="button" aria-disabled={submitting || undefined}>
          {t("auth.resetSubmit")}
        </button>
      </Form>
    </section>
  );
}
