// Regenerates docs/screenshots/*.png (storyline list, storyline, who said what, article, search) from the
// demo corpus:  npx tsx test/web/screenshots.ts
// Not a test file (no .test.ts): screenshots are committed, looked at, and refreshed when the UI changes.

import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CHROMIUM, startUi } from "./ui-harness.ts";

const OUT = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
if (!CHROMIUM) throw new Error("no Chromium found; apt-get install -y chromium");
mkdirSync(OUT, { recursive: true });
const ui = await startUi();
try {
  const page = await ui.browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const shot = async (hash: string, name: string, wait: string, opts: { height?: number; element?: string } = {}) => {
    // A viewport as tall as the picture, so the sticky top bar stays at the top instead of crossing the page.
    await page.setViewportSize({ width: 1280, height: opts.height ?? 900 });
    await page.goto(`${ui.url}/${hash}`);
    await page.waitForSelector(wait);
    await page.waitForTimeout(200);
    if (opts.element) {
      const box = (await page.locator(opts.element).first().boundingBox())!;
      await page.setViewportSize({ width: 1280, height: Math.ceil(box.y + box.height + 40) });
      await page.locator(opts.element).first().screenshot({ path: `${OUT}${name}.png` });
    } else await page.screenshot({ path: `${OUT}${name}.png` });
    process.stdout.write(`wrote docs/screenshots/${name}.png\n`);
  };
  await shot("#/", "storylines", ".storyline-card", { height: 560 });
  const lines = (await (await fetch(`${ui.url}/api/storylines`)).json()) as { items: { id: string }[] };
  const line = lines.items[0]!.id;
  await shot(`#/storyline/${line}`, "storyline", ".timeline-svg", { height: 1400 });
  await shot(`#/storyline/${line}`, "storyline-sides", ".sides", { element: "section:has(> .sides)" });
  const arts = (await (await fetch(`${ui.url}/api/articles?limit=100`)).json()) as { items: { id: string; original: boolean; copies: number }[] };
  const wire = arts.items.find((a) => a.original && a.copies >= 2) ?? arts.items[0]!;
  await page.setViewportSize({ width: 1280, height: 1300 });
  await page.goto(`${ui.url}/#/article/${wire.id}`);
  await page.waitForSelector("[data-testid=article-text]");
  await page.screenshot({ path: `${OUT}article.png` });
  process.stdout.write("wrote docs/screenshots/article.png\n");
  // The removed-furniture panel of the first text dump (captions, teasers, share and footer lines).
  const dumps = (await (await fetch(`${ui.url}/api/articles?limit=100`)).json()) as { items: { id: string; origin: string }[] };
  const dump = dumps.items.find((a) => a.origin.endsWith(".txt"));
  if (dump) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${ui.url}/#/article/${dump.id}`);
    await page.waitForSelector("[data-testid=article-text]");
    await page.locator("[data-action=toggle-removed]").click();
    await page.waitForSelector("#removed li, #removed p");
    const box = (await page.locator("#removed").boundingBox())!;
    await page.setViewportSize({ width: 1280, height: Math.ceil(box.y + box.height + 60) });
    await page.locator("section.main-col > .panel").nth(1).screenshot({ path: `${OUT}article-removed.png` });
    process.stdout.write("wrote docs/screenshots/article-removed.png\n");
  }
  await shot("#/search?q=fentanyl", "search", ".result", { height: 1000 });
} finally {
  await ui.close();
}
