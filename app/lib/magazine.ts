// The magazine's shared vocabulary (browser and server): what a published edition freezes
// (the snapshot the web edition and the PDF are made from) and the edition's URLs.
//
// URLs (stable once published; the edition slug never changes after publication):
//   /magazine/<community>/<edition>                     cover, introduction, table of contents
//   /magazine/<community>/<edition>/artikelen/<article> one page per article
//   /magazine/<community>/<edition>/print               the whole edition on one page (print
//                                                       stylesheet; the PDF is made from it)
//   /magazine/<community>/<edition>/pdf                 the PDF (cached until the edition changes)
//   /magazine/<community>/<edition>/cover               the cover image

export type SnapshotArticle = {
  /** MagazineArticle.id */
  id: string;
  /** URL part, unique within the edition. */
  slug: string;
  title: string;
  /** Outcome type ("handreiking", …). */
  type: string;
  subgroupName: string;
  themeName: string;
  /** The publication's HTML (rendered through the one editor schema). */
  html: string;
  /** Names of the members who agreed to be named, then the gespreksleider(s). */
  credits: string[];
  /** ISO instant of the publication. */
  publishedAt: string;
};

export type SnapshotSection = {
  id: string;
  title: string;
  intro: string | null;
  themeName: string | null;
  articles: SnapshotArticle[];
};

export type EditionSnapshot = {
  version: 1;
  editionId: string;
  communitySlug: string;
  communityName: string;
  slug: string;
  title: string;
  subtitle: string | null;
  /** Calendar date "YYYY-MM-DD", or null. */
  publicationDate: string | null;
  /**
   * Null when the edition has no cover image; the image itself is served at coverPath().
   * `hash` identifies the image's bytes (a new image changes the snapshot, its URL's ?v= and
   * the PDF cache key).
   */
  cover: { alt: string; hash: string } | null;
  /** The editorial introduction's HTML (rendered through the one editor schema). */
  introHtml: string;
  sections: SnapshotSection[];
  colophon: { text: string | null; partners: { name: string; url: string | null }[] };
};

export function editionPath(communitySlug: string, editionSlug: string): string {
  return `/magazine/${encodeURIComponent(communitySlug)}/${encodeURIComponent(editionSlug)}`;
}

export function articlePath(communitySlug: string, editionSlug: string, articleSlug: string) {
  return `${editionPath(communitySlug, editionSlug)}/artikelen/${encodeURIComponent(articleSlug)}`;
}

export function printPath(communitySlug: string, editionSlug: string): string {
  return `${editionPath(communitySlug, editionSlug)}/print`;
}

export function pdfPath(communitySlug: string, editionSlug: string): string {
  return `${editionPath(communitySlug, editionSlug)}/pdf`;
}

export function coverPath(communitySlug: string, editionSlug: string): string {
  return `${editionPath(communitySlug, editionSlug)}/cover`;
}

/** The websocket room of an edition's editorial introduction (outcome rooms are bare ids). */
export function editionRoom(editionId: string): string {
  return `edition-${editionId}`;
}

/** The edition id of an editorial room name, or null when the room is an outcome's. */
export function editionIdOfRoom(room: string): string | null {
  return room.startsWith("edition-") ? room.slice("edition-".length) : null;
}

/**
 * Shifts the headings of rendered document HTML by `by` levels (documents use h3 and h4; an
 * article under an h1 starts at h2, under a section's h2 and the article's h3 at h4). Safe on
 * the renderer's output: text is escaped there, so every "<h" is a tag. Clamped to h2…h6.
 */
export function shiftHeadings(html: string, by: number): string {
  if (by === 0) return html;
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_, slash: string, level: string) => {
    const shifted = Math.min(6, Math.max(2, Number(level) + by));
    return `<${slash}h${shifted}`;
  });
}
