// Comments in real browsers: a member comments on a passage and mentions another member, who
// sees the thread appear live, replies and resolves it; the first member sees that live; the
// mentioned member has an unread notification and an e-mail; threads are reachable by keyboard.
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, login, test, waitForMail } from "./fixtures";

/** Effectieve methodieken, Subgroep 2. */
const eva = { email: "deelnemer07@werkplaats.test", name: "Eva Mulder" };
const daan = { email: "deelnemer08@werkplaats.test", name: "Daan Vermeulen" };

async function openSubgroup(browser: Browser, person: { email: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (e) => console.log(`[${person.email}] pageerror ${e.message}`));
  await login(page, person.email);
  await page.goto("/me");
  await page.getByRole("link", { name: "Subgroep 2" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Subgroep 2");
  await expect(page.getByTestId("sync-status")).toHaveText("Opgeslagen", { timeout: 10_000 });
  await expect(panel(page).getByText("Opmerkingen laden…")).toHaveCount(0);
  return { context, page };
}

const editorOf = (page: Page) => page.getByRole("textbox", { name: "Tekst van de opbrengst" });
const panel = (page: Page) => page.getByRole("region", { name: "Opmerkingen" });
const threadWith = (page: Page, text: string) =>
  page.getByTestId("comment-thread").filter({ hasText: text });

test("a member comments with a mention; the other replies and resolves, live in both browsers", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const passage = `mentorgesprek ${stamp}`;
  const a = await openSubgroup(browser, eva);
  const b = await openSubgroup(browser, daan);
  const since = new Date();

  // Eva types a sentence and selects its last words with the keyboard.
  await editorOf(a.page).click();
  await a.page.keyboard.press("Control+End");
  await a.page.keyboard.press("Enter");
  await a.page.keyboard.type(`Wie vaak verzuimt krijgt een ${passage}`);
  await a.page.keyboard.down("Shift");
  for (let i = 0; i < passage.length; i += 1) await a.page.keyboard.press("ArrowLeft");
  await a.page.keyboard.up("Shift");

  // The toolbar button is there; the shortcut opens the form with the passage quoted.
  await expect(a.page.getByRole("button", { name: "Opmerking plaatsen" })).toBeEnabled();
  await a.page.keyboard.press("Control+Alt+M");
  const form = a.page.getByRole("form", { name: "Nieuwe opmerking" });
  await expect(form.locator("blockquote")).toHaveText(passage);
  const field = form.getByLabel("Je opmerking");
  await expect(field).toBeFocused();

  // An empty comment gets a message next to the field, not a server error.
  await form.getByRole("button", { name: "Plaatsen" }).click();
  await expect(form.getByText("Schrijf eerst je opmerking.")).toBeVisible();

  // @mention suggestions: a listbox of the group's people, picked with Enter.
  await field.fill("");
  await field.pressSequentially("Kun jij dit aanvullen, @Daa");
  const suggestions = form.getByRole("listbox", { name: "Personen om te noemen" });
  await expect(suggestions.getByRole("option", { name: daan.name })).toBeVisible();
  await expectNoAxeViolations(a.page);
  await field.press("Enter");
  await expect(suggestions).toHaveCount(0);
  await field.pressSequentially(`? (${stamp})`);
  await expect(field).toHaveValue(`Kun jij dit aanvullen, @${daan.name} ? (${stamp})`);
  await form.getByRole("button", { name: "Plaatsen" }).click();
  await expect(form).toHaveCount(0);
  await expect(threadWith(a.page, stamp)).toBeVisible();
  await expect(a.page.locator(".comment-anchor", { hasText: passage })).toBeVisible();

  // Daan sees the thread appear without reloading, announced politely.
  const daanThread = threadWith(b.page, stamp);
  await expect(daanThread).toBeVisible();
  await expect(daanThread).toContainText(eva.name);
  await expect(b.page.getByTestId("comments-announcer")).toHaveText(
    `Nieuwe opmerking van ${eva.name}`,
  );
  await expect(b.page.locator(".comment-anchor", { hasText: passage })).toBeVisible();

  // Daan types before the passage: in Eva's editor the highlight still covers exactly it.
  await editorOf(b.page).click();
  await b.page.keyboard.press("Control+End");
  await b.page.keyboard.press("Home");
  await b.page.keyboard.type("Afspraak: ");
  await expect(editorOf(a.page)).toContainText("Afspraak: ");
  await expect(a.page.locator(".comment-anchor", { hasText: stamp })).toHaveText(passage);

  // By keyboard: from the passage in the editor to its thread, and back.
  await editorOf(a.page).focus();
  await a.page.keyboard.press("Control+Alt+J");
  await expect(threadWith(a.page, stamp)).toBeFocused();
  await a.page.keyboard.press("Tab");
  await expect(
    threadWith(a.page, stamp).getByRole("button", { name: `Opmerking bij: ${passage}` }),
  ).toBeFocused();
  await a.page.keyboard.press("Enter");
  await expect(editorOf(a.page)).toBeFocused();
  expect(await a.page.evaluate(() => window.getSelection()?.toString())).toBe(passage);
  await expectNoAxeViolations(a.page);

  // Daan replies and resolves.
  await daanThread
    .getByLabel("Reageer op deze opmerking")
    .fill(`Ja, ik voeg een voorbeeld toe ${stamp}`);
  await daanThread.getByRole("button", { name: "Reageren" }).click();
  await expect(daanThread.locator(".comment-body")).toHaveCount(2);
  await daanThread.getByRole("button", { name: "Markeer als opgelost" }).click();
  await expect(b.page.getByTestId("open-threads").getByText(stamp)).toHaveCount(0);

  // Eva sees the reply and the resolved state live.
  await expect(a.page.getByTestId("open-threads").getByText(stamp)).toHaveCount(0);
  await panel(a.page)
    .getByRole("button", { name: /Toon opgeloste opmerkingen/ })
    .click();
  const resolved = threadWith(a.page, stamp);
  await expect(resolved).toContainText(`Ja, ik voeg een voorbeeld toe ${stamp}`);
  await expect(resolved).toContainText(`Opgelost door ${daan.name}`);
  await expect(resolved.getByRole("button", { name: "Heropenen" })).toBeVisible();

  // Daan has an unread notification and an e-mail with a link to the thread.
  const mail = await waitForMail(daan.email, since);
  expect(mail.subject).toBe(`${eva.name} noemde je in een opmerking`);
  expect(mail.text).toContain(stamp);
  expect(mail.text).toMatch(/\/subgroups\/[^#\s]+#thread-/);
  await b.page.goto("/me");
  await expect(b.page.getByTestId("notifications-link")).toContainText("ongelezen");
  const item = b.page.getByTestId("notifications").getByRole("listitem").filter({ hasText: stamp });
  await expect(item).toContainText(`${eva.name} noemde je in een opmerking bij Subgroep 2`);
  await expect(item).toContainText("Nieuw");
  await expectNoAxeViolations(b.page);
  await item.getByRole("button", { name: "Markeer als gelezen" }).click();
  await expect(item).not.toContainText("Nieuw");
  await expect(item.getByRole("button", { name: "Markeer als gelezen" })).toHaveCount(0);

  // The link leads to the thread.
  await item.getByRole("link", { name: /Bekijken/ }).click();
  await expect(b.page).toHaveURL(/#thread-/);
  await expect(threadWith(b.page, stamp)).toBeFocused({ timeout: 10_000 });

  await a.context.close();
  await b.context.close();
});
