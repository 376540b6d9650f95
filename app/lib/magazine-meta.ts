// The web edition's <head>: title, description and Open Graph (og:image is the cover's absolute
// URL, so shared links show it).
import type { MetaDescriptor } from "react-router";
import { coverPath, type EditionSnapshot } from "./magazine";

export function editionDescription(snapshot: EditionSnapshot): string {
  const titles = snapshot.sections.flatMap((s) => s.articles.map((a) => a.title));
  const lead = snapshot.subtitle ?? snapshot.communityName;
  return `${lead}. ${titles.join(" · ")}`.slice(0, 300);
}

function coverImage(snapshot: EditionSnapshot, origin: string): MetaDescriptor[] {
  if (!snapshot.cover || !origin) return [];
  const url = `${origin}${coverPath(snapshot.communitySlug, snapshot.slug)}?v=${snapshot.cover.hash}`;
  return [
    { property: "og:image", content: url },
    { property: "og:image:alt", content: snapshot.cover.alt },
  ];
}

function tags(
  title: string,
  description: string,
  type: "website" | "article",
  snapshot: EditionSnapshot,
  origin: string,
): MetaDescriptor[] {
  return [
    { title },
    { name: "description", content: description },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:type", content: type },
    { property: "og:site_name", content: snapshot.communityName },
    { property: "og:locale", content: "nl_NL" },
    ...coverImage(snapshot, origin),
  ];
}

export function editionMeta(snapshot: EditionSnapshot, origin: string): MetaDescriptor[] {
  return tags(snapshot.title, editionDescription(snapshot), "website", snapshot, origin);
}

export function articleMeta(
  snapshot: EditionSnapshot,
  slug: string,
  origin: string,
): MetaDescriptor[] {
  const article = snapshot.sections.flatMap((s) => s.articles).find((a) => a.slug === slug);
  if (!article) return editionMeta(snapshot, origin);
  const description = `${article.themeName} · ${article.subgroupName}. ${snapshot.title}`;
  return tags(`${article.title} · ${snapshot.title}`, description, "article", snapshot, origin);
}
