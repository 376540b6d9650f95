// Accounts and access: sign up, sign in/out, validation messages, password reset, the subgroup
// boundary, the sign-in redirect and the language switch.

import type { Page } from "@playwright/test";
import {
  accounts,
  DEMO_PASSWORD,
  expect,
  login,
  logout,
  test,
  uniqueEmail,
  waitForMail,
} from "./fixtures";

/** The form field block (label, hint, error, input) around the input with this label. */
function fieldOf(page: Page, label: string) {
  return page
    .getByRole("main")
    .locator(".field")
    .filter({ has: page.getByLabel(label, { exact: true }) });
}

test("a new user signs up, lands on Mijn werkplaats and signs out", async ({ page, context }) => {
  const email = uniqueEmail("signup");
  const name = "Els Nieuwenhuis";
  await page.goto("/signup");
  const main = page.getByRole("main");
  await main.getByLabel("Naam", { exact: true }).fill(name);
  await main.getByLabel("E-mailadres", { exact: true }).fill(email);
  await main.getByLabel("Wachtwoord", { exact: true }).fill("een-lang-wachtwoord");
  await main.getByRole("button", { name: "Account aanmaken", exact: true }).click();

  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn werkplaats");
  await expect(main.getByText(`Welkom, ${name}`)).toBeVisible();
  await expect(page.getByRole("banner").getByText(`Ingelogd als ${name}`)).toBeVisible();
  // Production sets a Secure session cookie; Chromium keeps it on http://127.0.0.1.
  const session = (await context.cookies()).find((c) => c.name === "werkplaats_session");
  expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });

  await logout(page);
  expect((await context.cookies()).find((c) => c.name === "werkplaats_session")).toBeUndefined();
  await expect(page).toHaveURL(/\/$/);
  const response = await page.goto("/me");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme$/);
});

test("a participant signs in, sees their theme and opens their subgroup", async ({ page }) => {
  await login(page, accounts.participant01.email);
  await expect(page).toHaveURL(/\/me$/);
  const main = page.getByRole("main");
  await expect(main.getByText(`Welkom, ${accounts.participant01.name}`)).toBeVisible();
  const registration = main.getByRole("listitem").filter({ hasText: "Werken aan aanwezigheid" });
  await expect(registration.locator("dd").first()).toHaveText("Aanwezigheidsbeleid");

  const subgroupLink = main.getByRole("link", { name: "Naar Subgroep 1" });
  await expect(subgroupLink).toHaveAttribute("href", /^\/subgroups\/[^/]+$/);
  await subgroupLink.click();

  await expect(page).toHaveURL(/\/subgroups\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Subgroep 1 · Aanwezigheidsbeleid",
  );
  const members = main.getByRole("complementary").getByRole("list").first();
  await expect(members.getByRole("listitem")).toContainText([accounts.participant01.name]);
  await expect(members).toContainText(accounts.participant02.name);
  const editor = main.locator("[data-room]");
  await expect(editor).toBeVisible();
  await expect(editor).toHaveAttribute("data-room", /.+/);
  await expect(editor).toHaveAttribute("data-writable", "true");

  await logout(page);
});

test("a wrong password and empty fields give Dutch messages", async ({ page }) => {
  await page.goto("/login");
  const main = page.getByRole("main");
  const email = main.getByLabel("E-mailadres", { exact: true });
  const password = main.getByLabel("Wachtwoord", { exact: true });
  const submit = main.getByRole("button", { name: "Inloggen", exact: true });

  await email.fill(accounts.participant01.email);
  await password.fill("dit-is-niet-het-wachtwoord");
  await submit.click();
  await expect(main.getByRole("alert")).toHaveText("Het e-mailadres of het wachtwoord klopt niet.");
  await expect(page).toHaveURL(/\/login/);
  await expect(email).toHaveValue(accounts.participant01.email);

  await email.fill("");
  await password.fill("");
  await submit.click();
  await expect(main.getByRole("alert")).toHaveText(
    "Er ging iets mis. Controleer de velden hieronder.",
  );
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  // The messages are next to (and programmatically tied to) their fields.
  await expect(email).toHaveAccessibleDescription("Vul je e-mailadres in.");
  await expect(password).toHaveAccessibleDescription("Vul je wachtwoord in.");
  await expect(fieldOf(page, "E-mailadres")).toContainText("Vul je e-mailadres in.");
  await expect(fieldOf(page, "Wachtwoord")).toContainText("Vul je wachtwoord in.");

  await email.fill("geen-e-mailadres");
  await password.fill("iets");
  await submit.click();
  await expect(email).toHaveAccessibleDescription(
    "Dit is geen geldig e-mailadres, bijvoorbeeld naam@school.nl.",
  );
  await expect(password).not.toHaveAttribute("aria-invalid", "true");
});

test("sign-up validation: short password and an existing e-mail address", async ({ page }) => {
  await page.goto("/signup");
  const main = page.getByRole("main");
  const submit = main.getByRole("button", { name: "Account aanmaken", exact: true });

  await main.getByLabel("Naam", { exact: true }).fill("Kees Kort");
  await main.getByLabel("E-mailadres", { exact: true }).fill(uniqueEmail("short"));
  await main.getByLabel("Wachtwoord", { exact: true }).fill("kort");
  await submit.click();
  const password = main.getByLabel("Wachtwoord", { exact: true });
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(fieldOf(page, "Wachtwoord")).toContainText(
    "Je wachtwoord moet minimaal 10 tekens lang zijn.",
  );
  await expect(password).toHaveAccessibleDescription(
    "Minimaal 10 tekens. Je wachtwoord moet minimaal 10 tekens lang zijn.",
  );
  // The other values are kept.
  await expect(main.getByLabel("Naam", { exact: true })).toHaveValue("Kees Kort");

  await main.getByLabel("E-mailadres", { exact: true }).fill(accounts.participant01.email);
  await password.fill("een-lang-wachtwoord");
  await submit.click();
  const email = main.getByLabel("E-mailadres", { exact: true });
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(fieldOf(page, "E-mailadres")).toContainText(
    "Er bestaat al een account met dit e-mailadres. Log in of vraag een nieuw wachtwoord aan.",
  );
  await expect(page).toHaveURL(/\/signup$/);

  // Everything empty: a message per field.
  await main.getByLabel("Naam", { exact: true }).fill("");
  await email.fill("");
  await submit.click();
  await expect(main.getByLabel("Naam", { exact: true })).toHaveAccessibleDescription(
    "Vul je naam in.",
  );
  await expect(email).toHaveAccessibleDescription("Vul je e-mailadres in.");
});

test("password reset by e-mail, once", async ({ page }) => {
  const user = accounts.participant02;
  const newPassword = `Nieuw-${Date.now().toString(36)}-wachtwoord`;
  const since = new Date();

  await page.goto("/forgot-password");
  const main = page.getByRole("main");
  await main.getByLabel("E-mailadres", { exact: true }).fill(user.email);
  await main.getByRole("button", { name: "Stuur de link", exact: true }).click();
  await expect(main).toContainText(
    "Als er een account bij dit e-mailadres hoort, hebben we een e-mail gestuurd",
  );

  // The e2e server runs in production, where /dev/outbox is refused (404); the mail is read from
  // the outbox directory that page would show.
  const outbox = await page.goto("/dev/outbox");
  expect(outbox?.status()).toBe(404);
  const mail = await waitForMail(user.email, since);
  expect(mail.subject).toBe("Je wachtwoord voor Werkplaats opnieuw instellen");
  const link = mail.text.match(/https?:\/\/\S+(\/reset-password\/[\w-]+)/)?.[1];
  expect(link, `a reset link in:\n${mail.text}`).toBeTruthy();
  const resetPath = link!;

  await page.goto(resetPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuw wachtwoord instellen");
  await main.getByLabel("Nieuw wachtwoord", { exact: true }).fill(newPassword);
  await main.getByLabel("Herhaal het nieuwe wachtwoord", { exact: true }).fill(newPassword);
  await main.getByRole("button", { name: "Wachtwoord opslaan", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(main.getByText(`Welkom, ${user.name}`)).toBeVisible();
  await logout(page);

  // The old password no longer works, the new one does.
  await page.goto("/login");
  await main.getByLabel("E-mailadres", { exact: true }).fill(user.email);
  await main.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(main.getByRole("alert")).toHaveText("Het e-mailadres of het wachtwoord klopt niet.");
  await login(page, user.email, newPassword);
  await expect(page).toHaveURL(/\/me$/);
  await logout(page);

  // The link works once.
  await page.goto(resetPath);
  await expect(main.getByRole("alert")).toHaveText(
    "Deze link is verlopen of al gebruikt. Vraag een nieuwe link aan.",
  );
  await expect(main.getByLabel("Nieuw wachtwoord", { exact: true })).toHaveCount(0);
});

test("a participant cannot open a subgroup they are not a member of", async ({ page, browser }) => {
  // A subgroup of another theme (Samenwerken), read from its facilitator's workplace.
  const facilitatorContext = await browser.newContext();
  const facilitator = await facilitatorContext.newPage();
  await login(facilitator, accounts.facilitatorSamenwerken.email);
  const otherSubgroup = await facilitator
    .getByRole("main")
    .getByRole("link", { name: "Subgroep 1", exact: true })
    .getAttribute("href");
  await facilitatorContext.close();
  expect(otherSubgroup).toMatch(/^\/subgroups\/[^/]+$/);

  await login(page, accounts.participant01.email);
  const ownSubgroup = await page
    .getByRole("main")
    .getByRole("link", { name: "Naar Subgroep 1" })
    .getAttribute("href");
  expect(ownSubgroup).not.toBe(otherSubgroup);

  const response = await page.goto(otherSubgroup!);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Geen toegang");
  await expect(page.getByRole("main")).not.toContainText("Sophie van den Berg");

  // An unknown subgroup is a 404, anonymous visitors are sent to sign in.
  const missing = await page.goto("/subgroups/bestaat-niet");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  await logout(page);
  await page.goto(otherSubgroup!);
  await expect(page).toHaveURL(
    new RegExp(`/login\\?redirectTo=${encodeURIComponent(otherSubgroup!)}$`),
  );
});

test("an anonymous visit to /me asks to sign in and then returns to /me", async ({ page }) => {
  await page.goto("/me");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
  await login(page, accounts.organiser.email);
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn werkplaats");
  await expect(page.getByRole("main")).toContainText("Organisator van Werken aan aanwezigheid");
});

test("the sign-in page sends a signed-in visitor on and never links back to itself", async ({
  page,
}) => {
  await page.goto("/login");
  await expect(page.getByRole("banner").getByRole("link", { name: "Inloggen" })).toHaveAttribute(
    "href",
    "/login",
  );
  await login(page, accounts.organiser.email);
  await expect(page).toHaveURL(/\/me$/);
  await page.goto("/login?redirectTo=%2Fcommunities%2Fwerken-aan-aanwezigheid");
  await expect(page).toHaveURL(/\/communities\/werken-aan-aanwezigheid$/);
  await page.goto("/signup");
  await expect(page).toHaveURL(/\/me$/);
});

test("the language switch shows the site in English and back in Dutch", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leergemeenschappen");

  const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
  await nav.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learning communities");
  await expect(page).toHaveURL(/\/$/);
  const englishNav = page.getByRole("navigation", { name: "Main menu" });
  await expect(englishNav.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();

  // The choice is remembered on the next page.
  await page.getByRole("link", { name: "Werken aan aanwezigheid" }).click();
  await expect(page.getByRole("heading", { name: "Themes", level: 2 })).toBeVisible();

  await englishNav.getByRole("button", { name: "Schakel naar Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page).toHaveURL(/\/communities\/werken-aan-aanwezigheid$/);
  await expect(page.getByRole("heading", { name: "Thema's", level: 2 })).toBeVisible();
});
