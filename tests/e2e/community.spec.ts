// The public page of the demo community "Werken aan aanwezigheid" (2021), as an anonymous visitor.
import { COMMUNITY_SLUG, expect, test } from "./fixtures";

test("the community page shows themes, meetings, practical information and partners", async ({
  page,
}) => {
  const response = await page.goto(`/communities/${COMMUNITY_SLUG}`);
  expect(response?.status()).toBe(200);
  const main = page.getByRole("main");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Werken aan aanwezigheid");
  await expect(page).toHaveTitle("Werken aan aanwezigheid · Werkplaats");

  // Three themes, each with its facilitator.
  const themes = main.getByRole("region", { name: "Thema's" }).getByRole("listitem");
  await expect(themes).toHaveCount(3);
  const expectedThemes = [
    ["Aanwezigheidsbeleid", "Jeroen Bakker"],
    ["Effectieve methodieken", "Fatima El Amrani"],
    ["Samenwerken", "Sanne Visser"],
  ] as const;
  for (const [index, [theme, facilitator]] of expectedThemes.entries()) {
    const card = themes.nth(index);
    await expect(card.getByRole("heading", { level: 3 })).toHaveText(theme);
    await expect(card).toContainText(`Gespreksleider: ${facilitator}`);
  }

  // Three past meetings, 13:00–15:30 in Amsterdam.
  const meetings = main.getByRole("region", { name: "Bijeenkomsten" }).locator("ol > li");
  await expect(meetings).toHaveCount(3);
  const expectedMeetings = [
    ["Bijeenkomst 1: Het begrip aanwezigheid", "donderdag 24 juni 2021"],
    ["Bijeenkomst 2: Werken aan de opbrengst", "dinsdag 21 september 2021"],
    ["Bijeenkomst 3: Opbrengsten delen", "dinsdag 16 november 2021"],
  ] as const;
  for (const [index, [title, date]] of expectedMeetings.entries()) {
    const meeting = meetings.nth(index);
    await expect(meeting.getByRole("heading", { level: 3 })).toHaveText(title);
    await expect(meeting.locator(".meeting-when")).toHaveText(`${date}, 13:00–15:30`);
    await expect(meeting.locator(".status")).toHaveText("Afgelopen");
    await expect(meeting).toContainText("Online");
    await expect(meeting.getByRole("heading", { name: "Plenair deel", level: 4 })).toBeVisible();
    await expect(meeting.getByRole("heading", { name: "Themagroepen", level: 4 })).toBeVisible();
  }
  await expect(meetings.first().locator("time")).toHaveAttribute(
    "datetime",
    "2021-06-24T11:00:00.000Z",
  );

  // Practical information.
  const practical = main.getByRole("region", { name: "Praktische informatie" });
  const facts = practical.locator("dl");
  await expect(facts.locator("dt")).toHaveText(["Voor wie", "Waar", "Wanneer", "Kosten"]);
  await expect(facts.locator("dd").nth(0)).toContainText(
    "medewerkers van scholen in het primair en voortgezet onderwijs",
  );
  await expect(facts.locator("dd").nth(1)).toHaveText("Online");
  await expect(facts.locator("dd").nth(2).getByRole("listitem")).toHaveText([
    "donderdag 24 juni 2021 | 13:00–15:30",
    "dinsdag 21 september 2021 | 13:00–15:30",
    "dinsdag 16 november 2021 | 13:00–15:30",
  ]);
  await expect(facts.locator("dd").nth(3)).toHaveText(
    "Er zijn geen kosten verbonden aan deelname.",
  );

  // The five partners, in order, as links.
  const partners = main.getByRole("region", { name: "Partners" }).getByRole("listitem");
  await expect(partners).toHaveText([
    "Steunpunt Passend Onderwijs",
    "Ingrado",
    "NCJ",
    "BiOND (voorheen NVS-NVL)",
    "LBBO",
  ]);
  await expect(partners.nth(1).getByRole("link")).toHaveAttribute("href", "https://www.ingrado.nl");

  // Anonymous visitors are invited to sign up or sign in.
  const register = main.getByRole("complementary", { name: "Aanmelden" });
  await expect(register).toContainText("Maak een account aan of log in om je aan te melden.");

  // The online meeting link is not in the page (nor in its data) for an anonymous visitor.
  await expect(main.getByRole("link", { name: "Deelnemen aan de online bijeenkomst" })).toHaveCount(
    0,
  );
  const html = await page.content();
  expect(html).not.toContain("meet.werkplaats.test");
  const raw = await (await page.request.get(`/communities/${COMMUNITY_SLUG}`)).text();
  expect(raw).not.toContain("meet.werkplaats.test");
  const data = await (await page.request.get(`/communities/${COMMUNITY_SLUG}.data`)).text();
  expect(data).not.toContain("meet.werkplaats.test");
});

test("the home page lists the community and links to it", async ({ page }) => {
  await page.goto("/");
  const card = page
    .getByRole("main")
    .getByRole("listitem")
    .filter({
      has: page.getByRole("link", { name: "Werken aan aanwezigheid" }),
    });
  await expect(card).toContainText("3 bijeenkomsten");
  await card.getByRole("link", { name: "Werken aan aanwezigheid" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${COMMUNITY_SLUG}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Werken aan aanwezigheid");
});

test("an unknown community is a Dutch 404 page", async ({ page }) => {
  const response = await page.goto("/communities/bestaat-niet");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  await expect(page).toHaveTitle("Pagina niet gevonden · Werkplaats");
});
