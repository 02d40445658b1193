import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { extractHtml } from "../../src/extract/html.ts";
import { parseHtml, textContent } from "../../src/extract/dom.ts";
import { DossierError } from "../../src/core/errors.ts";

const FIX = new URL("../fixtures/html-news/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FIX), "utf8");
const SHARED = new URL("../../../shared/", import.meta.url);
const SCRAPINGHUB = fileURLToPath(new URL("bench/extraction/scrapinghub/", SHARED));

const NEWS_URL = "https://www.coastal-ledger.example/news/2024/03/05/sea-wall";

test("news page: article paragraphs, headings and list items are kept in order", () => {
  const a = extractHtml(read("news.html"), { url: NEWS_URL });
  const required = [
    "Councillors in the small harbour town of Westmere voted on Monday evening",
    "The plan, which will cost an estimated 14 million pounds",
    "Why now",
    "Engineers told the council in January",
    "Work is expected to start in the summer",
    "The new wall will be two metres higher than the old one.",
    "the sea is not going to wait for us",
  ];
  let last = -1;
  for (const s of required) {
    const at = a.text.indexOf(s);
    assert.ok(at >= 0, `missing: ${s}`);
    assert.ok(at > last, `out of order: ${s}`);
    last = at;
  }
  // Paragraphs, headings and list items are separate paragraphs.
  assert.ok(a.text.includes("\n\nWhy now\n\n"));
  assert.ok(a.text.includes("\n\nThe new wall will be two metres higher than the old one.\n\n"));
});

test("news page: navigation, share bar, related links, captions, comments, footer are dropped", () => {
  const a = extractHtml(read("news.html"), { url: NEWS_URL });
  const forbidden = [
    "Sport", "Weather", "Share on Facebook", "Email this story", "Waves break over the old wall",
    "Related stories", "Storm damage bill", "Sign up for our morning briefing", "Most read",
    "Lighthouse keeper", "my house flooded", "All rights reserved", "Privacy policy",
    "By Mara Quill", "5 March 2024", "STYLE_AND_SCRIPT_MARKER", "SCRIPT_BODY_MARKER",
  ];
  for (const s of forbidden) assert.ok(!a.text.includes(s), `should be dropped: ${s}`);
  // The headline is metadata, not body text.
  assert.ok(!a.text.startsWith("Harbour town votes"));
  const reasons = new Set(a.removed.map((r) => r.reason));
  for (const r of ["navigation", "share", "caption", "related", "comments", "footer", "duplicate-title"] as const) {
    assert.ok(reasons.has(r), `expected a removal with reason ${r}`);
  }
  const caption = a.removed.find((r) => r.text.startsWith("Waves break"));
  assert.equal(caption?.reason, "caption");
});

test("news page: metadata from JSON-LD and meta tags", () => {
  const a = extractHtml(read("news.html"), { url: NEWS_URL });
  assert.equal(a.title, "Harbour town votes to rebuild its sea wall");
  // JSON-LD lists both people; the visible byline writes them "Mara Quill and Tobias Fenn".
  assert.equal(a.byline, "Mara Quill and Tobias Fenn");
  assert.deepEqual(a.published, { date: "2024-03-05", precision: "day", source: "jsonld" });
  assert.equal(a.outlet, "The Coastal Ledger");
  assert.equal(a.language, "en-GB");
  assert.equal(a.url, NEWS_URL);
  assert.equal(a.dateline, null);
});

test("script, style, noscript, template, svg and iframe text never reaches the output", () => {
  const a = extractHtml(read("scripts.html"));
  for (const s of ["SCRIPT_TEXT", "NOSCRIPT_TEXT", "TEMPLATE_TEXT", "SVG_TITLE_TEXT", "SVG_TEXT", "IFRAME_TEXT", "STYLE_TEXT", "SCRIPT_TEMPLATE_TEXT", "console.log", "function f"]) {
    assert.ok(!a.text.includes(s), `leaked: ${s}`);
  }
  assert.ok(a.text.includes("Negotiators from the two parties met again on Tuesday morning"));
  assert.ok(a.text.includes("A spokesperson for the finance ministry said"));
  assert.equal(a.text.split("\n\n").length, 3);
  assert.equal(a.title, "Budget talks resume");
});

test("outlet falls back to the URL host when the page names no site", () => {
  const a = extractHtml(read("scripts.html"), { url: "https://www.example-news.test/politics/budget" });
  assert.equal(a.outlet, "example-news.test");
});

test("a page with only navigation is rejected with NO_CONTENT", () => {
  assert.throws(
    () => extractHtml(read("nav-only.html"), { inputName: "nav-only.html" }),
    (e: unknown) => e instanceof DossierError && e.code === "NO_CONTENT" && e.input === "nav-only.html",
  );
});

test("empty input is rejected with EMPTY_INPUT", () => {
  assert.throws(() => extractHtml("   \n"), (e: unknown) => e instanceof DossierError && e.code === "EMPTY_INPUT");
});

test("truncated HTML still yields the text that arrived", () => {
  const html = read("news.html");
  const cut = html.slice(0, html.indexOf("Work is expected") + 40);
  const a = extractHtml(cut, { url: NEWS_URL });
  assert.ok(a.text.includes("Engineers told the council in January"));
  assert.ok(a.text.includes("Work is expected to start"));
  assert.equal(a.title, "Harbour town votes to rebuild its sea wall");
  // Cut inside a tag and inside an attribute value.
  for (const marker of ['<p>"We have', 'class="newsletter-si']) {
    const c = html.slice(0, html.indexOf(marker) + marker.length - 3);
    assert.ok(extractHtml(c).text.includes("Councillors in the small harbour town"));
  }
});

test("100,000 nested divs: no stack overflow, the text is kept (flattened below maxDepth)", () => {
  const n = 100_000;
  const para = "<p>Deep inside the page sits a paragraph that is long enough, with commas, clauses, and detail, to count as the article.</p>";
  const html = `<html><body>${"<div>".repeat(n)}${para}${para.replace("Deep inside", "Further down")}${"</div>".repeat(n)}</body></html>`;
  const a = extractHtml(html);
  assert.ok(a.text.includes("Deep inside the page sits a paragraph"));
  assert.ok(a.text.includes("Further down the page sits a paragraph"));
  const page = parseHtml(html, { maxDepth: 64 });
  assert.ok(page.flattened > 0);
  assert.ok(textContent(page.root).includes("Further down"));
});

test("unclosed and mis-nested tags are tolerated", () => {
  const html = `<body><div class="content"><p>The first paragraph of this story has no closing tag and runs on for a while, as sloppy pages do
<p>The second paragraph begins here <b>with bold <i>and italic</b> text</i>, which browsers repair without complaint.
<p>And a third paragraph closes the story, with enough words in it, to look like article text.</div></span></body></html>`;
  const a = extractHtml(html);
  assert.equal(a.text.split("\n\n").length, 3);
  assert.ok(a.text.includes("with bold and italic text, which browsers repair"));
});

test("entities are decoded and whitespace collapsed; <br> becomes a line break", () => {
  const html = `<article><p>Prices rose by 5&nbsp;% in &quot;real&quot; terms &amp; more, the ministry&#8217;s report said, over the year to March.</p><p>First line of an address block, long enough to count as text<br>second line of the same block, also long enough</p></article>`;
  const a = extractHtml(html);
  assert.ok(a.text.includes('Prices rose by 5 % in "real" terms & more, the ministry’s report said'));
  assert.ok(a.text.includes("count as text\nsecond line"));
});

test("extraction never invents text: every output paragraph is in the page text", () => {
  for (const name of ["news.html", "scripts.html"]) {
    const html = read(name);
    const pageText = textContent(parseHtml(html).root);
    const a = extractHtml(html);
    for (const p of a.text.split("\n\n")) {
      for (const line of p.split("\n")) assert.ok(pageText.includes(line), `${name}: not in page: ${line}`);
    }
  }
});

test("extraction does not mutate its input and is deterministic", () => {
  const html = read("news.html");
  const copy = html.slice();
  const a = extractHtml(html, { url: NEWS_URL });
  const b = extractHtml(html, { url: NEWS_URL });
  assert.equal(html, copy);
  assert.deepEqual(a, b);
});

test("real pages from ../shared extract without throwing", { skip: !existsSync(SCRAPINGHUB) && "needs ../shared" }, () => {
  const files = readdirSync(`${SCRAPINGHUB}pages`).filter((f) => f.endsWith(".html.gz")).sort().slice(0, 10);
  for (const f of files) {
    const html = gunzipSync(readFileSync(`${SCRAPINGHUB}pages/${f}`)).toString("utf8");
    const a = extractHtml(html);
    assert.ok(a.text.length > 200, `${f}: too little text`);
    assert.ok(!a.text.includes("<script"), f);
  }
});

test("a dateline opening the first paragraph is reported and kept in the text", () => {
  const html = `<article><p>HARBOUR CITY (Reuters) — Port workers ended a two-day strike on Tuesday after the operator agreed to review night-shift pay, a union spokesperson said.</p>
    <p>The agreement covers about 1,200 dock workers, and a formal review will start next month, according to the union.</p></article>`;
  const a = extractHtml(html);
  assert.equal(a.dateline, "HARBOUR CITY");
  assert.ok(a.text.startsWith("HARBOUR CITY (Reuters) — Port workers"));
});

test("visible bylines and dates near the headline are used when metadata has none", () => {
  const html = `<html><body><h1>Orchard harvest starts early</h1><div class="meta"><span>By Lena Ortiz</span><span>Published on September 3, 2024</span></div>
    <div class="entry"><p>Growers in the northern valley began picking apples almost two weeks earlier than usual this year, after a warm and dry summer that ripened the fruit quickly.</p>
    <p>Several farms said the crop was smaller but sweeter, and that they expected prices at local markets to stay close to last year's levels.</p></div></body></html>`;
  const a = extractHtml(html);
  assert.equal(a.title, "Orchard harvest starts early");
  assert.equal(a.byline, "Lena Ortiz");
  assert.deepEqual(a.published, { date: "2024-09-03", precision: "day", source: "text" });
  assert.ok(!a.text.includes("Published on"));
});
