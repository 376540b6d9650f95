import { redirect } from "react-router";
import { isLocale, LOCALE_COOKIE } from "~/i18n";
import { authorize } from "~/models/permissions.server";
import { getUser, safeRedirectPath } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/set-language";

/** The language switch: remembers the choice in a cookie (and on the account when signed in). */
export async function action({ request, context }: Route.ActionArgs) {
  const user = getUser(context);
  await authorize({ request, context }, "site.view", { kind: "site" });
  const form = await readFormData(request);
  const locale = form.get("locale");
  const to = safeRedirectPath(form.get("redirectTo"), "/");
  if (!isLocale(locale)) return redirect(to);
  if (user) await db.user.update({ where: { id: user.id }, data: { locale } });
  return redirect(to, {
    headers: { "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  return redirect("/");
}
