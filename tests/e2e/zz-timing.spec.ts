import { test } from "./fixtures";
for (let i = 0; i < 4; i++) test(`empty ${i}`, async ({ page }) => { await page.goto("/privacy"); });
