import { data, Form, useActionData, useNavigation } from "react-router";
import { FormAlert, PageTitle, TextField } from "~/components/form";
import { useT } from "~/i18n";
import { type FieldErrors, forgotPasswordSchema, parseForm } from "~/lib/forms";
import { requestPasswordReset } from "~/models/account.server";
import { authorize } from "~/models/permissions.server";
import { getLocale, getTranslator } from "~/utils/auth.server";
import { getEnv, isProduction } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { consumeCredentialAttempt, tooManyAttempts } from "~/utils/rate-limit.server";
import { publicOrigin, readFormData } from "~/utils/request.server";
import type { Route } from "./+types/forgot-password";

/** Sends the action's headers (Retry-After on 429) with the rendered page. */
export const headers: Route.HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  const parsed = parseForm(forgotPasswordSchema, await readFormData(request));
  if (!parsed.ok)
    return data(
      {
        sent: false,
        errors: parsed.errors,
        values: parsed.values,
        formError: null as string | null,
      },
      { status: 400 },
    );
  const rate = await consumeCredentialAttempt("reset", context.clientIp, parsed.data.email);
  if (!rate.allowed) {
    const refused = tooManyAttempts(getTranslator(request, context), rate);
    return data(
      {
        sent: false,
        errors: {} as FieldErrors,
        values: parsed.data as Record<string, string>,
        formError: refused.message,
      },
      refused.init,
    );
  }
  const origin = publicOrigin(request, getEnv().APP_URL, isProduction());
  if (origin) {
    const { delivery } = await requestPasswordReset(
      parsed.data.email,
      origin,
      getLocale(request, context),
    );
    // Not awaited: the answer takes as long for a known address as for an unknown one.
    delivery.catch((error: unknown) =>
      logger.error({ err: error }, "password reset e-mail failed"),
    );
  } else {
    logger.error("password reset requested, but APP_URL is not set: no link sent (set APP_URL)");
  }
  return {
    sent: true,
    errors: {} as FieldErrors,
    values: parsed.data as Record<string, string>,
    formError: null,
  };
}

export default function ForgotPassword() {
  const t = useT();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <PageTitle>{t("auth.forgotTitle")}</PageTitle>
      <h1 id="forgot-title">{t("auth.forgotTitle")}</h1>
      {result?.sent ? (
        <p role="status" className="notice">
          {t("auth.forgotSent")}
        </p>
      ) : (
        <>
          <p>{t("auth.forgotIntro")}</p>
          {result?.formError ? (
            <FormAlert message={result.formError} trigger={result} />
          ) : result && Object.keys(result.errors).length > 0 ? (
            <FormAlert message={t("auth.formErrorSummary")} trigger={result} />
          ) : null}
          <Form method="post" noValidate>
            <TextField
              name="email"
              type="email"
              label={t("auth.email")}
              autoComplete="email"
              defaultValue={result?.values.email}
              error={result?.errors.email}
            />
            <button type="submit" className="button" aria-disabled={submitting || undefined}>
              {t("auth.forgotSubmit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
