// Versions in real browsers: a facilitator saves "Stand na bijeenkomst 1", rewrites the text,
// compares that version with the current text (insertions and deletions marked), restores it,
// and a member's open editor follows without a reload.
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, login, test } from "./fixtures";

/** Samenwerken, Subgroep 2: member Thomas Kok, guided by Sanne Visser. */
const thomas = { email: "deelnemer12@werkplaats.test" };
const sanne = { email: "gespreksleider.samenwerken@werkplaats.test" };

const editorOf = (page: Page) => page.getByRole("textbox", { name: "Tekst van de opbrengst" });
const status = (page: Page) => page.getByTestId("sync-status");

async function signedIn(browser: Browser, person: { email: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (e) => console.log(`[${person.email}] pageerror ${e.message}`));
  await login(page, person.email);
  return page;
}

test("a facilitator compares the state after meeting 1 with the current text and restores it live", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const line = `Afspraak ${stamp}: ouders bellen op de eerste dag`;
  const rewrite = `Nieuwe afspraak ${stamp}: de mentor belt zelf`;

  // The member has the document open all along.
  const member = await signedIn(browser, thomas);
  await member.goto("/me");
  await member.getByRole("link", { name: "Subgroep 2" }).first().click();
  await expect(member.getByRole("heading", { level: 1 })).toContainText("Samenwerken");
  await expect(status(member)).toHaveText("Opgeslagen", { timeout: 10_000 });
  const subgroupUrl = member.url();

  const leader = await signedIn(browser, sanne);
  await leader.goto(subgroupUrl);
  await expect(status(leader)).toHaveText("Opgeslagen", { timeout: 10_000 });
  await editorOf(leader).click();
  await leader.keyboard.press("Control+End");
  await leader.keyboard.press("Enter");
  await leader.keyboard.type(line);
  await expect(status(leader)).toHaveText("Opgeslagen");
  await expect(editorOf(member)).toContainText(line);

  // The history: take "Stand na bijeenkomst 1" (an earlier attempt may have taken it).
  await leader.getByRole("link", { name: "Versiegeschiedenis", exact: true }).click();
  await expect(leader.getByRole("heading", { level: 1 })).toContainText("Versiegeschiedenis");
  const take = leader.getByRole("button", { name: "Stand na bijeenkomst 1 nu vastleggen" });
  const takenNow = (await take.count()) > 0;
  if (takenNow) {
    await take.click();
    await expect(leader.getByRole("status")).toContainText(
      "De versie ‘Stand na bijeenkomst 1’ is vastgelegd.",
    );
  }
  const versionLink = leader.getByRole("link", { name: "Stand na bijeenkomst 1", exact: true });
  await expect(versionLink).toBeVisible();
  await expect(leader.getByTestId("version-list")).toContainText("Bijdragen van:");
  await expectNoAxeViolations(leader);

  // Read it: the version holds the text of that moment.
  await versionLink.click();
  await expect(leader.getByRole("heading", { level: 1 })).toHaveText("Stand na bijeenkomst 1");
  const versionText = leader.getByTestId("version-document");
  if (takenNow) await expect(versionText).toContainText(line);
  const firstLine = (
    await versionText.locator("p, h3, h4").filter({ hasText: /\S/ }).first().textContent()
  )?.trim();
  expect(firstLine).toBeTruthy();

  // Rewrite the whole text.
  await leader.goto(subgroupUrl);
  await expect(status(leader)).toHaveText("Opgeslagen", { timeout: 10_000 });
  await editorOf(leader).click();
  await leader.keyboard.press("Control+A");
  await leader.keyboard.type(rewrite);
  await expect(status(leader)).toHaveText("Opgeslagen");
  await expect(editorOf(member)).toContainText(rewrite);
  await expect(editorOf(member)).not.toContainText(firstLine as string);

  // Compare the version with the current text.
  await leader.getByRole("link", { name: "Versiegeschiedenis", exact: true }).click();
  await leader
    .getByLabel("Versie", { exact: true })
    .selectOption({ label: "Stand na bijeenkomst 1" });
  await leader.getByLabel("Vergelijken met").selectOption({ label: "Huidige tekst" });
  await leader.getByRole("button", { name: "Vergelijken", exact: true }).click();
  await expect(leader.getByRole("heading", { level: 1 })).toHaveText(
    "‘Stand na bijeenkomst 1’ vergeleken met ‘Huidige tekst’",
  );
  const diff = leader.getByTestId("version-diff");
  await expect(diff.locator("ins.diff-ins", { hasText: "mentor belt zelf" })).toBeVisible();
  await expect(diff.locator("del.diff-del").first()).toBeVisible();
  if (takenNow) await expect(diff.locator("del.diff-del", { hasText: "eerste dag" })).toBeVisible();
  // Screen-reader users hear what changed, not only see the colour.
  await expect(diff.locator("ins.diff-ins").first()).toContainText("ingevoegd:");
  await expect(diff.locator("del.diff-del").first()).toContainText("verwijderd:");
  await expect(leader.getByTestId("diff-summary")).toContainText("Ingevoegd:");
  await expectNoAxeViolations(leader);

  // Restore it, with a confirmation step.
  await leader.getByRole("link", { name: "Terug naar de versiegeschiedenis" }).click();
  await leader.getByRole("link", { name: "Stand na bijeenkomst 1", exact: true }).click();
  await leader.getByRole("link", { name: "Deze versie terugzetten" }).click();
  const confirm = leader.getByTestId("restore-confirm");
  await expect(confirm).toContainText("Versie terugzetten?");
  await expectNoAxeViolations(leader);
  await confirm.getByRole("button", { name: "Ja, terugzetten" }).click();
  await expect(leader.getByRole("status")).toContainText("De versie is teruggezet.");
  // The text from before the restore is kept as a version.
  await expect(
    leader
      .getByRole("link", { name: "Voor het terugzetten van ‘Stand na bijeenkomst 1’", exact: true })
      .first(),
  ).toBeVisible();

  // The member's open editor follows, without a reload.
  await expect(editorOf(member)).toContainText(firstLine as string);
  await expect(editorOf(member)).not.toContainText(rewrite);
  if (takenNow) await expect(editorOf(member)).toContainText(line);
  await expect(status(member)).toHaveText("Opgeslagen");
});
