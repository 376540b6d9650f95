import { PageTitle } from "~/components/form";
import { useT } from "~/i18n";
import { authorize } from "~/models/permissions.server";
import type { Route } from "./+types/accessibility";

export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  return null;
}

export default function Accessibility() {
  const t = useT();
  return (
    <article className="narrow" aria-labelledby="accessibility-title">
      <PageTitle>{t("accessibility.title")}</PageTitle>
      <h1 id="accessibility-title">{t("accessibility.title")}</h1>
      <p>{t("accessibility.p1")}</p>
      <p>{t("accessibility.p2")}</p>
      <p>{t("accessibility.p3")}</p>
      <p>{t("accessibility.p4")}</p>
      <p className="meta">{t("accessibility.updated")}</p>
    </article>
  );
}
