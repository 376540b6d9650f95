// The web edition's components, rendered from an EditionSnapshot only (the public pages, the
// organiser's preview and the print page all use these, so the preview is exactly what gets
// published). Server-rendered, no client-only content. The print page follows the markup
// contract the PDF depends on (see EditionPrint below).
import { Link } from "react-router";
import { intlLocale, useLocale, useT } from "~/i18n";
import {
  articlePath,
  coverPath,
  type EditionSnapshot,
  editionPath,
  printPath,
  type SnapshotArticle,
  type SnapshotSection,
  shiftHeadings,
} from "~/lib/magazine";

/** The language of the content (outcomes and the introduction are written in Dutch). */
const CONTENT_LANG = "nl";

export function formatEditionDate(day: string, locale: "nl" | "en"): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00.000Z`));
}

export function coverUrl(snapshot: EditionSnapshot): string | null {
  if (!snapshot.cover) return null;
  return `${coverPath(snapshot.communitySlug, snapshot.slug)}?v=${snapshot.cover.hash}`;
}

function Html({
  html,
  className,
  shift = 0,
}: {
  html: string;
  className?: string;
  shift?: number;
}) {
  return (
    <div
      className={className ?? "prose magazine-document"}
      lang={CONTENT_LANG}
      // Rendered through the one editor schema (escaped by the renderer) and frozen in the
      // snapshot at publication.
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server rendering
      dangerouslySetInnerHTML={{ __html: shiftHeadings(html, shift) }}
    />
  );
}

function Cover({ snapshot, headingId }: { snapshot: EditionSnapshot; headingId?: string }) {
  const t = useT();
  const locale = useLocale();
  const src = coverUrl(snapshot);
  return (
    <header className="magazine-cover">
      <p className="magazine-kicker">
        {t("magazine.kicker", { community: snapshot.communityName })}
      </p>
      <h1 id={headingId} lang={CONTENT_LANG}>
        {snapshot.title}
      </h1>
      {snapshot.subtitle ? (
        <p className="magazine-subtitle" lang={CONTENT_LANG}>
          {snapshot.subtitle}
        </p>
      ) : null}
      {snapshot.publicationDate ? (
        <p className="meta">
          <time dateTime={snapshot.publicationDate}>
            {formatEditionDate(snapshot.publicationDate, locale)}
          </time>
        </p>
      ) : null}
      {src && snapshot.cover ? (
        <img className="magazine-cover-image" src={src} alt={snapshot.cover.alt} />
      ) : null}
    </header>
  );
}

function Credits({ article }: { article: SnapshotArticle }) {
  const t = useT();
  if (article.credits.length === 0) return null;
  return (
    <p className="magazine-credits" data-testid="credits">
      {t("magazine.credits", { names: article.credits.join(", ") })}
    </p>
  );
}

function ArticleMeta({ article }: { article: SnapshotArticle }) {
  const t = useT();
  return (
    <>
      <p className="meta magazine-article-meta">
        {t("magazine.articleMeta", { theme: article.themeName, subgroup: article.subgroupName })}
      </p>
      <Credits article={article} />
    </>
  );
}

function Colophon({ snapshot, headingLevel = 2 }: { snapshot: EditionSnapshot; headingLevel?: 2 }) {
  const t = useT();
  const paragraphs = (snapshot.colophon.text ?? "").split(/\n\s*\n/).filter((p) => p.trim());
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="magazine-colophon" aria-labelledby="colophon-title" data-pdf-colophon="">
      <Heading id="colophon-title">{t("magazine.colophon")}</Heading>
      {paragraphs.map((p) => (
        <p key={p} lang={CONTENT_LANG}>
          {p}
        </p>
      ))}
      <p>
        {t("magazine.colophonPublisher", { community: snapshot.communityName })}
        {snapshot.publicationDate ? ` · ${snapshot.publicationDate}` : ""}
      </p>
      {snapshot.colophon.partners.length > 0 ? (
        <>
          <p>{t("magazine.partners")}</p>
          <ul className="magazine-partners">
            {snapshot.colophon.partners.map((p) => (
              <li key={p.name}>{p.url ? <a href={p.url}>{p.name}</a> : p.name}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export type EditionLinks = {
  home: string;
  article: (article: SnapshotArticle) => string;
  print: string;
};

/** The public URLs of an edition's pages. */
export function publicLinks(snapshot: EditionSnapshot): EditionLinks {
  return {
    home: editionPath(snapshot.communitySlug, snapshot.slug),
    article: (a) => articlePath(snapshot.communitySlug, snapshot.slug, a.slug),
    print: printPath(snapshot.communitySlug, snapshot.slug),
  };
}

/** Sections as a navigation (theme navigation on the cover page and on article pages). */
function ThemeNav({
  snapshot,
  links,
  current,
}: {
  snapshot: EditionSnapshot;
  links: EditionLinks;
  current?: string;
}) {
  const t = useT();
  return (
    <nav className="magazine-themes" aria-label={t("magazine.themeNav")}>
      <ul>
        {snapshot.sections.map((s) => (
          <li key={s.id}>
            <a
              href={`${links.home}#s-${s.id}`}
              aria-current={current === s.id ? "true" : undefined}
              lang={CONTENT_LANG}
            >
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Cover, introduction, theme navigation and table of contents. */
export function EditionHome({
  snapshot,
  links,
}: {
  snapshot: EditionSnapshot;
  links: EditionLinks;
}) {
  const t = useT();
  return (
    <div className="magazine" data-testid="edition-home">
      <Cover snapshot={snapshot} />
      <ThemeNav snapshot={snapshot} links={links} />
      {snapshot.introHtml && snapshot.introHtml !== "<p></p>" ? (
        <section className="magazine-intro" aria-labelledby="intro-title">
          <h2 id="intro-title">{t("magazine.introduction")}</h2>
          <Html html={snapshot.introHtml} />
        </section>
      ) : null}
      <section className="magazine-toc" aria-labelledby="toc-title">
        <h2 id="toc-title">{t("magazine.contents")}</h2>
        {snapshot.sections.map((s) => (
          <section key={s.id} id={`s-${s.id}`} aria-labelledby={`s-${s.id}-title`}>
            <h3 id={`s-${s.id}-title`} lang={CONTENT_LANG}>
              {s.title}
            </h3>
            {s.intro ? <p lang={CONTENT_LANG}>{s.intro}</p> : null}
            <ol className="magazine-toc-list" data-testid="toc">
              {s.articles.map((a) => (
                <li key={a.id}>
                  <Link to={links.article(a)} lang={CONTENT_LANG}>
                    {a.title}
                  </Link>
                  <span className="meta"> · {a.subgroupName}</span>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </section>
      <p className="magazine-print-link">
        <a href={links.print}>{t("magazine.printLink")}</a>
      </p>
      <Colophon snapshot={snapshot} />
    </div>
  );
}

/** The article, its section, and the previous and next article of the whole edition. */
export function findArticle(snapshot: EditionSnapshot, slug: string) {
  const all: { article: SnapshotArticle; section: SnapshotSection }[] = snapshot.sections.flatMap(
    (section) => section.articles.map((article) => ({ article, section })),
  );
  const index = all.findIndex((e) => e.article.slug === slug);
  if (index < 0) return null;
  return {
    ...(all[index] as (typeof all)[number]),
    previous: all[index - 1]?.article ?? null,
    next: all[index + 1]?.article ?? null,
  };
}

export function ArticlePage({
  snapshot,
  links,
  found,
}: {
  snapshot: EditionSnapshot;
  links: EditionLinks;
  found: NonNullable<ReturnType<typeof findArticle>>;
}) {
  const t = useT();
  const { article, section, previous, next } = found;
  return (
    <div className="magazine" data-testid="article-page">
      <nav className="magazine-breadcrumb" aria-label={t("magazine.breadcrumb")}>
        <Link to={links.home} lang={CONTENT_LANG}>
          {snapshot.title}
        </Link>{" "}
        › <span lang={CONTENT_LANG}>{section.title}</span>
      </nav>
      <article className="magazine-article" aria-labelledby="article-title">
        <h1 id="article-title" lang={CONTENT_LANG}>
          {article.title}
        </h1>
        <ArticleMeta article={article} />
        <Html html={article.html} shift={-1} />
      </article>
      <nav className="magazine-pager" aria-label={t("magazine.pager")}>
        <ul>
          {previous ? (
            <li>
              <Link to={links.article(previous)} rel="prev">
                {t("magazine.previous")}: <span lang={CONTENT_LANG}>{previous.title}</span>
              </Link>
            </li>
          ) : null}
          <li>
            <Link to={links.home}>{t("magazine.backToContents")}</Link>
          </li>
          {next ? (
            <li>
              <Link to={links.article(next)} rel="next">
                {t("magazine.next")}: <span lang={CONTENT_LANG}>{next.title}</span>
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <ThemeNav snapshot={snapshot} links={links} current={section.id} />
    </div>
  );
}

/**
 * The whole edition on one page, for print and the PDF. Markup contract (the PDF depends on it):
 * cover first; a table of contents with one `<a href="#a-<id>" data-toc-for="<id>">Title <span
 * data-toc-page></span></a>` per article; each section `<section data-pdf-section="<id>"><h2>`,
 * each article `<article id="a-<id>" data-pdf-article="<id>"><h3>` (starting on a new page, its
 * headings shifted below the h3); the colophon last, `<section data-pdf-colophon>`.
 */
export function EditionPrint({ snapshot }: { snapshot: EditionSnapshot }) {
  const t = useT();
  return (
    <div className="magazine magazine-print" data-testid="edition-print">
      <Cover snapshot={snapshot} />
      <nav className="magazine-toc print-toc" aria-labelledby="toc-title">
        <h2 id="toc-title">{t("magazine.contents")}</h2>
        <ol>
          {snapshot.sections.map((s) => (
            <li key={s.id}>
              <span lang={CONTENT_LANG}>{s.title}</span>
              <ol>
                {s.articles.map((a) => (
                  <li key={a.id}>
                    <a href={`#a-${a.id}`} data-toc-for={a.id} lang={CONTENT_LANG}>
                      {a.title} <span data-toc-page="" />
                    </a>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </nav>
      {snapshot.introHtml && snapshot.introHtml !== "<p></p>" ? (
        <section className="magazine-intro" aria-labelledby="intro-title">
          <h2 id="intro-title">{t("magazine.introduction")}</h2>
          <Html html={snapshot.introHtml} />
        </section>
      ) : null}
      {snapshot.sections.map((s) => (
        <section
          key={s.id}
          className="magazine-section"
          data-pdf-section={s.id}
          aria-labelledby={`s-${s.id}-title`}
        >
          <h2 id={`s-${s.id}-title`} lang={CONTENT_LANG}>
            {s.title}
          </h2>
          {s.intro ? <p lang={CONTENT_LANG}>{s.intro}</p> : null}
          {s.articles.map((a) => (
            <article
              key={a.id}
              id={`a-${a.id}`}
              data-pdf-article={a.id}
              className="magazine-article"
              aria-labelledby={`a-${a.id}-title`}
            >
              <h3 id={`a-${a.id}-title`} lang={CONTENT_LANG}>
                {a.title}
              </h3>
              <ArticleMeta article={a} />
              <Html html={a.html} shift={1} />
            </article>
          ))}
        </section>
      ))}
      <Colophon snapshot={snapshot} />
    </div>
  );
}
