// The magazine: an organiser composes an edition from published outcomes (editorial in the
// realtime editor, sections per theme, two articles in a chosen order), previews and publishes
// it; anyone reads the web edition in that order, an article works without JavaScript, the
// pages are axe clean, and a draft edition is a 404 for a participant.
//
// Outcomes used: Effectieve methodieken Subgroep 2 (comments spec) and Aanwezigheidsbeleid
// Subgroep 2 (editor spec; the moderation spec reopens it whatever its status). Both specs run
// earlier; each outcome is published here only when it has no publication yet. Effectieve
// methodieken Subgroep 1 is left alone: the subgroups spec applies a template to it later.
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { COMMUNITY_SLUG, expect, expectNoAxeViolations, login, test } from "./fixtures";

const LEADER = "gespreksleider.methodieken@werkplaats.test";
const LEADER_BELEID = "gespreksleider.beleid@werkplaats.test";
const ORGANISER = "organisator@werkplaats.test";
const PARTICIPANT = "deelnemer05@werkplaats.test";
const THEME = "Effectieve methodieken";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  return page;
}

async function subgroupId(page: Page, name: string): Promise<string> {
  await page.goto("/me");
  const href = await page
    .getByRole("main")
    .getByRole("link", { name: new RegExp(`${name}$`) })
    .first()
    .getAttribute("href");
  const id = /\/subgroups\/([^/?#]+)/.exec(href ?? "")?.[1];
  expect(id, `link to ${name}`).toBeTruthy();
  return id as string;
}

/** Publishes the outcome through the real forms unless it has a publication; returns its title. */
async function ensurePublished(
  request: APIRequestContext,
  origin: string,
  id: string,
  title: string,
): Promise<string> {
  const publishedPage = async () => (await request.get(`/subgroups/${id}/published`)).text();
  if (!(await publishedPage()).includes('data-testid="publication-meta"')) {
    const post = (path: string, form: Record<string, string>) =>
      request.post(path, { form, headers: { Origin: origin }, maxRedirects: 0 });
    // A starting template fills an empty document (and the title is set).
    const configured = await post(`/subgroups/${id}`, {
      intent: "configureOutcome",
      title,
      type: "stappenplan",
    });
    expect(configured.status()).toBeLessThan(500);
    for (const transition of ["submit", "approve", "publish"]) {
      const res = await post(`/subgroups/${id}/review`, {
        intent: "transition",
        transition,
        note: "",
      });
      expect(res.status(), `${transition}`).toBeLessThan(500);
    }
  }
  const html = await publishedPage();
  expect(html).toContain('data-testid="publication-meta"');
  const heading = /<h1 id="published-title">([^<]*)<\/h1>/.exec(html)?.[1] ?? "";
  return heading
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');
}

test("an organiser composes, previews and publishes an edition that anyone can read", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const origin = baseURL as string;

  // Two published outcomes of the theme.
  const leader = await signedIn(browser, LEADER);
  const first = await subgroupId(leader, "Subgroep 2");
  const titleOne = await ensurePublished(leader.request, origin, first, "Methodieken die werken");
  await leader.context().close();
  const leaderBeleid = await signedIn(browser, LEADER_BELEID);
  const second = await subgroupId(leaderBeleid, "Subgroep 2");
  const titleTwo = await ensurePublished(leaderBeleid.request, origin, second, "Beleid in de klas");
  await leaderBeleid.context().close();

  // The organiser creates the edition.
  const page = await signedIn(browser, ORGANISER);
  await page.goto(`/communities/${COMMUNITY_SLUG}/manage/magazine`);
  await expect(page.getByRole("link", { name: "Magazine", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const editionTitle = `Magazine ${run}`;
  await page.getByLabel("Titel", { exact: true }).fill(editionTitle);
  await page.getByLabel("Ondertitel").fill("Wat de subgroepen samen maakten");
  await page.getByRole("button", { name: "Editie aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 2, name: editionTitle })).toBeVisible();

  // The editorial introduction in the realtime editor.
  const editor = page.getByRole("textbox", { name: "Voorwoord van de redactie" });
  await editor.click();
  await page.keyboard.type(`Welkom bij editie ${run}.`);
  await expect(page.getByTestId("sync-status")).toHaveText("Opgeslagen", { timeout: 10_000 });

  // A section per theme; two articles in the methodieken section, the second moved up.
  await page.getByRole("button", { name: "Maak een sectie per thema" }).click();
  await expect(page.getByRole("status").filter({ hasText: "sectie(s) toegevoegd" })).toBeVisible();
  const section = page.locator(`[data-testid="section"][data-section-title="${THEME}"]`);
  const choose = section.getByRole("combobox", {
    name: `Gepubliceerde opbrengst kiezen voor ${THEME}`,
  });
  for (const [title, theme] of [
    [titleOne, THEME],
    [titleTwo, "Aanwezigheidsbeleid"],
  ] as const) {
    await choose.selectOption({ label: `${title} (${theme} · Subgroep 2)` });
    await section.getByRole("button", { name: `Toevoegen ${THEME}` }).click();
    await expect(section.locator(`[data-article-title="${title}"]`)).toBeVisible();
  }
  const articles = section.getByTestId("article");
  await expect(articles).toHaveCount(2);
  // Keyboard: focus "Omhoog" of the second article and press Enter.
  const up = articles.nth(1).getByRole("button", { name: /^Omhoog/ });
  await up.focus();
  await page.keyboard.press("Enter");
  await expect(articles.first()).toHaveAttribute("data-article-title", titleTwo);
  await expect(articles.nth(1)).toHaveAttribute("data-article-title", titleOne);

  // Preview: the draft rendered by the web edition's components, in that order.
  await page.getByRole("link", { name: "Voorbeeld", exact: true }).click();
  await expect(page.getByTestId("preview")).toBeVisible();
  await expect(page.locator("[data-pdf-article] h3")).toHaveText([titleTwo, titleOne]);
  await expect(page.locator(".magazine-intro")).toContainText(`Welkom bij editie ${run}.`);
  await page.getByRole("link", { name: "Terug naar de editie" }).click();

  await page.getByRole("button", { name: "Publiceren", exact: true }).click();
  await expect(page.getByTestId("edition-status")).toHaveText("Gepubliceerd");
  const publicHref = await page
    .getByRole("link", { name: "Bekijk de webeditie" })
    .first()
    .getAttribute("href");
  expect(publicHref).toMatch(/^\/magazine\//);

  // A second edition stays a draft.
  await page.getByRole("link", { name: "Alle edities" }).click();
  await page.getByLabel("Titel", { exact: true }).fill(`Concept ${run}`);
  await page.getByRole("button", { name: "Editie aanmaken" }).click();
  const draftSlug = await page.getByLabel("Webadres (slug)").inputValue();
  await page.context().close();

  // Anyone: the web edition lists the articles in the chosen order.
  const anonymous = await (await browser.newContext()).newPage();
  const response = await anonymous.goto(publicHref as string);
  expect(response?.headers().etag).toBeTruthy();
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(editionTitle);
  await expect(anonymous.locator(`meta[property="og:title"]`)).toHaveAttribute(
    "content",
    editionTitle,
  );
  const toc = anonymous.getByRole("region", { name: "Inhoud" });
  await expect(toc.getByRole("heading", { level: 3, name: THEME })).toBeVisible();
  await expect(toc.getByTestId("toc").getByRole("link")).toHaveText([titleTwo, titleOne]);
  await expect(anonymous.getByText(`Welkom bij editie ${run}.`)).toBeVisible();
  await expectNoAxeViolations(anonymous);

  await toc.getByRole("link", { name: titleTwo }).click();
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(titleTwo);
  await expect(anonymous.getByRole("link", { name: `Volgende: ${titleOne}` })).toBeVisible();
  await expect(anonymous.getByTestId("credits")).toContainText("Jeroen Bakker");
  await expectNoAxeViolations(anonymous);
  const articleUrl = anonymous.url();

  // The print page: the whole edition, the contract the PDF is made from.
  await anonymous.goto(`${publicHref}/print`);
  await expect(anonymous).toHaveTitle(editionTitle);
  await expect(anonymous.locator("[data-toc-for]")).toHaveCount(2);
  await expect(anonymous.locator("[data-pdf-article] h3")).toHaveText([titleTwo, titleOne]);
  await expect(anonymous.locator("[data-pdf-colophon]")).toHaveCount(1);
  await expect(anonymous.getByRole("navigation", { name: "Hoofdmenu" })).toHaveCount(0);
  await anonymous.context().close();

  // Without JavaScript the article page is complete.
  const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await noScript.goto(articleUrl);
  await expect(noScript.getByRole("heading", { level: 1 })).toHaveText(titleTwo);
  await expect(noScript.locator(".magazine-document")).not.toBeEmpty();
  await expect(noScript.getByRole("link", { name: `Volgende: ${titleOne}` })).toBeVisible();
  await noScript.context().close();

  // The community page lists the published edition.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/communities/${COMMUNITY_SLUG}`);
  await expect(
    visitor.getByTestId("published-editions").getByRole("link", { name: editionTitle }),
  ).toBeVisible();
  await visitor.context().close();

  // A participant gets a 404 for the draft.
  const participant = await signedIn(browser, PARTICIPANT);
  const draft = await participant.goto(`/magazine/${COMMUNITY_SLUG}/${draftSlug}`);
  expect(draft?.status()).toBe(404);
  await participant.context().close();
});
