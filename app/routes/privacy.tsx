import { PageTitle } from "~/components/form";
import { useT } from "~/i18n";
import { authorize } from "~/models/permissions.server";
import type { Route } from "./+types/privacy";

export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  return null;
}

export default function Privacy() {
  const t = useT();
  return (
    <article className="narrow" aria-labelledby="privacy-title">
      <PageTitle>{t("privacy.title")}</PageTitle>
      <h1 id="privacy-title">{t("privacy.title")}</h1>
      <p>{t("privacy.p1")}</p>
      <p>{t("privacy.p2")}</p>
      <p>{t("privacy.p3")}</p>
      <p>{t("privacy.p4")}</p>
      <p>{t("privacy.p5")}</p>
    </article>
  );
}
