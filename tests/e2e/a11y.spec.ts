// Accessibility: an axe-core scan (WCAG 2.1 A and AA) of every page, anonymous, signed in and in
// English, and the keyboard paths: the skip link and signing in without a mouse.

import type { Locator, Page } from "@playwright/test";
import {
  accounts,
  COMMUNITY_SLUG,
  DEMO_PASSWORD,
  expect,
  expectNoAxeViolations,
  login,
  logout,
  test,
  waitForMail,
} from "./fixtures";

const COMMUNITY = `/communities/${COMMUNITY_SLUG}`;

test.describe("axe-core finds no WCAG 2.1 A/AA violations", () => {
  const anonymousPages: { name: string; path: string; status: number; heading: string }[] = [
    { name: "home", path: "/", status: 200, heading: "Leergemeenschappen" },
    { name: "community", path: COMMUNITY, status: 200, heading: "Werken aan aanwezigheid" },
    { name: "login", path: "/login", status: 200, heading: "Inloggen" },
    { name: "signup", path: "/signup", status: 200, heading: "Account aanmaken" },
    {
      name: "forgot password",
      path: "/forgot-password",
      status: 200,
      heading: "Wachtwoord vergeten",
    },
    {
      name: "reset password, invalid token",
      path: "/reset-password/ongeldig-token",
      status: 200,
      heading: "Nieuw wachtwoord instellen",
    },
    { name: "privacy", path: "/privacy", status: 200, heading: "Privacyverklaring" },
    // Development tool: refused in production (the e2e server), so this is its 404 page.
    { name: "dev outbox", path: "/dev/outbox", status: 404, heading: "Pagina niet gevonden" },
    { name: "not found", path: "/bestaat-niet", status: 404, heading: "Pagina niet gevonden" },
  ];

  for (const { name, path, status, heading } of anonymousPages) {
    test(`${name} (${path})`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(status);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expectNoAxeViolations(page);
    });
  }

  test("login after a failed submit, with the errors shown", async ({ page }) => {
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Inloggen", exact: true }).click();
    await expect(main.getByLabel("E-mailadres", { exact: true })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expectNoAxeViolations(page);

    await main.getByLabel("E-mailadres", { exact: true }).fill(accounts.participant01.email);
    await main.getByLabel("Wachtwoord", { exact: true }).fill("fout-wachtwoord");
    await main.getByRole("button", { name: "Inloggen", exact: true }).click();
    await expect(main.getByRole("alert")).toHaveText(
      "Het e-mailadres of het wachtwoord klopt niet.",
    );
    await expectNoAxeViolations(page);
  });

  test("signup after a failed submit, with the errors shown", async ({ page }) => {
    await page.goto("/signup");
    const main = page.getByRole("main");
    await main.getByLabel("Wachtwoord", { exact: true }).fill("kort");
    await main.getByRole("button", { name: "Account aanmaken", exact: true }).click();
    await expect(main.getByLabel("Naam", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);
  });

  test("reset password with a valid link: the form, and after mismatching passwords", async ({
    page,
  }) => {
    // A link for an account no other test signs in with; the reset is never completed.
    const user = accounts.participant06;
    const since = new Date();
    await page.goto("/forgot-password");
    const main = page.getByRole("main");
    await main.getByLabel("E-mailadres", { exact: true }).fill(user.email);
    await main.getByRole("button", { name: "Stuur de link", exact: true }).click();
    const mail = await waitForMail(user.email, since);
    const link = mail.text.match(/https?:\/\/\S+(\/reset-password\/[\w-]+)/)?.[1];
    expect(link, `a reset link in:\n${mail.text}`).toBeTruthy();

    await page.goto(link!);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuw wachtwoord instellen");
    const password = main.getByLabel("Nieuw wachtwoord", { exact: true });
    const confirm = main.getByLabel("Herhaal het nieuwe wachtwoord", { exact: true });
    await expect(password).toBeVisible();
    await expectNoAxeViolations(page);

    await password.fill("Een-lang-nieuw-wachtwoord-1");
    await confirm.fill("Een-ander-nieuw-wachtwoord-2");
    await main.getByRole("button", { name: "Wachtwoord opslaan", exact: true }).click();
    await expect(confirm).toHaveAttribute("aria-invalid", "true");
    await expect(main.getByRole("alert")).toBeVisible();
    expect(new URL(page.url()).pathname, "the reset was not completed").toBe(link);
    await expectNoAxeViolations(page);
  });

  test("signed in as a participant: /me, their subgroup and /logout", async ({ page }) => {
    await login(page, accounts.participant01.email);
    await expect(page).toHaveURL(/\/me$/);
    await expectNoAxeViolations(page);

    await page.getByRole("main").getByRole("link", { name: "Naar Subgroep 1" }).click();
    await expect(page).toHaveURL(/\/subgroups\//);
    // The live editor has loaded (toolbar, presence, save state are part of the scan).
    await expect(page.getByTestId("sync-status")).toHaveText("Opgeslagen", { timeout: 10_000 });
    await expectNoAxeViolations(page);

    await page.goto(COMMUNITY);
    await expect(page.getByRole("main")).toContainText("Je bent aangemeld voor het thema");
    await expectNoAxeViolations(page);

    await page.goto("/logout");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uitloggen");
    await expectNoAxeViolations(page);
  });

  test("signed in as a facilitator: /me and a subgroup they lead; a participant's 403 page", async ({
    page,
  }) => {
    await login(page, accounts.facilitatorBeleid.email);
    await expect(page.getByRole("main")).toContainText("Subgroepen die je begeleidt");
    await expectNoAxeViolations(page);

    // Subgroep 2 of Aanwezigheidsbeleid: deelnemer01 is in Subgroep 1, so it is not theirs.
    await page.getByRole("main").getByRole("link", { name: "Subgroep 2", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Subgroep 2 · Aanwezigheidsbeleid",
    );
    await expectNoAxeViolations(page);
    const otherSubgroup = new URL(page.url()).pathname;

    await logout(page);
    await login(page, accounts.participant01.email);
    const response = await page.goto(otherSubgroup);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Geen toegang");
    await expectNoAxeViolations(page);
  });

  test("signed in as the organiser: /me", async ({ page }) => {
    await login(page, accounts.organiser.email);
    await expect(page.getByRole("main")).toContainText("Organisator van Werken aan aanwezigheid");
    await expectNoAxeViolations(page);
  });

  test("in English after the header switch: /login, /signup, /me and a subgroup", async ({
    page,
  }) => {
    // Switched while signed out, so only the cookie changes, not the account's language.
    await page.goto("/login");
    await page
      .getByRole("navigation", { name: "Hoofdmenu" })
      .getByRole("button", { name: "Switch to English", exact: true })
      .click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expectNoAxeViolations(page);

    await page.goto("/signup");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create account");
    await expectNoAxeViolations(page);

    const user = accounts.participant07;
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByLabel("E-mail address", { exact: true }).fill(user.email);
    await main.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await main.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My workplace");
    await expect(main.getByText(`Welcome, ${user.name}`)).toBeVisible();
    await expectNoAxeViolations(page);

    await main.getByRole("link", { name: "Go to Subgroep 2" }).click();
    await expect(page).toHaveURL(/\/subgroups\//);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(main.getByRole("heading", { name: "Members", level: 2 })).toBeVisible();
    await expect(page.getByTestId("sync-status")).toHaveText("Saved", { timeout: 10_000 });
    await expectNoAxeViolations(page);
  });

  test.describe("in English", () => {
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "werkplaats_lang", value: "en", url: baseURL! }]);
    });

    test("home (/)", async ({ page }) => {
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learning communities");
      await expectNoAxeViolations(page);
    });

    test(`community (${COMMUNITY})`, async ({ page }) => {
      await page.goto(COMMUNITY);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("heading", { name: "Themes", level: 2 })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
});

test.describe("keyboard", () => {
  test("the skip link is the first Tab stop and moves focus to the main content", async ({
    page,
  }) => {
    await page.goto(COMMUNITY);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Naar de inhoud" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    await expect(page).toHaveURL(/#main$/);
    // The next Tab continues inside the main content, not back in the header.
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => !!document.activeElement?.closest("main"));
    expect(next).toBe(true);
  });

  test("signing in works with the keyboard only", async ({ page }) => {
    await page.goto("/login");
    const main = page.getByRole("main");
    const email = main.getByLabel("E-mailadres", { exact: true });
    const password = main.getByLabel("Wachtwoord", { exact: true });
    const submit = main.getByRole("button", { name: "Inloggen", exact: true });

    // Skip link, header, then the form.
    await tabTo(page, email);
    await page.keyboard.type(accounts.participant01.email);
    await page.keyboard.press("Tab");
    await expect(password).toBeFocused();
    await page.keyboard.type("fout-wachtwoord");
    await page.keyboard.press("Tab");
    await expect(submit).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(main.getByRole("alert")).toHaveText(
      "Het e-mailadres of het wachtwoord klopt niet.",
    );

    // Back to the password field with Tab (wherever focus went), correct it, submit with Enter.
    await tabTo(page, password);
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Werkplaats2021!");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn werkplaats");
  });

  // Keyboard and screen-reader users must land on what went wrong, not at the top of the page.
  test("after a failed submit, focus moves to the error summary", async ({ page }) => {
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Inloggen", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(main.getByLabel("E-mailadres", { exact: true })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expect(main.getByRole("alert")).toBeFocused();
    // A second failed attempt focuses the (new) message again.
    await main.getByLabel("E-mailadres", { exact: true }).fill("deelnemer01@werkplaats.test");
    await main.getByLabel("Wachtwoord", { exact: true }).fill("fout wachtwoord");
    await page.keyboard.press("Enter");
    await expect(main.getByRole("alert")).toHaveText(
      "Het e-mailadres of het wachtwoord klopt niet.",
    );
    await expect(main.getByRole("alert")).toBeFocused();
  });
});

/** Presses Tab until `target` has focus (fails after `max` presses). */
async function tabTo(page: Page, target: Locator, max = 30) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}
