import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHtml } from "../../src/extract/dom.ts";
import { cleanAuthor, extractMetadata, parseDateString } from "../../src/extract/metadata.ts";

const meta = (html: string, url: string | null = null) => extractMetadata(parseHtml(html), url, html);

test("parseDateString reads ISO, written and numeric dates without shifting time zones", () => {
  assert.equal(parseDateString("2023-07-07T23:30:00-05:00"), "2023-07-07");
  assert.equal(parseDateString("July 7, 2023"), "2023-07-07");
  assert.equal(parseDateString("Published on Jul. 7 2023 at 9am"), "2023-07-07");
  assert.equal(parseDateString("7 July 2023"), "2023-07-07");
  assert.equal(parseDateString("2023/07/07"), "2023-07-07");
  assert.equal(parseDateString("25/12/2023"), "2023-12-25");
  assert.equal(parseDateString("no date here"), null);
  assert.equal(parseDateString("2023-13-40"), null);
});

test("cleanAuthor strips labels, glued dates, roles and placeholders", () => {
  assert.equal(cleanAuthor("By Jane Doe"), "Jane Doe");
  assert.equal(cleanAuthor("Written by: Jane Doe"), "Jane Doe");
  assert.equal(cleanAuthor("Jane DoeDecember 17, 2025"), "Jane Doe");
  assert.equal(cleanAuthor("Jane Doe - Mar 27, 2024"), "Jane Doe");
  assert.equal(cleanAuthor("Jane Doe Senior Science Reporter"), "Jane Doe");
  assert.equal(cleanAuthor("Jane DoeMarketing Director"), "Jane Doe");
  // Glued-capital names survive; comma-given roles are kept as the page gives them.
  assert.equal(cleanAuthor("Rachel MacDonald"), "Rachel MacDonald");
  assert.equal(cleanAuthor("Jane Doe, Dietitian"), "Jane Doe, Dietitian");
  assert.equal(cleanAuthor("The Newsroom Team"), "The Newsroom Team");
  assert.equal(cleanAuthor("By"), null);
  assert.equal(cleanAuthor("Updated on"), null);
  assert.equal(cleanAuthor("page.head.author"), null);
  assert.equal(cleanAuthor("https://example.com/staff/jane-doe"), "Jane Doe");
});

test("title: an <h1> agreeing with og:title wins; site suffixes are stripped otherwise", () => {
  const a = meta(`<head><title>Rain returns to the valley | Valley Post</title><meta property="og:title" content="Rain returns to the valley"></head>
    <body><h1>Valley Post</h1><article><h1>Rain returns to the valley</h1><p>text</p></article></body>`);
  assert.equal(a.title, "Rain returns to the valley");
  assert.equal(a.titleSource, "h1-agrees");
  const b = meta(`<head><title>Rain returns to the valley - Valley Post</title></head><body><p>x</p></body>`);
  assert.equal(b.title, "Rain returns to the valley");
  const c = meta(`<head><meta property="og:title" content="Bridge &amp;amp; road works start"></head><body></body>`);
  assert.equal(c.title, "Bridge & road works start");
});

test("author: JSON-LD people, then meta, then visible byline elements; organizations last", () => {
  const ld = (author: unknown) => `<script type="application/ld+json">${JSON.stringify({ "@type": "NewsArticle", headline: "h", author })}</script>`;
  assert.equal(meta(ld([{ "@type": "Person", name: "Ana Ruiz" }, { "@type": "Person", name: "Li Wei" }])).byline, "Ana Ruiz, Li Wei");
  assert.equal(
    meta(ld({ "@type": "Organization", name: "Valley Post" }) + `<body><span class="author-name">Ana Ruiz</span></body>`).byline,
    "Ana Ruiz",
  );
  assert.equal(meta(ld({ "@type": "Organization", name: "Valley Post" })).byline, "Valley Post");
  assert.equal(meta(`<meta name="author" content="Ana Ruiz">`).byline, "Ana Ruiz");
  assert.equal(meta(`<body><a rel="author" href="/people/ana">By Ana Ruiz</a></body>`).byline, "Ana Ruiz");
  assert.equal(meta(`<body><a href="/author/ana-ruiz/">Ana Ruiz</a></body>`).byline, "Ana Ruiz");
});

test("date: JSON-LD, then meta, then <time>, inline script state, then the URL", () => {
  assert.deepEqual(meta(`<script type="application/ld+json">{"@type":"Article","datePublished":"2024-11-20T01:00:00+08:00"}</script>`).published, {
    date: "2024-11-20", precision: "day", source: "jsonld",
  });
  assert.equal(meta(`<meta property="article:published_time" content="2023-07-07T10:00:00Z">`).published?.source, "meta");
  assert.equal(meta(`<body><time datetime="2022-01-02T08:00">Jan 2</time></body>`).published?.date, "2022-01-02");
  assert.equal(meta(`<body><time class="updated" datetime="2022-01-05">Jan 5</time></body>`).published, null);
  assert.equal(meta(`<body><script>self.__next_f.push({"publishedAt":"2021-05-06T00:00:00Z"})</script></body>`).published?.date, "2021-05-06");
  assert.deepEqual(meta(`<body><p>x</p></body>`, "https://news.example/2019/11/18/story-slug").published, {
    date: "2019-11-18", precision: "day", source: "inferred",
  });
});

test("outlet and language", () => {
  const a = meta(`<html lang="pt-br"><head><meta property="og:site_name" content="Jornal do Vale"></head></html>`, "https://www.jornal.example/x");
  assert.equal(a.outlet, "Jornal do Vale");
  assert.equal(a.language, "pt-BR");
  const b = meta(`<html><head><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Valley Post"},"inLanguage":"en"}</script></head></html>`);
  assert.equal(b.outlet, "Valley Post");
  assert.equal(b.language, "en");
  assert.equal(meta(`<p>x</p>`, "https://www.valley-post.example/a/b").outlet, "valley-post.example");
});

test("JSON-LD: @graph is flattened and broken JSON is tolerated", () => {
  const a = meta(`<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"VP"},{"@type":"NewsArticle","headline":"Graph headline","articleBody":"Body text here.","author":{"name":"Ana Ruiz"},}]}</script>`);
  assert.equal(a.title, "Graph headline");
  assert.equal(a.byline, "Ana Ruiz");
  assert.equal(a.articleBody, "Body text here.");
  assert.doesNotThrow(() => meta(`<script type="application/ld+json">{not json at all</script>`));
});

test("title: a lone <h1> that is the site's name is not the headline", () => {
  const a = meta(`<head><title>Pruning roses in a cold spring – Garden Notes</title></head><body><h1>Garden Notes</h1><p>x</p></body>`);
  assert.equal(a.title, "Pruning roses in a cold spring");
  const b = meta(`<head><meta property="og:site_name" content="Garden Notes"><title>Pruning roses in a cold spring</title></head><body><h1>Garden Notes</h1></body>`);
  assert.equal(b.title, "Pruning roses in a cold spring");
});

test("date: citation and other 'publish' meta names; a visible date beats a modification time or a later JSON-LD date", async () => {
  const { extractHtml } = await import("../../src/extract/html.ts");
  assert.equal(parseDateString("2023 Jan 7"), "2023-01-07");
  assert.equal(meta(`<meta name="citation_publication_date" content="2021 Mar 4">`).published?.date, "2021-03-04");
  assert.equal(meta(`<meta name="published" content="July 17, 2025">`).published?.date, "2025-07-17");
  assert.equal(meta(`<meta name="published-date" content="2021-02-16"><meta name="modified-time" content="2024-01-01">`).published?.date, "2021-02-16");
  const para = "<p>The river council met on Tuesday to talk about the new footbridge, which has been closed since the spring floods.</p>".repeat(4);
  const page = (head: string, dateLine: string) =>
    `<html><head>${head}</head><body><article><h1>Footbridge to reopen</h1><p class="date">${dateLine}</p>${para}</article></body></html>`;
  // Only a modification time in the metadata: the visible publication line is the date.
  const a = extractHtml(page(`<meta property="article:modified_time" content="2025-09-15T10:00:00Z">`, "Published: January 3, 2024"));
  assert.equal(a.published?.date, "2024-01-03");
  // JSON-LD datePublished later than the date shown under the headline (a republished page).
  const ld = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Footbridge to reopen","datePublished":"2025-06-12"}</script>`;
  assert.equal(extractHtml(page(ld, "November 2, 2022")).published?.date, "2022-11-02");
  // Same page whose visible date agrees with the metadata: unchanged.
  assert.equal(extractHtml(page(ld, "June 12, 2025")).published?.date, "2025-06-12");
});

test("author: visible forms of several names, inner name elements, handles and commenters", async () => {
  const { extractHtml } = await import("../../src/extract/html.ts");
  const ld = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
  // Two JSON-LD people are written as the visible byline writes them.
  const two = ld({ "@type": "NewsArticle", headline: "h", author: [{ "@type": "Person", name: "Ana Ruiz" }, { "@type": "Person", name: "Li Wei" }] });
  assert.equal(meta(`${two}<body><p class="byline">By Ana Ruiz and Li Wei</p></body>`).byline, "Ana Ruiz and Li Wei");
  // A person named like the host of a personal site is still the writer.
  const own = ld({ "@type": "BlogPosting", headline: "h", author: { "@type": "Person", name: "Ana Ruiz" } });
  assert.equal(meta(own, "https://anaruiz.example/notes/one").byline, "Ana Ruiz");
  // Entities in JSON-LD names are decoded.
  assert.equal(meta(ld({ "@type": "Article", headline: "h", author: { name: "Ana &amp; Li" } })).byline, "Ana & Li");
  // An Article node's author wins over the WebPage node that wraps it.
  assert.equal(meta(ld({ "@graph": [{ "@type": "WebPage", name: "p", datePublished: "2024-01-01" }, { "@type": "Article", headline: "h", author: { name: "Ana Ruiz" } }] })).byline, "Ana Ruiz");
  // The name element of an author box, not its role.
  assert.equal(meta(`<body><div class="card-author"><a class="author-name-wrap"><h3 class="author-name">Ana Ruiz</h3><div class="role">Head Baker, Co-Founder</div></a></div></body>`).byline, "Ana Ruiz");
  // "Updated by" boxes and commenters are not the writer.
  assert.equal(meta(`<body><div class="byline-wrapper">Updated by Li Wei</div><p class="comment-author">Bo Chen says</p></body>`).byline, null);
  // A user handle gives way to the visible byline near the text.
  const para = "<p>The river council met on Tuesday to talk about the new footbridge, which has been closed since the spring floods.</p>".repeat(4);
  const a = extractHtml(`<html><head><meta name="author" content="ana.ruiz"></head><body><article><h1>Footbridge to reopen</h1><p>By Ana Ruiz</p>${para}</article></body></html>`);
  assert.equal(a.byline, "Ana Ruiz");
});

test("title: site-name tails, blog-name <h1>s and <h1>s that only start the metadata title", () => {
  // The headline ends with the site's own name.
  const a = meta(`<head><meta property="og:site_name" content="Valley Post"><meta property="og:title" content="Rain returns to the valley – Valley Post"></head>
    <body><h1>Rain returns to the valley – Valley Post</h1></body>`);
  assert.equal(a.title, "Rain returns to the valley");
  // A blog's name in the only <h1> is not the headline.
  const b = meta(`<head><title>Notes on caching layers</title></head><body><h1>Ana's Blog</h1><h2>Notes on caching layers</h2></body>`);
  assert.equal(b.title, "Notes on caching layers");
  // An <h1> that is just the start of the metadata title gives way to it.
  const c = meta(`<head><title>Index Funds: How to Invest | Valley Bank</title></head><body><h1>Index funds</h1></body>`);
  assert.equal(c.title, "Index Funds: How to Invest");
  // A site name leading the <title> does not turn the headline into a "site segment".
  const d = meta(`<head><title>Valley.org - Rain returns to the valley</title><meta property="og:title" content="Rain returns to the valley"></head>
    <body><h1>Search</h1><h1>Rain returns to the valley</h1></body>`);
  assert.equal(d.title, "Rain returns to the valley");
});

test("title: a lone <h1> away from the text that disagrees with the metadata gives way to it", async () => {
  const { extractHtml } = await import("../../src/extract/html.ts");
  const para = "<p>The river council met on Tuesday to talk about the new footbridge, which has been closed since the spring floods.</p>".repeat(4);
  const a = extractHtml(`<html><head><title>Footbridge to reopen in May | Valley Post</title></head><body><article>${para}</article><div class="promo"><h1>Join the Valley Outdoor Club</h1></div></body></html>`);
  assert.equal(a.title, "Footbridge to reopen in May");
  // The same <h1> right over the text stays the headline.
  const b = extractHtml(`<html><head><title>Footbridge to reopen in May | Valley Post</title></head><body><article><h1>Council backs footbridge repairs</h1>${para}</article></body></html>`);
  assert.equal(b.title, "Council backs footbridge repairs");
});

test("author: long credits in a list of people and 'Contributors' links are not names", () => {
  const ld = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
  assert.equal(meta(ld({ "@type": "NewsArticle", headline: "h", author: [{ name: "By Ana Ruiz" }, { name: "Valley Garden-based Learning Network on Facebook" }] })).byline, "Ana Ruiz");
  assert.equal(meta(`<body><a href="/contributors/">Contributors</a></body>`).byline, null);
});

test("author: the profile link of 'Name, Role' bylines; Twitter 'Interview by' labels", () => {
  assert.equal(meta(`<body><span class="author-meta">By <span class="author-name"><a href="/people/ana">Ana Ruiz</a>, Home Security Expert</span></span></body>`).byline, "Ana Ruiz");
  assert.equal(meta(`<meta name="twitter:label1" content="Interview by"><meta name="twitter:data1" content="Ana Ruiz">`).byline, "Ana Ruiz");
  assert.equal(meta(`<meta name="twitter:label1" content="Reviewed by"><meta name="twitter:data1" content="Li Wei">`).byline, null);
});

test("date: a dated line far from the headline that equals dateModified does not replace datePublished", async () => {
  const { extractHtml } = await import("../../src/extract/html.ts");
  const para = "<p>The river council met on Tuesday to talk about the new footbridge, which has been closed since the spring floods.</p>".repeat(8);
  const ld = `<script type="application/ld+json">{"@type":"Article","headline":"Footbridge to reopen","datePublished":"2024-08-01","dateModified":"2025-11-18"}</script>`;
  const a = extractHtml(`<html><head>${ld}</head><body><article><h1>Footbridge to reopen</h1>${para}<div><span>November 18, 2025</span></div></article></body></html>`);
  assert.equal(a.published?.date, "2024-08-01");
});

test("title: leading site names and domains are stripped from metadata titles", () => {
  assert.equal(meta(`<head><title>valleypost.net Notes on caching layers</title></head><body><h1>valleypost.net</h1></body>`).title, "Notes on caching layers");
  assert.equal(meta(`<head><title>Valley Post | valleypost.net - Notes on caching layers for small web sites</title></head><body></body>`).title, "Notes on caching layers for small web sites");
});
