// Single-outcome exports: the current text (outcome.export) or the published version
// (outcome.readPublished) as PDF, Markdown, HTML or DOCX, all from the one editor schema's JSON.
// The current text is exported as it reads when no open suggestion is accepted (decision 011).
import type { JSONContent } from "@tiptap/core";
import { jsonToDocx } from "~/editor/docx.server";
import { jsonToMarkdown, withoutSuggestions } from "~/editor/markdown";
import { jsonToHTML } from "~/editor/render.server";
import { type Locale, translator } from "~/i18n";
import { slugify } from "~/models/community-admin.server";
import { getOutcomeContent } from "~/models/outcome.server";
import { db } from "~/utils/db.server";
import { renderPdf } from "~/utils/pdf.server";

export const EXPORT_FORMATS = ["pdf", "md", "html", "docx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export type ExportVariant = "current" | "published";

export type ExportSource = {
  outcomeId: string;
  title: string;
  subgroupName: string;
  themeName: string;
  communityName: string;
  json: JSONContent;
  /** Publication number and date for the published version; null for the current text. */
  publication: { number: number; publishedAt: Date } | null;
};

/** The subgroup's outcome id (for the permission check), or null when there is none. */
export async function outcomeIdOfSubgroup(subgroupId: string): Promise<string | null> {
  const subgroup = await db.subgroup.findUnique({
    where: { id: subgroupId },
    select: { outcome: { select: { id: true } } },
  });
  return subgroup?.outcome?.id ?? null;
}

/** What to export, or null when there is nothing (no outcome, or not published yet). */
export async function loadExportSource(
  subgroupId: string,
  variant: ExportVariant,
  locale: Locale,
): Promise<ExportSource | null> {
  const subgroup = await db.subgroup.findUnique({
    where: { id: subgroupId },
    select: {
      name: true,
      theme: { select: { name: true, community: { select: { name: true } } } },
      outcome: { select: { id: true, title: true } },
    },
  });
  if (!subgroup?.outcome) return null;
  const t = translator(locale);
  const fallbackTitle = t("downloads.untitled", { subgroup: subgroup.name });
  const base = {
    outcomeId: subgroup.outcome.id,
    subgroupName: subgroup.name,
    themeName: subgroup.theme.name,
    communityName: subgroup.theme.community.name,
  };
  if (variant === "published") {
    const publication = await db.outcomePublication.findFirst({
      where: { outcomeId: subgroup.outcome.id },
      orderBy: { number: "desc" },
      select: { number: true, title: true, json: true, publishedAt: true },
    });
    if (!publication) return null;
    return {
      ...base,
      title: publication.title || fallbackTitle,
      json: JSON.parse(publication.json) as JSONContent,
      publication: { number: publication.number, publishedAt: new Date(publication.publishedAt) },
    };
  }
  const content = await getOutcomeContent(subgroup.outcome.id);
  return {
    ...base,
    title: subgroup.outcome.title || fallbackTitle,
    json: withoutSuggestions(content?.json ?? { type: "doc", content: [] }),
    publication: null,
  };
}

/** "subgroep-1-handreiking-verzuim.docx": subgroup and title, slugified. */
export function exportFilename(source: ExportSource, format: ExportFormat): string {
  const slug = slugify(`${source.subgroupName} ${source.title}`) || "opbrengst";
  return `${slug}.${format}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Headings of the document (3, 4) one level up, under the page's h1. */
function shiftHeadings(node: JSONContent): JSONContent {
  const shifted =
    node.type === "heading"
      ? {
          ...node,
          attrs: { ...node.attrs, level: Math.max(2, Number(node.attrs?.level ?? 3) - 1) },
        }
      : node;
  return shifted.content ? { ...shifted, content: shifted.content.map(shiftHeadings) } : shifted;
}

const HTML_CSS = `
:root { color-scheme: light; }
body { font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
  background: #fff; max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
header { border-bottom: 2px solid #0b5394; margin-bottom: 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.meta { color: #4a4a4a; margin: 0 0 1rem; }
a { color: #0b5394; text-decoration-thickness: .08em; text-underline-offset: .15em; }
a:focus-visible { outline: 3px solid #0b5394; outline-offset: 2px; }
blockquote { margin: 1rem 0; padding: .25rem 1rem; border-left: 4px solid #c9d6e3; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #999; padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
hr { border: 0; border-top: 1px solid #999; margin: 2rem 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  header { border-color: #000; }
  a { color: inherit; }
  a[href^="http"]::after, a[href^="mailto"]::after { content: " (" attr(href) ")"; font-size: .85em; }
  h2, h3 { break-after: avoid; }
  table, blockquote, li { break-inside: avoid; }
}`;

/** A standalone, accessible HTML document (also the page the PDF is printed from). */
export function toStandaloneHtml(source: ExportSource, locale: Locale): string {
  const t = translator(locale);
  const lang = locale === "en" ? "en" : "nl";
  const context = `${source.subgroupName} · ${source.themeName} · ${source.communityName}`;
  const status = source.publication
    ? t("downloads.publishedOn", {
        number: source.publication.number,
        date: new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", {
          dateStyle: "long",
          timeZone: "Europe/Amsterdam",
        }).format(source.publication.publishedAt),
      })
    : t("downloads.currentText");
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(source.title)}</title>
<meta name="description" content="${escapeHtml(context)}">
<style>${HTML_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(source.title)}</h1>
<p class="meta">${escapeHtml(context)}</p>
<p class="meta">${escapeHtml(status)}</p>
</header>
<main>
${jsonToHTML(shiftHeadings(source.json))}
</main>
</body>
</html>
`;
}

export type ExportFile = { body: Uint8Array | string; contentType: string; filename: string };

/** The export in one format. PDF goes through the engine (may reject: the caller answers 503). */
export async function buildExport(
  source: ExportSource,
  format: ExportFormat,
  locale: Locale,
): Promise<ExportFile> {
  const filename = exportFilename(source, format);
  const t = translator(locale);
  switch (format) {
    case "md":
      return {
        body: jsonToMarkdown(source.json, { title: source.title }),
        contentType: "text/markdown; charset=utf-8",
        filename,
      };
    case "html":
      return {
        body: toStandaloneHtml(source, locale),
        contentType: "text/html; charset=utf-8",
        filename,
      };
    case "docx":
      return {
        body: new Uint8Array(
          await jsonToDocx(source.json, {
            title: source.title,
            subtitle: `${source.subgroupName} · ${source.themeName}`,
            creator: source.communityName,
            description: t("downloads.docxDescription", { community: source.communityName }),
          }),
        ),
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename,
      };
    case "pdf":
      return {
        body: await renderPdf({
          source: { html: toStandaloneHtml(source, locale) },
          header: `${source.title} · ${source.subgroupName}`,
          footer: t("downloads.pageOf"),
        }),
        contentType: "application/pdf",
        filename,
      };
  }
}

/** Content-Disposition with an ASCII name and the UTF-8 one (RFC 6266). */
export function contentDisposition(filename: string, inline = false): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
