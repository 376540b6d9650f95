import { Form, redirect } from "react-router";
import { PageTitle } from "~/components/form";
import { useT } from "~/i18n";
import { authorize } from "~/models/permissions.server";
import { clearSessionCookie, invalidateSession } from "~/utils/session.server";
import type { Route } from "./+types/logout";

export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  return null;
}

/** Signing out ends the session in the database, not only the cookie. */
export async function action({ request, context }: Route.ActionArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  if (context.session) await invalidateSession(context.session.id);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export default function Logout() {
  const t = useT();
  return (
    <section className="narrow" aria-labelledby="logout-title">
      <PageTitle>{t("auth.logoutTitle")}</PageTitle>
      <h1 id="logout-title">{t("auth.logoutTitle")}</h1>
      <Form method="post">
        <button type="submit" className="button">
          {t("auth.logoutSubmit")}
        </button>
      </Form>
    </section>
  );
}
