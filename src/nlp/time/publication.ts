// Publication dates for undated articles: combine what the text gives away (dates it mentions,
// a copyright line, office holders named with a role that only existed for a while, a weekday
// written next to a month-day) into an estimated date with a precision and the evidence used.

import type { DatePrecision, PublishedDate, Timex } from "../../core/types.ts";
import { weekday } from "./calendar.ts";
import type { Day } from "./calendar.ts";
import { MONTH_SRC, WEEKDAY_SRC, monthNumber, weekdayNumber } from "./lexicon.ts";
import { tagTimexes } from "./tag.ts";
import type { TagOptions } from "./tag.ts";

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
// Sentences about what is expected, planned or required: their dates say nothing about when the
// article was written (TBAQ, DCT removed: "expects record earnings in 1990", "requires an auction in
// June 1994" made 11 of 79 estimates later than the article).
const FUTURE_RE = /\b(?:will|shall|would|could|might|'ll|going\s+to|plans?|planned|expects?|expected|hopes?|intends?|intention|wants?|requires?|scheduled|due|set\s+to|upcoming|next|forecasts?|projects?|predicts?)\b/i;
// A date after these words is a deadline or a schedule, not something that happened ("notes due
// March 1, 2011", "until early 1990", "after Jan. 1, 1990", "expires on Dec. 31, 1990").
const DEADLINE_BEFORE_RE = /\b(?:due|until|till|by|through|after|before|ending|ends|expires?|expiring|matur\w*|effective|payable|starting|beginning)\s+(?:on\s+|in\s+)?(?:(?:the\s+)?(?:end|middle|start|beginning)\s+of\s+|early\s+|mid-?|late\s+)?$/i;
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

const PAST_RE = /\b(?:was|were|had|did|said|met|went|came|took|made|gave|saw|began|held|told|left|spoke|won|lost|fell|rose|[a-z]{3,}ed)\b/i;
const YEARLESS_RE = /^XXXX-(\d\d)(?:-(\d\d))?$/;
const OPEN_END = "9999-12-31";
// 100 days: a window this short (a transition period) fixes the month it opens on.
const SHORT_WINDOW_DAYS = 100;
// 92 days: a quarter. News reports recent events, so an event this close before the earliest
// possible date puts the article at the start of the window (seed 002: Nov 2023 event, 2024 copyright,
// published 2024-01-30).
const RECENT_EVENT_DAYS = 92;

const daysBetween = (a: string, b: string): number =>
  (Date.parse(b === OPEN_END ? "2100-01-01" : b) - Date.parse(a)) / 86400000;
const laterOf = (a: string, b: string): string => (a > b ? a : b);
const earlierOf = (a: string, b: string): string => (a < b ? a : b);

/** The same day `months` months later (used with whole years, so the day always exists but Feb. 29). */
function plusMonths(day: string, months: number): string {
  const k = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(k / 12)).padStart(4, "0")}-${String((k % 12) + 1).padStart(2, "0")}${day.slice(7)}`;
}

/** A month (and maybe day) written without a year in a past-tense sentence: "visited Beijing in June". */
interface YearlessMention {
  month: number;
  day: number | null;
  text: string;
}

/**
 * Estimates when an undated article was published. Every piece of evidence is an interval the date
 * must lie in, and the estimate is the most precise date consistent with all of them:
 * - the date of a copy (`hints.copyDate`) wins outright;
 * - `hints.notBefore` / `hints.notAfter`;
 * - the latest absolute date mentioned outside future-tense sentences (a lower bound);
 * - roles held for a known period ("president-elect Donald Trump", several periods when recurring);
 * - a copyright year (an upper bound, and the year itself when nothing contradicts it);
 * - months written without a year in past-tense sentences ("visited Beijing in June"), once the
 *   other evidence narrows the date to about a year: the reading that fits and is nearest the
 *   latest dated mention (the latest reading when there is none) is a lower bound, and a month the
 *   text names with its year elsewhere ("November 2023" ... "in November") is that one;
 * - weekday + month-day pairs ("Thursday, July 6"), which fit about one year in seven.
 * A date the text mentions sets the month when it is the lower bound; an event mentioned within a
 * quarter before the window opens sets the window's first month; otherwise a short window gives
 * its first month and a long one its first year.
 * Evidence that contradicts stronger evidence is dropped (a stale copyright footer, a role period
 * that ended before a date the text mentions). Returns null when the text gives nothing away. The
 * result is marked `estimated: true`, `source: "inferred"`, with human-readable evidence.
 */
export function estimatePublication(text: string, hints: PublicationHints = {}): PublishedDate | null {
  if (hints.copyDate && /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.test(hints.copyDate)) {
    const date = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(hints.copyDate)![0];
    return { date, precision: precisionOf(date), source: "inferred", estimated: true, evidence: [`a copy of this article is dated ${date}`] };
  }
  const evidence: string[] = [];
  // The feasible interval [lo, hi] and what set its lower end: a date the text mentions makes the
  // article shortly after it (news reports recent events), anything else only bounds it.
  let hi = hints.notAfter ? firstDay(hints.notAfter) : OPEN_END;
  let lo = hints.notBefore ? firstDay(hints.notBefore) : "0000-01-01";
  let loFromMention: DatePrecision | null = null; // the precision of the mention that set lo
  let anyEvidence = false;

  // The latest absolute date mentioned outside future-tense sentences is a lower bound.
  let latest: Timex | null = null;
  const explicitMonths = new Set<string>(); // "2023-11" for every month named with its year
  const yearless: YearlessMention[] = [];
  for (const t of tagTimexes(text, null, { durations: false })) {
    const sentence = sentenceAt(text, t.start);
    const ym = YEARLESS_RE.exec(t.value);
    if (ym) {
      if (!FUTURE_RE.test(sentence) && PAST_RE.test(sentence)) yearless.push({ month: Number(ym[1]), day: ym[2] ? Number(ym[2]) : null, text: t.text });
      continue;
    }
    if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(t.value)) continue;
    if (t.value.length >= 7) explicitMonths.add(t.value.slice(0, 7));
    const start = firstDay(t.value);
    if (start > hi) continue;
    if (FUTURE_RE.test(sentence)) continue;
    if (DEADLINE_BEFORE_RE.test(text.slice(Math.max(0, t.start - 30), t.start))) continue;
    // A bare year is often a label ("Election 2024:", "the 2024 race"); only "in/since/of 2019" counts.
    if (/^\d{4}$/.test(t.value) && !YEAR_PREP_RE.test(text.slice(Math.max(0, t.start - 8), t.start))) continue;
    if (!latest || start > firstDay(latest.value)) latest = t;
  }
  if (latest) {
    anyEvidence = true;
    evidence.push(`latest date mentioned: ${latest.value} ("${latest.text}")`);
    if (firstDay(latest.value) > lo) {
      lo = firstDay(latest.value);
      loFromMention = precisionOf(latest.value);
    }
  }

  // Roles: keep the periods consistent with the bounds so far; the earliest one when several fit.
  let window: Interval | null = null;
  for (const role of ROLE_PERIODS) {
    if (!role.re.test(text)) continue;
    const fits = role.periods.filter((p) => p.end >= lo && p.start <= hi);
    if (fits.length === 0) continue;
    const p = fits[0]!;
    const w: Interval = window ? { start: laterOf(p.start, window.start), end: earlierOf(p.end, window.end) } : p;
    if (w.start > w.end) continue; // contradicts an earlier role; keep the earlier one
    window = w;
    anyEvidence = true;
    evidence.push(`"${role.label}" dates it to ${p.start}..${p.end === OPEN_END ? "now" : p.end}`);
  }
  if (window) {
    if (window.start > lo) {
      lo = window.start;
      loFromMention = null;
    }
    hi = earlierOf(hi, window.end);
  }

  // Copyright year: the year itself when it fits everything else (a footer can be stale or newer
  // than the article, so a contradicting one is dropped rather than trusted).
  let copyright: number | null = null;
  COPYRIGHT_RE.lastIndex = 0;
  for (let m = COPYRIGHT_RE.exec(text); m; m = COPYRIGHT_RE.exec(text)) {
    const y = Number(m[2] ?? m[1]);
    if (y >= 1900 && y <= 2100 && (!copyright || y > copyright)) copyright = y;
  }
  if (copyright) {
    const cStart = `${copyright}-01-01`;
    const cEnd = `${copyright}-12-31`;
    if (cEnd >= lo && cStart <= hi) {
      anyEvidence = true;
      evidence.push(`copyright ${copyright}`);
      if (cStart > lo) {
        lo = cStart;
        loFromMention = null;
      }
      hi = earlierOf(hi, cEnd);
    } else evidence.push(`copyright ${copyright} ignored: contradicts the other evidence`);
  }

  // Months without a year, once the date is known to about a year: "in June" said in the past
  // tense happened in the twelve months before the article.
  if (yearless.length > 0 && hi !== OPEN_END && daysBetween(lo, hi) <= 366) {
    const narrative = latest && latest.value.length >= 7 ? firstDay(latest.value) : null;
    for (const ym of yearless) {
      const mm = String(ym.month).padStart(2, "0");
      const dd = String(ym.day ?? 1).padStart(2, "0");
      let best: string | null = null;
      for (let y = Number(hi.slice(0, 4)); y >= Number(lo.slice(0, 4)) - 1; y--) {
        const s = `${String(y).padStart(4, "0")}-${mm}-${dd}`;
        if (s > hi || plusMonths(s, 12) <= lo) continue;
        if (explicitMonths.has(s.slice(0, 7))) {
          best = s; // the same month is named with its year elsewhere in the text
          break;
        }
        // With a dated passage ("the meeting in November 2023 ... a visit in October") the reading
        // nearest that date; without one, the latest reading that fits.
        if (!best || (narrative && Math.abs(daysBetween(narrative, s)) < Math.abs(daysBetween(narrative, best)))) best = s;
      }
      if (!best) continue;
      evidence.push(`"${ym.text}" in a past-tense sentence reads as ${ym.day ? best : best.slice(0, 7)}`);
      if (best > lo) {
        lo = best;
        loFromMention = ym.day ? "day" : "month";
      }
    }
  }

  // Weekday + month-day without a year ("Thursday, July 6") fits about one year in seven.
  let dayIso: string | null = null;
  WEEKDAY_DATE_RE.lastIndex = 0;
  for (let m = WEEKDAY_DATE_RE.exec(text); m; m = WEEKDAY_DATE_RE.exec(text)) {
    const wd = weekdayNumber(m[1]!);
    const mo = monthNumber(m[2]!);
    const d = Number(m[3]);
    if (!mo || d < 1 || d > 31) continue;
    const fromY = Number(lo.slice(0, 4)) || 1990;
    for (let y = Math.max(fromY, 1900); y <= fromY + 12; y++) {
      const day: Day = { y, m: mo, d };
      const iso = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      if (iso < lo || iso > hi) continue;
      if (weekday(day) === wd) {
        if (!dayIso || iso > dayIso) dayIso = iso;
        evidence.push(`"${m[0]}" fits ${iso}`);
        break;
      }
    }
  }

  if (dayIso) return done(dayIso, "day", evidence);
  if (!anyEvidence) return null;
  // A mentioned date is a lower bound, and news reports recent events: its month (its year when
  // only the year was mentioned).
  if (loFromMention) {
    const p: DatePrecision = loFromMention === "year" ? "year" : "month";
    return done(truncate(lo, p), p, evidence);
  }
  if (hi !== OPEN_END && daysBetween(lo, hi) <= SHORT_WINDOW_DAYS) return done(truncate(lo, "month"), "month", evidence);
  // The latest event the text mentions happened shortly before the window opens (a meeting in
  // November 2023, a 2024 copyright): the article is shortly after the window opens.
  if (latest && latest.value.length >= 7 && daysBetween(firstDay(latest.value), lo) <= RECENT_EVENT_DAYS) {
    evidence.push(`the latest event mentioned is within ${RECENT_EVENT_DAYS} days before ${lo}`);
    return done(truncate(lo, "month"), "month", evidence);
  }
  // A long window says the year at best (its first one when it spans several).
  return done(truncate(lo, "year"), "year", evidence);
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
  opts: TagOptions = {},
): { published: PublishedDate | null; timexes: Timex[] } {
  const pub = published ?? estimatePublication(text, hints);
  return { published: pub, timexes: tagTimexes(text, pub ? pub.date : null, opts) };
}
