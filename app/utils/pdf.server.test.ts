// The PDF engine with the installed Chromium: a tagged, bookmarked A4 PDF whose text has the
// content, a running header and page numbers off the cover, and a table of contents whose
// numbers are the pages the articles start on.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closePdfEngine, destinationPages, pdfBrowserRunning, renderPdf } from "./pdf.server";

const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** pdftotext -layout output, one string per page. */
function pagesOf(pdf: Uint8Array): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pdf-test-")), "x.pdf");
  fs.writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return text.split("\f").slice(0, -1);
}

const paragraphs = (n: number, word: string) =>
  Array.from(
    { length: n },
    (_, i) => `<p>${word} alinea ${i + 1}: ${"tekst ".repeat(60)}</p>`,
  ).join("");

const articles = [
  { id: "een", title: "Thuiszitters in beeld", length: 3 },
  { id: "twee", title: "Verzuim & signalen", length: 14 },
  { id: "drie", title: "Samen met ouders", length: 6 },
];

const edition = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Magazine – testeditie</title>
<style>.cover{height:200mm} article{break-before:page} nav{break-before:page}
[data-toc-page]{display:inline-block;min-width:2em;text-align:right}</style></head>
<body><section class="cover"><h1>Omslagtitel</h1></section>
<nav aria-labelledby="toc"><h2 id="toc">Inhoud</h2><ol>${articles
  .map(
    (a) =>
      `<li><a href="#a-${a.id}" data-toc-for="${a.id}">${a.title.replace("&", "&amp;")} <span data-toc-page></span></a></li>`,
  )
  .join("")}</ol></nav>
${articles
  .map(
    (a) =>
      `<article id="a-${a.id}" data-pdf-article="${a.id}"><h3>${a.title.replace("&", "&amp;")}</h3>${paragraphs(a.length, a.id)}</article>`,
  )
  .join("")}</body></html>`;

afterAll(() => closePdfEngine());

describe.skipIf(!fs.existsSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium"))(
  "renderPdf",
  () => {
    it("makes a tagged, bookmarked PDF with running header, page numbers and a numbered TOC", async () => {
      const stages: string[] = [];
      const pdf = await renderPdf({
        source: { html: edition },
        coverPage: true,
        onStage: (stage) => stages.push(stage),
      });
      expect(stages).toEqual(["queued", "layout", "toc", "finishing"]);
      const raw = Buffer.from(pdf).toString("latin1");
      expect(raw.startsWith("%PDF-")).toBe(true);
      // Tagged (structure tree, marked content) and bookmarked (document outline).
      expect(raw).toMatch(/\/StructTreeRoot\s+\d+ 0 R/);
      expect(raw).toMatch(/\/MarkInfo\s*<<[^>]*\/Marked true/);
      expect(raw).toContain("/Lang (nl)");
      expect(raw).toMatch(/\/Outlines\s+\d+ 0 R/);

      const starts = await destinationPages(pdf);
      expect([...starts.keys()].sort()).toEqual(["a-drie", "a-een", "a-twee"]);
      if (!hasPdftotext) return;
      const pages = pagesOf(pdf);
      // The cover has neither the running header nor a page number; the other pages have both.
      expect(pages[0]).toContain("Omslagtitel");
      expect(pages[0]).not.toContain("pagina");
      expect(pages[1]).toContain("Magazine – testeditie");
      expect(pages[1]).toContain(`pagina 2 van ${pages.length}`);
      // Each article begins on the page its named destination points at, and the TOC says so.
      for (const a of articles) {
        const page = starts.get(`a-${a.id}`) ?? 0;
        expect(pages[page - 1]).toContain(a.title);
        expect(pages[1]).toMatch(new RegExp(`${a.title}\\s+${page}\\b`));
      }
      // Order and length: the long article pushes the third one several pages on.
      const [een, twee, drie] = articles.map((a) => starts.get(`a-${a.id}`) ?? 0);
      expect(een).toBeLessThan(twee as number);
      expect((drie as number) - (twee as number)).toBeGreaterThan(1);
    });

    it("reuses one browser, queues renders and survives a browser crash", async () => {
      const simple = (text: string) => ({
        source: { html: `<!doctype html><html lang="nl"><title>T</title><p>${text}</p></html>` },
      });
      const [a, b] = await Promise.all([renderPdf(simple("eerste")), renderPdf(simple("tweede"))]);
      expect(a.byteLength).toBeGreaterThan(500);
      expect(b.byteLength).toBeGreaterThan(500);
      expect(pdfBrowserRunning()).toBe(true);
      // Kill the browser behind the engine's back: the next render starts a new one.
      const pid = findChromiumPid();
      expect(pid).not.toBeNull();
      process.kill(pid as number, "SIGKILL");
      await new Promise((r) => setTimeout(r, 300));
      const c = await renderPdf(simple("derde"));
      if (hasPdftotext) expect(pagesOf(c).join("")).toContain("derde");
    });

    it("rejects (not throws) for a page that cannot be printed", async () => {
      await expect(
        renderPdf({ source: { url: "http://127.0.0.1:9/nergens" }, timeoutMs: 10_000 }),
      ).rejects.toThrow();
    });
  },
);

/** The engine's browser process: a chromium child of this test process. */
function findChromiumPid(): number | null {
  try {
    const out = execFileSync("ps", ["-o", "pid=,ppid=,args=", "-A"], { encoding: "utf8" });
    for (const line of out.split("\n")) {
      const [pid, ppid, ...args] = line.trim().split(/\s+/);
      if (Number(ppid) === process.pid && args.join(" ").includes("chromium")) return Number(pid);
    }
  } catch {}
  return null;
}
