// /magazine/:community/:edition/pdf/status (magazine.manage): the organiser follows the making
// of the edition's PDF (stage, progress), starts it or makes it again, and downloads it.
import { data, Link, redirect, useLoaderData } from "react-router";
import { z } from "zod";
import { EditionPdfPanel, type EditionPdfView } from "~/components/edition-pdf";
import { PageTitle } from "~/components/form";
import { useT } from "~/i18n";
import { editionPath, pdfPath } from "~/lib/magazine";
import {
  editionPdfStatus,
  findEditionForPdf,
  STAGE_PROGRESS,
  startEditionPdf,
} from "~/models/edition-pdf.server";
import { authorize } from "~/models/permissions.server";
import { getTranslator } from "~/utils/auth.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/magazine.$community.$edition_.pdf_.status";

async function editionFor(args: Route.LoaderArgs | Route.ActionArgs) {
  const edition = await findEditionForPdf(args.params.community, args.params.edition);
  if (!edition) throw data(null, { status: 404 });
  // A draft is not confirmed to exist (404) to anyone who may not read it; then organisers only.
  await authorize(args, "magazine.read", { kind: "edition", id: edition.id });
  await authorize(args, "magazine.manage", { kind: "community", id: edition.communityId });
  return edition;
}

export async function loader(args: Route.LoaderArgs) {
  const edition = await editionFor(args);
  const status = await editionPdfStatus(edition.id);
  if (!status) throw data(null, { status: 404 });
  const job = status.state === "unpublished" ? null : status.job;
  const view: EditionPdfView = {
    state: status.state,
    stale: status.state === "missing" && status.stale,
    stage: job?.stage ?? null,
    progress: job ? STAGE_PROGRESS[job.stage] : 0,
    size: status.state === "ready" ? status.size : null,
    renderedAt: status.state === "ready" ? status.renderedAt.toISOString() : null,
  };
  const base = editionPath(args.params.community, args.params.edition);
  return {
    title: edition.title,
    view,
    editionHref: base,
    pdfHref: pdfPath(args.params.community, args.params.edition),
    selfHref: `${base}/pdf/status`,
  };
}

const intentSchema = z.object({ intent: z.enum(["start", "restart"]) });

export async function action(args: Route.ActionArgs) {
  const edition = await editionFor(args);
  const parsed = intentSchema.safeParse(Object.fromEntries(await readFormData(args.request)));
  if (!parsed.success) throw data(null, { status: 400 });
  const t = getTranslator(args.request, args.context);
  await startEditionPdf(edition.id, {
    force: parsed.data.intent === "restart",
    footer: t("downloads.pageOf"),
  });
  // Post/redirect/get: without JavaScript the browser lands on the status page again.
  throw redirect(`${editionPath(args.params.community, args.params.edition)}/pdf/status`);
}

export default function EditionPdfStatusPage() {
  const t = useT();
  const { title, view, editionHref, pdfHref, selfHref } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="edition-pdf-page-title">
      <PageTitle>{`${t("downloads.job.title")}: ${title}`}</PageTitle>
      <p className="meta">
        <Link to={editionHref}>{title}</Link>
      </p>
      <h1 id="edition-pdf-page-title">{`${t("downloads.job.title")}: ${title}`}</h1>
      <EditionPdfPanel view={view} pdfHref={pdfHref} selfHref={selfHref} />
    </article>
  );
}
