import { data, Form, redirect, useActionData } from "react-router";
import { FormAlert, PageTitle, TextField } from "~/components/form";
import { type MessageKey, useT } from "~/i18n";
import { authorize } from "~/models/permissions.server";
import { deleteAccount } from "~/models/privacy.server";
import { getTranslator } from "~/utils/auth.server";
import { mailOrigin, readFormData } from "~/utils/request.server";
import { clearSessionCookie } from "~/utils/session.server";
import type { Route } from "./+types/me_.delete";

export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "account.view", { kind: "site" });
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  await authorize({ request, context }, "account.view", { kind: "site" });
  const formData = await readFormData(request);
  const password = String(formData.get("password") ?? "");
  const result = await deleteAccount(context.session!.user.id, password, {
    origin: mailOrigin(request),
  });
  if (!result.ok) {
    const t = getTranslator(request, context);
    const message =
      result.reason === "wrongPassword"
        ? null
        : t("account.deleteLastOrganiser", { community: result.community });
    return data(
      {
        passwordError: (result.reason === "wrongPassword"
          ? "account.deleteWrongPassword"
          : undefined) as MessageKey | undefined,
        formError: message,
      },
      { status: 400 },
    );
  }
  return redirect("/?deleted=1", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export default function DeleteAccount() {
  const t = useT();
  const result = useActionData<typeof action>();
  return (
    <section className="narrow" aria-labelledby="delete-title">
      <PageTitle>{t("account.deleteTitle")}</PageTitle>
      <h1 id="delete-title">{t("account.deleteTitle")}</h1>
      <p>{t("account.deleteIntro")}</p>
      {result?.formError ? <FormAlert message={result.formError} trigger={result} /> : null}
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          if (!window.confirm(t("account.deleteConfirm"))) event.preventDefault();
        }}
      >
        <TextField
          name="password"
          type="password"
          label={t("account.deletePassword")}
          autoComplete="current-password"
          error={result?.passwordError}
        />
        <button type="submit" className="button danger">
          {t("account.deleteSubmit")}
        </button>
      </Form>
    </section>
  );
}
