// Publication dates for undated articles: combine what the text gives away (dates it mentions,
// a copyright line, office holders named with a role that only existed for a while, a weekday
// written next to a month-day) into an estimated date with a precision and the evidence used.

import type { DatePrecision, PublishedDate, Timex } from "../../core/types.ts";
import { weekday } from "./calendar.ts";
import type { Day } from "./calendar.ts";
import { MONTH_SRC, WEEKDAY_SRC, monthNumber, weekdayNumber } from "./lexicon.ts";
import { tagTimexes } from "./tag.ts";

export interface PublicationHints {
  /** Date of another copy of the same article (`2023-07-07`, `2023-07`), e.g. from its copy group. */
  copyDate?: string | null;
  /** Latest date the article can have (e.g. when it was fetched); dates after it are ignored. */
  notAfter?: string | null;
  /** Earliest date the article can have. */
  notBefore?: string | null;
}

interface Interval {
  start: string; // ISO day, inclusive
  end: string; // ISO day, inclusive; "9999-12-31" when open
}

/**
 * Roles held for a known period. A name with one of these roles dates the article to the period
 * (several periods when the role recurred). Kept short and factual; extend as stories need.
 */
const ROLE_PERIODS: { re: RegExp; label: string; periods: Interval[] }[] = [
  {
    re: /\bpresident[- ]elect\s+(?:Donald\s+(?:J\.\s+)?)?Trump\b/i,
    label: "president-elect Donald Trump",
    periods: [{ start: "2016-11-09", end: "2017-01-20" }, { start: "2024-11-06", end: "2025-01-20" }],
  },
  { re: /\bpresident[- ]elect\s+(?:Joe\s+)?Biden\b/i, label: "president-elect Joe Biden", periods: [{ start: "2020-11-07", end: "2021-01-20" }] },
  { re: /\bpresident[- ]elect\s+(?:Barack\s+)?Obama\b/i, label: "president-elect Barack Obama", periods: [{ start: "2008-11-05", end: "2009-01-20" }] },
  { re: /\bformer\s+President\s+(?:Donald\s+(?:J\.\s+)?)?Trump\b/i, label: "former President Trump", periods: [{ start: "2021-01-20", end: "2025-01-20" }] },
  {
    re: /(?<![Ff]ormer\s+|[Vv]ice\s+)\bPresident\s+(?:Donald\s+(?:J\.\s+)?)?Trump\b/,
    label: "President Trump",
    periods: [{ start: "2017-01-20", end: "2021-01-20" }, { start: "2025-01-20", end: "9999-12-31" }],
  },
  { re: /(?<![Ff]ormer\s+|[Vv]ice\s+)\bPresident\s+(?:Joe\s+)?Biden\b/, label: "President Biden", periods: [{ start: "2021-01-20", end: "2025-01-20" }] },
  { re: /(?<![Ff]ormer\s+)\bPresident\s+(?:Barack\s+)?Obama\b/, label: "President Obama", periods: [{ start: "2009-01-20", end: "2017-01-20" }] },
  { re: /\bSecretary\s+of\s+State\s+Antony\s+Blinken\b/, label: "Secretary of State Antony Blinken", periods: [{ start: "2021-01-26", end: "2025-01-20" }] },
  { re: /\bTreasury\s+Secretary\s+Janet\s+Yellen\b/, label: "Treasury Secretary Janet Yellen", periods: [{ start: "2021-01-26", end: "2025-01-20" }] },
  { re: /\bPrime\s+Minister\s+Rishi\s+Sunak\b/, label: "Prime Minister Rishi Sunak", periods: [{ start: "2022-10-25", end: "2024-07-05" }] },
  { re: /\bPrime\s+Minister\s+Keir\s+Starmer\b/, label: "Prime Minister Keir Starmer", periods: [{ start: "2024-07-05", end: "9999-12-31" }] },
];

const COPYRIGHT_RE = /(?:©|\(c\)|copyright)\s*(?:©\s*)?(\d{4})(?:\s*[-–]\s*(\d{4}))?/gi;
const WEEKDAY_DATE_RE = new RegExp(`\\b(${WEEKDAY_SRC}),?\\s+(${MONTH_SRC})\\s*(\\d{1,2})(?!\\d)(?!,?\\s+\\d{4})`, "gi");
const FUTURE_RE = /\b(?:will|shall|'ll|going\s+to|plans?\s+to|scheduled|expected\s+to|due\s+to|set\s+to|upcoming|next)\b/i;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const YEAR_PREP_RE = /\b(?:in|since|of|during|early|late|mid)[\s-]+$/i;

function precisionOf(date: string): DatePrecision {
  return date.length >= 10 ? "day" : date.length >= 7 ? "month" : "year";
}

/** The first day a value can mean (`2023-11` → `2023-11-01`). */
function firstDay(value: string): string {
  if (ISO_DAY.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return value + "-01";
  return value.slice(0, 4) + "-01-01";
}

const truncate = (day: string, p: DatePrecision): string => (p === "day" ? day : p === "month" ? day.slice(0, 7) : day.slice(0, 4));

function sentenceAt(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf(".", at), text.lastIndexOf("\n", at)) + 1;
  let end = text.indexOf(".", at);
  if (end < 0) end = text.length;
  return text.slice(start, end);
}

/**
 * Estimates when an undated article was published. Evidence, strongest first: the date of a copy
 * (`hints.copyDate`), roles held for a known period ("president-elect Donald Trump"), weekday +
 * month-day pairs that fit only some years, the latest date the text mentions in a non-future
 * sentence, a copyright year. Returns null when the text gives nothing away. The result is marked
 * `estimated: true`, `source: "inferred"`, with human-readable evidence.
 */
export function estimatePublication(text: string, hints: PublicationHints = {}): PublishedDate | null {
  if (hints.copyDate && /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.test(hints.copyDate)) {
    const date = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(hints.copyDate)![0];
    return { date, precision: precisionOf(date), source: "inferred", estimated: true, evidence: [`a copy of this article is dated ${date}`] };
  }
  const evidence: string[] = [];
  const notAfter = hints.notAfter ? firstDay(hints.notAfter) : "9999-12-31";
  let lower = hints.notBefore ? firstDay(hints.notBefore) : "0000-01-01";

  // The latest absolute date mentioned outside future-tense sentences is a lower bound.
  let latest: Timex | null = null;
  for (const t of tagTimexes(text, null, { durations: false })) {
    if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(t.value)) continue;
    const start = firstDay(t.value);
    if (start > notAfter) continue;
    if (FUTURE_RE.test(sentenceAt(text, t.start))) continue;
    // A bare year is often a label ("Election 2024:", "the 2024 race"); only "in/since/of 2019" counts.
    if (/^\d{4}$/.test(t.value) && !YEAR_PREP_RE.test(text.slice(Math.max(0, t.start - 8), t.start))) continue;
    if (!latest || start > firstDay(latest.value)) latest = t;
  }
  if (latest && firstDay(latest.value) > lower) {
    lower = firstDay(latest.value);
    evidence.push(`latest date mentioned: ${latest.value} ("${latest.text}")`);
  }

  // Weekday + month-day without a year ("Thursday, July 6") fits about one year in seven.
  let weekdayDay: Day | null = null;
  WEEKDAY_DATE_RE.lastIndex = 0;
  for (let m = WEEKDAY_DATE_RE.exec(text); m; m = WEEKDAY_DATE_RE.exec(text)) {
    const wd = weekdayNumber(m[1]!);
    const mo = monthNumber(m[2]!);
    const d = Number(m[3]);
    if (!mo || d < 1 || d > 31) continue;
    const fromY = Number(lower.slice(0, 4)) || 1990;
    for (let y = Math.max(fromY, 1900); y <= fromY + 12; y++) {
      const day = { y, m: mo, d };
      const iso = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      if (iso < lower || iso > notAfter) continue;
      if (weekday(day) === wd) {
        if (!weekdayDay || iso > `${weekdayDay.y}-${String(weekdayDay.m).padStart(2, "0")}-${String(weekdayDay.d).padStart(2, "0")}`) weekdayDay = day;
        evidence.push(`"${m[0]}" fits ${iso}`);
        break;
      }
    }
  }

  // Roles: keep the periods that end on or after the lower bound and start before the upper bound.
  let window: Interval | null = null;
  for (const role of ROLE_PERIODS) {
    if (!role.re.test(text)) continue;
    const fits = role.periods.filter((p) => p.end >= lower && p.start <= notAfter);
    if (fits.length === 0) continue;
    const p = fits[0]!; // earliest period consistent with the other evidence
    const w: Interval = window ? { start: p.start > window.start ? p.start : window.start, end: p.end < window.end ? p.end : window.end } : p;
    if (w.start > w.end) continue; // contradicts an earlier role; keep the earlier one
    window = w;
    evidence.push(`"${role.label}" dates it to ${p.start}..${p.end === "9999-12-31" ? "now" : p.end}`);
  }

  // Copyright year: a year, and an upper bound on everything else.
  let copyright: number | null = null;
  COPYRIGHT_RE.lastIndex = 0;
  for (let m = COPYRIGHT_RE.exec(text); m; m = COPYRIGHT_RE.exec(text)) {
    const y = Number(m[2] ?? m[1]);
    if (y >= 1900 && y <= 2100 && (!copyright || y > copyright)) copyright = y;
  }

  const dayIso = weekdayDay
    ? `${weekdayDay.y}-${String(weekdayDay.m).padStart(2, "0")}-${String(weekdayDay.d).padStart(2, "0")}`
    : null;
  if (window) {
    const start = window.start > lower ? window.start : lower;
    if (dayIso && dayIso >= window.start && dayIso <= window.end) return done(dayIso, "day", evidence);
    // A short window (a transition period) fixes the month it opens on, or the lower bound inside it.
    const days = (Date.parse(window.end === "9999-12-31" ? "2100-01-01" : window.end) - Date.parse(start)) / 86400000;
    if (days <= 100) return done(truncate(start, "month"), "month", evidence);
    // A long window says the year at best, unless a date mentioned inside it says more.
    if (!latest || lower < window.start) return done(truncate(start, "year"), "year", evidence);
  }
  if (dayIso) return done(dayIso, "day", evidence);
  if (copyright) {
    evidence.push(`copyright ${copyright}`);
    if (latest && Number(lower.slice(0, 4)) === copyright) return done(truncate(lower, "month"), "month", evidence);
    return done(String(copyright), "year", evidence);
  }
  if (latest) {
    const p = precisionOf(latest.value);
    // A mentioned day is a lower bound, not the date: report its month.
    return done(truncate(lower, p === "day" ? "month" : p), p === "day" ? "month" : p, evidence);
  }
  return null;
}

function done(date: string, precision: DatePrecision, evidence: string[]): PublishedDate {
  return { date, precision, source: "inferred", estimated: true, evidence };
}

/**
 * Tags an article's timexes against its publication date, estimating the date when the article
 * has none: relative expressions then resolve with the estimate's precision ("on Friday" in an
 * article known only to the month resolves to that month).
 */
export function tagWithPublication(
  text: string,
  published: PublishedDate | null,
  hints: PublicationHints = {},
): { published: PublishedDate | null; timexes: Timex[] } {
  const pub = published ?? estimatePublication(text, hints);
  return { published: pub, timexes: tagTimexes(text, pub ? pub.date : null) };
}
