// Subgroups and their outcomes, as organisers and facilitators use them: the outcome's title and
// type (the template seeds the document once), moving a member after formation, and templates
// edited by the organiser. Each test uses its own subgroups, so the order does not matter.
import type { Browser, Page } from "@playwright/test";
import { accounts, COMMUNITY_SLUG, expect, expectNoAxeViolations, login, test } from "./fixtures";

const MANAGE = `/communities/${COMMUNITY_SLUG}/manage`;
const editorOf = (page: Page) => page.getByRole("textbox", { name: "Tekst van de opbrengst" });
const status = (page: Page) => page.getByTestId("sync-status");

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  return { context, page };
}

/** Opens a subgroup from the organiser's subgroups page, by theme and name. */
async function openFromManage(page: Page, theme: string, subgroup: string) {
  await page.goto(`${MANAGE}/subgroups`);
  await page
    .getByRole("region", { name: theme, exact: true })
    .getByRole("link", { name: subgroup, exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${subgroup} · ${theme}`);
  await expect(status(page)).toHaveText("Opgeslagen", { timeout: 10_000 });
}

test("the facilitator sets title and type; the template seeds the document once", async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser, accounts.facilitatorBeleid.email);
  await page.goto("/me");
  await page.getByRole("link", { name: "Subgroep 1", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Subgroep 1 · Aanwezigheidsbeleid",
  );
  await expect(status(page)).toHaveText("Opgeslagen", { timeout: 10_000 });
  const settings = page.getByRole("region", { name: "Wat wordt jullie opbrengst?" });
  await expect(settings).toContainText(
    "In de eerste bijeenkomst bepaalt de subgroep wat de opbrengst wordt.",
  );

  // Too long a title: a Dutch message next to the field, and what was typed stays.
  const tooLong = "Stappenplan ".repeat(11);
  await settings.getByLabel("Titel van de opbrengst").fill(tooLong);
  await settings.getByRole("radio", { name: "Stappenplan" }).check();
  await settings.getByRole("button", { name: "Opbrengst vastleggen" }).click();
  await expect(settings.getByText("De titel mag hoogstens 120 tekens lang zijn.")).toBeVisible();
  await expect(settings.getByLabel("Titel van de opbrengst")).toHaveValue(tooLong);
  await expect(settings.getByRole("radio", { name: "Stappenplan" })).toBeChecked();

  const title = "Stappenplan bij zorgwekkend verzuim";
  await settings.getByLabel("Titel van de opbrengst").fill(title);
  await settings.getByRole("button", { name: "Opbrengst vastleggen" }).click();
  await expect(settings.getByRole("status")).toHaveText(
    "De titel en de soort zijn vastgelegd, en het sjabloon staat in het document.",
  );
  await expect(page.getByRole("heading", { level: 2, name: `Opbrengst: ${title}` })).toBeVisible();
  // The template arrives in the open editor through the sync server.
  for (const heading of ["Doel", "Stappen", "Wie doet wat", "Valkuilen"])
    await expect(page.locator("#outcome-editor h3", { hasText: heading })).toHaveCount(1);
  await expect(settings).toContainText("Een andere soort kiezen verandert nu alleen het label");

  // A second submit changes nothing in the document.
  await settings.getByRole("button", { name: "Opbrengst vastleggen" }).click();
  await expect(settings.getByRole("status")).toHaveText("De titel en de soort zijn vastgelegd.");
  await expect(status(page)).toHaveText("Opgeslagen");
  await expect(page.locator("#outcome-editor h3", { hasText: "Doel" })).toHaveCount(1);
  const html = await (await page.request.get(page.url())).text();
  expect(html.match(/<h3>Doel<\/h3>/g)).toHaveLength(1);
  await expectNoAxeViolations(page);
  const subgroupUrl = page.url();
  await context.close();

  // A member sees title and type, read-only.
  const member = await signedIn(browser, accounts.participant01.email);
  await member.page.goto(subgroupUrl);
  await expect(member.page.getByTestId("outcome-settings")).toContainText(
    "Soort opbrengst: Stappenplan",
  );
  await expect(member.page.getByLabel("Titel van de opbrengst")).toHaveCount(0);
  await expect(editorOf(member.page)).toContainText("Valkuilen");
  await member.context.close();
});

test("the organiser moves a member, whose workplace then links the new subgroup", async ({
  browser,
}) => {
  // Samenwerken: Sophie van den Berg is in Subgroep 1.
  const sophie = { email: "deelnemer09@werkplaats.test", name: "Sophie van den Berg" };
  const { context, page } = await signedIn(browser, accounts.organiser.email);
  await page.goto(`${MANAGE}/subgroups`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Subgroepen");
  await expectNoAxeViolations(page);

  const theme = page.getByRole("region", { name: "Samenwerken", exact: true });
  const move = theme.getByRole("combobox", { name: `${sophie.name} verplaatsen naar…` });
  // Keyboard only: focus the list, choose, and press the button.
  await move.focus();
  await move.selectOption({ label: "Subgroep 2" });
  await page.keyboard.press("Tab");
  await expect(theme.getByRole("button", { name: `${sophie.name} verplaatsen` })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").first()).toContainText(
    `${sophie.name} is verplaatst naar Subgroep 2.`,
  );
  const cards = theme
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3 }) });
  await expect(
    cards.filter({ hasText: "Subgroep 2" }).getByRole("list", { name: "Leden van Subgroep 2" }),
  ).toContainText(sophie.name);
  await expect(
    cards.filter({ hasText: "Subgroep 1" }).getByRole("list", { name: "Leden van Subgroep 1" }),
  ).not.toContainText(sophie.name);

  // Choosing nothing: a message next to that list, not an error page.
  const other = theme.getByRole("combobox", { name: "Mohammed Bouzid verplaatsen naar…" });
  await other.selectOption({ value: "" });
  await theme.getByRole("button", { name: "Mohammed Bouzid verplaatsen" }).click();
  await expect(theme.getByRole("alert")).toHaveText("Kies een subgroep.");
  await expectNoAxeViolations(page);
  await context.close();

  const member = await signedIn(browser, sophie.email);
  await member.page.goto("/me");
  await member.page.getByRole("main").getByRole("link", { name: "Naar Subgroep 2" }).click();
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText(
    "Subgroep 2 · Samenwerken",
  );
  await member.context.close();
});

test("the organiser edits the checklist template and a newly configured outcome gets it", async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser, accounts.organiser.email);
  await page.goto(`${MANAGE}/templates`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sjablonen voor opbrengsten");
  await expect(page.getByRole("region", { name: "Voorbeeld: Checklist" })).toContainText(
    "Waarvoor gebruik je deze checklist?",
  );
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Checklist bewerken" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sjabloon: Checklist");
  const editor = page.getByRole("textbox", { name: "Tekst van het sjabloon" });
  // A new heading after the first one, with the keyboard shortcut for "Kop".
  await editor.getByText("Waarvoor gebruik je deze checklist?").click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+Alt+3");
  await page.keyboard.type("Eigen controlepunt");
  await expect(editor.locator("h3", { hasText: "Eigen controlepunt" })).toBeVisible();

  // A link the schema does not allow, slipped into the posted JSON: refused in Dutch, and the
  // text in the editor stays.
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('input[name="content"]')!;
    input.value = JSON.stringify({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "klik",
              marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
            },
          ],
        },
      ],
    });
  });
  await page.getByRole("button", { name: "Sjabloon opslaan" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Het sjabloon bevat een link die niet is toegestaan. Een link begint met https://, http:// of mailto:.",
  );
  await expect(editor.locator("h3", { hasText: "Eigen controlepunt" })).toBeVisible();

  await editor.getByText("Eigen controlepunt").click();
  await page.keyboard.press("End");
  await page.keyboard.type(" en meer");
  await page.getByRole("button", { name: "Sjabloon opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Het sjabloon is opgeslagen.");
  await expectNoAxeViolations(page);
  // Without JavaScript the stored template is shown read-only.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toContain("<h3>Eigen controlepunt en meer</h3>");

  await openFromManage(page, "Effectieve methodieken", "Subgroep 1");
  const settings = page.getByRole("region", { name: "Wat wordt jullie opbrengst?" });
  await settings.getByRole("radio", { name: "Checklist" }).check();
  await settings.getByRole("button", { name: "Opbrengst vastleggen" }).click();
  await expect(
    page.locator("#outcome-editor h3", { hasText: "Eigen controlepunt en meer" }),
  ).toHaveCount(1);
  await expect(editorOf(page)).toContainText("Waarvoor gebruik je deze checklist?");
  await context.close();
});
