// Datelines ("BEIJING (AP) —") and credit lines ("Copyright 2024 The Associated Press"):
// the two places where a news text names the outlet that wrote it. Copy detection uses the
// credits to name an original's outlet, so outlet names are normalized to one spelling.

import type { Span } from "../core/types.ts";

// Canonical outlet name -> spellings seen in datelines and credit lines (matched case-insensitively,
// after dropping a leading "The" and trailing corporate suffixes).
const OUTLETS: Record<string, string[]> = {
  AP: ["ap", "associated press", "ap news", "ap photo"],
  Reuters: ["reuters", "thomson reuters", "reuters news"],
  Bloomberg: ["bloomberg", "bloomberg news", "bloomberg l.p.", "bloomberg lp", "bloomberg finance l.p.", "bloomberg finance lp"],
  AFP: ["afp", "agence france-presse", "agence france presse", "afp-jiji", "afp relaxnews"],
  Xinhua: ["xinhua", "xinhua news agency", "xinhuanet", "xinhua net"],
  UPI: ["upi", "united press international"],
  CNN: ["cnn", "cable news network"],
  BBC: ["bbc", "bbc news", "british broadcasting corporation"],
  dpa: ["dpa", "deutsche presse-agentur"],
  Kyodo: ["kyodo", "kyodo news"],
  Yonhap: ["yonhap", "yonhap news agency"],
  TASS: ["tass", "itar-tass"],
  "RIA Novosti": ["ria novosti", "ria"],
  Sputnik: ["sputnik", "sputnik news"],
  ANI: ["ani", "asian news international"],
  PTI: ["pti", "press trust of india"],
  IANS: ["ians", "indo-asian news service"],
  Anadolu: ["anadolu", "anadolu agency", "aa"],
  EFE: ["efe"],
  ANSA: ["ansa"],
  CP: ["canadian press", "cp"],
  AAP: ["aap", "australian associated press"],
  "PA Media": ["pa", "pa media", "press association"],
  "Global Times": ["global times", "globaltimes"],
  "China Daily": ["china daily"],
  CGTN: ["cgtn", "china global television network"],
  "People's Daily": ["people's daily", "people’s daily", "people's daily online"],
  CNS: ["china news service", "chinanews"],
  "The New York Times": ["new york times", "nyt", "the new york times company"],
  "The Washington Post": ["washington post"],
  "The Wall Street Journal": ["wall street journal", "wsj", "dow jones", "dow jones & company"],
  "Al Jazeera": ["al jazeera", "aljazeera"],
  "The Guardian": ["guardian", "guardian news & media", "guardian news and media"],
};

const SPELLING = new Map<string, string>();
for (const [canon, names] of Object.entries(OUTLETS)) for (const n of names) SPELLING.set(n, canon);

const DOMAINS: [RegExp, string][] = [
  [/(^|\.)apnews\.com$/, "AP"],
  [/(^|\.)reuters\.com$/, "Reuters"],
  [/(^|\.)bloomberg\.com$/, "Bloomberg"],
  [/(^|\.)(xinhuanet\.com|news\.cn)$/, "Xinhua"],
  [/(^|\.)afp\.com$/, "AFP"],
  [/(^|\.)upi\.com$/, "UPI"],
  [/(^|\.)cnn\.com$/, "CNN"],
  [/(^|\.)bbc\.(com|co\.uk)$/, "BBC"],
  [/(^|\.)globaltimes\.cn$/, "Global Times"],
  [/(^|\.)chinadaily\.com\.cn$/, "China Daily"],
  [/(^|\.)cgtn\.com$/, "CGTN"],
  [/(^|\.)people\.(com\.)?cn$/, "People's Daily"],
  [/(^|\.)nytimes\.com$/, "The New York Times"],
  [/(^|\.)washingtonpost\.com$/, "The Washington Post"],
  [/(^|\.)wsj\.com$/, "The Wall Street Journal"],
  [/(^|\.)aljazeera\.(com|net)$/, "Al Jazeera"],
  [/(^|\.)theguardian\.com$/, "The Guardian"],
  [/(^|\.)tass\.(com|ru)$/, "TASS"],
  [/(^|\.)yna\.co\.kr$/, "Yonhap"],
  [/(^|\.)kyodonews\.net$/, "Kyodo"],
];

function simplify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[’]/g, "'")
    .replace(/^\s*the\s+/, "")
    .replace(/[\s,.]*(all rights reserved|inc|ltd|llc|plc|corp|co|company|group|limited|l\.p|lp)\.?\s*$/g, "")
    .replace(/\s+/g, " ")
    .replace(/[\s.,;:]+$/, "")
    .trim();
}

/** The canonical spelling of a known outlet ("The Associated Press" -> "AP"), or null when unknown. */
export function normalizeOutlet(name: string): string | null {
  const s = simplify(name);
  return SPELLING.get(s) ?? SPELLING.get(s.replace(/\s+(news|newswire|wire)$/, "")) ?? null;
}

/** The outlet that owns a URL's host, for the handful of wire services and papers we know. */
export function outletFromUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (const [re, outlet] of DOMAINS) if (re.test(host)) return outlet;
  return null;
}

export interface Dateline {
  /** The place as written ("BEIJING", "HAYWARD, Calif.", "Beijing"); null for "(Bloomberg) —". */
  place: string | null;
  /** Normalized outlet ("AP", "Reuters"); the raw name when it is not one we know; null for "NEW YORK —". */
  outlet: string | null;
  /** Index just past the dateline and the dash and spaces after it: the story starts here. */
  end: number;
}

const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?";
// A place: capitalized words (with dots and hyphens: "ST. JOSEPH", "WINSTON-SALEM"), optionally
// ", Calif." / ", S.C." / ", China". Digits are excluded so ", July 6" is read as a date instead.
const PLACE = "[A-Z][\\p{L}.'’\\- ]{0,40}?(?:,\\s*[A-Z][\\p{L}.'’\\- ]{0,25}?)?";
const DASH = "(?:--|[-—–]{1,2})";
const WITH_OUTLET = new RegExp(
  `^\\s*(?:(${PLACE})(?:\\s*,\\s*(${MONTH}\\s+\\d{1,2}(?:,?\\s+\\d{4})?))?\\s*)?\\(([^()\\n]{2,50})\\)\\s*(?:${DASH}|:)\\s*`,
  "u",
);
// "NEW YORK —": without an outlet we only trust an all-caps place, and a spaced dash.
const CAPS_ONLY = new RegExp(
  `^\\s*([A-Z][A-Z.'’\\- ]{1,40}?(?:,\\s*[A-Z][\\p{L}.'’\\- ]{0,25}?)?)(?:\\s*,\\s*(${MONTH}\\s+\\d{1,2}(?:,?\\s+\\d{4})?))?\\s+${DASH}\\s+`,
  "u",
);
// Words that open a paragraph in capitals and are followed by a dash without being a place.
const NOT_PLACES = new Set(["WOW", "NB", "PS", "TLDR", "ICYMI", "FAQ", "DISCLAIMER", "WARNING", "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "WATCH", "LISTEN", "VIDEO", "PHOTOS", "OPINION", "ANALYSIS", "EDITOR'S NOTE", "CORRECTION", "FILE", "NOTE", "LIVE", "READ", "MORE"]);

function looksLikeOutlet(raw: string): boolean {
  // Unknown outlets must look like a name: 1-5 capitalized words, no sentence punctuation.
  const words = raw.trim().split(/\s+/);
  return words.length <= 5 && !/\d/.test(raw) && /^[A-Z]/.test(raw.trim()) && !/[.!?;:]$/.test(raw.trim()) && !/^(file|photo|video|updated?|pictured|left|right|center|ap photo)$/i.test(raw.trim());
}

/**
 * Recognizes a dateline at the start of `text` (the article's first paragraph):
 * "BEIJING (AP) —", "WASHINGTON, July 6 (Reuters) -", "(Bloomberg) —", "NEW YORK —",
 * "Beijing, Nov. 21 (Xinhua) --". Returns null when the text does not start with one.
 */
export function parseDateline(text: string): Dateline | null {
  const head = text.slice(0, 200);
  const m = WITH_OUTLET.exec(head);
  if (m) {
    const raw = m[3]!.trim();
    const known = normalizeOutlet(raw);
    const place = m[1]?.trim().replace(/,$/, "") || null;
    const lead = place?.split(",")[0] ?? "";
    // An unknown name in brackets is only an outlet after an all-caps place ("NEW JERSEY (WABC) --"):
    // "Search Engine Optimization (SEO) —" is a glossary entry, not a dateline.
    const outlet = known ?? (place && /[A-Z]{2}/.test(lead) && lead === lead.toUpperCase() && looksLikeOutlet(raw) ? raw : null);
    if (outlet && !(place && NOT_PLACES.has(place.toUpperCase()))) return { place, outlet, end: m[0].length };
  }
  const c = CAPS_ONLY.exec(head);
  if (c) {
    const place = c[1]!.trim().replace(/,$/, "");
    const lead = place.split(",")[0]!;
    // At least two capitals in a row ("NEW YORK", not "A"), and not a label such as "UPDATE".
    if (/[A-Z]{2}/.test(lead) && lead === lead.toUpperCase() && !NOT_PLACES.has(lead)) return { place, outlet: null, end: c[0].length };
  }
  return null;
}

export interface Credit {
  /** Normalized outlet when known ("AP"), else the name as written. */
  outlet: string;
  year?: number;
  span: Span;
}

const CREDIT_RES: RegExp[] = [
  // "Copyright 2024 The Associated Press", "© 2023 Bloomberg L.P.", "©2023 Bloomberg", "(c) 2019 Reuters"
  /(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*((?:19|20)\d{2})(?:\s*[-–]\s*(?:19|20)?\d{2,4})?\s*,?\s+([^\n.,;|©]{2,80}?(?:\s+L\.P\.|\s+Inc\.|\s+Ltd\.)?)(?=\s*(?:[.,;|]|all rights|$|\n))/giu,
  // "Copyright The Associated Press 2024", "© Thomson Reuters 2019"
  /(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?!(?:19|20)\d{2})([A-Z][^\n.,;|©\d]{1,60}?)\s*,?\s+((?:19|20)\d{2})\b/gu,
];

/**
 * Credit lines anywhere in `text` ("Copyright 2024 The Associated Press. All rights reserved.",
 * "©2023 Bloomberg L.P."), in text order. Unknown owners are kept as written so a caller can
 * still tell two outlets apart.
 */
export function findCredits(text: string): Credit[] {
  const out: Credit[] = [];
  for (const [i, re] of CREDIT_RES.entries()) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const year = Number(i === 0 ? m[1] : m[2]);
      const raw = (i === 0 ? m[2] : m[1])!.replace(/\s+all rights reserved.*$/i, "").trim();
      if (!raw || /^(by|all rights|the author|photo|image)/i.test(raw)) continue;
      const outlet = normalizeOutlet(raw) ?? raw.replace(/^the\s+(?=\S)/i, (t) => t).replace(/\s+/g, " ");
      const span = { start: m.index, end: m.index + m[0].length };
      if (out.some((c) => c.span.start < span.end && span.start < c.span.end)) continue;
      out.push({ outlet, year, span });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
