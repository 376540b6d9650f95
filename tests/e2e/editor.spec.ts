// The outcome document in real browsers: two members co-write live with carets and presence,
// an outsider gets nothing, and text typed while the connection is gone survives a reload and
// reaches the others once it is back.
import type { Browser, BrowserContext, Page, WebSocketRoute } from "@playwright/test";
import { expect, expectNoAxeViolations, login, test } from "./fixtures";

/** Aanwezigheidsbeleid, Subgroep 2: two members, guided by Jeroen Bakker. */
const noor = { email: "deelnemer03@werkplaats.test", name: "Noor Hendriks" };
const ahmed = { email: "deelnemer04@werkplaats.test", name: "Ahmed Yilmaz" };
/** Effectieve methodieken: not in that subgroup. */
const lotte = { email: "deelnemer05@werkplaats.test", name: "Lotte Smit" };

async function openSubgroup(
  browser: Browser,
  person: { email: string },
  prepare?: (context: BrowserContext) => Promise<void>,
) {
  const context = await browser.newContext();
  await prepare?.(context);
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning")
      console.log(`[${person.email}] ${m.text()}`);
  });
  page.on("pageerror", (e) => console.log(`[${person.email}] pageerror ${e.message}`));
  await login(page, person.email);
  await page.goto("/me");
  await page.getByRole("link", { name: "Subgroep 2" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Subgroep 2");
  await expect(status(page)).toHaveText("Opgeslagen", { timeout: 10_000 });
  return { context, page };
}

const editorOf = (page: Page) => page.getByRole("textbox", { name: "Tekst van de opbrengst" });
const status = (page: Page) => page.getByTestId("sync-status");

test("two members co-write live and see each other's text, caret and presence", async ({
  browser,
}) => {
  const a = await openSubgroup(browser, noor);
  const b = await openSubgroup(browser, ahmed);
  const room = await a.page.locator("[data-room]").getAttribute("data-room");
  expect(room).toBeTruthy();
  expect(await b.page.locator("[data-room]").getAttribute("data-room")).toBe(room);

  // Both appear in each other's presence list.
  await expect(a.page.getByTestId("presence")).toContainText(`${noor.name} (jij)`);
  await expect(a.page.getByTestId("presence")).toContainText(ahmed.name);
  await expect(b.page.getByTestId("presence")).toContainText(`${ahmed.name} (jij)`);
  await expect(b.page.getByTestId("presence")).toContainText(noor.name);

  const line = `Stap 1: ouders bellen op de eerste dag (${Date.now()})`;
  await editorOf(a.page).click();
  await a.page.keyboard.press("Control+End");
  await a.page.keyboard.type(line);
  await expect(editorOf(b.page)).toContainText(line);
  // Noor's caret carries her name in Ahmed's editor.
  await expect(
    b.page.locator(".collaboration-carets__label", { hasText: noor.name }),
  ).toBeVisible();

  // And back: Ahmed's heading reaches Noor, with the toolbar, by keyboard.
  await editorOf(b.page).click();
  await b.page.keyboard.press("Control+End");
  await b.page.keyboard.press("Enter");
  await b.page.keyboard.press("Control+Alt+3");
  await b.page.keyboard.type("Wie doet wat");
  await expect(a.page.locator("#outcome-editor h3", { hasText: "Wie doet wat" })).toBeVisible();
  await expect(a.page.getByRole("navigation", { name: "Inhoud van het document" })).toContainText(
    "Wie doet wat",
  );
  await expect(status(a.page)).toHaveText("Opgeslagen");
  await expect(status(b.page)).toHaveText("Opgeslagen");

  // The text is stored: a fresh load renders it on the server, before any script runs.
  const html = await (await a.page.request.get(a.page.url())).text();
  expect(html).toContain(line);
  expect(html).toContain("Wie doet wat");

  await expectNoAxeViolations(a.page);
  await a.context.close();
  await b.context.close();
});

test("the toolbar works by keyboard alone with one tab stop", async ({ browser }) => {
  const { context, page } = await openSubgroup(browser, noor);
  const toolbar = page.getByRole("toolbar", { name: "Opmaak" });
  await editorOf(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Belangrijk punt");
  await page.keyboard.press("Shift+Home");
  // Into the toolbar: its first button has the only tab stop; arrows move within it.
  await toolbar.getByRole("button", { name: "Vet" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(toolbar.getByRole("button", { name: "Cursief" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(toolbar.getByRole("button", { name: "Cursief" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.locator("#outcome-editor em", { hasText: "Belangrijk punt" })).toBeVisible();
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
  // Undo takes back only this person's change.
  await page.keyboard.press("End");
  await toolbar.getByRole("button", { name: "Ongedaan maken" }).click();
  await expect(page.locator("#outcome-editor em", { hasText: "Belangrijk punt" })).toHaveCount(0);
  await context.close();
});

test("a participant of another subgroup can neither open nor connect to the document", async ({
  browser,
}) => {
  const member = await openSubgroup(browser, noor);
  const room = await member.page.locator("[data-room]").getAttribute("data-room");
  const subgroupUrl = member.page.url();
  await member.context.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, lotte.email);
  const response = await page.goto(subgroupUrl);
  expect(response?.status()).toBe(403);
  await expect(page.locator("[data-room]")).toHaveCount(0);

  // The websocket refuses her too (the upgrade is answered before a socket opens).
  const outcome = await page.evaluate(
    (name) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`ws://${location.host}/collab/${name}`);
        socket.binaryType = "arraybuffer";
        socket.onopen = () => resolve("open");
        socket.onerror = () => resolve("refused");
        socket.onmessage = () => resolve("message");
      }),
    room,
  );
  expect(outcome).toBe("refused");
  await context.close();
});

test("text typed while disconnected survives a reload and reaches the others when back", async ({
  browser,
}) => {
  // Noor's sockets to the sync server pass through the test, which can cut them.
  let blocked = false;
  const sockets: WebSocketRoute[] = [];
  const a = await openSubgroup(browser, noor, (context) =>
    context.routeWebSocket(/\/collab\//, (ws) => {
      if (blocked) return ws.close({ code: 1012, reason: "test: server unreachable" });
      sockets.push(ws);
      ws.connectToServer();
    }),
  );
  const b = await openSubgroup(browser, ahmed);

  blocked = true;
  for (const ws of sockets) await ws.close({ code: 1012, reason: "test: connection lost" });
  await expect(status(a.page)).toHaveText("Opnieuw verbinden…");

  const line = `Offline geschreven (${Date.now()})`;
  await editorOf(a.page).click();
  await a.page.keyboard.press("Control+End");
  await a.page.keyboard.press("Enter");
  await a.page.keyboard.type(line);
  await expect(status(a.page)).toHaveText(
    /^Offline — \d+ wijziging(en)? nog niet gesynchroniseerd$/,
  );
  await expect(editorOf(b.page)).not.toContainText(line);

  // Reload while still cut off: the text comes back from this browser's offline copy.
  // Leaving with unsynchronised text asks for confirmation first.
  const dialogs: string[] = [];
  a.page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await a.page.reload();
  expect(dialogs).toEqual(["beforeunload"]);
  await expect(editorOf(a.page)).toContainText(line);
  await expect(status(a.page)).toHaveText(
    /^Offline — \d+ wijziging(en)? nog niet gesynchroniseerd$/,
  );

  // Back online: it syncs, and Ahmed sees it.
  blocked = false;
  await expect(status(a.page)).toHaveText("Opgeslagen", { timeout: 15_000 });
  await expect(editorOf(b.page)).toContainText(line);
  await a.context.close();
  await b.context.close();
});

test("a lock by the facilitator makes the members' open editors read-only at once", async ({
  browser,
}) => {
  const member = await openSubgroup(browser, ahmed);
  const leader = await openSubgroup(browser, { email: "gespreksleider.beleid@werkplaats.test" });
  await expect(editorOf(member.page)).toHaveAttribute("contenteditable", "true");

  await leader.page.getByRole("button", { name: "Document vergrendelen" }).click();
  await expect(leader.page.getByRole("button", { name: "Document ontgrendelen" })).toBeVisible();
  // The member's page follows without a reload: notice shown, editor read-only, no toolbar.
  await expect(member.page.getByTestId("locked-notice")).toBeVisible({ timeout: 3_000 });
  await expect(editorOf(member.page)).toHaveAttribute("contenteditable", "false");
  await expect(member.page.getByRole("toolbar", { name: "Opmaak" })).toHaveCount(0);

  // The leader still writes, and the member still sees it live.
  const line = `Door de gespreksleider aangevuld (${Date.now()})`;
  await editorOf(leader.page).click();
  await leader.page.keyboard.press("Control+End");
  await leader.page.keyboard.press("Enter");
  await leader.page.keyboard.type(line);
  await expect(editorOf(member.page)).toContainText(line);
  await expect(status(member.page)).toHaveText("Opgeslagen");
  await expectNoAxeViolations(member.page);

  await leader.page.getByRole("button", { name: "Document ontgrendelen" }).click();
  await expect(editorOf(member.page)).toHaveAttribute("contenteditable", "true", {
    timeout: 3_000,
  });
  await member.context.close();
  await leader.context.close();
});
