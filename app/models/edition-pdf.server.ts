// The PDF of a published magazine edition: made by the PDF engine from the edition's print page
// (/magazine/<c>/<e>/print, with page numbers in its table of contents), cached in
// MagazineEdition.pdf with pdfKey = the hash of the snapshot it was made from. Republishing
// changes the snapshot, so the cached file is stale at once and a new one is made on demand.
//
// Render jobs run in this process (one per edition at a time) and report their stage, which the
// organiser's status page polls. A job that fails is reported as failed; asking again retries.
// With several nodes (REDIS_URL), a Redis lease lets one node render an edition at a time, and
// the job's stage is mirrored in Redis, so the status page may poll any node.
import { printPath } from "~/lib/magazine";
import { snapshotHash } from "~/models/magazine.server";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { internalOrigin } from "~/utils/origin.server";
import { type PdfStage, renderPdf } from "~/utils/pdf.server";
import { claim, redis, redisKey } from "~/utils/redis.server";

export type JobStage = PdfStage | "done" | "failed";

export type EditionPdfJob = {
  key: string;
  stage: JobStage;
  startedAt: number;
  finishedAt?: number;
};

export type EditionPdfStatus =
  | { state: "unpublished" }
  | {
      state: "ready";
      key: string;
      size: number;
      renderedAt: Date;
      job: EditionPdfJob | null;
    }
  | { state: "missing"; key: string; stale: boolean; job: EditionPdfJob | null };

/** Progress (0–100) shown for each stage. */
export const STAGE_PROGRESS: Record<JobStage, number> = {
  queued: 5,
  layout: 35,
  toc: 70,
  finishing: 90,
  done: 100,
  failed: 100,
};

// Jobs per edition, on globalThis: this module may be bundled more than once.
const globalForJobs = globalThis as {
  __werkplaatsEditionPdf?: { jobs: Map<string, EditionPdfJob>; running: Set<string> };
};
globalForJobs.__werkplaatsEditionPdf ??= { jobs: new Map(), running: new Set() };
const { jobs, running } = globalForJobs.__werkplaatsEditionPdf;

async function loadEdition(editionId: string) {
  return db.magazineEdition.findUnique({
    where: { id: editionId },
    select: {
      id: true,
      slug: true,
      status: true,
      snapshot: true,
      pdfKey: true,
      pdfRenderedAt: true,
      community: { select: { slug: true } },
    },
  });
}

/** How long the shared copy of a job's stage is kept (the page polls while it runs). */
const SHARED_JOB_TTL_MS = 30 * 60 * 1000;
/** The render lease: longer than any render may take (the engine times out before). */
const RENDER_LEASE_MS = 10 * 60 * 1000;

/** Mirrors a job's stage for the other nodes (fire and forget). */
function shareJob(editionId: string, job: EditionPdfJob) {
  redis()
    ?.set(redisKey(`pdf-job:${editionId}`), JSON.stringify(job), "PX", SHARED_JOB_TTL_MS)
    .catch((error: unknown) => logger.warn({ err: error }, "PDF job stage not shared"));
}

/** This node's job for the edition, else the one another node shares. */
async function findJob(editionId: string): Promise<EditionPdfJob | undefined> {
  const local = jobs.get(editionId);
  const client = redis();
  if (local || !client) return local;
  try {
    const raw = await client.get(redisKey(`pdf-job:${editionId}`));
    return raw ? (JSON.parse(raw) as EditionPdfJob) : undefined;
  } catch {
    return undefined;
  }
}

/** Where the edition's PDF stands (cached, being made, failed, stale). */
export async function editionPdfStatus(editionId: string): Promise<EditionPdfStatus | null> {
  const edition = await loadEdition(editionId);
  if (!edition) return null;
  if (edition.status !== "published" || !edition.snapshot) return { state: "unpublished" };
  const key = snapshotHash(edition.snapshot);
  const job = await findJob(editionId);
  const currentJob = job && job.key === key ? job : null;
  if (edition.pdfKey === key && edition.pdfRenderedAt) {
    // Only the size, not the file itself.
    const size = await db.$queryRaw<{ size: number | bigint }[]>`
      SELECT length("pdf") AS size FROM "MagazineEdition" WHERE "id" = ${editionId}`;
    return {
      state: "ready",
      key,
      size: Number(size[0]?.size ?? 0),
      renderedAt: edition.pdfRenderedAt,
      job: currentJob,
    };
  }
  return { state: "missing", key, stale: edition.pdfKey !== null, job: currentJob };
}

/** The cached PDF when it belongs to the published snapshot, else null. */
export async function cachedEditionPdf(
  editionId: string,
): Promise<{ pdf: Uint8Array; key: string; slug: string } | null> {
  const edition = await db.magazineEdition.findUnique({
    where: { id: editionId },
    select: { status: true, snapshot: true, pdf: true, pdfKey: true, slug: true },
  });
  if (edition?.status !== "published" || !edition.snapshot || !edition.pdf) return null;
  const key = snapshotHash(edition.snapshot);
  if (edition.pdfKey !== key) return null;
  return { pdf: new Uint8Array(edition.pdf), key, slug: edition.slug };
}

/**
 * Starts making the PDF of the published snapshot unless it is cached or being made (or
 * `force`: make it again). Returns at once; the job runs on.
 */
export async function startEditionPdf(
  editionId: string,
  options: { force?: boolean; footer?: string } = {},
): Promise<EditionPdfStatus | null> {
  // While a job runs, visitors' refreshes cost no database reads.
  const current = jobs.get(editionId);
  if (running.has(editionId))
    return current
      ? { state: "missing", key: current.key, stale: false, job: current }
      : editionPdfStatus(editionId);
  // The slot is taken before the first await, so simultaneous requests start one job only.
  running.add(editionId);
  let started = false;
  try {
    return await startJob(editionId, options, () => {
      started = true;
    });
  } finally {
    if (!started) running.delete(editionId);
  }
}

async function startJob(
  editionId: string,
  options: { force?: boolean; footer?: string },
  onStarted: () => void,
): Promise<EditionPdfStatus | null> {
  const status = await editionPdfStatus(editionId);
  if (!status || status.state === "unpublished") return status;
  if (status.state === "ready" && !options.force) return status;
  // After a failure, visitors' refreshes do not retry more than once a minute.
  const last = await findJob(editionId);
  if (
    !options.force &&
    last?.stage === "failed" &&
    last.key === status.key &&
    Date.now() - (last.finishedAt ?? 0) < 60_000
  )
    return status;
  const origin = internalOrigin();
  const edition = await loadEdition(editionId);
  if (!origin || !edition?.snapshot) return status;
  const key = status.key;
  const snapshot = edition.snapshot;
  // Another node may be making it right now: then its shared stage is what the page shows.
  const lease = await claim(`pdf-render:${editionId}`, RENDER_LEASE_MS);
  if (!lease.acquired) return status;
  const job: EditionPdfJob = { key, stage: "queued", startedAt: Date.now() };
  jobs.set(editionId, job);
  shareJob(editionId, job);
  onStarted();
  void (async () => {
    try {
      const pdf = await renderPdf({
        source: { url: `${origin}${printPath(edition.community.slug, edition.slug)}` },
        coverPage: true,
        footer: options.footer,
        onStage: (stage) => {
          job.stage = stage;
          shareJob(editionId, job);
        },
      });
      // Stored only if the edition was not republished in the meantime.
      await db.magazineEdition.updateMany({
        where: { id: editionId, snapshot },
        data: { pdf: new Uint8Array(pdf), pdfKey: key, pdfRenderedAt: new Date() },
      });
      job.stage = "done";
    } catch (error) {
      logger.error({ err: error, editionId }, "edition PDF failed");
      job.stage = "failed";
    } finally {
      job.finishedAt = Date.now();
      shareJob(editionId, job);
      running.delete(editionId);
      await lease.release();
    }
  })();
  return editionPdfStatus(editionId);
}

/** Waits for a running job (benchmark and tests). */
export async function waitForEditionPdf(editionId: string, timeoutMs = 120_000): Promise<JobStage> {
  const until = Date.now() + timeoutMs;
  while (running.has(editionId) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return jobs.get(editionId)?.stage ?? "done";
}

/** The edition behind a web edition URL, with what the PDF pages need. */
export function findEditionForPdf(communitySlug: string, editionSlug: string) {
  return db.magazineEdition.findFirst({
    where: { slug: editionSlug, community: { slug: communitySlug } },
    select: { id: true, slug: true, title: true, status: true, communityId: true },
  });
}
