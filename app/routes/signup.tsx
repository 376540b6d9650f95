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
import { type FieldErrors, parseForm, signupSchema } from "~/lib/forms";
import { signUp } from "~/models/account.server";
import { authorize } from "~/models/permissions.server";
import { getLocale, getTranslator, safeRedirectPath } from "~/utils/auth.server";
import { consumeSignupAttempt, tooManyAttempts } from "~/utils/rate-limit.server";
import { readFormData } from "~/utils/request.server";
import { createSession, invalidateSession, sessionCookie } from "~/utils/session.server";
import type { Route } from "./+types/signup";

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
  const formData = await readFormData(request);
  const parsed = parseForm(signupSchema, formData);
  if (!parsed.ok)
    return data(
      { errors: parsed.errors, values: parsed.values, formError: null as string | null },
      { status: 400 },
    );
  const rate = await consumeSignupAttempt(context.clientIp);
  if (!rate.allowed) {
    const { password: _p, ...values } = parsed.data;
    const refused = tooManyAttempts(getTranslator(request, context), rate);
    return data(
      {
        errors: {} as FieldErrors,
        values: values as Record<string, string>,
        formError: refused.message,
      },
      refused.init,
    );
  }
  const result = await signUp({ ...parsed.data, locale: getLocale(request, context) });
  if (!result.ok) {
    const { password: _p, ...values } = parsed.data;
    const errors: FieldErrors = { email: "error.emailTaken" };
    return data(
      { errors, values: values as Record<string, string>, formError: null },
      { status: 400 },
    );
  }
  if (context.session) await invalidateSession(context.session.id);
  const session = await createSession(result.user.id, {
    userAgent: request.headers.get("User-Agent"),
  });
  // Back to where the visitor was heading (e.g. the community page they want to register on).
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  return redirect(redirectTo, {
    headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) },
  });
}

export default function Signup() {
  const t = useT();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  return (
    <section className="narrow" aria-labelledby="signup-title">
      <PageTitle>{t("auth.signupTitle")}</PageTitle>
      <h1 id="signup-title">{t("auth.signupTitle")}</h1>
      {result ? (
        <FormAlert message={result.formError ?? t("auth.formErrorSummary")} trigger={result} />
      ) : null}
      <Form method="post" noValidate>
        <TextField
          name="name"
          label={t("auth.name")}
          autoComplete="name"
          defaultValue={result?.values.name}
          error={result?.errors.name}
        />
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
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
          error={result?.errors.password}
        />
        <p className="field-hint">
          <Link to="/privacy">{t("layout.privacy")}</Link>
        </p>
        <button type="submit" className="button" aria-disabled={submitting || undefined}>
          {t("auth.signupSubmit")}
        </button>
      </Form>
      <p>
        {t("auth.haveAccount")}{" "}
        <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>
          {t("layout.login")}
        </Link>
      </p>
    </section>
  );
}
