// Page metadata for an article: title, authors, publication date, outlet and language, read
// from (in order of trust) JSON-LD, <meta> tags, microdata and visible page elements, then the URL.

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

const decodeLite = (s: string) => s.replace(/\s+/g, " ").trim();

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

export function extractMetadata(page: ParsedPage, url: string | null = null): PageMetadata {
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
  const article = articles.find((o) => o.headline || o.articleBody || o.datePublished) ?? articles[0] ?? null;

  const h1s = findAll(page.root, (el) => el.tag === "h1").map(textContent).filter((t) => t.length > 0 && t.length < 300);

  // ---- title
  const ogTitle = first("og:title", "twitter:title", "title", "dc.title", "headline");
  const ldTitle = article ? str(article.headline ?? article.name ?? null) : null;
  const docTitle = page.title;
  const titleVariants = [ogTitle, ldTitle, docTitle, ...h1s].filter((x): x is string => !!x);
  const title = chooseTitle(h1s, [ldTitle, ogTitle, docTitle].filter((x): x is string => !!x));

  // ---- author
  const byline = chooseAuthor(page, meta, article, ld);

  // ---- date
  const published = chooseDate(page, meta, article, ld, url);

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
  return { title, byline, published, outlet, language, articleBody, titleVariants };
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
  const parts = t.split(/\s+[|–—·•»:-]\s+|\s*\|\s*/);
  if (parts.length < 2) return t;
  // Keep everything before the last separator when the tail is short (a site name).
  const last = parts[parts.length - 1]!;
  const head = t.slice(0, t.length - last.length).replace(/\s*[|–—·•»:-]\s*$/, "");
  if (last.split(/\s+/).length <= 5 && head.length >= last.length) return stripSiteSuffix(head);
  const firstPart = parts[0]!;
  if (firstPart.split(/\s+/).length <= 4 && t.length - firstPart.length > firstPart.length) {
    return t.slice(firstPart.length).replace(/^\s*[|–—·•»:-]\s*/, "");
  }
  return t;
}

function chooseTitle(h1s: string[], metaTitles: string[]): string | null {
  const metaKeys = metaTitles.map(normKey);
  // An <h1> that agrees with the metadata title is the visible headline: prefer it.
  for (const h of h1s) {
    const k = normKey(h);
    if (k.length < 3) continue;
    if (metaKeys.some((m) => m === k || (m.includes(k) && k.length >= m.length * 0.4))) return h;
  }
  for (const t of metaTitles) {
    const s = stripSiteSuffix(t).trim();
    if (s) return s;
  }
  return h1s[0] ?? null;
}

const AUTHOR_NOISE = /^(by|from|written by|posted by|author|authors|reviewed by|words by)[:\s]+/i;

function cleanAuthor(s: string): string | null {
  let a = s.replace(/\s+/g, " ").trim().replace(AUTHOR_NOISE, "").trim();
  a = a.replace(/\s*[|,–—-]?\s*(updated|published|posted|on)\b.*$/i, "").trim();
  if (!a || a.length > 120) return null;
  if (/^https?:\/\//.test(a)) {
    // article:author often holds a profile URL: take the last path segment as a name.
    const seg = a.replace(/\/+$/, "").split("/").pop() ?? "";
    if (!seg || /\d/.test(seg) || /facebook|twitter/.test(a)) return null;
    return seg.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
  }
  if (/@/.test(a) && !/\s/.test(a)) return null;
  return a;
}

function joinNames(list: string[]): string | null {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of list) {
    const c = cleanAuthor(n);
    if (!c) continue;
    const k = normKey(c);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out.length ? out.join(", ") : null;
}

function chooseAuthor(
  page: ParsedPage,
  meta: Map<string, string[]>,
  article: { [k: string]: Json } | null,
  ld: Array<{ [k: string]: Json }>,
): string | null {
  if (article) {
    const a = joinNames(names(article.author ?? article.creator ?? null));
    if (a && !looksLikeOrg(a, ld)) return a;
  }
  const m = meta.get("author") ?? meta.get("article:author") ?? meta.get("dc.creator") ?? meta.get("sailthru.author") ?? meta.get("parsely-author") ?? meta.get("byl");
  if (m) {
    const a = joinNames(m.flatMap((x) => (/^https?:/.test(x) ? [x] : [x])));
    if (a) return a;
  }
  // Visible bylines: rel=author links, itemprop=author, class/id "author"/"byline".
  let found: string | null = null;
  walk(page.root, (el) => {
    if (found) return false;
    const hint = `${el.attrs.class ?? ""} ${el.attrs.id ?? ""}`.toLowerCase();
    const isAuthor =
      el.attrs.rel === "author" ||
      (el.attrs.itemprop ?? "").includes("author") ||
      /(^|[\s_-])(author|byline|by-line|writer)(name|s)?($|[\s_-])/.test(hint);
    if (!isAuthor) return;
    if (/avatar|bio|box|about|img|image|photo|date/.test(hint)) return;
    const nameEl = findAll(el, (c) => (c.attrs.itemprop ?? "") === "name")[0];
    const t = textContent(nameEl ?? el);
    if (t && t.length <= 80 && /\p{L}/u.test(t)) {
      found = cleanAuthor(t);
      return false;
    }
  });
  return found;
}

function looksLikeOrg(a: string, ld: Array<{ [k: string]: Json }>): boolean {
  return ld.some((o) => /organization/i.test(types(o)) && typeof o.name === "string" && normKey(o.name) === normKey(a));
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
  m = /\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i.exec(t);
  if (m) return validYmd(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!);
  // "7 July 2023"
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b/i.exec(t);
  if (m) return validYmd(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!);
  // "07/07/2023" (US order unless the first number cannot be a month)
  m = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/.exec(t);
  if (m) {
    const a = +m[1]!, b = +m[2]!;
    return a > 12 ? validYmd(+m[3]!, b, a) : validYmd(+m[3]!, a, b);
  }
  return null;
}

function chooseDate(
  page: ParsedPage,
  meta: Map<string, string[]>,
  article: { [k: string]: Json } | null,
  ld: Array<{ [k: string]: Json }>,
  url: string | null,
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
  for (const k of [
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate", "publish-date",
    "published_time", "article.published", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "citation_publication_date", "citation_date", "article:published", "publication_date", "og:article:published_time",
    "cxenseparse:recs:publishtime", "datecreated",
  ]) {
    const v = meta.get(k);
    const p = v ? parseDateString(v[0]!) : null;
    if (p) return day(p, "meta");
  }
  // Visible dates: <time datetime> and elements marked as publication dates.
  let found: string | null = null;
  walk(page.root, (el: HtmlElement) => {
    if (found) return false;
    const ip = el.attrs.itemprop ?? "";
    if (ip === "datePublished" || ip === "dateCreated") {
      found = parseDateString(el.attrs.content ?? el.attrs.datetime ?? textContent(el));
      if (found) return false;
    }
    if (el.tag === "time") {
      const hint = `${el.attrs.class ?? ""} ${el.parent?.attrs.class ?? ""}`.toLowerCase();
      if (/modif|updat/.test(hint)) return;
      found = parseDateString(el.attrs.datetime ?? textContent(el));
      if (found) return false;
    }
  });
  if (found) return day(found, "meta");
  for (const k of ["article:modified_time", "og:updated_time", "datemodified", "last-modified", "dc.date.modified"]) {
    const v = meta.get(k);
    const p = v ? parseDateString(v[0]!) : null;
    if (p) return day(p, "meta");
  }
  if (url) {
    const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/.exec(url);
    const p = m ? validYmd(+m[1]!, +m[2]!, +m[3]!) : null;
    if (p) return day(p, "inferred");
  }
  // Visible text near date-ish classes.
  let textDate: string | null = null;
  walk(page.root, (el) => {
    if (textDate) return false;
    const hint = `${el.attrs.class ?? ""} ${el.attrs.id ?? ""}`.toLowerCase();
    if (!/date|time|posted|published|meta|byline/.test(hint) || /update|modif/.test(hint)) return;
    const t = textContent(el);
    if (t.length > 200) return;
    textDate = parseDateString(t);
    if (textDate) return false;
  });
  if (textDate) return day(textDate, "text");
  return null;
}
