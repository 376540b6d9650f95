import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useNavigation,
  useSearchParams,
} from "react-router";
import { FormAlert, PageTitle, TextField } from "~/components/form";
import { useT } from "~/i18n";
import { type FieldErrors, loginSchema, parseForm } from "~/lib/forms";
import { signIn } from "~/models/account.server";
import { authorize } from "~/models/permissions.server";
import { getTranslator, safeRedirectPath } from "~/utils/auth.server";
import {
  consumeCredentialAttempt,
  resetEmailAttempts,
  tooManyAttempts,
} from "~/utils/rate-limit.server";
import { readFormData } from "~/utils/request.server";
import { createSession, invalidateSession, sessionCookie } from "~/utils/session.server";
import type { Route } from "./+types/login";

/** Sends the action's headers (Retry-After on 429) with the rendered page. */
export const headers: Route.HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  // Already signed in: nothing to do here; go on to where the visitor was heading.
  if (context.session)
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  const t = getTranslator(request, context);
  const formData = await readFormData(request);
  const redirectTo = safeRedirectPath(formData.get("redirectTo"));
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok)
    return data(
      { errors: parsed.errors, values: parsed.values, formError: null as string | null },
      { status: 400 },
    );

  const { email, password } = parsed.data;
  const rate = await consumeCredentialAttempt("login", context.clientIp, email);
  if (!rate.allowed) {
    const refused = tooManyAttempts(t, rate);
    return data(
      {
        errors: {} as FieldErrors,
        values: { email } as Record<string, string>,
        formError: refused.message,
      },
      refused.init,
    );
  }
  const user = await signIn(email, password);
  if (!user) {
    return data(
      {
        errors: {} as FieldErrors,
        values: { email } as Record<string, string>,
        formError: t("error.badCredentials"),
      },
      { status: 400 },
    );
  }
  await resetEmailAttempts(email);
  // Session rotation: a fresh session on every sign-in; the previous one (if any) ends.
  if (context.session) await invalidateSession(context.session.id);
  const session = await createSession(user.id, { userAgent: request.headers.get("User-Agent") });
  return redirect(redirectTo, {
    headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) },
  });
}

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="narrow" aria-labelledby="login-title">
      <PageTitle>{t("auth.loginTitle")}</PageTitle>
      <h1 id="login-title">{t("auth.loginTitle")}</h1>
      {result?.formError ? <FormAlert message={result.formError} trigger={result} /> : null}
      {result && !result.formError && Object.keys(result.errors).length > 0 ? (
        <FormAlert message={t("auth.formErrorSummary")} trigger={result} />
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/me"} />
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="email"
          defaultValue={result?.values.email}
          error={result?.errors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t("auth.password")}
          autoComplete="current-password"
          error={result?.errors.password}
        />
        <button type="submit" className="button" aria-disabled={submitting || undefined}>
          {t("auth.loginSubmit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("auth.forgotLink")}</Link>
      </p>
      <p>
        {t("auth.noAccount")} <Link to="/signup">{t("layout.signup")}</Link>
      </p>
    </section>
  );
}
