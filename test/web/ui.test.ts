// The web UI in headless Chromium (playwright-core with Debian's chromium): storyline page and its timeline
// picture, click-through to an article, removed-text toggle, search, an export download, and a hostile page
// that must not run any script. Skips with a message when no Chromium is installed.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { FIXTURES, dayKey } from "../api/harness.ts";
import { NO_CHROMIUM, startUi, type Ui } from "./ui-harness.ts";

let ui: Ui;
const errors: string[] = [];

async function open(hash: string): Promise<Page> {
  const page = await ui.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.on("pageerror", (e) => errors.push(e.message));
  // The UI must work under its own CSP: any violation report means something inline slipped in.
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && errors.push(m.text()));
  await page.goto(`${ui.url}/${hash}`);
  return page;
}

describe("web UI", { skip: NO_CHROMIUM }, () => {
  before(async () => {
    ui = await startUi();
  });
  after(async () => ui?.close());

  test("storyline list → storyline page with the timeline picture in date order", async () => {
    const page = await open("#/");
    await page.waitForSelector(".storyline-card");
    const cards = await page.locator(".storyline-card").count();
    assert.ok(cards >= 1);
    await page.locator(".storyline-card .card-link").first().click();
    await page.waitForSelector(".timeline-svg");
    assert.match(page.url(), /#\/storyline\//);
    const listDates = await page.locator("ol.entries > li.entry").evaluateAll((els) => els.map((e) => e.getAttribute("data-date")!));
    const svgDates = await page.locator(".timeline-svg .tl-entry").evaluateAll((els) => els.map((e) => e.getAttribute("data-date")!));
    assert.ok(listDates.length >= 3);
    assert.deepEqual(svgDates, listDates, "every entry is drawn");
    const keys = listDates.map(dayKey);
    assert.deepEqual(keys, [...keys].sort(), "entries are listed in date order");
    // Drawn left to right in date order too.
    const xs = await page.locator(".timeline-svg .tl-entry").evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox().x));
    for (let i = 1; i < xs.length; i++) if (keys[i]! > keys[i - 1]!) assert.ok(xs[i]! + 12 >= xs[i - 1]!, `entry ${i} is not left of entry ${i - 1}`);
    assert.ok((await page.locator(".timeline-svg .tl-cell").count()) >= 3, "coverage density strip");
    assert.ok((await page.locator(".sides .side").count()) >= 2, "who said what, by side");
    const sides = await page.locator(".sides .side h3").allTextContents();
    assert.ok(sides.some((s) => s.startsWith("China")) && sides.some((s) => s.startsWith("United States")), sides.join("|"));
    assert.ok((await page.locator(".stories .story").count()) >= 2);
    // Clicking a mark in the picture picks its entry in the list.
    await page.locator(".timeline-svg .tl-entry").nth(1).click();
    await page.waitForSelector("ol.entries > li.entry.picked");
    await page.close();
  });

  test("citation → article page with the cited span, quotes highlighted, removed text toggled", async () => {
    const page = await open("#/");
    await page.locator(".storyline-card .card-link").first().click();
    await page.waitForSelector("ol.entries a.cite");
    await page.locator("ol.entries a.cite").first().click();
    await page.waitForSelector("[data-testid=article-text]");
    assert.match(page.url(), /#\/article\/[0-9a-f]+\?hl=\d+-\d+/);
    assert.equal(await page.locator("mark.hl-cite").first().isVisible(), true, "the cited span is highlighted");
    assert.ok((await page.locator(".meta dt").allTextContents()).includes("Published"));
    const removed = page.locator("#removed");
    assert.equal(await removed.isVisible(), false);
    await page.locator("[data-action=toggle-removed]").click();
    await page.waitForSelector("#removed li[data-reason], #removed p");
    assert.equal(await removed.isVisible(), true);
    await page.locator("[data-action=toggle-removed]").click();
    assert.equal(await removed.isVisible(), false);
    await page.close();
  });

  test("article page: removed furniture with reasons, estimated dates marked, copy group", async () => {
    const list = (await (await fetch(`${ui.url}/api/articles?limit=100`)).json()) as { items: { id: string; origin: string; original: boolean; copies: number; estimated: boolean }[] };
    // A demo text dump with furniture removed (captions, teasers, share lines).
    let dump: { id: string } | undefined;
    for (const a of list.items.filter((x) => x.origin.endsWith(".txt"))) {
      const v = (await (await fetch(`${ui.url}/api/articles/${a.id}`)).json()) as { article: { removedCount: number }; annotations: { quotes: unknown[] } };
      if (v.article.removedCount >= 2 && v.annotations.quotes.length) {
        dump = a;
        break;
      }
    }
    assert.ok(dump, "a demo text dump with removed furniture and quotes");
    const page = await open(`#/article/${dump.id}`);
    await page.waitForSelector("[data-testid=article-text]");
    assert.ok((await page.locator("mark.q").count()) >= 1, "quotes highlighted");
    await page.locator("[data-action=toggle-removed]").click();
    await page.waitForSelector("#removed li[data-reason]");
    const reasons = await page.locator("#removed li .reason").allTextContents();
    assert.ok(reasons.length >= 2 && reasons.every((r) => r.length > 2), reasons.join(","));
    const wire = list.items.find((a) => a.original && a.copies >= 2)!;
    await page.goto(`${ui.url}/#/article/${wire.id}`);
    await page.waitForSelector(".copies li");
    assert.equal(await page.locator(".copies li").count(), wire.copies + 1);
    // Undated articles whose date was estimated carry an "est." mark wherever the date is shown.
    const est = list.items.find((a) => a.estimated);
    if (est) {
      await page.goto(`${ui.url}/#/article/${est.id}`);
      await page.waitForSelector(".meta .badge-est");
    }
    await page.close();
  });

  test("search with filters folds copies", async () => {
    const page = await open("#/");
    await page.fill(".topsearch input", "tariff");
    await page.press(".topsearch input", "Enter");
    await page.waitForSelector(".result");
    assert.match(page.url(), /#\/search\?q=tariff/);
    const copyBadges = await page.locator(".result .badge-copy").allTextContents();
    assert.ok(copyBadges.some((t) => /\d+ cop(y|ies)/.test(t)), copyBadges.join("|"));
    const groups = await page.locator(".result[data-group]").evaluateAll((els) => els.map((e) => e.getAttribute("data-group")));
    assert.equal(groups.length, new Set(groups).size, "each copy group shows once");
    assert.ok((await page.locator(".result-snippet mark").count()) >= 1);
    await page.fill(".search-form input[name=outlet]", "Global Times");
    await page.fill(".search-form input[name=q]", "fentanyl");
    await page.click(".search-form button[type=submit]");
    await page.waitForFunction(() => location.hash.includes("outlet="));
    await page.waitForSelector(".result-meta");
    const metas = await page.locator(".result-meta").allTextContents();
    assert.ok(metas.length >= 1 && metas.every((m) => m.startsWith("Global Times")), metas.join("|"));
    await page.close();
  });

  test("export buttons download files", async () => {
    const page = await open("#/");
    await page.locator(".storyline-card .card-link").first().click();
    await page.waitForSelector("[data-export=markdown]");
    const [md] = await Promise.all([page.waitForEvent("download"), page.click("[data-export=markdown]")]);
    assert.match(md.suggestedFilename(), /\.md$/);
    assert.match(readFileSync((await md.path())!, "utf8"), /^# /);
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("[data-export=csv]")]);
    assert.match(readFileSync((await csv.path())!, "utf8"), /^date,outlet,speaker/);
    const [tj] = await Promise.all([page.waitForEvent("download"), page.click("[data-export=timelinejs]")]);
    assert.ok(JSON.parse(readFileSync((await tj.path())!, "utf8")).events.length >= 1);
    await page.close();
  });

  test("a hostile page runs no script anywhere in the UI", async () => {
    const html = readFileSync(join(FIXTURES, "web-hostile/hostile-harbour-notice.html"), "utf8");
    const r = await fetch(`${ui.url}/api/ingest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items: [{ id: "hostile", html, url: "javascript:alert(99)" }] }) });
    assert.equal(r.status, 200);
    const summary = (await r.json()) as { added: number; articleIds: string[] };
    assert.equal(summary.added, 1);
    const id = summary.articleIds[0]!;

    const page = await ui.browser.newPage();
    const dialogs: string[] = [];
    const strayRequests: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("request", (req) => {
      if (!req.url().startsWith(ui.url)) strayRequests.push(req.url());
      else if (/\/x$/.test(req.url())) strayRequests.push(req.url());
    });
    for (const hash of [`#/article/${id}`, "#/search?q=ferry", "#/", `#/article/${id}?hl=0-40`]) {
      await page.goto(`${ui.url}/${hash}`);
      await page.waitForSelector("#app h1");
      await page.waitForTimeout(150);
      if (hash.startsWith("#/article")) {
        await page.locator("[data-action=toggle-removed]").click();
        await page.waitForSelector("#removed li, #removed p");
        assert.match(await page.locator("[data-testid=article-text]").innerText(), /night ferry|late-night ferry/);
      }
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        scripts: document.querySelectorAll("#app script, #app iframe, #app img, #app object, #app embed").length,
        handlers: [...document.querySelectorAll("#app *")].filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
        jsLinks: [...document.querySelectorAll("#app a[href]")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href")!)).length,
      }));
      assert.equal(state.pwned, undefined, `${hash}: a page script ran`);
      assert.equal(state.scripts, 0, `${hash}: active elements rendered from page data`);
      assert.equal(state.handlers, 0, `${hash}: inline handlers rendered`);
      assert.equal(state.jsLinks, 0, `${hash}: javascript: links rendered`);
    }
    assert.deepEqual(dialogs, [], "no alert/confirm dialogs");
    assert.deepEqual(strayRequests, [], "no requests caused by page markup");
    await page.close();
  });

  test("no script errors or CSP violations on any page", () => {
    assert.deepEqual(errors, []);
  });
});
