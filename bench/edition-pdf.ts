// `npm run bench:pdf`: time to make the PDF of a 30-article magazine edition (articles of
// realistic length, from /work/shared/seeds), with a cold browser (the first PDF after the
// server starts) and a warm one (the browser already running). Target: ≤ 15 s on this machine.
// Not a test: it asserts nothing. Loopback only; stops everything it started.
//
//   npm run build && npm run bench:pdf [-- --articles 30 --warm 3 --json FILE]
//
// Two measurements:
//   A. end to end through the production server: GET /magazine/<c>/<e>/pdf (202 "wordt
//      gemaakt", the job starts) polled every 250 ms until the file arrives. Warm runs
//      republish the edition first (a new snapshot: the cached file is stale).
//   B. the engine alone in this process (renderPdf of the same print page), with the time of
//      each stage: first layout pass, TOC numbering (pass 2), finishing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : fallback;
};
const ARTICLES = Number(option("articles", "30"));
const WARM = Number(option("warm", "3"));
const JSON_OUT = option("json", "");

const log = (...parts: unknown[]) =>
  process.stderr.write(
    `[bench:pdf ${new Date().toISOString().slice(11, 19)}] ${parts.join(" ")}\n`,
  );
const sec = (ms: number) => (ms / 1000).toFixed(2);

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "werkplaats-bench-pdf-"));
  const databaseUrl = `file:${path.join(tmp, "bench.db")}`;
  // Before the app modules load: their database client reads DATABASE_URL.
  process.env.DATABASE_URL = databaseUrl;
  const { migrateDeploy } = await import("../tests/helpers/db");
  const { spawnServer } = await import("../tests/helpers/server");
  const { createPublishedEdition, republish } = await import("../tests/helpers/edition-fixture");
  const { seedDemo } = await import("~/models/seed.server");
  const { db } = await import("~/utils/db.server");
  const { renderPdf, closePdfEngine } = await import("~/utils/pdf.server");
  const { destinationPages } = await import("~/utils/pdf.server");

  log("database", databaseUrl);
  await migrateDeploy(databaseUrl);
  await seedDemo(db);
  const edition = await createPublishedEdition(ARTICLES, "bench");
  // A generous start timeout: on a busy machine the first start can take a while.
  const server = await spawnServer({ DATABASE_URL: databaseUrl, SEED_DEMO: "false" }, 180_000);
  const printUrl = `${server.url}/magazine/${edition.communitySlug}/${edition.editionSlug}/print`;
  const pdfUrl = `${server.url}/magazine/${edition.communitySlug}/${edition.editionSlug}/pdf`;
  const results: Record<string, unknown> = {
    articles: ARTICLES,
    machine: os.cpus()[0]?.model,
    cores: os.cpus().length,
  };

  try {
    // A. end to end.
    const endToEnd = async () => {
      const start = performance.now();
      let response = await fetch(pdfUrl);
      if (response.status !== 202) throw new Error(`expected 202, got ${response.status}`);
      while (response.status === 202) {
        await new Promise((r) => setTimeout(r, 250));
        response = await fetch(pdfUrl);
      }
      if (response.status !== 200) throw new Error(`PDF answered ${response.status}`);
      const pdf = new Uint8Array(await response.arrayBuffer());
      return { ms: performance.now() - start, bytes: pdf.byteLength, pages: await pageCount(pdf) };
    };
    const pageCount = async (pdf: Uint8Array) => {
      const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
      const task = pdfjs.getDocument({ data: pdf.slice(), verbosity: 0 });
      const doc = await task.promise;
      const n = doc.numPages;
      await task.destroy();
      return n;
    };
    const cold = await endToEnd();
    log(`A cold: ${sec(cold.ms)} s, ${cold.pages} pages, ${(cold.bytes / 1024).toFixed(0)} KB`);
    const warm: number[] = [];
    for (let i = 0; i < WARM; i++) {
      await republish(edition.editionId, `Bench-herdruk ${i + 1}`);
      const run = await endToEnd();
      warm.push(run.ms);
      log(`A warm ${i + 1}: ${sec(run.ms)} s`);
    }
    results.endToEnd = { coldMs: cold.ms, warmMs: warm, pages: cold.pages, bytes: cold.bytes };

    // B. the engine alone, with its stages.
    const engine = async () => {
      const marks: Record<string, number> = {};
      const start = performance.now();
      const pdf = await renderPdf({
        source: { url: printUrl },
        coverPage: true,
        onStage: (stage) => {
          marks[stage] = performance.now() - start;
        },
      });
      const total = performance.now() - start;
      const toc = await destinationPages(pdf);
      return { total, marks, destinations: toc.size };
    };
    const engineCold = await engine();
    log(`B cold: ${sec(engineCold.total)} s`, JSON.stringify(engineCold.marks));
    const engineWarm: (typeof engineCold)[] = [];
    for (let i = 0; i < WARM; i++) {
      const run = await engine();
      engineWarm.push(run);
      log(`B warm ${i + 1}: ${sec(run.total)} s`, JSON.stringify(run.marks));
    }
    results.engine = { cold: engineCold, warm: engineWarm };
    await closePdfEngine();

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const stage = (run: typeof engineCold, from: string, to: string) =>
      (run.marks[to] ?? run.total) - (run.marks[from] ?? 0);
    const table = [
      `| ${ARTICLES}-article edition PDF (${cold.pages} pages, ${(cold.bytes / 1024).toFixed(0)} KB) | cold browser | warm browser (median of ${WARM}) |`,
      "|---|---|---|",
      `| A. end to end: GET /pdf → file (s) | ${sec(cold.ms)} | ${sec(median(warm))} |`,
      `| B. engine alone: total (s) | ${sec(engineCold.total)} | ${sec(median(engineWarm.map((r) => r.total)))} |`,
      `| B. browser start + page load + first layout pass (s) | ${sec(stage(engineCold, "queued", "toc"))} | ${sec(median(engineWarm.map((r) => stage(r, "queued", "toc"))))} |`,
      `| B. TOC numbering + second pass (s) | ${sec(stage(engineCold, "toc", "finishing"))} | ${sec(median(engineWarm.map((r) => stage(r, "toc", "finishing"))))} |`,
    ].join("\n");
    process.stdout.write(`\n${table}\n\n`);
    const out = JSON_OUT || path.join(tmp, "bench-pdf.json");
    fs.writeFileSync(out, JSON.stringify(results, null, 2));
    log("results written to", out);
  } finally {
    await server.stop();
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
