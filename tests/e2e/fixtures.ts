// Shared helpers for the end-to-end tests: signing in and out through the real forms, axe-core
// scans (WCAG 2.1 A/AA), the e-mail outbox of the test server, and two checks every test gets
// (no 5xx, no Content-Security-Policy violation).
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import {
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Page,
} from "@playwright/test";

/** Lines of the browser console that report a Content-Security-Policy violation. */
const CSP_VIOLATION = /Content Security Policy|CSP violation/i;

/**
 * `test` with two automatic checks:
 * - no response from the app may be a server error (5xx): bad input must get a Dutch message
 *   next to the field, never a 500;
 * - no page may break the Content-Security-Policy (decision 015): every browser context of the
 *   test, also those a spec opens itself with `browser.newContext()`, reports violations (the
 *   browser's own console message, and the `securitypolicyviolation` event).
 */
export const test = base.extend<{ noServerErrors: undefined; noCspViolations: undefined }>({
  noServerErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("response", (response) => {
        if (response.status() >= 500)
          errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
      });
      await use(undefined);
      expect(errors, "server errors (5xx) during the test").toEqual([]);
    },
    { auto: true },
  ],
  noCspViolations: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const watch = async (ctx: BrowserContext) => {
        await ctx.addInitScript(() =>
          document.addEventListener("securitypolicyviolation", (e) =>
            console.error(
              `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`,
            ),
          ),
        );
        ctx.on("console", (message) => {
          if (CSP_VIOLATION.test(message.text()))
            violations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
        });
      };
      await watch(context);
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const ctx = await newContext.apply(browser, args);
        await watch(ctx);
        return ctx;
      };
      try {
        await use(undefined);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations during the test").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Password of every seeded demo account (app/models/seed.server.ts). */
export const DEMO_PASSWORD = "Werkplaats2021!";

export const COMMUNITY_SLUG = "werken-aan-aanwezigheid";

export const accounts = {
  organiser: { email: "organisator@werkplaats.test", name: "Marieke de Vries" },
  facilitatorBeleid: { email: "gespreksleider.beleid@werkplaats.test", name: "Jeroen Bakker" },
  facilitatorSamenwerken: {
    email: "gespreksleider.samenwerken@werkplaats.test",
    name: "Sanne Visser",
  },
  /** Aanwezigheidsbeleid, Subgroep 1. */
  participant01: { email: "deelnemer01@werkplaats.test", name: "Annemieke Jansen" },
  /** Aanwezigheidsbeleid, Subgroep 1 (used by the password reset test only). */
  participant02: { email: "deelnemer02@werkplaats.test", name: "Bas van Dijk" },
  /**
   * Effectieve methodieken, Subgroep 1 (used by the a11y scan of the reset form only: it asks
   * for a reset link but never completes it, so the demo password keeps working).
   */
  participant06: { email: "deelnemer06@werkplaats.test", name: "Pieter de Boer" },
  /** Effectieve methodieken, Subgroep 2 (used by the a11y scan of the English pages only). */
  participant07: { email: "deelnemer07@werkplaats.test", name: "Eva Mulder" },
} as const;

/** The outbox directory of the test server (tests/e2e/start-server.mjs sets OUTBOX_DIR). */
export const OUTBOX_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../.tmp/e2e/outbox",
);

/** An e-mail address no other run or test uses. */
export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@werkplaats.test`;
}

/**
 * Signs in through the real form: opens /login unless the page is already there (so a
 * `redirectTo` in the URL is kept), fills the fields by their labels and presses "Inloggen".
 * Waits until the browser has left /login.
 */
export async function login(page: Page, email: string, password: string = DEMO_PASSWORD) {
  if (new URL(page.url(), "http://x").pathname !== "/login") await page.goto("/login");
  const main = page.getByRole("main");
  await main.getByLabel("E-mailadres", { exact: true }).fill(email);
  await main.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await main.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
}

/** Signs out with the header button; the header shows "Inloggen" again. */
export async function logout(page: Page) {
  const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
  await nav.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await expect(nav.getByRole("link", { name: "Inloggen", exact: true })).toBeVisible();
}

/** Fails with a readable list when axe-core finds WCAG 2.1 A/AA violations on the page. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const report = results.violations.map((v) => {
    const nodes = v.nodes
      .map(
        (n) =>
          `    - ${n.target.join(" ")}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, "\n      ")}` : ""}`,
      )
      .join("\n");
    return `[${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
  });
  expect(report, `axe-core WCAG 2.1 A/AA violations on ${page.url()}`).toEqual([]);
}

export type OutboxMail = { id: string; to: string; subject: string; text: string; sentAt: string };

/**
 * The mails the test server has "sent" (newest first). /dev/outbox shows the same files but is
 * refused in production, which is what the e2e server runs.
 */
export async function readOutbox(): Promise<OutboxMail[]> {
  let names: string[];
  try {
    names = await fs.readdir(OUTBOX_DIR);
  } catch {
    return [];
  }
  const mails = await Promise.all(
    names
      .filter((n) => n.endsWith(".json"))
      .map(
        async (n) => JSON.parse(await fs.readFile(path.join(OUTBOX_DIR, n), "utf8")) as OutboxMail,
      ),
  );
  return mails.sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}

/** Waits for the newest mail to `to` sent after `since` and returns it. */
/**
 * Waits for a mail to `to` sent since `since` (a second's slack for clock granularity), with
 * `subject` when given: a mail sent just before `since` may fall within the slack.
 */
export async function waitForMail(to: string, since: Date, subject?: string): Promise<OutboxMail> {
  let found: OutboxMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await readOutbox()).find(
          (m) =>
            m.to === to &&
            new Date(m.sentAt).getTime() >= since.getTime() - 1000 &&
            (subject === undefined || m.subject === subject),
        );
        return !!found;
      },
      { message: `a mail to ${to} in ${OUTBOX_DIR}`, timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}
