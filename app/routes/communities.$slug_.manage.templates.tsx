// Organisers see the four outcome templates of their community, each with a preview, and open
// one to edit it. Domain: outcome-template.server.ts.
import { Link, useLoaderData } from "react-router";
import { PageTitle } from "~/components/form";
import { type MessageKey, useLocale, useT } from "~/i18n";
import { formatLongDate } from "~/lib/dates";
import { getTemplates } from "~/models/outcome-template.server";
import { authorize } from "~/models/permissions.server";
import { getCommunitySummary } from "~/models/subgroup-formation.server";
import subgroupStyles from "~/styles/subgroups.css?url";
import type { Route } from "./+types/communities.$slug_.manage.templates";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: subgroupStyles }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  const communityId = permission.communityId!;
  const [community, templates] = await Promise.all([
    getCommunitySummary(communityId),
    getTemplates(communityId),
  ]);
  return {
    community,
    templates: templates.map(({ json: _json, ...t }) => t),
  };
}

export default function ManageTemplates() {
  const t = useT();
  const locale = useLocale();
  const { community, templates } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="templates-title" className="admin-section">
      <PageTitle>{`${t("templates.title")} · ${community.name}`}</PageTitle>
      <h2 id="templates-title">{t("templates.title")}</h2>
      <p className="lead">{t("templates.intro")}</p>
      <ul className="card-list template-list">
        {templates.map((template) => {
          const label = t(`outcomeForm.type.${template.type}` as MessageKey);
          return (
            <li key={template.type} className="card">
              <h3 id={`template-${template.type}`}>{label}</h3>
              <p className="meta">
                {template.custom && template.updatedAt
                  ? template.updatedBy
                    ? t("templates.custom", {
                        date: formatLongDate(new Date(template.updatedAt), locale),
                        name: template.updatedBy,
                      })
                    : t("templates.customNoName", {
                        date: formatLongDate(new Date(template.updatedAt), locale),
                      })
                  : t("templates.builtIn")}
              </p>
              <p>
                <Link to={`/communities/${community.slug}/manage/templates/${template.type}`}>
                  {t("templates.edit", { type: label })}
                </Link>
              </p>
              <section
                className="document-view prose template-preview"
                aria-label={t("templates.previewOf", { type: label })}
                // Rendered by the server through the one editor schema (text escaped).
                // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server rendering
                dangerouslySetInnerHTML={{ __html: template.html }}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
