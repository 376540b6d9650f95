// /magazine/:community/:edition/pdf (magazine.read): the edition's PDF from the cache, or, while
// none is cached for the published snapshot, a Dutch "de PDF wordt gemaakt" page (202) that
// starts the job and refreshes itself.
import { data } from "react-router";
import { editionPath } from "~/lib/magazine";
import { cachedEditionPdf, findEditionForPdf, startEditionPdf } from "~/models/edition-pdf.server";
import { contentDisposition } from "~/models/export.server";
import { authorize } from "~/models/permissions.server";
import { getLocale, getTranslator } from "~/utils/auth.server";
import type { Route } from "./+types/magazine.$community.$edition_.pdf";

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export async function loader(args: Route.LoaderArgs) {
  const { request, params, context } = args;
  const edition = await findEditionForPdf(params.community, params.edition);
  if (!edition) throw data(null, { status: 404 });
  await authorize(args, "magazine.read", { kind: "edition", id: edition.id });
  // Only a published edition has a PDF (an organiser previewing a draft prints the print page).
  if (edition.status !== "published") throw data(null, { status: 404 });
  const cached = await cachedEditionPdf(edition.id);
  if (cached) {
    const etag = `"${cached.key}"`;
    const headers = {
      ETag: etag,
      "Cache-Control": "public, max-age=300, stale-while-revalidate=3600",
    };
    if (request.headers.get("If-None-Match") === etag)
      return new Response(null, { status: 304, headers });
    return new Response(Buffer.from(cached.pdf), {
      headers: {
        ...headers,
        "Content-Type": "application/pdf",
        "Content-Disposition": contentDisposition(`${cached.slug}.pdf`, true),
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  const t = getTranslator(request, context);
  const status = await startEditionPdf(edition.id, { footer: t("downloads.pageOf") });
  const failed = status?.state === "missing" && status.job?.stage === "failed";
  const lang = getLocale(request, context);
  const back = editionPath(params.community, params.edition);
  const self = `${back}/pdf`;
  const page = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${failed ? "" : '<meta http-equiv="refresh" content="4">'}
<title>${escapeHtml(`${t("downloads.edition.pageTitle")} · ${edition.title}`)}</title>
<style>body{font:1.0625rem/1.6 system-ui,sans-serif;color:#1a1a1a;max-width:40rem;margin:3rem auto;padding:0 1.25rem}a{color:#0b5394}a:focus-visible{outline:3px solid #0b5394;outline-offset:2px}</style>
</head>
<body>
<main>
<h1>${escapeHtml(edition.title)}</h1>
<p role="status">${escapeHtml(failed ? t("downloads.edition.failed") : t("downloads.edition.making"))}</p>
<p><a href="${escapeHtml(self)}">${escapeHtml(t("downloads.edition.refresh"))}</a></p>
<p><a href="${escapeHtml(back)}">${escapeHtml(t("downloads.edition.back"))}</a></p>
</main>
</body>
</html>
`;
  return new Response(page, {
    status: 202,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}
