// The organiser's view of an edition's PDF job: stage with a <progress> and a polite live
// status, start / make again, download when ready. Polls while a job runs (with JavaScript);
// without it, the page refreshes itself and has a "Stand bijwerken" link.
import { useEffect } from "react";
import { Form, Link, useRevalidator } from "react-router";
import { type MessageKey, useLocale, useT } from "~/i18n";
import { formatDateTime } from "~/lib/dates";

export type EditionPdfView = {
  state: "unpublished" | "ready" | "missing";
  stale: boolean;
  stage: "queued" | "layout" | "toc" | "finishing" | "done" | "failed" | null;
  progress: number;
  size: number | null;
  renderedAt: string | null;
};

/** The organiser's PDF page of an edition (link it from the edition's manage page). */
export function editionPdfStatusPath(editionPath: string): string {
  return `${editionPath}/pdf/status`;
}

export function EditionPdfPanel({
  view,
  pdfHref,
  selfHref,
}: {
  view: EditionPdfView;
  pdfHref: string;
  selfHref: string;
}) {
  const t = useT();
  const locale = useLocale();
  const revalidator = useRevalidator();
  const busy = view.stage !== null && !["done", "failed"].includes(view.stage);
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [busy, revalidator]);

  const stageText = view.stage ? t(`downloads.job.${view.stage}` as MessageKey) : null;
  const statusText =
    view.state === "unpublished"
      ? t("downloads.job.notPublished")
      : busy
        ? stageText
        : view.state === "ready"
          ? t("downloads.job.ready", {
              size: `${(Math.max(view.size ?? 0, 1) / 1024 / 1024).toLocaleString(locale === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 })} MB`,
              date: view.renderedAt ? formatDateTime(new Date(view.renderedAt), locale) : "",
            })
          : view.stage === "failed"
            ? `${t("downloads.job.failed")}. ${t("downloads.edition.failed")}`
            : view.stale
              ? t("downloads.job.stale")
              : t("downloads.job.none");
  return (
    <section className="edition-pdf" aria-labelledby="edition-pdf-title" data-testid="edition-pdf">
      <h2 id="edition-pdf-title">{t("downloads.job.title")}</h2>
      {busy ? (
        <noscript>
          <meta httpEquiv="refresh" content="3" />
        </noscript>
      ) : null}
      {view.state !== "unpublished" && view.stage ? (
        <p>
          <label htmlFor="edition-pdf-progress">{t("downloads.job.progressLabel")}</label>{" "}
          <progress id="edition-pdf-progress" max={100} value={view.progress}>
            {view.progress}%
          </progress>
        </p>
      ) : null}
      <p role="status" aria-live="polite" data-testid="edition-pdf-status">
        {statusText}
      </p>
      {view.state === "ready" ? (
        <p>
          <a href={pdfHref} className="button">
            {t("downloads.job.download")}
          </a>
        </p>
      ) : null}
      {view.state !== "unpublished" && !busy ? (
        <Form method="post">
          <input type="hidden" name="intent" value={view.state === "ready" ? "restart" : "start"} />
          <button type="submit" className="button secondary">
            {view.state === "ready" ? t("downloads.job.restart") : t("downloads.job.start")}
          </button>
        </Form>
      ) : null}
      {busy ? (
        <p>
          <a href={selfHref}>{t("downloads.job.refresh")}</a>
        </p>
      ) : null}
    </section>
  );
}

/** " · PDF van de editie": the link from the edition's manage page to the PDF status page. */
export function EditionPdfLink({ editionHref }: { editionHref: string }) {
  const t = useT();
  return (
    <>
      {" · "}
      <Link to={editionPdfStatusPath(editionHref)}>{t("downloads.job.title")}</Link>
    </>
  );
}
