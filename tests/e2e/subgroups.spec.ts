// Subgroups and their outcomes, as organisers and facilitators use them: the outcome's title and
// type (the template seeds the document once), moving a member after formation, and templates
// edited by the organiser, and forming the subgroups of a new theme from real registrations.
// Each test uses its own subgroups, so the order does not matter.
import type { Browser, Page } from "@playwright/test";
import {
  accounts,
  COMMUNITY_SLUG,
  DEMO_PASSWORD,
  expect,
  expectNoAxeViolations,
  login,
  readOutbox,
  test,
  uniqueEmail,
} from "./fixtures";

const MANAGE = `/communities/${COMMUNITY_SLUG}/manage`;

// Several people sign in per test (Argon2 on a shared machine): more time than the default.
test.describe.configure({ timeout: 90_000 });
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
  await expect(page.getByRole("heading", { level: 2, name: "Subgroepen" })).toBeVisible();
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
  await expect(theme.getByRole("list", { name: "Leden van Subgroep 2" })).toContainText(
    sophie.name,
  );
  await expect(theme.getByRole("list", { name: "Leden van Subgroep 1" })).not.toContainText(
    sophie.name,
  );

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
  await expect(
    page.getByRole("heading", { level: 2, name: "Sjablonen voor opbrengsten" }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Voorbeeld: Checklist" })).toContainText(
    "Waarvoor gebruik je deze checklist?",
  );
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Checklist bewerken" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Sjabloon: Checklist" })).toBeVisible();
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

/** Signs up on the community page and registers for `theme` through the registration form. */
async function registerNewPerson(
  browser: Browser,
  person: { name: string; organisation: string; functionLabel: string },
  theme: string,
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/communities/${COMMUNITY_SLUG}`);
  const panel = page.getByRole("complementary", { name: "Aanmelden" });
  await panel.getByRole("link", { name: "Account aanmaken" }).click();
  const main = page.getByRole("main");
  await main.getByLabel("Naam", { exact: true }).fill(person.name);
  await main.getByLabel("E-mailadres", { exact: true }).fill(uniqueEmail("vorming"));
  await main.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${COMMUNITY_SLUG}(#.*)?$`));
  await panel.getByRole("radio", { name: new RegExp(`^Thema ${theme}`) }).check();
  await panel.getByLabel("Organisatie").fill(person.organisation);
  await panel.getByLabel("Functie").selectOption({ label: person.functionLabel });
  await panel.getByRole("checkbox", { name: /privacyverklaring/ }).check();
  await panel.getByRole("button", { name: "Aanmelden" }).click();
  await expect(panel.getByText(`Je bent aangemeld voor het thema ${theme}.`)).toBeVisible();
  await context.close();
}

test("the organiser forms the subgroups of a new theme from its registrations", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const theme = "Thuiszitten voorkomen";
  const organiser = await signedIn(browser, accounts.organiser.email);
  const page = organiser.page;
  await page.goto(`${MANAGE}/themes`);
  const add = page.getByRole("form", { name: "Thema toevoegen" });
  await add.getByLabel("Naam van het thema").fill(theme);
  await add.getByLabel("Beschrijving van het thema").fill("Samen werken aan minder thuiszitters.");
  await add.getByRole("button", { name: "Thema toevoegen" }).click();
  await expect(page.getByRole("form", { name: `Thema ${theme} bewerken` })).toBeVisible();

  const people = [
    { name: "Iris Koster", organisation: "OBS De Linde", functionLabel: "Primair onderwijs (PO)" },
    { name: "Jan Postma", organisation: "OBS De Linde", functionLabel: "Leerplicht / RMC" },
    { name: "Kim de Wit", organisation: "GGD Twente", functionLabel: "Jeugdgezondheidszorg (JGZ)" },
    { name: "Luuk Bos", organisation: "Gemeente Enschede", functionLabel: "Gemeente" },
    { name: "Mila Smits", organisation: "SWV Twente Noord", functionLabel: "Samenwerkingsverband" },
  ];
  for (const person of people) await registerNewPerson(browser, person, theme);

  await page.goto(`${MANAGE}/subgroups`);
  const section = page.getByRole("region", { name: theme, exact: true });
  await expect(section).toContainText("Aangemeld voor dit thema: 5 deelnemers.");
  // Subgroups of at most 3: two subgroups (3 and 2).
  await section.getByLabel("Hoogstens zoveel deelnemers per subgroep").fill("3");
  await section.getByRole("button", { name: "Nieuw voorstel maken" }).click();
  await expect(section.getByLabel("Naam van subgroep 2")).toBeVisible();
  await expect(section.getByLabel("Naam van subgroep 3")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The two colleagues of OBS De Linde are proposed apart.
  const iris = section.getByRole("combobox", { name: "Subgroep voor Iris Koster" });
  const jan = section.getByRole("combobox", { name: "Subgroep voor Jan Postma" });
  expect(await iris.inputValue()).not.toBe(await jan.inputValue());

  // Adjust by keyboard: rename subgroup 2 (the lists follow the name) and move Kim into it.
  await section.getByLabel("Naam van subgroep 2").fill("Tafel B");
  const kim = section.getByRole("combobox", { name: "Subgroep voor Kim de Wit" });
  await kim.focus();
  await kim.selectOption({ label: "Tafel B" });
  await expect(kim.locator("option:checked")).toHaveText("Tafel B");

  // A duplicate name: a Dutch message next to the field; the adjustments stay.
  await section.getByLabel("Naam van subgroep 1").fill("tafel b");
  await section.getByRole("button", { name: "Subgroepen bevestigen" }).click();
  await expect(section.getByText("Deze naam is al gebruikt in dit thema.")).toBeVisible();
  // The second of the two equal names is marked.
  await expect(section.getByLabel("Naam van subgroep 2")).toHaveAttribute("aria-invalid", "true");
  await expect(kim.locator("option:checked")).toHaveText("Tafel B");
  await expectNoAxeViolations(page);

  await section.getByLabel("Naam van subgroep 1").fill("Tafel A");
  // Two quick clicks: one set of subgroups.
  await section.getByRole("button", { name: "Subgroepen bevestigen" }).dblclick();
  await expect(section.getByRole("heading", { level: 4, name: "Tafel A" })).toBeVisible();
  await expect(section.getByRole("heading", { level: 4, name: "Tafel B" })).toBeVisible();
  await expect(section.getByRole("list", { name: /^Leden van / })).toHaveCount(2);
  await expect(section.getByRole("list", { name: "Leden van Tafel B" })).toContainText(
    "Kim de Wit",
  );
  await expect(section).toContainText(
    "Iedereen die voor dit thema is aangemeld, zit in een subgroep.",
  );
  await page.reload();
  await expect(section.getByRole("list", { name: /^Leden van / })).toHaveCount(2);
  await expect(section.getByRole("combobox", { name: /^Subgroep voor / })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Every member gets exactly one mail, with a link to their subgroup.
  await expect
    .poll(
      async () =>
        (await readOutbox()).filter((m) => m.subject.startsWith(`Je subgroep voor ${theme}:`))
          .length,
      { timeout: 20_000 },
    )
    .toBe(5);
  await page.waitForTimeout(1_000);
  const mails = (await readOutbox()).filter((m) =>
    m.subject.startsWith(`Je subgroep voor ${theme}:`),
  );
  expect(mails).toHaveLength(5);
  expect(new Set(mails.map((m) => m.to)).size).toBe(5);
  const kimsMail = mails.find((m) => m.text.startsWith("Beste Kim de Wit,"))!;
  expect(kimsMail.subject).toBe(`Je subgroep voor ${theme}: Tafel B`);
  const link = kimsMail.text.match(/https?:\/\/\S+\/subgroups\/\S+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Tafel B · ${theme}`);
  await organiser.context.close();
});
