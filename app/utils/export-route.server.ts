// The two export routes (current text, published version) share this loader: format check,
// permission, the file with Content-Disposition. Domain logic is in app/models/export.server.ts.
import { type AppLoadContext, data } from "react-router";
import {
  buildExport,
  contentDisposition,
  type ExportVariant,
  isExportFormat,
  loadExportSource,
  outcomeIdOfSubgroup,
} from "~/models/export.server";
import { authorize } from "~/models/permissions.server";
import { getLocale, getTranslator } from "~/utils/auth.server";
import { logger } from "~/utils/logger.server";

export async function exportLoader(
  args: {
    request: Request;
    params: { subgroupId?: string; format?: string };
    context: AppLoadContext;
  },
  variant: ExportVariant,
): Promise<Response> {
  const { request, params, context } = args;
  const format = params.format;
  if (!isExportFormat(format)) throw data(null, { status: 404 });
  const outcomeId = await outcomeIdOfSubgroup(params.subgroupId ?? "");
  if (!outcomeId) throw data(null, { status: 404 });
  await authorize(args, variant === "current" ? "outcome.export" : "outcome.readPublished", {
    kind: "outcome",
    id: outcomeId,
  });
  const locale = getLocale(request, context);
  const source = await loadExportSource(params.subgroupId ?? "", variant, locale);
  if (!source) throw data(null, { status: 404 });
  let file: Awaited<ReturnType<typeof buildExport>>;
  try {
    file = await buildExport(source, format, locale);
  } catch (error) {
    // Only the PDF can fail (Chromium missing, busy or crashed): a Dutch answer, try again later.
    logger.error({ err: error, outcomeId, format }, "export failed");
    return new Response(getTranslator(request, context)("downloads.pdfFailed"), {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" },
    });
  }
  const body = typeof file.body === "string" ? file.body : Buffer.from(file.body);
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.filename),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
