// The edition PDF through the production server: a visitor asking for the PDF of a published
// edition first gets the Dutch "de PDF wordt gemaakt" page (202, refreshing itself), then the
// cached file: tagged, bookmarked, the articles in the edition's order, and the table of
// contents' page numbers equal to the pages the articles start on. Republishing makes the
// cached file stale.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { createPublishedEdition, type EditionFixture, republish } from "../helpers/edition-fixture";
import { type ChildServer, spawnServer } from "../helpers/server";

const available =
  fs.existsSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium") &&
  (() => {
    try {
      execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

let server: ChildServer;
let edition: EditionFixture;

/** GETs the PDF URL until the server answers with the file (the job runs meanwhile). */
async function fetchPdf(
  url: string,
  timeoutMs = 90_000,
): Promise<{ first: Response; pdf: Buffer }> {
  const first = await fetch(url);
  let response = first;
  const until = Date.now() + timeoutMs;
  while (response.status === 202 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    response = await fetch(url);
  }
  expect(response.status).toBe(200);
  return { first, pdf: Buffer.from(await response.arrayBuffer()) };
}

function pdfPages(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edition-pdf-"));
  const file = path.join(dir, "edition.pdf");
  fs.writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  return text.split("\f").slice(0, -1);
}

describe.skipIf(!available)("edition PDF", () => {
  beforeAll(async () => {
    await seedDemo(db);
    edition = await createPublishedEdition(5, "pdftest");
    server = await spawnServer({
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      SEED_DEMO: "false",
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("is made on first request, cached, with the articles in order and a true TOC", async () => {
    const url = `${server.url}/magazine/${edition.communitySlug}/${edition.editionSlug}/pdf`;
    const { first, pdf } = await fetchPdf(url);
    expect(first.status).toBe(202);
    const waiting = await first.text();
    expect(waiting).toContain('<html lang="nl">');
    expect(waiting).toContain("De PDF van deze editie wordt gemaakt");
    expect(waiting).toMatch(/<meta http-equiv="refresh"/);

    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toMatch(/\/Outlines \d+ 0 R/);
    const pages = pdfPages(pdf);
    const all = pages.join("\n");
    // The articles in the edition's order.
    const positions = edition.titles.map((title) => all.lastIndexOf(title));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The TOC (on the pages before the first article) gives each article's first page.
    const tocPage = pages.findIndex((p) => /Inhoud/.test(p));
    expect(tocPage).toBeGreaterThanOrEqual(0);
    const toc = pages.slice(tocPage, tocPage + 2).join("\n");
    for (const title of edition.titles) {
      const match = new RegExp(`${title}\\D*?(\\d+)\\s*$`, "m").exec(toc);
      expect(match, `TOC entry for ${title}`).not.toBeNull();
      const page = Number(match?.[1]);
      const startsHere = pages.findIndex((p, i) => i > tocPage && p.includes(title)) + 1;
      expect(page, title).toBe(startsHere);
    }
    // Running header (edition title) and page numbers, not on the cover.
    expect(pages[0]).not.toMatch(/pagina \d+ van/);
    expect(pages[1]).toMatch(new RegExp(`pagina 2 van ${pages.length}`));

    // Cached: the second request is the same file at once, with a filename from the slug.
    const again = await fetch(url);
    expect(again.status).toBe(200);
    expect(again.headers.get("content-disposition")).toContain(`${edition.editionSlug}.pdf`);
    expect(Buffer.from(await again.arrayBuffer()).equals(pdf)).toBe(true);

    // Republished: the cached file is stale; the next visitor waits for a new one.
    await republish(edition.editionId, "Tweede druk");
    const stale = await fetch(url);
    expect(stale.status).toBe(202);
    const { pdf: second } = await fetchPdf(url);
    expect(pdfPages(second).join("\n")).toContain("Tweede druk");
  }, 240_000);

  it("answers 404 for an edition that does not exist", async () => {
    const response = await fetch(
      `${server.url}/magazine/${edition.communitySlug}/bestaat-niet/pdf`,
    );
    expect(response.status).toBe(404);
  });
});
