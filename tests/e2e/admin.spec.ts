// The organiser admin: planning, cancelling and deleting a meeting of the demo community (what
// the public page then shows), bad input answered in Dutch next to the field, who gets in, a new
// community, and axe-core on every admin page. Tests that change the demo community undo it.
import type { Page } from "@playwright/test";
import {
  accounts,
  COMMUNITY_SLUG,
  expect,
  expectNoAxeViolations,
  login,
  logout,
  test,
  uniqueEmail,
} from "./fixtures";

const MANAGE = `/communities/${COMMUNITY_SLUG}/manage`;

/** Cancels (when needed) and deletes a meeting of the demo community through the admin pages. */
async function removeMeeting(page: Page, number: number) {
  const response = await page.goto(`${MANAGE}/meetings/${number}`);
  if (response?.status() !== 200) return;
  const cancel = page.getByRole("form", { name: "Bijeenkomst annuleren" });
  if (await cancel.isVisible()) {
    await cancel.getByLabel("Reden van de annulering").fill("Opruimen na de test");
    await cancel.getByRole("checkbox").check();
    await cancel.getByRole("button", { name: "Bijeenkomst annuleren" }).click();
    await expect(page.getByRole("main")).toContainText("Reden: Opruimen na de test");
  }
  await page.getByText("Per ongeluk aangemaakt? Bijeenkomst verwijderen").click();
  const del = page.getByRole("form", { name: "Bijeenkomst verwijderen" });
  await del.getByRole("checkbox").check();
  await del.getByRole("button", { name: "Bijeenkomst verwijderen" }).click();
  await expect(page).toHaveURL(`${MANAGE}/meetings?done=deleted`);
}

test("an organiser plans a meeting with a programme, cancels it with a reason and deletes it", async ({
  page,
}) => {
  // Many pages, three axe scans and the clean-up, on a busy machine.
  test.setTimeout(120_000);
  try {
    await login(page, accounts.organiser.email);
    await page.goto(`${MANAGE}/meetings`);
    const nav = page.getByRole("navigation", { name: "Beheer" });
    await expect(nav.getByRole("link", { name: "Bijeenkomsten" })).toHaveAttribute(
      "aria-current",
      "page",
    );

    const form = page.getByRole("form", { name: "Nieuwe bijeenkomst" });
    await form.getByLabel("Titel").fill("Regiobijeenkomst");
    await form.getByLabel("Datum").fill("2030-03-14");
    await form.getByLabel("Begintijd").fill("19:30");
    await form.getByLabel("Eindtijd").fill("21:00");
    await form.getByLabel("Inloop vanaf").fill("19:00");
    await form.getByLabel("Toelichting bij de inloop").fill("Inloop vanaf 19.00 uur met koffie");
    await form.getByLabel("Regio").fill("Noord-West");
    await form.getByRole("radio", { name: "Op locatie" }).check();
    await form.getByLabel("Naam van de locatie").fill("Locatie volgt");
    await form.getByRole("button", { name: "Bijeenkomst aanmaken" }).click();

    // Numbered by date: after the three meetings of 2021 it is meeting 4.
    await expect(page).toHaveURL(`${MANAGE}/meetings/4?done=created`);
    await expect(page.getByRole("status")).toHaveText(
      "Bijeenkomst 4 is aangemaakt. Zet hieronder het programma erin.",
    );

    const add = page.getByRole("form", { name: "Onderdeel toevoegen" });
    await add.getByLabel("Deel", { exact: true }).selectOption({ label: "Plenair deel" });
    await add.getByLabel(/^Tijd/).fill("19:30");
    await add.getByLabel("Onderdeel", { exact: true }).fill("Welkom en opening");
    await add.getByRole("button", { name: "Onderdeel toevoegen" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "‘Welkom en opening’ staat in het programma.",
    );
    await add.getByLabel("Deel", { exact: true }).selectOption({ label: "Themagroepen" });
    await add.getByLabel(/^Tijd/).fill("19:45");
    await add.getByLabel("Onderdeel", { exact: true }).fill("Themagroepen: aan de slag");
    await add.getByRole("button", { name: "Onderdeel toevoegen" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "‘Themagroepen: aan de slag’ staat in het programma.",
    );
    // After an add, the keyboard continues in the emptied form; moving keeps focus on the item.
    await expect(add.getByLabel("Deel", { exact: true })).toBeFocused();
    await add.getByLabel("Onderdeel", { exact: true }).fill("Pauze");
    await add.getByRole("button", { name: "Onderdeel toevoegen" }).click();
    await expect(page.getByRole("status")).toHaveText("‘Pauze’ staat in het programma.");
    await page.getByRole("button", { name: "Omhoog verplaatsen: Pauze" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toHaveText("De volgorde is aangepast.");
    await expect(page.getByRole("button", { name: "Omlaag verplaatsen: Pauze" })).toBeFocused();
    await expect(page.locator(".agenda-part").first().locator("strong")).toHaveText([
      "Pauze",
      "Welkom en opening",
    ]);
    await expectNoAxeViolations(page);

    // The public page shows it in Amsterdam time (winter: UTC+1), with its programme.
    await page.goto(`/communities/${COMMUNITY_SLUG}`);
    const meeting = page.getByRole("region", { name: "Bijeenkomsten" }).locator("ol > li").nth(3);
    await expect(meeting.getByRole("heading", { level: 3 })).toHaveText(
      "Bijeenkomst 4: Regiobijeenkomst",
    );
    await expect(meeting.locator(".meeting-when")).toHaveText(
      "donderdag 14 maart 2030, 19:30–21:00",
    );
    await expect(meeting.locator("time")).toHaveAttribute("datetime", "2030-03-14T18:30:00.000Z");
    await expect(meeting).toContainText("Locatie volgt");
    await expect(meeting.locator(".status")).toHaveText("Gepland");
    await expect(meeting.getByRole("heading", { name: "Plenair deel", level: 4 })).toBeVisible();
    await expect(meeting).toContainText("19:30 Welkom en opening");
    await expect(meeting).toContainText("19:45 Themagroepen: aan de slag");

    // Cancelling needs a reason and a tick; without them nothing happens.
    await page.goto(`${MANAGE}/meetings/4`);
    const cancel = page.getByRole("form", { name: "Bijeenkomst annuleren" });
    await cancel.getByRole("button", { name: "Bijeenkomst annuleren" }).click();
    await expect(cancel.getByRole("alert")).toBeFocused();
    await expect(cancel).toContainText(
      "Schrijf de reden op. Die komt op de pagina en in de e-mail aan de deelnemers.",
    );
    await expect(cancel).toContainText("Vink aan dat je het zeker weet.");
    await expect(cancel.getByLabel("Reden van de annulering")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expectNoAxeViolations(page);

    await cancel.getByLabel("Reden van de annulering").fill("De zaal is niet beschikbaar.");
    // By keyboard: the confirmation box and the button.
    await cancel.getByRole("checkbox").focus();
    await page.keyboard.press("Space");
    await cancel.getByRole("button", { name: "Bijeenkomst annuleren" }).focus();
    await page.keyboard.press("Enter");
    // All thirteen demo participants are registered.
    await expect(page.getByRole("status")).toHaveText(
      "De bijeenkomst is geannuleerd. Er staan 13 e-mails klaar voor de aangemelde deelnemers.",
    );
    await expect(page.getByRole("main")).toContainText(
      "Geannuleerd. Reden: De zaal is niet beschikbaar.",
    );

    await page.goto(`/communities/${COMMUNITY_SLUG}`);
    const cancelled = page.getByRole("region", { name: "Bijeenkomsten" }).locator("ol > li").nth(3);
    await expect(cancelled.locator(".status")).toHaveText("Geannuleerd");
    await expect(cancelled).toContainText("Reden: De zaal is niet beschikbaar.");

    // Cleaning up: a cancelled meeting can be deleted; the public page is as before.
    await page.goto(`${MANAGE}/meetings/4`);
    await page.getByText("Per ongeluk aangemaakt? Bijeenkomst verwijderen").click();
    const del = page.getByRole("form", { name: "Bijeenkomst verwijderen" });
    await del.getByLabel("Ja, verwijder bijeenkomst 4 met het programma").check();
    await del.getByRole("button", { name: "Bijeenkomst verwijderen" }).click();
    await expect(page).toHaveURL(`${MANAGE}/meetings?done=deleted`);
    await expect(page.getByRole("status")).toHaveText("De bijeenkomst is verwijderd.");
    await page.goto(`/communities/${COMMUNITY_SLUG}`);
    await expect(
      page.getByRole("region", { name: "Bijeenkomsten" }).locator("ol > li"),
    ).toHaveCount(3);
  } finally {
    // Whatever failed above, the demo community keeps its three meetings for the other specs.
    await removeMeeting(page, 4);
  }
});

test("bad input is answered in Dutch next to the field, keeping what was typed", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await login(page, accounts.organiser.email);
  await page.goto(`${MANAGE}/meetings`);
  const form = page.getByRole("form", { name: "Nieuwe bijeenkomst" });
  await form.getByLabel("Titel").fill("Te laat begonnen");
  await form.getByLabel("Datum").fill("2030-05-01");
  await form.getByLabel("Begintijd").fill("15:00");
  await form.getByLabel("Eindtijd").fill("13:00");
  await form.getByRole("radio", { name: "Online" }).check();
  await form.getByLabel("Link naar de online bijeenkomst").fill("meet.werkplaats");
  await form.getByRole("button", { name: "Bijeenkomst aanmaken" }).click();

  await expect(form.getByRole("alert")).toHaveText(
    "Dit is nog niet opgeslagen. Verbeter wat bij de velden hieronder staat.",
  );
  const end = form.getByLabel("Eindtijd");
  await expect(end).toHaveAttribute("aria-invalid", "true");
  await expect(end).toHaveAccessibleDescription(/De eindtijd moet na de begintijd liggen\./);
  await expect(form.getByLabel("Link naar de online bijeenkomst")).toHaveAccessibleDescription(
    /Dit is geen geldig webadres\. Begin met https:\/\//,
  );
  await expect(form.getByLabel("Titel")).toHaveValue("Te laat begonnen");
  await expect(form.getByLabel("Begintijd")).toHaveValue("15:00");
  await expectNoAxeViolations(page);
  await expect(page.getByRole("region", { name: "Bijeenkomsten" }).locator("ol > li")).toHaveCount(
    3,
  );

  // The community: a negative number of places and no name.
  await page.goto(MANAGE);
  const details = page.getByRole("region", { name: "Gegevens" });
  await details.getByLabel("Naam", { exact: true }).fill("");
  await details.getByLabel("Aantal plaatsen in de leergemeenschap").fill("-5");
  await details.getByRole("button", { name: "Opslaan" }).click();
  await expect(details.getByLabel("Naam", { exact: true })).toHaveAccessibleDescription(
    "Vul de naam in.",
  );
  await expect(
    details.getByLabel("Aantal plaatsen in de leergemeenschap"),
  ).toHaveAccessibleDescription(/Het aantal plaatsen moet 1 of meer zijn\./);
  await expect(details.getByLabel("Aantal plaatsen in de leergemeenschap")).toHaveValue("-5");
  await expectNoAxeViolations(page);

  // A gespreksleider needs an account.
  await page.goto(`${MANAGE}/themes`);
  const addLeader = page.getByRole("form", { name: "Gespreksleider toevoegen aan Samenwerken" });
  const email = uniqueEmail("geen-account");
  await addLeader.getByRole("textbox").fill(email);
  await addLeader.getByRole("button", { name: "Gespreksleider toevoegen" }).click();
  await expect(addLeader.getByRole("textbox")).toHaveAccessibleDescription(
    /Er is geen account met dit e-mailadres\./,
  );
  await expect(addLeader.getByRole("textbox")).toHaveValue(email);

  // The last organiser cannot remove themselves.
  const organisers = page.getByRole("region", { name: "Organisatoren" });
  await organisers.getByRole("button", { name: /Verwijderen Marieke de Vries/ }).click();
  await expect(organisers.getByRole("alert")).toHaveText(
    "Je kunt de laatste organisator niet verwijderen. Voeg eerst een andere organisator toe.",
  );
  await expectNoAxeViolations(page);
});

test("axe-core finds nothing on the admin pages, and only organisers get in", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(MANAGE);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await login(page, accounts.participant01.email);
  const refused = await page.goto(`${MANAGE}/themes`);
  expect(refused?.status()).toBe(403);
  const refusedNew = await page.goto("/communities/new");
  expect(refusedNew?.status()).toBe(403);

  await logout(page);
  await login(page, accounts.organiser.email);
  for (const [path, link] of [
    [MANAGE, "Overzicht"],
    [`${MANAGE}/meetings`, "Bijeenkomsten"],
    [`${MANAGE}/meetings/1`, "Bijeenkomsten"],
    [`${MANAGE}/themes`, "Thema's"],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(
      page.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: link }),
    ).toHaveAttribute("aria-current", "page");
    await expectNoAxeViolations(page);
  }
  // A meeting that does not exist.
  expect((await page.goto(`${MANAGE}/meetings/99`))?.status()).toBe(404);
});

test("an organiser starts a new community, unpublished, and manages it", async ({ page }) => {
  await login(page, accounts.organiser.email);
  await page.goto("/communities/new");
  await expectNoAxeViolations(page);
  const name = `Themacafé thuiszitters ${Date.now().toString(36)}`;
  await page.getByLabel("Naam").fill(name);
  await page.getByLabel("Soort").selectOption({ label: "Themacafé" });
  await page.getByRole("button", { name: "Leergemeenschap aanmaken" }).click();
  await expect(page).toHaveURL(
    /\/communities\/themacafe-thuiszitters-[a-z0-9]+\/manage\?created=1$/,
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("status")).toContainText("De leergemeenschap is aangemaakt.");
  await expect(page.getByRole("main")).toContainText("De leergemeenschap is nog niet gepubliceerd");
  const manage = new URL(page.url()).pathname;

  // The same name again: the address is taken.
  await page.goto("/communities/new");
  await page.getByLabel("Naam").fill(name);
  await page.getByRole("button", { name: "Leergemeenschap aanmaken" }).click();
  await expect(page.getByLabel("Naam")).toHaveAccessibleDescription(
    /Er bestaat al een leergemeenschap met deze naam\./,
  );
  await expect(page.getByLabel("Naam")).toHaveValue(name);
  await expectNoAxeViolations(page);

  // Publishing makes it visible to everyone.
  await page.goto(manage);
  await page.getByRole("button", { name: "Publiceren" }).click();
  await expect(page.getByRole("status")).toHaveText("De leergemeenschap is gepubliceerd.");
  await page.getByRole("button", { name: "Publicatie intrekken" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "De leergemeenschap is niet meer gepubliceerd.",
  );
});
