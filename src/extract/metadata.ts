// Page metadata for an article: title, authors, publication date, outlet and language, read
// from (in order of trust) JSON-LD, <meta> tags, microdata and visible page elements, then the URL.

import { decodeHTML } from "entities";
import type { PublishedDate } from "../core/types.ts";
import { findAll, textContent, walk } from "./dom.ts";
import type { HtmlElement, ParsedPage } from "./dom.ts";

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  published: PublishedDate | null;
  outlet: string | null;
  language: string | null;
  /** JSON-LD articleBody when the page carries one (a hint for locating the main text). */
  articleBody: string | null;
  /** Every headline-like string seen (og:title, <title>, h1...) for dropping duplicate-title blocks. */
  titleVariants: string[];
  /** Every published/modified date the metadata offers (YYYY-MM-DD), to check visible dates against. */
  dateCandidates: string[];
  /** JSON-LD dateModified (YYYY-MM-DD) when given. */
  modified: string | null;
  /** The byline is an organization or a user handle: a visible byline near the text beats it. */
  bylineWeak: boolean;
  /** The published date is only a modification time (article:modified_time...): a visible date beats it. */
  publishedIsModified: boolean;
  /** How the title was chosen: an <h1> that agrees with the metadata is the strongest evidence. */
  titleSource: "h1-agrees" | "h1-single" | "meta" | "h1-first" | null;
  /** Metadata titles (JSON-LD headline, og:title, <title>), for checking visible headings against. */
  metaTitles: string[];
  /** The first metadata title without its site suffix: the title when the <h1> is in doubt. */
  metaTitle: string | null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const ARTICLE_TYPES = /article|posting|report|blog|news|webpage|review|recipe|howto|creativework|scholarly|medical|techarticle|qapage|faqpage|itempage|aboutpage|collectionpage/i;

/** Parses every JSON-LD script and flattens @graph / arrays into one list of objects. */
export function jsonLdObjects(page: ParsedPage): Array<{ [k: string]: Json }> {
  const out: Array<{ [k: string]: Json }> = [];
  for (const raw of page.jsonld) {
    let data: Json;
    try {
      data = JSON.parse(raw.trim().replace(/^<!--|-->$/g, "")) as Json;
    } catch {
      // Sites ship broken JSON-LD (trailing commas, raw newlines in strings): try a lenient pass.
      try {
        data = JSON.parse(raw.replace(/[\n\r\t]+/g, " ").replace(/,\s*([}\]])/g, "$1")) as Json;
      } catch {
        continue;
      }
    }
    const stack: Json[] = [data];
    while (stack.length) {
      const d = stack.pop();
      if (Array.isArray(d)) {
        for (const x of d) stack.push(x);
      } else if (d && typeof d === "object") {
        out.push(d);
        if (d["@graph"]) stack.push(d["@graph"]);
        if (d.mainEntity && typeof d.mainEntity === "object") stack.push(d.mainEntity);
      }
    }
  }
  return out;
}

function types(o: { [k: string]: Json }): string {
  const t = o["@type"];
  return Array.isArray(t) ? t.join(" ") : typeof t === "string" ? t : "";
}

function str(v: Json | undefined): string | null {
  if (typeof v === "string") return v.trim() || null;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === "object") return str(v.name ?? v["@value"] ?? null);
  return null;
}

function strD(v: Json | undefined): string | null {
  const s = str(v);
  return s ? decodeLite(s) : null;
}

function names(v: Json | undefined): string[] {
  if (v == null) return [];
  if (typeof v === "string") return [v.trim()].filter(Boolean);
  if (Array.isArray(v)) return v.flatMap((x) => names(x));
  if (typeof v === "object") {
    const n = v.name;
    if (typeof n === "string") return [n.trim()].filter(Boolean);
    if (Array.isArray(n)) return names(n);
    const gn = v.givenName, fn = v.familyName;
    if (typeof gn === "string" || typeof fn === "string") return [[gn, fn].filter((x) => typeof x === "string").join(" ")];
  }
  return [];
}

/** Collapses whitespace and undoes double-encoded entities ("&amp;#8211;" arrives as "&#8211;"). */
const decodeLite = (s: string) => (/&(#\d+|#x[\da-f]+|[a-z]+\d?);/i.test(s) ? decodeHTML(s) : s).replace(/\s+/g, " ").trim();

/** <meta> lookup by property/name/itemprop (case-insensitive), first non-empty content. */
function metaIndex(page: ParsedPage): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const a of page.metas) {
    const key = (a.property ?? a.name ?? a.itemprop ?? a["http-equiv"] ?? "").toLowerCase().trim();
    const content = a.content ?? a.value;
    if (!key || content == null) continue;
    const v = decodeLite(content);
    if (!v) continue;
    const list = m.get(key) ?? [];
    list.push(v);
    m.set(key, list);
  }
  return m;
}

/**
 * `rawHtml` (optional) lets us read publication dates that only live in inline script data
 * (Next.js/Nuxt state: "publishedAt":"2025-07-18..."), which the parsed tree drops.
 */
export function extractMetadata(page: ParsedPage, url: string | null = null, rawHtml?: string): PageMetadata {
  const meta = metaIndex(page);
  const first = (...keys: string[]) => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v && v.length) return v[0]!;
    }
    return null;
  };
  const ld = jsonLdObjects(page);
  const articles = ld.filter((o) => ARTICLE_TYPES.test(types(o)) && !/breadcrumb|website|organization|person/i.test(types(o)));
  // An Article/BlogPosting node over the WebPage node that wraps it (Yoast graphs give both).
  const rank = (o: { [k: string]: Json }) => (/article|posting|report|news/i.test(types(o)) ? 2 : 0) + (o.headline || o.articleBody || o.datePublished ? 1 : 0);
  const article = articles.reduce<{ [k: string]: Json } | null>((best, o) => (!best || rank(o) > rank(best) ? o : best), null);

  const h1s = findAll(page.root, (el) => el.tag === "h1").map(textContent).filter((t) => t.length > 0 && t.length < 300);

  // ---- title
  const ogTitle = first("og:title", "twitter:title", "title", "dc.title", "headline");
  const ldTitle = article ? strD(article.headline ?? article.name ?? null) : null;
  const docTitle = page.title ? decodeLite(page.title) : null;
  const titleVariants = [ogTitle, ldTitle, docTitle, ...h1s].filter((x): x is string => !!x);
  const metaTitles = [ldTitle, ogTitle, docTitle].filter((x): x is string => !!x);
  const chosen = chooseTitle(h1s, metaTitles, meta.get("og:site_name") ?? []);
  const titleSource = chosen.source;
  const metaTitle = metaTitles.map((t) => stripSiteSuffix(t).trim()).find((t) => t) ?? null;
  // Headlines carry section or list tails after a pipe ("... | Opinion", "... | Top 19 Companies");
  // dropping them matched 3 more wcxb-dev titles (694 vs 691 of 793).
  const head = chosen.title?.split(/\s*\|\s*/)[0]?.trim();
  const cut = head && head.split(/\s+/).length >= 2 ? head : chosen.title;
  // A headline that ends with the site's own name ("... – Artlyst") loses it.
  const sites = [...(meta.get("og:site_name") ?? []), ...(article ? names(article.publisher ?? null) : [])];
  const title = cut ? stripSiteName(cut, sites, /\s[|–—-]\s*$/) : cut;

  // ---- author
  const author = chooseAuthor(page, meta, article, ld, rawHtml, url);
  const bylineWeak = author.weak;
  const byline = stripSiteName(author.name, [
    ...(meta.get("og:site_name") ?? []),
    ...(article ? names(article.publisher ?? null) : []),
  ]);

  // ---- date
  const published = chooseDate(page, meta, article, ld, url, rawHtml);
  const publishedIsModified = published?.source === "meta" && MODIFIED_KEYS.some((k) => meta.get(k)?.some((v) => parseDateString(v) === published.date))
    && !PUBLISHED_KEYS.some((k) => meta.get(k)?.some((v) => parseDateString(v) === published.date));

  // ---- outlet
  let outlet = first("og:site_name", "application-name", "twitter:site:name", "publisher", "dc.publisher");
  if (!outlet && article) outlet = str(article.publisher ?? null);
  if (!outlet) {
    const site = ld.find((o) => /website|newsmediaorganization|organization/i.test(types(o)) && typeof o.name === "string");
    if (site) outlet = str(site.name ?? null);
  }
  if (!outlet && url) outlet = hostOf(url);

  // ---- language
  let language = page.lang ?? first("content-language", "language", "dc.language", "og:locale", "inlanguage");
  if (!language && article) language = str(article.inLanguage ?? null);
  language = language ? normalizeLang(language) : null;

  const articleBody = article ? str(article.articleBody ?? article.text ?? null) : null;
  const dateCandidates: string[] = [];
  for (const o of ld) for (const k of ["datePublished", "dateModified", "dateCreated"]) {
    const v = str(o[k] ?? null);
    const d = v ? parseDateString(v) : null;
    if (d) dateCandidates.push(d);
  }
  for (const k of ["article:published_time", "article:modified_time", "og:updated_time", "datepublished", "datemodified", "date", "last-modified"]) {
    for (const v of meta.get(k) ?? []) {
      const d = parseDateString(v);
      if (d) dateCandidates.push(d);
    }
  }
  const modRaw = ld.map((o) => str(o.dateModified ?? null)).find((x) => x);
  const modified = modRaw ? parseDateString(modRaw) : null;
  return { title, byline, published, outlet, language, articleBody, titleVariants, titleSource, metaTitles, metaTitle, dateCandidates, modified, publishedIsModified, bylineWeak };
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\d*\./, "") || null;
  } catch {
    return null;
  }
}

function normalizeLang(s: string): string | null {
  const m = /^([a-z]{2,3})(?:[-_]([a-z]{2,4}))?/i.exec(s.trim());
  if (!m) return null;
  return m[2] ? `${m[1]!.toLowerCase()}-${m[2].length === 2 ? m[2].toUpperCase() : m[2]}` : m[1]!.toLowerCase();
}

const normKey = (s: string) => s.toLowerCase().normalize("NFKC").replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** Splits "Headline | Site" / "Headline - Site" and returns the longest part that looks like a headline. */
function stripSiteSuffix(t: string): string {
  // "example.com Headline": a leading domain.
  const undomained = t.replace(/^[\w-]+(\.[\w-]+)*\.[a-z]{2,6}(\s+[|–—·•»:-])?\s+(?=\S+\s+\S)/i, "");
  if (undomained !== t) return stripSiteSuffix(undomained);
  const parts = t.split(/\s+[|–—·•»:-]\s+|\s*\|\s*/);
  if (parts.length < 2) return t;
  // Keep everything before the last separator when the tail is short (a site name).
  const last = parts[parts.length - 1]!;
  const head = t.slice(0, t.length - last.length).replace(/\s*[|–—·•»:-]\s*$/, "");
  if (last.split(/\s+/).length <= 5 && head.length >= last.length) return stripSiteSuffix(head);
  const firstPart = parts[0]!;
  if (firstPart.split(/\s+/).length <= 4 && t.length - firstPart.length > firstPart.length) {
    return stripSiteSuffix(t.slice(firstPart.length).replace(/^\s*[|–—·•»:-]\s*/, ""));
  }
  return t;
}

/** True when a visible heading is (part of) one of the metadata titles. */
export function titleAgrees(heading: string, metaTitles: string[]): boolean {
  const k = normKey(heading);
  if (k.length < 3) return false;
  return metaTitles.some((t) => {
    const m = normKey(t);
    return m === k || (m.includes(k) && k.length >= m.length * 0.4);
  });
}

function chooseTitle(
  h1s: string[],
  metaTitles: string[],
  siteNames: string[] = [],
): { title: string | null; source: PageMetadata["titleSource"] } {
  // The visible headline is what readers (and the gold) call the title; metadata titles carry
  // SEO rewrites and site suffixes. An <h1> that agrees with the metadata wins; a lone <h1> too.
  // A lone <h1> that is only the start of a metadata title ("Index funds" of "Index Funds: How to
  // Invest | Vanguard", a headline split over two elements) gives way to that title. (Doing the
  // same for agreeing <h1>s: 7 right, 7 wrong on wcxb-dev even when limited to 3 added words.)
  const stripped = metaTitles.map((t) => stripSiteSuffix(t).trim());
  const longer = (h: string) => stripped.find((t) => normKey(t).startsWith(`${normKey(h)} `));
  // An <h1> that is the site's name (blog headers) is not the headline: it equals the
  // og:site_name or the tail segment of a metadata title ("Headline – Yoga Pathways"), or names
  // a blog ("Jane's Blog", "Our Blog") or a domain.
  const siteKeys = new Set(siteNames.map(normKey));
  for (const t of metaTitles) {
    const segs = t.split(/\s+[|–—·•»-]\s+|\s*\|\s*/);
    for (const seg of segs.slice(1)) siteKeys.add(normKey(seg));
  }
  // ... unless another metadata title is that segment ("Psychiatry.org - Headline").
  for (const t of [...metaTitles, ...stripped]) siteKeys.delete(normKey(t));
  const isSite = (h: string) =>
    siteKeys.has(normKey(h)) || /^(our |the )?blog$|['’]s (blog|substack|newsletter)$|^[\w-]+(\.[\w-]+)*\.[a-z]{2,6}$/i.test(h.trim());
  const agreeing = h1s.find((h) => !isSite(h) && titleAgrees(h, metaTitles));
  if (agreeing) return { title: agreeing, source: "h1-agrees" };
  const real = h1s.filter((h) => normKey(h).split(" ").length >= 2 && !isSite(h));
  if (real.length === 1) return { title: longer(real[0]!) ?? real[0]!, source: "h1-single" };
  for (const t of metaTitles) {
    const s = stripSiteSuffix(t).trim();
    if (s) return { title: s, source: "meta" };
  }
  const first = real[0] ?? h1s[0] ?? null;
  return { title: first, source: first ? "h1-first" : null };
}

const AUTHOR_NOISE = /^(by|from|written by|posted by|author|authors|reviewed by|words by|text by|recipe by|story by|name)\b[:,\s]*/i;
const MONTH_WORD = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
// A date glued to or following the name ("Luke KimDecember 17, 2025", "Dr. X - Mar 27, 2024").
const TRAILING_DATE = new RegExp(`\\s*[|•·,–—-]?\\s*(?:${MONTH_WORD}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH_WORD}|\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+\\d).*$`, "i");
const NOT_A_NAME = /^(by|author|authors|the author|admin|administrator|staff|editor|unknown|anonymous|guest|name|posted by|written by|contributors?|fact checked)$/i;

// "Team", "Staff", "Expert", "Contributor" stay: "The Investopedia Team" is how such pages sign.
const ROLE_WORD = /^(director|writer|editor|reporter|manager|consultant|founder|co-founder|ceo|cto|marketer|specialist|strategist|analyst|journalist|correspondent|columnist|producer|officer|coordinator|educator|educators)$/i;

/** "Liz Kenny Former Acme Consultant" → "Liz Kenny"; "Jane DoeMarketing Director" → "Jane Doe". Comma-given roles stay. */
function stripRole(a: string): string {
  if (a.includes(",")) {
    // "Jane Doe Writer, Hardware": a role glued to the first name part ends the name there.
    const [firstPart, ...rest] = a.split(",");
    const cut = stripRole(firstPart!);
    return cut !== firstPart!.trim() ? cut : [firstPart, ...rest].join(",");
  }
  let s = a.replace(/\s+[-–—]\s+.*$/, "");
  const split = s.replace(/(\p{Ll})(\p{Lu}\p{Ll}+)/gu, "$1 $2").split(/\s+/);
  if (split.length < 3) return s;
  for (let i = 2; i < split.length; i++) {
    if (split.slice(i).some((w) => ROLE_WORD.test(w.replace(/[^\p{L}-]/gu, "")))) {
      // Cut the original where the role phrase starts, so glued names ("DeSiato") stay intact.
      let need = split.slice(0, i).join("").length;
      let end = 0;
      while (end < s.length && need > 0) {
        if (!/\s/.test(s[end]!)) need--;
        end++;
      }
      return s.slice(0, end).trim();
    }
  }
  return s;
}

export function cleanAuthor(s: string): string | null {
  let a = decodeLite(s);
  // "Text by Jane Doe", "Insights from Jane Doe": keep what follows a leading "by"/"from".
  a = a.replace(/^[&+,;:\s]+/, "");
  a = a.replace(/^(?:\S+\s+){0,3}?(?:[Bb]y|[Ff]rom):?\s+(?=\p{Lu})/u, "");
  a = a.replace(/^(?:.*?\s)??(?:[Bb]y|[Ff]rom)(?=\p{Lu}\p{Ll})/u, "");
  a = a.replace(AUTHOR_NOISE, "").trim();
  a = a.replace(/(\s*[|•·–—-]\s*|\s+|(?<=\p{Ll}))(last\s+)?(updated|published|posted|modified|reviewed)\b.*$/iu, "").trim();
  a = a.replace(/\s+on\s+\S*\d.*$/i, "").trim();
  a = a.replace(TRAILING_DATE, "").trim();
  a = a.replace(/(?<=\p{Ll})Last$/u, "").replace(/\s*\|.*$/, "").replace(/\s+says:?$/i, "").replace(/[\s,;:|•·–—-]+$/, "").trim();
  a = stripRole(a);
  a = a.replace(/\s+(on|at)$/, "").replace(/\s+on\s+(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b.*$/i, "").trim();
  a = a.replace(/^Author(?=\p{Lu})/u, "").replace(/\s+in\s+\p{Lu}\S*$/u, "").trim();
  if (!a || a.length > 120 || NOT_A_NAME.test(a) || /^(updated|published|posted|last updated)\b/i.test(a)) return null;
  // Template placeholders and handles with dots ("page.head.extra.author").
  if (/^[\w-]+(\.[\w-]+){2,}$/.test(a)) return null;
  if (/^https?:\/\//.test(a)) {
    // article:author often holds a profile URL: take the last path segment as a name.
    const seg = a.replace(/\/+$/, "").split("/").pop() ?? "";
    if (!seg || /\d/.test(seg) || /facebook|twitter|x\.com|linkedin|instagram/.test(a)) return null;
    return seg.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
  }
  if (/@/.test(a) && !/\s/.test(a)) return null;
  if (/^\d+$/.test(a) || !/\p{L}/u.test(a)) return null;
  return a;
}

/**
 * Cleaned, de-duplicated names joined with ", ". With `page`, several names are written the way
 * the page's visible byline writes them ("A, B, and C", "A & B") when it lists them all.
 */
function joinNames(list: string[], page?: ParsedPage): string | null {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of list) {
    const c = cleanAuthor(n);
    // In a list of people, a long phrase is a link or a credit, not a name
    // ("South Carolina Garden-based Learning Network on Facebook").
    if (!c || (list.length > 1 && c.split(/\s+/).length > 5)) continue;
    const k = normKey(c);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  if (out.length > 1 && page) {
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
    const re = new RegExp(out.map(esc).join("(?:\\s*,\\s*(?:and\\s+|&\\s*)?|\\s+and\\s+|\\s*&\\s*)"));
    const m = re.exec(textContent(page.root));
    if (m) return m[0].replace(/\s+/g, " ");
  }
  return out.length ? out.join(", ") : null;
}

const SCRIPT_AUTHOR = /\\?"author\\?"\s*:\s*\{[^{}]{0,200}?\\?"name\\?"\s*:\s*\\?"([^"\\]{2,80})\\?"/;

// Analytics data layers: "authors":["Jane Doe"], 'authors': 'Jane Doe', "pagePostAuthor":"Jane Doe".
const SCRIPT_AUTHOR_FLAT = /\\?["'](?:authors?|pagePostAuthor|authorName|author_name)\\?["']\s*:\s*\[?\s*\\?["']([^"'\\{}[\]]{2,80})\\?["']/;

/** A user handle rather than a name: "andrew.keaveney", "kffjdoe", "KatieS". */
function looksLikeHandle(a: string): boolean {
  return !/\s/.test(a) && (/[._@\d]/.test(a) || (a === a.toLowerCase() && a.length > 8) || /\p{Ll}\p{Lu}$/u.test(a));
}

const strong = (name: string) => ({ name, weak: false });

function chooseAuthor(
  page: ParsedPage,
  meta: Map<string, string[]>,
  article: { [k: string]: Json } | null,
  ld: Array<{ [k: string]: Json }>,
  rawHtml?: string,
  url: string | null = null,
): { name: string | null; weak: boolean } {
  const declaredSites = [
    ...(meta.get("og:site_name") ?? []),
    ...(meta.get("application-name") ?? []),
    ...(article ? names(article.publisher ?? null) : []),
  ];
  const siteNames = [...declaredSites, ...(url ? [hostOf(url)?.split(".")[0] ?? ""] : [])].filter(Boolean);
  // JSON-LD persons first; an organization as author is kept as a last resort (visible bylines
  // name the writer more often: wcxb-dev gold names the person on such pages).
  let orgAuthor: string | null = null;
  if (article) {
    const raw = article.author ?? article.creator ?? null;
    // Yoast-style graphs reference the author by @id: resolve it to the Person node.
    const byId = new Map<string, { [k: string]: Json }>();
    for (const o of ld) if (typeof o["@id"] === "string") byId.set(o["@id"], o);
    const resolve = (x: Json): Json =>
      x && typeof x === "object" && !Array.isArray(x) && typeof x["@id"] === "string" && !x.name ? (byId.get(x["@id"]) ?? x) : x;
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).map(resolve);
    const persons = list.filter((x) => !(x && typeof x === "object" && !Array.isArray(x) && /organization|corporation/i.test(types(x))));
    const a = joinNames(names(persons), page);
    // A writer the JSON-LD types as a Person is not the site for being named like the host
    // (garymarcus.substack.com by Gary Marcus); the site's declared names still disqualify.
    const typedPerson = persons.length > 0 && persons.every((x) => x && typeof x === "object" && !Array.isArray(x) && /person/i.test(types(x)));
    if (a && !looksLikeOrg(a, ld, typedPerson ? declaredSites : siteNames) && !looksLikeHandle(a)) return strong(a);
    orgAuthor = a ?? joinNames(names(list));
  }
  // Ghost/Yoast put the byline in Twitter card labels: twitter:label1="Written by", twitter:data1=name.
  for (let i = 1; i <= 4; i++) {
    const label = meta.get(`twitter:label${i}`)?.[0];
    const data = meta.get(`twitter:data${i}`)?.[0];
    if (label && data && /\bby\b|author/i.test(label) && !/review|edit|updat|photo|illustrat|fact/i.test(label)) {
      const a = cleanAuthor(data);
      if (a && !looksLikeHandle(a)) return strong(a);
      orgAuthor ??= a;
    }
  }
  const citation = meta.get("citation_author");
  if (citation?.length) return strong(citation.join(", "));
  const m = meta.get("author") ?? meta.get("article:author") ?? meta.get("dc.creator") ?? meta.get("sailthru.author") ?? meta.get("parsely-author") ?? meta.get("byl");
  if (m) {
    const a = joinNames(m, page);
    if (a && !looksLikeOrg(a, ld, siteNames) && !looksLikeHandle(a)) return strong(a);
    orgAuthor ??= a;
  }
  // Visible bylines: rel=author links, itemprop=author, class/id "author"/"byline", /author/ links.
  let found: string | null = null;
  walk(page.root, (el) => {
    if (found) return false;
    const hint = `${el.attrs.class ?? ""} ${el.attrs.id ?? ""}`.toLowerCase();
    // Commenters and reviewers of other things are not the writer.
    if (/comment|testimonial|review-author/.test(hint)) return false;
    const href = el.tag === "a" ? (el.attrs.href ?? "") : "";
    const isAuthor =
      el.attrs.rel === "author" ||
      (el.attrs.itemprop ?? "").includes("author") ||
      /(^|[\s_-])(author|byline|by-line|writer)(name|s)?($|[\s_-])/.test(hint) ||
      /\/(author|authors|writers?|contributors?)\/[^/?#]+/.test(href);
    if (!isAuthor) return;
    if (/avatar|bio\b|biography|about|img|image|photo|description/.test(hint)) return;
    // Editors and reviewers are not the writer ("Updated by Jon Doe", "Medically reviewed by").
    const all = textContent(el, 4000);
    if (/^(last\s+)?(updated|reviewed|edited|fact[- ]?checked|medically reviewed|illustrat\w*|photo\w*)\s+by\b/i.test(all)) return false;
    // A small author box holding name, role and date: its name element is the name
    // ("Matt Check" of "Matt CheckHead Winemaker, Co-Founder").
    // The first innermost one, in document order (a wrapper also classed "name" holds the role).
    const isName = (c: HtmlElement) => (c.attrs.itemprop ?? "") === "name" || /name/i.test(`${c.attrs.class ?? ""} ${c.attrs.id ?? ""}`);
    const nameEl = all.length > 150 ? undefined : findAll(el, (c) => c !== el && isName(c) && findAll(c, (d) => d !== c && isName(d)).length === 0)
      .map((c) => textContent(c, 4000))
      .find((t) => t.length <= 80 && cleanAuthor(t));
    let t = nameEl ?? textContent(el, 2000);
    // "Jane Doe, Security Expert" where only "Jane Doe" is the profile link: the link is the name.
    const comma = t.indexOf(",");
    if (comma > 0) {
      const head = t.slice(0, comma).replace(/^by\s+/i, "").trim();
      if (findAll(el, (c) => c.tag === "a" && textContent(c, 400) === head).length) t = head;
    }
    if (t && t.length <= 80 && /\p{L}/u.test(t)) {
      const a = cleanAuthor(t);
      found = a && !/\d/.test(a) ? a : null;
      if (found) return false;
    }
  });
  if (found) return strong(found);
  if (rawHtml) {
    // Script state ("author":{"id":21,"name":"Jane Doe"}), escaped or not.
    for (const re of [SCRIPT_AUTHOR, SCRIPT_AUTHOR_FLAT]) {
      const sm = re.exec(rawHtml);
      const a = sm ? cleanAuthor(sm[1]!) : null;
      if (a && !looksLikeHandle(a)) return strong(a);
    }
  }
  // Nothing names a writer: the organization or account that signs the page (a visible byline
  // near the text, when there is one, names the writer better).
  return { name: orgAuthor ?? (article ? joinNames(names(article.publisher ?? null)) : null), weak: true };
}

/**
 * "Brian Doe USA TODAY" → "Brian Doe": a byline that ends with the site's name. `joint`, when
 * given, must match what precedes the name (a separator, for headlines).
 */
function stripSiteName(a: string | null, sites: string[], joint?: RegExp): string | null {
  if (!a) return a;
  for (const site of sites) {
    if (site.length >= 3 && a.length > site.length + 3 && a.toLowerCase().endsWith(site.toLowerCase())) {
      const head = a.slice(0, a.length - site.length);
      if (joint && !joint.test(head)) continue;
      // "Jane Doe, CEO of Acme" and "Laura / House Plant House" name the site on purpose.
      if (/(\bof|\bat|\bfor|\/)\s*$/i.test(head)) return a;
      return head.replace(/[\s,|–—-]+$/, "") || a;
    }
  }
  return a;
}

/**
 * An "author" that is really the site (an organization in the JSON-LD, the og:site_name, the
 * host name): a visible byline names the writer better.
 */
function looksLikeOrg(a: string, ld: Array<{ [k: string]: Json }>, siteNames: string[] = []): boolean {
  const k = normKey(a);
  if (ld.some((o) => /organization/i.test(types(o)) && typeof o.name === "string" && normKey(o.name) === k)) return true;
  return siteNames.some((n) => normKey(n) === k || normKey(n).replace(/ /g, "") === k.replace(/ /g, ""));
}

// ---- dates

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const pad = (n: number) => String(n).padStart(2, "0");

function validYmd(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Reads an ISO or common written date and returns YYYY-MM-DD (the date as written, no timezone shift). */
export function parseDateString(s: string): string | null {
  const t = s.trim();
  let m = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
  if (m) return validYmd(+m[1]!, +m[2]!, +m[3]!);
  m = /(\d{4})\/(\d{1,2})\/(\d{1,2})/.exec(t);
  if (m) return validYmd(+m[1]!, +m[2]!, +m[3]!);
  m = /\b(\d{4})(\d{2})(\d{2})(?:T|\b)/.exec(t);
  if (m) return validYmd(+m[1]!, +m[2]!, +m[3]!);
  // "July 7, 2023", "Jul. 7 2023"
  m = /\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/i.exec(t);
  if (m) return validYmd(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!);
  // "7 July 2023"
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})(?!\d)/i.exec(t);
  if (m) return validYmd(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!);
  // "2023 Jan 7" (citation_publication_date)
  m = /\b(\d{4})\s+(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?!\d)/i.exec(t);
  if (m) return validYmd(+m[1]!, MONTHS[m[2]!.toLowerCase()]!, +m[3]!);
  // "07/07/2023" (US order unless the first number cannot be a month)
  m = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/.exec(t);
  if (m) {
    const a = +m[1]!, b = +m[2]!;
    return a > 12 ? validYmd(+m[3]!, b, a) : validYmd(+m[3]!, a, b);
  }
  return null;
}

const PUBLISHED_KEYS = [
  "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate", "publish-date",
  "published_time", "article.published", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date",
  "parsely-pub-date", "citation_publication_date", "citation_date", "article:published", "publication_date", "og:article:published_time",
  "cxenseparse:recs:publishtime", "datecreated",
];
const MODIFIED_KEYS = ["article:modified_time", "og:updated_time", "datemodified", "last-modified", "dc.date.modified"];

// Publication dates in inline script state (JSON in <script> tags, escaped quotes allowed).
const SCRIPT_DATE = /\\?["'](?:datePublished|publishedAt|published_at|publishDate|publish_date|publishedDate|firstPublishedAt|pubDate|date_published|publicationDate)\\?["']\s*:\s*\\?["'](\d{4}-\d{2}-\d{2})/;

function chooseDate(
  page: ParsedPage,
  meta: Map<string, string[]>,
  article: { [k: string]: Json } | null,
  ld: Array<{ [k: string]: Json }>,
  url: string | null,
  rawHtml?: string,
): PublishedDate | null {
  const day = (date: string, source: PublishedDate["source"]): PublishedDate => ({ date, precision: "day", source });
  if (article) {
    const d = str(article.datePublished ?? article.dateCreated ?? null);
    const p = d ? parseDateString(d) : null;
    if (p) return day(p, "jsonld");
  }
  for (const o of ld) {
    const d = str(o.datePublished ?? null);
    const p = d ? parseDateString(d) : null;
    if (p) return day(p, "jsonld");
  }
  for (const k of PUBLISHED_KEYS) {
    const v = meta.get(k);
    const p = v ? parseDateString(v[0]!) : null;
    if (p) return day(p, "meta");
  }
  // Other <meta> names that say "publish" ("published", "published-date"), not an update time.
  for (const [k, v] of meta) {
    if (!/publish/.test(k) || /modif|updat|revis|time_?zone/.test(k)) continue;
    const p = parseDateString(v[0]!);
    if (p) return day(p, "meta");
  }
  // Visible dates: <time datetime> and elements marked as publication dates.
  let found: string | null = null;
  walk(page.root, (el: HtmlElement) => {
    if (found) return false;
    const ip = el.attrs.itemprop ?? "";
    if (ip === "datePublished" || ip === "dateCreated") {
      found = parseDateString(el.attrs.content ?? el.attrs.datetime ?? textContent(el, 2000));
      if (found) return false;
    }
    if (el.tag === "time") {
      const hint = `${el.attrs.class ?? ""} ${el.parent?.attrs.class ?? ""}`.toLowerCase();
      if (/modif|updat/.test(hint)) return;
      found = parseDateString(el.attrs.datetime ?? textContent(el, 2000));
      if (found) return false;
    }
  });
  if (found) return day(found, "meta");
  if (rawHtml) {
    const m = SCRIPT_DATE.exec(rawHtml);
    const p = m ? parseDateString(m[1]!) : null;
    if (p) return day(p, "meta");
  }
  for (const k of MODIFIED_KEYS) {
    const v = meta.get(k);
    const p = v ? parseDateString(v[0]!) : null;
    if (p) return day(p, "meta");
  }
  if (url) {
    const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/.exec(url);
    const p = m ? validYmd(+m[1]!, +m[2]!, +m[3]!) : null;
    if (p) return day(p, "inferred");
  }
  if (rawHtml) {
    // Generic "date" keys in script state (WordPress REST objects): weakest evidence.
    const m = /\\?"date\\?"\s*:\s*\\?"(\d{4}-\d{2}-\d{2})T/.exec(rawHtml);
    const p = m ? parseDateString(m[1]!) : null;
    if (p) return day(p, "inferred");
  }
  // Visible text near date-ish classes.
  let textDate: string | null = null;
  walk(page.root, (el) => {
    if (textDate) return false;
    const hint = `${el.attrs.class ?? ""} ${el.attrs.id ?? ""}`.toLowerCase();
    if (!/date|time|posted|published|meta|byline/.test(hint) || /update|modif/.test(hint)) return;
    const t = textContent(el, 2000);
    if (t.length > 200) return;
    textDate = parseDateString(t);
    if (textDate) return false;
  });
  if (textDate) return day(textDate, "text");
  return null;
}

/**
 * Every title, author and date value the page offers, labelled by where it came from (for error
 * analysis: `eval/extraction-html.ts --meta-errors` prints them next to each miss).
 */
export function metadataCandidates(page: ParsedPage, url: string | null = null, rawHtml?: string): Record<"title" | "author" | "date", Array<[string, string]>> {
  const meta = metaIndex(page);
  const ld = jsonLdObjects(page);
  const title: Array<[string, string]> = [];
  const author: Array<[string, string]> = [];
  const date: Array<[string, string]> = [];
  for (const k of ["og:title", "twitter:title", "title", "dc.title", "headline", "og:site_name"]) for (const v of meta.get(k) ?? []) title.push([k, v]);
  if (page.title) title.push(["<title>", page.title]);
  for (const o of ld) {
    const t = types(o);
    if (o.headline) title.push([`ld:${t}.headline`, str(o.headline) ?? ""]);
    if (typeof o.name === "string") title.push([`ld:${t}.name`, o.name]);
    for (const k of ["author", "creator", "publisher"]) for (const n of names(o[k] ?? null)) author.push([`ld:${t}.${k}`, n]);
    for (const k of ["datePublished", "dateCreated", "dateModified", "uploadDate"]) if (o[k]) date.push([`ld:${t}.${k}`, str(o[k] ?? null) ?? ""]);
  }
  walk(page.root, (el) => {
    if (/^h[12]$/.test(el.tag)) title.push([el.tag, textContent(el, 400)]);
    const hint = `${el.attrs.class ?? ""} ${el.attrs.id ?? ""}`.toLowerCase();
    const ip = el.attrs.itemprop ?? "";
    if (el.attrs.rel === "author" || /author|byline|writer/.test(hint) || /author/i.test(ip)) {
      const t = textContent(el, 200);
      if (t.length <= 120) author.push([`<${el.tag} ${el.attrs.rel === "author" ? "rel=author" : ip ? `itemprop=${ip}` : hint.trim().slice(0, 40)}>`, t]);
    }
    if (el.tag === "time" || /date/i.test(ip) || /date|time|publish|posted/.test(hint)) {
      const t = el.attrs.datetime ?? el.attrs.content ?? textContent(el, 200);
      if (t.length <= 120 && /\d/.test(t)) date.push([`<${el.tag} ${ip ? `itemprop=${ip}` : hint.trim().slice(0, 40)}>`, t]);
    }
  });
  for (const [k, vs] of meta) {
    if (/author|creator|byl|twitter:data/.test(k)) for (const v of vs) author.push([`meta ${k}`, v]);
    if (/date|time|published|modified|created/.test(k) && !/type|format/.test(k)) for (const v of vs) date.push([`meta ${k}`, v]);
  }
  if (rawHtml) {
    for (const re of [SCRIPT_AUTHOR, SCRIPT_AUTHOR_FLAT]) {
      const m = re.exec(rawHtml);
      if (m) author.push(["script", m[1]!]);
    }
    const m = SCRIPT_DATE.exec(rawHtml);
    if (m) date.push(["script", m[1]!]);
  }
  if (url) {
    const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/.exec(url);
    if (m) date.push(["url", m[0]]);
  }
  const dedupe = (xs: Array<[string, string]>) => {
    const seen = new Set<string>();
    return xs.filter(([s, v]) => {
      const k = `${s}\u0000${v}`;
      if (seen.has(k) || !v.trim()) return false;
      seen.add(k);
      return true;
    });
  };
  return { title: dedupe(title), author: dedupe(author), date: dedupe(date) };
}
