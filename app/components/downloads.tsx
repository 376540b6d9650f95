// "Downloaden": links to a single outcome's exports (PDF, Markdown, HTML, DOCX). The current
// text on the subgroup page, the published version on the published page. Plain links: works
// without JavaScript; each link's accessible name says the format and which text it is.
import { useT } from "~/i18n";

const FORMATS = ["pdf", "docx", "md", "html"] as const;

export function Downloads({
  subgroupId,
  variant = "current",
  headingLevel = 3,
}: {
  subgroupId: string;
  variant?: "current" | "published";
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const base =
    variant === "published"
      ? `/subgroups/${encodeURIComponent(subgroupId)}/published/export`
      : `/subgroups/${encodeURIComponent(subgroupId)}/export`;
  const id = `downloads-${variant}`;
  return (
    <section className="downloads" aria-labelledby={id} data-testid={`downloads-${variant}`}>
      <Heading id={id}>{t("downloads.title")}</Heading>
      <p className="meta">
        {variant === "published" ? t("downloads.hintPublished") : t("downloads.hintCurrent")}
      </p>
      <ul className="downloads-list">
        {FORMATS.map((format) => (
          <li key={format}>
            <a href={`${base}/${format}`} download>
              {t(`downloads.format.${format}`)}
              <span className="visually-hidden"> {t(`downloads.of.${variant}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
