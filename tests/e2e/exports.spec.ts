// Single-outcome exports in a real browser: the "Downloaden" links on the subgroup page (current
// text) and on the published page (published version); the DOCX parsed back (Word headings),
// Markdown and HTML read back, the PDF's text, a 404 for an unknown format, 403 for outsiders.
//
// Uses Effectieve methodieken, Subgroep 1 (shared with the plenary and magazine specs): it is
// published here only when it is not yet, and never changed otherwise.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import JSZip from "jszip";
import { expect, expectNoAxeViolations, login, test } from "./fixtures";

const leader = "gespreksleider.methodieken@werkplaats.test";
const outsider = "deelnemer01@werkplaats.test"; // Aanwezigheidsbeleid: not in this subgroup

async function openSubgroup(page: Page): Promise<string> {
  await login(page, leader);
  await page.goto("/me");
  await page
    .getByRole("main")
    .getByRole("link", { name: /Subgroep 1$/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "Subgroep 1 · Effectieve methodieken",
  );
  return new URL(page.url()).pathname.split("/")[2] as string;
}

/** Publishes the outcome through the real forms unless it is published already. */
async function ensurePublished(page: Page, subgroupId: string) {
  const status = await page.getByTestId("review-status").textContent();
  if (status?.trim() === "Gepubliceerd") return;
  await page.request.post(`/subgroups/${subgroupId}`, {
    form: {
      intent: "configureOutcome",
      title: "Samen aan de slag met verzuim",
      type: "handreiking",
    },
  });
  for (const transition of ["submit", "approve", "publish"]) {
    await page.request.post(`/subgroups/${subgroupId}/review`, {
      form: { intent: "transition", transition, note: "" },
    });
  }
  await page.reload();
  await expect(page.getByTestId("review-status")).toHaveText("Gepubliceerd");
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
  expect(docx.name).toMatch(/^subgroep-1-[a-z0-9-]+\.docx$/);
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
    /^attachment; filename="subgroep-1-.*\.pdf"/,
  );
  const pdfFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "export-")), "x.pdf");
  fs.writeFileSync(pdfFile, await pdf.body());
  const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
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
