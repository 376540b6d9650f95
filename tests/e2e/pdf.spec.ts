// PDFs and exports in a real browser. Named so that it runs after magazine.spec.ts (which
// publishes an edition and the outcomes Aanwezigheidsbeleid Subgroep 2 and Effectieve
// methodieken Subgroep 2) and moderation.spec.ts.
//  - The edition PDF: the organiser follows the job (stage, progress, "Klaar"), the PDF's text
//    (pdftotext -layout) has the articles in the edition's order, and the table of contents'
//    page numbers are the pages on which the articles start.
//  - Single-outcome exports of Aanwezigheidsbeleid Subgroep 2 (published only if it has no
//    publication yet, the magazine spec's way): DOCX parsed back (Word headings), Markdown and
//    HTML read back, the PDF's text, 404 for an unknown format, 403 for outsiders.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import JSZip from "jszip";
import { COMMUNITY_SLUG, expect, expectNoAxeViolations, login, test } from "./fixtures";

const leader = "gespreksleider.beleid@werkplaats.test";
const outsider = "deelnemer05@werkplaats.test"; // Effectieve methodieken: not in this subgroup
const ORGANISER = "organisator@werkplaats.test";

/** pdftotext -layout, one string per page. */
function pdfPages(pdf: Buffer): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-pdf-")), "x.pdf");
  fs.writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" })
    .split("\f")
    .slice(0, -1);
}

async function openSubgroup(page: Page): Promise<string> {
  await login(page, leader);
  await page.goto("/me");
  await page
    .getByRole("main")
    .getByRole("link", { name: /Subgroep 2$/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "Subgroep 2 · Aanwezigheidsbeleid",
  );
  return new URL(page.url()).pathname.split("/")[2] as string;
}

/** Publishes the outcome through the real forms unless it has a publication already. */
async function ensurePublished(page: Page, subgroupId: string) {
  const published = async () =>
    (await (await page.request.get(`/subgroups/${subgroupId}/published`)).text()).includes(
      'data-testid="publication-meta"',
    );
  if (await published()) return;
  await page.request.post(`/subgroups/${subgroupId}`, {
    form: { intent: "configureOutcome", title: "Beleid in de klas", type: "stappenplan" },
  });
  for (const transition of ["submit", "approve", "publish"]) {
    await page.request.post(`/subgroups/${subgroupId}/review`, {
      form: { intent: "transition", transition, note: "" },
    });
  }
  expect(await published()).toBe(true);
}

async function download(page: Page, linkName: string): Promise<{ name: string; file: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName, exact: true }).click(),
  ]);
  const target = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "export-")),
    file.suggestedFilename(),
  );
  await file.saveAs(target);
  return { name: file.suggestedFilename(), file: target };
}

test("an outcome downloads as DOCX with Word headings, as Markdown, HTML and PDF", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const subgroupId = await openSubgroup(page);
  await ensurePublished(page, subgroupId);

  // The published page: title, downloads of the published version, axe clean.
  await page.goto(`/subgroups/${subgroupId}/published`);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
  expect(title).not.toBe("");
  const published = page.getByTestId("downloads-published");
  await expect(published.getByRole("heading", { name: "Downloaden" })).toBeVisible();
  await expectNoAxeViolations(page);

  const docx = await download(page, "Word (DOCX) van de gepubliceerde versie");
  expect(docx.name).toMatch(/^subgroep-2-[a-z0-9-]+\.docx$/);
  const zip = await JSZip.loadAsync(fs.readFileSync(docx.file));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  const styled = (style: string) =>
    [...xml.matchAll(/<w:p>.*?<\/w:p>/g)]
      .map((m) => m[0])
      .filter((para) => para.includes(`<w:pStyle w:val="${style}"/>`))
      .map((para) => [...para.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
  expect(styled("Title")).toEqual([title]);
  // The document's own headings (the template's) are Word's Heading 1.
  expect(styled("Heading1").length).toBeGreaterThan(0);

  // The PDF of the published version: its text has the title; tagged.
  const pdf = await page.request.get(`/subgroups/${subgroupId}/published/export/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(
    /^attachment; filename="subgroep-2-.*\.pdf"/,
  );
  const text = pdfPages(await pdf.body()).join("\n");
  expect(text).toContain(title);
  expect(text).toMatch(/pagina 1 van \d+/);

  // The subgroup page: the current text as Markdown and as a standalone HTML document.
  await page.goto(`/subgroups/${subgroupId}`);
  const current = page.getByTestId("downloads-current");
  await expect(current.getByRole("link", { name: "Markdown van de huidige tekst" })).toBeVisible();
  const md = await download(page, "Markdown van de huidige tekst");
  expect(md.name).toMatch(/\.md$/);
  const markdown = fs.readFileSync(md.file, "utf8");
  expect(markdown.startsWith("# ")).toBe(true);
  expect(markdown).toMatch(/^## \S/m);
  const html = await download(page, "HTML van de huidige tekst");
  const document = fs.readFileSync(html.file, "utf8");
  expect(document).toMatch(/^<!doctype html>\s*<html lang="nl">/);
  expect(document).toMatch(/<title>[^<]+<\/title>/);
  expect(document).toContain("@media print");

  // An unknown format is not found.
  expect((await page.request.get(`/subgroups/${subgroupId}/export/odt`)).status()).toBe(404);
});

test("someone outside the subgroup cannot export its current text", async ({ page }) => {
  const leaderPage = await page.context().browser()?.newPage();
  if (!leaderPage) throw new Error("no browser");
  const subgroupId = await openSubgroup(leaderPage);
  await leaderPage.context().close();
  await login(page, outsider);
  const response = await page.request.get(`/subgroups/${subgroupId}/export/md`, {
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
});

test("the edition PDF has the articles in the chosen order and a TOC with true page numbers", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The newest published edition (the magazine spec publishes one).
  await page.goto(`/communities/${COMMUNITY_SLUG}`);
  const editions = page.getByTestId("published-editions").getByRole("link");
  await expect(editions.first(), "a published edition (magazine.spec.ts makes one)").toBeVisible();
  const href = (await editions.last().getAttribute("href")) as string;
  const [, , community, edition] = href.split("/");
  // The chosen order, as the print page shows it.
  await page.goto(`${href}/print`);
  const titles = (await page.locator("[data-pdf-article] h3").allTextContents()).map((t) =>
    t.trim(),
  );
  expect(titles.length).toBeGreaterThan(0);

  // The organiser makes the PDF and follows it: stages, a progress bar, then "klaar".
  await login(page, ORGANISER);
  await page.goto(`/communities/${COMMUNITY_SLUG}/manage/magazine`);
  await page.goto(`/magazine/${community}/${edition}/pdf/status`);
  const panel = page.getByTestId("edition-pdf");
  const start = panel.getByRole("button", { name: /^PDF (opnieuw )?maken$/ });
  await start.click();
  await expect(panel.getByTestId("edition-pdf-status")).toContainText("De PDF is klaar", {
    timeout: 60_000,
  });
  await expect(panel.getByRole("progressbar", { name: "Voortgang van de PDF" })).toHaveAttribute(
    "value",
    "100",
  );
  await expectNoAxeViolations(page);

  // Anyone downloads the cached file.
  const response = await page.request.get(`/magazine/${community}/${edition}/pdf`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toContain(`${edition}.pdf`);
  const pages = pdfPages(await response.body());
  const all = pages.join("\n");
  // The articles, in the chosen order (their headings on their first pages, after the TOC).
  const tocIndex = pages.findIndex((p) => p.includes("Inhoud"));
  expect(tocIndex).toBeGreaterThanOrEqual(0);
  const starts = titles.map(
    (title) => pages.findIndex((p, i) => i > tocIndex && p.includes(title)) + 1,
  );
  expect(
    starts.every((n) => n > tocIndex + 1),
    JSON.stringify(starts),
  ).toBe(true);
  expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  // The TOC's page number after each title is the page on which that article starts.
  const toc = pages[tocIndex] as string;
  titles.forEach((title, i) => {
    const match = new RegExp(
      `${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\D*?(\\d+)\\s*$`,
      "m",
    ).exec(toc);
    expect(match, `TOC entry for ${title}`).not.toBeNull();
    expect(Number(match?.[1]), title).toBe(starts[i]);
  });
  expect(all).toMatch(/pagina 2 van \d+/);
});
