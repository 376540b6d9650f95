// The plenary in real browsers: a facilitator publishes and a plenary-only participant sees it
// appear without reload; the organiser puts it on screen; a question is raised from a subgroup,
// upvoted, merged with a duplicate, ordered onto the agenda and marked discussed with an answer.
// Effectieve methodieken Subgroep 1 is shared with the magazine spec: we publish whatever state
// it is in (never assuming one), and never choose a template (subgroups.spec.ts does that later).
import type { Browser, Locator, Page } from "@playwright/test";
import { COMMUNITY_SLUG, expect, expectNoAxeViolations, login, test } from "./fixtures";

const leader = "gespreksleider.methodieken@werkplaats.test";
const member = "deelnemer05@werkplaats.test";
const plenaryOnly = "deelnemer13@werkplaats.test";
const organiser = "organisator@werkplaats.test";
const plenaryUrl = `/communities/${COMMUNITY_SLUG}/plenary/1`;
const boardUrl = `/communities/${COMMUNITY_SLUG}/questions`;

async function signedIn(browser: Browser, email: string, url?: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  if (url) await page.goto(url);
  return page;
}

/** Opens "Subgroep 1" of Effectieve methodieken from /me (member or its facilitator). */
async function openSubgroup(page: Page) {
  await page.goto("/me");
  await page
    .getByRole("main")
    .getByRole("link", { name: /Subgroep 1$/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Subgroep 1 · Effectieve methodieken",
  );
  // Hydrated (the editor is connected): forms now post through fetchers, not as plain posts.
  await expect(page.getByTestId("sync-status")).toHaveText("Opgeslagen", { timeout: 10_000 });
}

/** Opens the organiser's "Beheren" tools of a question (they stay open across updates). */
async function openTools(item: Locator) {
  const details = item.locator("details.question-tools");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.getByText("Beheren").click();
}

const live = (page: Page) => expect(page.locator("[data-live='open']")).toHaveCount(1);
/** The question on the board whose own text is `text` (not one mentioning it in a menu). */
const questionOn = (page: Page, text: string): Locator =>
  page.getByTestId("question").filter({ has: page.locator(".question-text", { hasText: text }) });

test("a publication appears live on the plenary page and goes on screen", async ({ browser }) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const title = `Plenairtest ${run}`;

  // Joyce (plenary only) follows the plenary page of meeting 1.
  const viewer = await signedIn(browser, plenaryOnly, "/me");
  await viewer.getByRole("link", { name: "Plenaire pagina bijeenkomst 1" }).first().click();
  await expect(viewer).toHaveURL(new RegExp(`${plenaryUrl}$`));
  await live(viewer);
  await viewer.evaluate((marker) => {
    (window as unknown as { marker: string }).marker = marker;
  }, run);

  // The facilitator writes a line, names the outcome and publishes (or republishes) it.
  const page = await signedIn(browser, leader);
  await openSubgroup(page);
  const subgroupId = new URL(page.url()).pathname.split("/")[2]!;
  await expect(page.getByTestId("sync-status")).toHaveText("Opgeslagen", { timeout: 10_000 });
  await page.getByRole("textbox", { name: "Tekst van de opbrengst" }).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(`Afspraak ${run}: we bellen ouders op de eerste verzuimdag.`);
  await expect(page.getByTestId("sync-status")).toHaveText("Opgeslagen", { timeout: 10_000 });
  const settings = page.getByRole("region", { name: "Wat wordt jullie opbrengst?" });
  await settings.getByLabel("Titel van de opbrengst").fill(title);
  await settings.getByRole("button", { name: "Opbrengst vastleggen" }).click();
  await expect(settings.getByRole("status")).toContainText("vastgelegd");
  const origin = new URL(page.url()).origin;
  for (const transition of ["submit", "approve", "publish"]) {
    const response = await page.request.post(`/subgroups/${subgroupId}/review`, {
      form: { intent: "transition", transition, note: "" },
      headers: { Origin: origin },
    });
    // Steps that do not fit the current status answer 409; publishing must succeed.
    if (transition === "publish") expect(await response.json()).toMatchObject({ ok: true });
  }

  // Without reload: the outcome is there, announced politely.
  await expect(viewer.getByRole("heading", { level: 4, name: title })).toBeVisible({
    timeout: 10_000,
  });
  await expect(viewer.getByTestId("plenary-announcement")).toContainText(title);
  await expect(viewer.getByTestId("plenary-announcement")).toHaveText(
    /(Nieuw|Opnieuw) gepubliceerd: /,
  );
  expect(await viewer.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(run);
  await expectNoAxeViolations(viewer);

  // The organiser puts it on screen; Joyce sees it at the top, and on the presenter view.
  const host = await signedIn(browser, organiser, plenaryUrl);
  await host.getByRole("button", { name: `Op het scherm zetten: ${title}` }).click();
  await expect(host.getByRole("region", { name: "Nu op het scherm" })).toContainText(title);
  await expect(viewer.getByRole("region", { name: "Nu op het scherm" })).toContainText(title, {
    timeout: 10_000,
  });
  expect(await viewer.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(run);
  const beamer = await viewer.context().newPage();
  await beamer.goto(`${plenaryUrl}?scherm=1`);
  await expect(beamer.getByTestId("on-screen")).toContainText(title);
  await expect(beamer.getByRole("banner")).toBeHidden();
  await expectNoAxeViolations(beamer);

  // Taken off: gone for everybody following.
  await host.getByRole("button", { name: "Van het scherm halen" }).click();
  await expect(beamer.getByText("Er staat nu niets op het scherm.")).toBeVisible({
    timeout: 10_000,
  });
  await expect(viewer.getByRole("region", { name: "Nu op het scherm" })).toHaveCount(0);
  await Promise.all([viewer, page, host].map((p) => p.context().close()));
});

test("questions: raised, upvoted, merged, ordered onto the agenda and answered", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const kept = `Vraag ${run}: hoe betrekken we ouders?`;
  const duplicate = `Dubbel ${run}: ouders betrekken?`;
  const second = `Agenda ${run}: wie registreert verzuim?`;

  // Lotte raises three questions from her subgroup page; an empty one gets a Dutch message.
  const raiser = await signedIn(browser, member);
  await openSubgroup(raiser);
  const raise = raiser.getByRole("region", { name: "Vraag voor het plenaire deel" });
  await raise.getByRole("button", { name: "Vraag indienen" }).click();
  await expect(raise.getByRole("alert")).toHaveText("Schrijf eerst je vraag of onderwerp.");
  for (const text of [kept, duplicate, second]) {
    await raise.getByLabel("Je vraag of onderwerp").fill(text);
    await raise.getByRole("button", { name: "Vraag indienen" }).click();
    await expect(raise.getByText(text)).toBeVisible();
  }
  await expect(raise.getByText("Je vraag staat op het vragenbord.")).toBeVisible();

  // Joyce (plenary only) votes with the keyboard, for the question and for its duplicate.
  const voter = await signedIn(browser, plenaryOnly, boardUrl);
  await live(voter);
  for (const text of [kept, duplicate]) {
    const vote = voter.getByRole("button", { name: `Stem op: ${text}` });
    await vote.focus();
    await voter.keyboard.press("Enter");
    await expect(vote).toHaveAttribute("aria-pressed", "true");
    await expect(vote).toBeFocused();
    await expect(questionOn(voter, text).getByTestId("vote-count")).toHaveText("Stemmen: 1");
  }
  // Plenary-only people raise nothing (no subgroup): the board has no form for it.
  await expect(voter.getByLabel("Je vraag of onderwerp")).toHaveCount(0);
  await expectNoAxeViolations(voter);

  // The organiser votes for the duplicate, then merges it into the kept question: Joyce's two
  // votes count once, the organiser's moves along.
  const host = await signedIn(browser, organiser, boardUrl);
  await host.getByRole("button", { name: `Stem op: ${duplicate}` }).click();
  await expect(questionOn(host, duplicate).getByTestId("vote-count")).toHaveText("Stemmen: 2");
  const dup = questionOn(host, duplicate);
  await openTools(dup);
  await dup.getByLabel(/Samenvoegen met/).selectOption({ label: kept });
  await dup.getByRole("button", { name: "Samenvoegen" }).click();
  const merged = host.getByRole("region", { name: "Samengevoegd" });
  await expect(questionOn(host, duplicate)).toContainText(`Samengevoegd met: ${kept}`);
  await expect(merged.getByText(duplicate)).toBeVisible();
  await expect(questionOn(host, kept).getByTestId("vote-count")).toHaveText("Stemmen: 2");
  await expect(questionOn(voter, kept).getByTestId("vote-count")).toHaveText("Stemmen: 2", {
    timeout: 10_000,
  });

  // Both remaining questions onto meeting 1's agenda, then the second one up (keyboard).
  for (const text of [kept, second]) {
    const item = questionOn(host, text);
    await openTools(item);
    await item.getByLabel("Plenaire agenda").selectOption({ label: "Plenair deel bijeenkomst 1" });
    await item.getByRole("button", { name: "Inplannen" }).click();
    await expect(item).toContainText("op de agenda van bijeenkomst 1");
  }
  const agenda = host.getByTestId("agenda-1");
  const order = async () => {
    const texts = await agenda.getByTestId("agenda-question").allTextContents();
    return [kept, second].map((text) => texts.findIndex((t) => t.includes(text)));
  };
  const [keptAt, secondAt] = await order();
  expect(secondAt).toBe(keptAt! + 1);
  const up = host.getByRole("button", { name: `Omhoog: ${second}` });
  await up.focus();
  await host.keyboard.press("Enter");
  await expect.poll(order).toEqual([secondAt, keptAt]);
  // The keyboard focus stays on the moved question's buttons.
  await expect
    .poll(() => host.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? ""))
    .toMatch(new RegExp(`^(Omhoog|Omlaag): Agenda ${run}`));
  await expect(host.getByRole("button", { name: `Omlaag: ${second}` })).toBeEnabled();

  // Discussed needs an answer; the answer stays visible, also after a reload.
  const item = questionOn(host, kept);
  await openTools(item);
  await item.getByRole("button", { name: "Markeer als besproken" }).click();
  await expect(questionOn(host, kept).getByRole("alert")).toHaveText(
    "Schrijf een kort antwoord voordat je de vraag als besproken markeert.",
  );
  const answer = `Antwoord ${run}: de school belt, de leerplichtambtenaar volgt.`;
  const tools = questionOn(host, kept);
  await openTools(tools);
  await tools.getByLabel("Antwoord (verplicht)").fill(answer);
  await tools.getByRole("button", { name: "Markeer als besproken" }).click();
  const discussed = host.getByRole("region", { name: "Besproken" });
  await expect(discussed.getByTestId("question").filter({ hasText: kept })).toContainText(answer);
  await expectNoAxeViolations(host);
  await host.reload();
  await expect(questionOn(host, kept).getByTestId("question-answer")).toContainText(answer);

  // Joyce sees the answer live on the board, and on the plenary page of meeting 1.
  await expect(questionOn(voter, kept).getByTestId("question-answer")).toContainText(answer, {
    timeout: 10_000,
  });
  await voter.goto(plenaryUrl);
  await expect(voter.getByTestId("plenary-question").filter({ hasText: kept })).toContainText(
    answer,
  );
  await expectNoAxeViolations(voter);
  await Promise.all([raiser, voter, host].map((p) => p.context().close()));
});
