// The review flow and the privacy guard in real browsers: a BSN typed into the text is
// highlighted and blocks publishing until it is removed; the member sees each step live.
import type { Browser, Page } from "@playwright/test";
import { accounts, expect, expectNoAxeViolations, login, test } from "./fixtures";

/** Aanwezigheidsbeleid, Subgroep 1: Annemieke Jansen, guided by Jeroen Bakker. */
const leader = accounts.facilitatorBeleid;
const member = accounts.participant01;

async function openSubgroup(
  browser: Browser,
  email: string,
  subgroup = "Subgroep 1",
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  await page.goto("/me");
  await page
    .getByRole("main")
    .getByRole("link", { name: new RegExp(`${subgroup}$`) })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    `${subgroup} · Aanwezigheidsbeleid`,
  );
  await expect(page.getByTestId("sync-status")).toHaveText("Opgeslagen", { timeout: 10_000 });
  return page;
}

const editorOf = (page: Page) => page.getByRole("textbox", { name: "Tekst van de opbrengst" });
const statusOf = (page: Page) => page.getByTestId("review-status");

async function typeAtEnd(page: Page, text: string) {
  await editorOf(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
  await expect(page.getByTestId("sync-status")).toHaveText("Opgeslagen", { timeout: 10_000 });
}

async function step(page: Page, button: string, note = "") {
  const panel = page.getByTestId("review-panel");
  await panel.getByLabel(/Toelichting/).fill(note);
  await panel.getByRole("button", { name: button, exact: true }).click();
}

test("a BSN in the text blocks publishing until it is removed; every step shows live", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const page = await openSubgroup(browser, leader.email);
  const memberPage = await openSubgroup(browser, member.email);

  // A retry starts from wherever the first attempt stopped.
  if ((await statusOf(page).textContent()) !== "Concept") {
    await step(page, "Terug naar concept", "We schrijven verder.");
    await expect(statusOf(page)).toHaveText("Concept");
  }

  await typeAtEnd(page, `Stappenplan ${run}: bel de ouders op de eerste verzuimdag.`);
  await step(page, "Indienen voor review");
  await expect(statusOf(page)).toHaveText("Ter review");
  await expect(statusOf(memberPage)).toHaveText("Ter review");
  await step(page, "Goedkeuren", "Mooi concreet.");
  await expect(statusOf(page)).toHaveText("Goedgekeurd");

  // A pupil's BSN slips in: highlighted at once, and listed above the text.
  await typeAtEnd(page, `Voorbeeld ${run}: leerling met BSN 123456782 verzuimde vaak.`);
  await expect(page.locator(".privacy-finding")).toHaveText("123456782");
  const panel = page.getByTestId("privacy-panel");
  await expect(panel).toContainText("BSN: ••••••782");
  await expect(memberPage.locator(".privacy-finding")).toHaveText("123456782");
  await expectNoAxeViolations(page);

  await step(page, "Publiceren");
  await expect(page.getByTestId("review-panel").getByRole("alert")).toContainText(
    "de tekst bevat 1 gegeven(s) die een leerling herkenbaar kunnen maken",
  );
  await expect(statusOf(page)).toHaveText("Goedgekeurd");

  // "Ga naar" selects the number in the text; deleting it lifts the block.
  await panel.getByRole("button", { name: "Ga naar BSN ••••••782" }).click();
  await page.keyboard.press("Backspace");
  await expect(page.locator(".privacy-finding")).toHaveCount(0);
  await expect(page.getByTestId("sync-status")).toHaveText("Opgeslagen", { timeout: 10_000 });

  await step(page, "Publiceren");
  await expect(page.getByTestId("review-panel")).toContainText("De opbrengst is gepubliceerd.");
  await expect(statusOf(page)).toHaveText("Gepubliceerd");
  await expect(statusOf(memberPage)).toHaveText("Gepubliceerd");

  // The member reads what was published: the text, without the number.
  await memberPage.getByRole("link", { name: "Bekijk de gepubliceerde versie" }).click();
  const published = memberPage.locator(".published-document");
  await expect(published).toContainText(`Voorbeeld ${run}: leerling met BSN`);
  await expect(published).toContainText("verzuimde vaak.");
  await expect(published).not.toContainText("123456782");
  await expectNoAxeViolations(memberPage);

  await page.context().close();
  await memberPage.context().close();
});

test("a leader allows a finding with a reason; it is logged and no longer blocks", async ({
  browser,
}) => {
  const run = Date.now().toString(36);
  // Aanwezigheidsbeleid, Subgroep 2: also guided by Jeroen Bakker.
  const page = await openSubgroup(browser, leader.email, "Subgroep 2");
  if ((await statusOf(page).textContent()) !== "Concept") {
    await step(page, "Terug naar concept", "We schrijven verder.");
    await expect(statusOf(page)).toHaveText("Concept");
  }
  // A number made for this attempt (a retry must not find it allowed already): 030 + 7 digits.
  const digits = String(Date.now()).slice(-7);
  const phone = `030-${digits}`;
  await typeAtEnd(page, `Bel de administratie van school ${run}: ${phone}.`);
  const panel = page.getByTestId("privacy-panel");
  await expect(panel).toContainText(`telefoonnummer: •••••••${digits.slice(-3)}`);

  await step(page, "Indienen voor review");
  await expect(page.getByTestId("review-panel").getByRole("alert")).toContainText("de tekst bevat");

  await panel.getByRole("button", { name: "Toch toestaan" }).click();
  const reason = page.getByLabel("Reden (verplicht, komt in het logboek)");
  await expect(reason).toBeFocused();
  await reason.fill("Algemeen nummer van de schooladministratie, geen leerling.");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Toestaan", exact: true }).click();
  await expect(
    page.getByText("Het gegeven is toegestaan. Dat staat in het logboek."),
  ).toBeFocused();
  await expect(page.locator(".privacy-finding")).toHaveCount(0);

  await step(page, "Indienen voor review");
  await expect(statusOf(page)).toHaveText("Ter review");
  await page.getByText("Verloop").click();
  await expect(page.getByTestId("review-panel")).toContainText(
    `${leader.name} stond •••••••${digits.slice(-3)} toe`,
  );
  await expect(page.getByTestId("review-panel")).toContainText(
    "Algemeen nummer van de schooladministratie, geen leerling.",
  );
  await page.context().close();
});

test("pasting text with a pupil's data warns at once", async ({ browser }) => {
  const page = await openSubgroup(browser, member.email);
  await editorOf(page).click();
  await page.keyboard.press("Control+End");
  // What a paste from another document delivers: the browser's paste event with plain text.
  await editorOf(page).evaluate((element) => {
    const data = new DataTransfer();
    data.setData("text/plain", "Moeder bereikbaar via ouder.jansen@example.nl of 06-12345678.");
    element.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(page.getByRole("alert")).toContainText(
    "Je plakte tekst met een e-mailadres, telefoonnummer.",
  );
  await expect(page.locator(".privacy-finding")).toHaveCount(2);
  // Undo takes the pasted text out again; the warning can be closed.
  await page.keyboard.press("Control+z");
  await expect(page.locator(".privacy-finding")).toHaveCount(0);
  await page.getByRole("alert").getByRole("button", { name: "Sluiten" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.context().close();
});
