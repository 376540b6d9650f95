// Registration end to end: from the public page through sign-up to a place, the waitlist when
// a theme is full, withdrawal and promotion (with its mail), calendar files, the organiser's
// list and CSV, and the privacy pages. The waitlist test runs on a theme of its own with one
// place, made by the organiser, so it does not depend on (or change) the seeded themes' places.
import fs from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import ICAL from "ical.js";
import {
  DEMO_PASSWORD,
  expect,
  expectNoAxeViolations,
  login,
  test,
  uniqueEmail,
  waitForMail,
} from "./fixtures";

const COMMUNITY = "/communities/werken-aan-aanwezigheid";

async function signUpFromCommunityPage(page: Page, name: string, email: string) {
  await page.goto(COMMUNITY);
  const panel = page.getByRole("complementary", { name: "Aanmelden" });
  await panel.getByRole("link", { name: "Account aanmaken" }).click();
  const main = page.getByRole("main");
  await main.getByLabel("Naam", { exact: true }).fill(name);
  await main.getByLabel("E-mailadres", { exact: true }).fill(email);
  await main.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Account aanmaken" }).click();
  // Back on the community page, signed in.
  await expect(page).toHaveURL(new RegExp(`${COMMUNITY}(#.*)?$`));
}

async function registerFor(page: Page, choice: string) {
  const panel = page.getByRole("complementary", { name: "Aanmelden" });
  await panel.getByRole("radio", { name: new RegExp(`^${choice}`) }).check();
  await panel.getByLabel("Organisatie").fill("Stichting Samen Naar School");
  await panel.getByLabel("Functie").selectOption({ label: "Samenwerkingsverband" });
  await panel.getByRole("checkbox", { name: /privacyverklaring/ }).check();
  await panel.getByRole("button", { name: "Aanmelden" }).click();
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

test("register, meet the waitlist, withdraw and watch the first in line get the place", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const first = { name: "Lieke Dekker", email: uniqueEmail("eerste") };
  const second = { name: "Ruben Vos", email: uniqueEmail("tweede") };
  const themeName = `Wachtlijst ${Math.random().toString(36).slice(2, 7)}`;

  // The organiser opens a theme with one place.
  const organiser = await newPage(browser);
  await login(organiser, "organisator@werkplaats.test");
  await organiser.goto(`${COMMUNITY}/manage/themes`);
  const add = organiser.getByRole("form", { name: "Thema toevoegen" });
  await add.getByLabel("Naam van het thema").fill(themeName);
  await add.getByLabel("Beschrijving van het thema").fill("Eén plaats, om de wachtlijst te zien.");
  await add.getByLabel("Aantal plaatsen in dit thema").fill("1");
  await add.getByRole("button", { name: "Thema toevoegen" }).click();
  await expect(organiser.getByRole("form", { name: `Thema ${themeName} bewerken` })).toBeVisible();

  await signUpFromCommunityPage(page, first.name, first.email);
  const panel = page.getByRole("complementary", { name: "Aanmelden" });

  // Bad input: every field answers in Dutch, nothing typed is lost.
  await panel.getByLabel("Organisatie").fill("Stichting Samen Naar School");
  await panel.getByRole("button", { name: "Aanmelden" }).click();
  await expect(panel.getByText("Kies een thema of het plenaire deel.")).toBeVisible();
  await expect(panel.getByText("Kies je functie.")).toBeVisible();
  await expect(
    panel.getByText("Je kunt je alleen aanmelden als je akkoord gaat met de privacyverklaring."),
  ).toBeVisible();
  await expect(panel.getByLabel("Organisatie")).toHaveValue("Stichting Samen Naar School");
  await expectNoAxeViolations(page);

  const since = new Date();
  await registerFor(page, `Thema ${themeName}`);
  await expect(panel.getByRole("status")).toContainText("Je bent aangemeld");
  await expect(panel.getByText(`Je bent aangemeld voor het thema ${themeName}.`)).toBeVisible();
  const confirmation = await waitForMail(first.email, since);
  expect(confirmation.subject).toBe("Aanmelding bevestigd: Werken aan aanwezigheid");

  // The second person finds the theme full and joins the waitlist.
  const other = await newPage(browser);
  await signUpFromCommunityPage(other, second.name, second.email);
  const otherPanel = other.getByRole("complementary", { name: "Aanmelden" });
  await expect(
    otherPanel.getByRole("radio", {
      name: new RegExp(`Thema ${themeName}.*vol, je komt op de wachtlijst`),
    }),
  ).toBeVisible();
  await registerFor(other, `Thema ${themeName}`);
  await expect(otherPanel.getByRole("status")).toContainText(
    "Je staat op de wachtlijst (plaats 1)",
  );
  await other.goto("/me");
  await expect(other.getByText("Op de wachtlijst (wachtlijstplaats 1)")).toBeVisible();
  await expectNoAxeViolations(other);

  // The first withdraws (after confirming); the second gets the place and a mail.
  const promotedSince = new Date();
  page.once("dialog", (dialog) => dialog.accept());
  await panel.getByRole("button", { name: "Afmelden" }).click();
  await expect(panel.getByRole("status")).toContainText("Je bent afgemeld");
  // The waitlist mail of a moment ago may fall within waitForMail's slack: ask for this one.
  const promotion = await waitForMail(
    second.email,
    promotedSince,
    "Er is een plaats voor je: Werken aan aanwezigheid",
  );
  expect(promotion.text).toContain("er is een plaats vrijgekomen");
  await other.goto(COMMUNITY);
  await expect(
    otherPanel.getByText(`Je bent aangemeld voor het thema ${themeName}.`),
  ).toBeVisible();

  // A registrant's calendar file carries the online link and Amsterdam times; a visitor's not.
  const response = await other.request.get(`${COMMUNITY}/meetings/1/calendar.ics`);
  expect(response.headers()["content-type"]).toContain("text/calendar");
  const ics = await response.text();
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!);
  expect(event.component.getFirstProperty("dtstart")!.getParameter("tzid")).toBe(
    "Europe/Amsterdam",
  );
  expect(event.startDate.toString()).toBe("2021-06-24T13:00:00");
  expect(event.endDate.toString()).toBe("2021-06-24T15:30:00");
  expect(event.location).toBe(
    "Online: https://meet.werkplaats.test/werken-aan-aanwezigheid/bijeenkomst-1",
  );
  const visitor = await newPage(browser);
  const feed = await (await visitor.request.get(`${COMMUNITY}/calendar.ics`)).text();
  const events = new ICAL.Component(ICAL.parse(feed)).getAllSubcomponents("vevent");
  expect(events.map((e) => new ICAL.Event(e).location)).toEqual(["Online", "Online", "Online"]);
  expect(feed.replace(/\r\n /g, "")).not.toContain("meet.werkplaats.test");

  // The organiser sees both, filters them and downloads the CSV.
  await organiser.goto(`${COMMUNITY}/manage/registrations`);
  await organiser.getByLabel("Zoeken op naam, e-mail of organisatie").fill("Samen Naar School");
  await organiser.getByRole("button", { name: "Toon" }).click();
  const table = organiser.getByRole("table");
  await expect(table.getByRole("row", { name: new RegExp(first.name) })).toContainText("Afgemeld");
  await expect(table.getByRole("row", { name: new RegExp(second.name) })).toContainText(
    "Aangemeld",
  );
  await expectNoAxeViolations(organiser);
  const download = organiser.waitForEvent("download");
  await organiser.getByRole("link", { name: "Download als CSV" }).click();
  const csv = await fs.readFile((await (await download).path())!, "utf8");
  expect(csv.split("\n")[0]).toContain("Naam;E-mailadres;Organisatie");
  expect(csv).toContain(second.email);
  expect(csv.trim().split("\n")).toHaveLength(3);
});

test("the cancelled, full Ontwikkelgroep and the thema-cafés with walk-in show every fact", async ({
  page,
}) => {
  await page.goto("/communities/ontwikkelgroep-preventie-van-thuiszitten");
  const meeting = page.getByRole("listitem").filter({ hasText: "Bijeenkomst 1" });
  await expect(meeting).toContainText("woensdag 25 maart 2020");
  await expect(meeting).toContainText(/12:30\s*[–-]\s*15:30/);
  await expect(meeting).toContainText("Geannuleerd");
  await expect(meeting).toContainText("coronavirus");
  await expect(meeting).toContainText("VO-raad, Aidadreef 4, Utrecht");
  await expect(page.getByRole("complementary", { name: "Aanmelden" })).toContainText(
    "Deze ontwikkelgroep is vol.",
  );
  await expectNoAxeViolations(page);

  await page.goto("/communities/themacafes-thuiszitters");
  const noord = page.getByRole("listitem").filter({ hasText: "Thema-café regio Noord-West" });
  await expect(noord).toContainText("dinsdag 27 november 2018");
  await expect(noord).toContainText("Inloop vanaf 12:30 (met een broodje en soep)");
  await expect(noord).toContainText("Regio: Noord-West");
  await expect(page.getByRole("complementary", { name: "Aanmelden" })).toContainText(
    "Aanmelden kan vanaf week 45",
  );
  await expectNoAxeViolations(page);
});

test("privacy: statement pages, own data as JSON, and deleting an account", async ({ page }) => {
  for (const path of ["/privacy", "/accessibility"]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  const email = uniqueEmail("weg");
  await signUpFromCommunityPage(page, "Tijdelijke Deelnemer", email);
  await registerFor(page, "Alleen het plenaire deel");
  await page.goto("/me");
  const data = await (await page.request.get("/me/data.json")).json();
  expect(data.account.email).toBe(email);
  expect(data.registrations[0].plenaryOnly).toBe(true);

  await page.getByRole("link", { name: "Account verwijderen" }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Je wachtwoord, ter bevestiging").fill("niet-mijn-wachtwoord");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Mijn account definitief verwijderen" }).click();
  await expect(page.getByText("Dit wachtwoord klopt niet.")).toBeVisible();
  await page.getByLabel("Je wachtwoord, ter bevestiging").fill(DEMO_PASSWORD);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Mijn account definitief verwijderen" }).click();
  await expect(page.getByRole("status")).toContainText("Je account is verwijderd.");
  await page.goto("/login");
  const main = page.getByRole("main");
  await main.getByLabel("E-mailadres", { exact: true }).fill(email);
  await main.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
});
