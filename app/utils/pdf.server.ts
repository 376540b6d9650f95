// The PDF engine: headless Chromium (playwright-core with the installed browser, never a
// downloaded one) turns a page of our own server, or a standalone HTML document, into a tagged,
// bookmarked A4 PDF with a running header and "pagina X van Y" (decision 011).
//
// - One shared browser, launched on the first render and reused; closed on shutdown
//   (closePdfEngine, called by server/index.ts). A crashed or closed browser is relaunched on
//   the next render; a failure is a rejected promise for that render, never a crash.
// - A small queue: at most PDF_CONCURRENCY renders at a time (default 1), each with a timeout.
// - Table of contents with page numbers: Chromium has no target-counter(), so pages with
//   `[data-toc-for]` entries are rendered twice (or three times when numbering moved a page):
//   the page each `#a-<id>` anchor starts on is read from the PDF's named destinations
//   (pdfjs-dist), written into the entries' `[data-toc-page]` spans, and the page is rendered
//   again.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";

export type PdfStage = "queued" | "layout" | "toc" | "finishing";

export type PdfSource =
  /** A page of our own server (absolute URL); `cookies` are set for its origin only. */
  | { url: string; cookies?: { name: string; value: string }[] }
  /** A complete HTML document (no network: every request it makes is refused). */
  | { html: string };

export type PdfOptions = {
  source: PdfSource;
  /** The running header (every page but the first). Defaults to the document's <title>. */
  header?: string;
  /** "pagina {page} van {pages}" style footer; {page} and {pages} are replaced. */
  footer?: string;
  /** The first page (a cover) has no running header and no page number. */
  coverPage?: boolean;
  onStage?: (stage: PdfStage) => void;
  timeoutMs?: number;
};

const EXECUTABLE = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CONCURRENCY = Math.max(1, Math.min(4, Number(process.env.PDF_CONCURRENCY) || 1));
const DEFAULT_TIMEOUT_MS = Number(process.env.PDF_TIMEOUT_MS) || 60_000;
const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
];

// One engine per process, even though this module is bundled twice (into the app build and into
// the server entry, which closes it on shutdown): both copies find it on globalThis.
type EngineState = {
  browserPromise: Promise<Browser> | null;
  closed: boolean;
  running: number;
  waiting: (() => void)[];
};
const globalForPdf = globalThis as { __werkplaatsPdf?: EngineState };
globalForPdf.__werkplaatsPdf ??= { browserPromise: null, closed: false, running: 0, waiting: [] };
const state = globalForPdf.__werkplaatsPdf;

function getBrowser(): Promise<Browser> {
  if (state.closed) return Promise.reject(new Error("the PDF engine is shut down"));
  if (!state.browserPromise) {
    const launching = chromium
      .launch({ executablePath: EXECUTABLE, args: LAUNCH_ARGS, headless: true, timeout: 30_000 })
      .then((browser) => {
        // A crash or a kill: the next render launches a new one.
        browser.on("disconnected", () => {
          if (state.browserPromise === launching) state.browserPromise = null;
        });
        return browser;
      });
    // A failed launch is reported to the waiting render; the next one tries again.
    launching.catch(() => {
      if (state.browserPromise === launching) state.browserPromise = null;
    });
    state.browserPromise = launching;
  }
  return state.browserPromise;
}

/** True while a browser is running (for the benchmark's cold/warm runs and tests). */
export function pdfBrowserRunning(): boolean {
  return state.browserPromise !== null;
}

// --- the queue -------------------------------------------------------------------------------

/** Renders that may wait for a turn; more are refused at once (the caller answers 503). */
const MAX_WAITING = 10;

async function inQueue<T>(work: () => Promise<T>): Promise<T> {
  if (state.running >= CONCURRENCY) {
    if (state.waiting.length >= MAX_WAITING)
      throw new Error("PDF queue full: too many renders are waiting");
    await new Promise<void>((resolve) => state.waiting.push(resolve));
  }
  state.running++;
  try {
    return await work();
  } finally {
    state.running--;
    state.waiting.shift()?.();
  }
}

/** How many renders are waiting for a turn (not counting the running ones). */
export function pdfQueueLength(): number {
  return state.waiting.length;
}

// --- rendering -------------------------------------------------------------------------------

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`PDF rendering took longer than ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A CSS string literal (quotes, backslashes and line breaks escaped). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, "\\$&").replace(/[\r\n]+/g, " ")}"`;
}

/**
 * The running header and page numbers as CSS page-margin boxes (Chromium ≥ 131): unlike
 * Chromium's headerTemplate they can be left off the cover with `@page :first`.
 */
function pageCss(header: string, footer: string, coverPage: boolean): string {
  const [before, between, after] = footer.split(/\{page\}|\{pages\}/);
  const footerContent = `${cssString(before ?? "")} counter(page) ${cssString(between ?? "")} counter(pages) ${cssString(after ?? "")}`;
  const box = "font: 8.5pt/1.2 system-ui, sans-serif; color: #444;";
  return `@page { size: A4; margin: 22mm 18mm 20mm 18mm;
  @top-center { content: ${cssString(header)}; ${box} }
  @bottom-center { content: ${footerContent}; ${box} } }
${coverPage ? "@page :first { @top-center { content: none } @bottom-center { content: none } }" : ""}`;
}

async function preparePage(context: BrowserContext, source: PdfSource, timeoutMs: number) {
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  await page.emulateMedia({ media: "print" });
  if ("url" in source) {
    const origin = new URL(source.url).origin;
    // Only our own server: nothing else is fetched (no tracking, no leaking of the session).
    await context.route("**/*", (route) =>
      new URL(route.request().url()).origin === origin ? route.continue() : route.abort(),
    );
    if (source.cookies?.length)
      await context.addCookies(source.cookies.map((c) => ({ ...c, url: origin })));
    const response = await page.goto(source.url, { waitUntil: "load" });
    if (!response?.ok())
      throw new Error(`the page to print answered ${response?.status() ?? "nothing"}`);
  } else {
    await context.route("**/*", (route) => route.abort());
    await page.setContent(source.html, { waitUntil: "load" });
  }
  // Web fonts and images settled before layout.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

/**
 * One print of the page. A measuring pass (only to find where the articles start) leaves out the
 * structure tree and the outline, which makes it markedly faster; the final pass has both.
 */
async function printOnce(page: Page, final = true): Promise<Buffer> {
  return page.pdf({
    tagged: final,
    outline: final,
    format: "A4",
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: false,
  });
}

/** Page numbers (1-based) of the named destinations `a-<id>` in a PDF. */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: new Uint8Array(pdf),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const destinations = (await doc.getDestinations()) as Record<string, unknown[] | null>;
    const pages = new Map<string, number>();
    for (const [name, dest] of Object.entries(destinations)) {
      const ref = dest?.[0];
      if (!ref || typeof ref !== "object") continue;
      pages.set(name, (await doc.getPageIndex(ref as { num: number; gen: number })) + 1);
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** Writes page numbers into the table of contents; returns how many entries changed. */
async function numberToc(page: Page, pages: Map<string, number>): Promise<number> {
  const numbers = Object.fromEntries(pages);
  return page.evaluate((numbers: Record<string, number>) => {
    let changed = 0;
    for (const entry of document.querySelectorAll<HTMLElement>("[data-toc-for]")) {
      const id = entry.dataset.tocFor ?? "";
      const span = entry.querySelector<HTMLElement>("[data-toc-page]");
      const value = numbers[`a-${id}`];
      if (!span || value === undefined) continue;
      const text = String(value);
      if (span.textContent !== text) {
        span.textContent = text;
        changed++;
      }
    }
    return changed;
  }, numbers);
}

async function render(options: PdfOptions, timeoutMs: number): Promise<Uint8Array> {
  const browser = await getBrowser();
  // Our pages work without JavaScript: printing the server's HTML means no hydration can undo
  // the page numbers written into the table of contents. (page.evaluate still works.)
  // Our page's Content-Security-Policy allows no inline <style>; the print CSS below is one, put
  // there by us in our own page (decision 015), so this context does not enforce the policy.
  const context = await browser.newContext({
    javaScriptEnabled: false,
    locale: "nl-NL",
    bypassCSP: true,
  });
  try {
    const page = await preparePage(context, options.source, timeoutMs);
    const header = options.header ?? (await page.title());
    // (Not page.addStyleTag: it waits for a load event that never comes without JavaScript.)
    await page.evaluate(
      (css) => {
        const style = document.createElement("style");
        style.textContent = css;
        document.head.append(style);
      },
      pageCss(header, options.footer ?? "pagina {page} van {pages}", !!options.coverPage),
    );
    options.onStage?.("layout");
    const hasToc = await page.evaluate(() => document.querySelector("[data-toc-for]") !== null);
    let pdf: Buffer;
    if (hasToc) {
      // Pass 1 measures where each article starts; the numbers go into the TOC; pass 2 is the
      // file. Numbering could move content (a longer number wraps a line): then measure again.
      let measured = await printOnce(page, false);
      options.onStage?.("toc");
      for (let pass = 0; ; pass++) {
        await numberToc(page, await destinationPages(measured));
        pdf = await printOnce(page, true);
        if (pass === 2 || (await numberToc(page, await destinationPages(pdf))) === 0) break;
        measured = pdf;
      }
    } else {
      pdf = await printOnce(page, true);
    }
    options.onStage?.("finishing");
    return new Uint8Array(pdf);
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** Renders a PDF (queued; rejects on failure or after the timeout, never throws otherwise). */
export function renderPdf(options: PdfOptions): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  options.onStage?.("queued");
  return inQueue(() =>
    withTimeout(render(options, timeoutMs), timeoutMs, () => {
      // A hung render may hold a broken browser: start afresh next time.
      const current = state.browserPromise;
      state.browserPromise = null;
      void current?.then((b) => b.close()).catch(() => undefined);
    }),
  );
}

/** Closes the shared browser (server shutdown). Renders after this are refused. */
export async function closePdfEngine(): Promise<void> {
  state.closed = true;
  const current = state.browserPromise;
  state.browserPromise = null;
  if (current) await current.then((b) => b.close()).catch(() => undefined);
}

/** For tests: allow renders again after closePdfEngine. */
export function reopenPdfEngine(): void {
  state.closed = false;
}
