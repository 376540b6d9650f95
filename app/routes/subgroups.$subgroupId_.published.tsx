import { Link, useLoaderData } from "react-router";
import { Downloads } from "~/components/downloads";
import { PageTitle } from "~/components/form";
import { useLocale, useT } from "~/i18n";
import { formatDateTime } from "~/lib/dates";
import { authorize, checkPermission } from "~/models/permissions.server";
import { currentPublication } from "~/models/review.server";
import { getSubgroupPage } from "~/models/subgroup.server";
import type { Route } from "./+types/subgroups.$subgroupId_.published";

// The published version of a subgroup's outcome, as the plenary sees it: the immutable copy made
// at publication, never the live document.
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const subgroup = await getSubgroupPage(params.subgroupId);
  if (!subgroup?.outcome) throw new Response(null, { status: 404 });
  const target = { kind: "outcome", id: subgroup.outcome.id } as const;
  await authorize({ request, context }, "outcome.readPublished", target);
  const userId = context.session?.user.id ?? null;
  const [publication, inGroup] = await Promise.all([
    currentPublication(subgroup.outcome.id),
    checkPermission(userId, "subgroup.view", { kind: "subgroup", id: subgroup.id }),
  ]);
  return {
    subgroup: { id: subgroup.id, name: subgroup.name, theme: subgroup.theme.name },
    community: subgroup.community,
    inGroup: inGroup.allowed,
    publication: publication
      ? {
          number: publication.number,
          title: publication.title,
          html: publication.html,
          publishedAt: publication.publishedAt,
          publishedBy: publication.publishedBy?.name ?? null,
        }
      : null,
  };
}

export default function PublishedOutcome() {
  const t = useT();
  const locale = useLocale();
  const { subgroup, community, inGroup, publication } = useLoaderData<typeof loader>();
  const heading = publication?.title ?? `${t("published.title")}: ${subgroup.name}`;
  return (
    <article aria-labelledby="published-title">
      <PageTitle>{`${heading} · ${subgroup.theme}`}</PageTitle>
      <p className="meta">
        <Link to={`/communities/${community.slug}`}>{community.name}</Link> · {subgroup.theme} ·{" "}
        {subgroup.name}
      </p>
      <h1 id="published-title">{heading}</h1>
      {publication ? (
        <>
          <p className="meta" data-testid="publication-meta">
            {t("published.meta", {
              number: publication.number,
              date: formatDateTime(new Date(publication.publishedAt), locale),
              name: publication.publishedBy ?? t("review.someone"),
            })}
          </p>
          <div
            className="document-view prose published-document"
            // Rendered through the one editor schema at publication (escaped by the renderer).
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server rendering
            dangerouslySetInnerHTML={{ __html: publication.html }}
          />
          <Downloads subgroupId={subgroup.id} variant="published" headingLevel={2} />
        </>
      ) : (
        <p>{t("published.none")}</p>
      )}
      {inGroup ? (
        <p>
          <Link to={`/subgroups/${subgroup.id}`}>{t("published.back")}</Link>
        </p>
      ) : null}
    </article>
  );
}
