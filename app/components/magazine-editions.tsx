// The published magazine editions of a community, on its public page.
import { Link } from "react-router";
import { useLocale, useT } from "~/i18n";
import { editionPath } from "~/lib/magazine";
import { formatEditionDate } from "./magazine";

export function PublishedEditions({
  communitySlug,
  editions,
}: {
  communitySlug: string;
  editions: {
    id: string;
    slug: string;
    title: string;
    subtitle: string | null;
    publicationDate: Date | string | null;
  }[];
}) {
  const t = useT();
  const locale = useLocale();
  if (editions.length === 0) return null;
  return (
    <section aria-labelledby="magazine-title" data-testid="published-editions">
      <h2 id="magazine-title">{t("magazine.editions")}</h2>
      <p>{t("magazine.editionsIntro")}</p>
      <ul>
        {editions.map((e) => (
          <li key={e.id}>
            <Link to={editionPath(communitySlug, e.slug)} lang="nl">
              {e.title}
            </Link>
            {e.subtitle ? <span lang="nl"> · {e.subtitle}</span> : null}
            {e.publicationDate ? (
              <span className="meta">
                {" "}
                ·{" "}
                {formatEditionDate(new Date(e.publicationDate).toISOString().slice(0, 10), locale)}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
