// Temporal expression tagger: finds TIMEX3 expressions in English news text and normalizes them
// against the document creation time (DCT), HeidelTime-style: hand-written patterns, then
// resolution that uses the tense of the sentence ("on Friday" in a past-tense sentence is the
// most recent Friday) and the last date mentioned (for "a year earlier", "the quarter", "that day").

import type { Span, Timex, TimexType } from "../../core/types.ts";
import { splitSentences } from "../sentences.ts";
import {
  addDays, addMonths, compareDay, daysInMonth, fmtDay, fmtMonth, fmtWeek, fmtYear, parseAnchor,
  quarterOf, weekday,
} from "./calendar.ts";
import type { Anchor, Day } from "./calendar.ts";
import {
  MONTH_SRC, NUMBER_SRC, SEASON_SRC, UNIT_SRC, WEEKDAY_SRC, monthNumber, ordinalNumber, parseNumber,
  seasonCode, unitInfo, weekdayNumber,
} from "./lexicon.ts";

export interface TagOptions {
  /** Drop expressions whose value could not be resolved (default false: they keep an underspecified value). */
  resolvedOnly?: boolean;
  /** Emit SET and DURATION expressions (default true). */
  durations?: boolean;
  /**
   * Keep the part of day after a day ("Friday night" → `2023-07-07TNI`, "yesterday morning" →
   * `…TMO`, "tonight" → `…TNI`). Default false: TBAQ writes nights and mornings mostly as the plain
   * day (matched "<weekday> night": 10 plain, 5 TNI, 3 TEV), evenings and afternoons are always kept.
   */
  partOfDay?: boolean;
}

type Tense = "past" | "future" | null;

/** The last date the text talked about, for anaphoric expressions ("a year earlier", "that day"). */
interface Ref {
  gran: "year" | "quarter" | "month" | "day";
  y: number;
  m: number;
  d: number;
  q: number;
}

interface Cand extends Span {
  type: TimexType;
  rule: number;
  resolve: (c: Ctx) => string | null;
  /** Anaphoric expressions ("a year earlier", "the quarter") do not become the new reference date. */
  noRef?: boolean;
  /** An explicit quarter ("the third quarter") that later "the quarter" / "a year ago" refer to. */
  quarter?: boolean;
}

class Ctx {
  ref: Ref | null = null;
  /** The last quarter mentioned: earnings reports compare "a year ago" to it, not to the DCT. */
  quarterRef: { y: number; q: number } | null = null;
  tense: Tense = null;
  constructor(
    readonly anchor: Anchor | null,
    readonly partOfDay = false,
  ) {}

  /** The suffix for a part of day after a day value, following the `partOfDay` option. */
  partSuffix(part: string): string {
    if (!part) return "";
    return this.partOfDay || part === "evening" || part === "afternoon" ? TIME_PART[part] ?? "" : "";
  }

  /** A day reached by counting from the anchor, truncated to what the anchor knows. */
  dayOut(x: Day): string {
    const p = this.anchor?.precision ?? "day";
    if (p === "day") return fmtDay(x);
    return p === "month" ? fmtMonth(x.y, x.m) : fmtYear(x.y);
  }
  weekOut(x: Day): string {
    const p = this.anchor?.precision ?? "day";
    if (p === "day") return fmtWeek(x);
    return p === "month" ? fmtMonth(x.y, x.m) : fmtYear(x.y);
  }
  monthOut(y: number, m: number): string {
    return this.anchor?.precision === "year" ? fmtYear(y) : fmtMonth(y, m);
  }

  setRef(value: string | null): void {
    if (!value) return;
    const m = /^(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|Q(\d)))?$/.exec(value);
    if (!m) return;
    const y = Number(m[1]);
    if (m[4]) this.ref = { gran: "quarter", y, m: (Number(m[4]) - 1) * 3 + 1, d: 1, q: Number(m[4]) };
    else if (m[3]) this.ref = { gran: "day", y, m: Number(m[2]), d: Number(m[3]), q: quarterOf(Number(m[2])) };
    else if (m[2]) this.ref = { gran: "month", y, m: Number(m[2]), d: 1, q: quarterOf(Number(m[2])) };
    else this.ref = { gran: "year", y, m: 1, d: 1, q: 0 };
  }
}

// ---- pattern building blocks (sources; compiled once below) ----

const MON = `(${MONTH_SRC})`;
const WD = `(${WEEKDAY_SRC})`;
const DAYNUM = "([0-3]?\\d)(?:st|nd|rd|th)?";
const YEAR = "((?:1[0-9]|20)\\d\\d)";
const NUM = `(${NUMBER_SRC})`;
// Spoken years (broadcast transcripts): "nineteen ninety-four", "two thousand and one".
const SPOKEN_ONES = "one|two|three|four|five|six|seven|eight|nine";
const SPOKEN_YEAR =
  "(?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\\s+" +
  `(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:${SPOKEN_ONES}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)` +
  `|two\\s+thousand(?:\\s+(?:and\\s+)?(?:${SPOKEN_ONES}|ten))?)`;
/** A year in digits or spoken ("1994", "nineteen ninety-four"). */
const ANY_YEAR = `((?:1[0-9]|20)\\d\\d|${SPOKEN_YEAR})`;

/** The number of a year written in digits or words; null when it is not one. */
function yearOf(text: string): number | null {
  if (/^\d{4}$/.test(text)) return Number(text);
  const t = text.toLowerCase().replace(/\s+/g, " ");
  if (t.startsWith("two thousand")) {
    const rest = t.slice(12).replace(/^ (?:and )?/, "");
    return 2000 + (rest ? parseNumber(rest) ?? 0 : 0);
  }
  const sp = t.indexOf(" ");
  const hi = parseNumber(t.slice(0, sp));
  const rest = t.slice(sp + 1);
  const lo = rest === "hundred" ? 0 : parseNumber(rest);
  return hi !== null && lo !== null ? hi * 100 + lo : null;
}
const UNIT = `(${UNIT_SRC})`;
const END = "(?![\\w])";
const START = "\\b";
const PART = "(morning|afternoon|evening|night|overnight)";
const ORD = "(first|second|third|fourth|1st|2nd|3rd|4th)";
const REL = "(last|this|next|this\\s+past|this\\s+coming|coming|past|previous|following|current)";

type Build = (m: RegExpExecArray, text: string) => Omit<Cand, "rule"> | null;
/**
 * Where a rule's matches can be: every match contains a word that starts with one of `words`
 * (or, with `digits`, a number that `digits` matches at its start).
 */
interface Hook {
  id: number;
  /** Sticky, case-insensitive: does a hook word start here? */
  re: RegExp;
  /** Lowercase first three letters of the words, or "#" for a word starting with a digit. */
  keys: string[];
}
const hooks: Hook[] = [];
/** A hook on `src` (tried where a word starts); `keys` must list the first three letters of every word it can match. */
function makeHook(src: string, keys: string[]): Hook {
  if (keys.some((k) => k !== "#" && !/^[a-z]{3}$/.test(k))) throw new Error(`hook keys must be "#" or three lowercase letters: ${keys.join(",")}`);
  const h = { id: hooks.length, re: new RegExp(`(?:${src})`, "iy"), keys };
  hooks.push(h);
  return h;
}
/** A hook on words (prefixes of at least three letters: "sec" stands for "seconds"). */
const words = (list: string): Hook => {
  const ws = list.split("|");
  if (ws.some((w) => !/^[a-z]{3,}$/.test(w))) throw new Error(`hook words must be 3+ lowercase letters: ${list}`);
  return makeHook(list, [...new Set(ws.map((w) => w.slice(0, 3)))]);
};
/**
 * A rule's hook and `back`: every match starts at most `back` words before a hook word. Such a rule
 * is tried (sticky) only at the word starts within those windows instead of scanning the whole
 * text: the same matches, found in the same order, at a fraction of the cost. The `back` figures are
 * the longest prefix the pattern allows, in words (`\w` runs), plus 2.
 */
const on = (hook: Hook, back: number, lead = ""): Hooking => ({ hook, back, lead: lead ? lead.charCodeAt(0) : -1 });
/**
 * Where a rule is tried: see `on`. `lead` (a char code, -1 for none) is a non-word character a match
 * may also start with, just before a word ("in'90s" matches "'90s" at the quote).
 */
interface Hooking {
  hook: Hook;
  back: number;
  lead: number;
}
const rules: { re: RegExp; sticky: RegExp; build: Build; gate: RegExp | null; at: Hooking | null }[] = [];
/**
 * Adds a pattern. `gate` is a cheap regex (mostly literal words) that every match must contain:
 * a text without it skips the rule, which keeps the tagger above 1,000 articles/s on one core.
 * `at` (see `on`) limits where the pattern is tried; a hooked rule checks its gate only once it
 * has a match.
 */
function rule(src: string, build: Build, gate: RegExp | null = null, at: Hooking | null = null): void {
  const full = START + "(?:" + src + ")" + END;
  rules.push({ re: new RegExp(full, "gi"), sticky: new RegExp(full, "iy"), build, gate, at });
}
const G_MONTH = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const G_WEEKDAY = /(?:mon|tues|wednes|thurs|fri|satur|sun)day/i;

// Months and units are whole words in every pattern that uses them ("August 7", "5-year", "year's
// end"), so "decision", "market" or "secretary" do not count.
const H_MONTH = makeHook(`(?:${MONTH_SRC})(?![a-z])`, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]);
const H_WEEKDAY = words("monday|tuesday|wednesday|thursday|friday|saturday|sunday");
const H_UNIT = makeHook(`(?:${UNIT_SRC})(?![a-z])`, ["sec", "min", "hou", "day", "nig", "wee", "mon", "qua", "yea", "dec", "cen", "mil"]);
const H_YEAR = makeHook("(?:1\\d|20)\\d\\d", ["#"]);
const H_PART = words("morning|afternoon|evening|night|overnight");
const H_DIGIT = makeHook("\\d", ["#"]);
const H_CLOCK = makeHook("\\d|noon|midnight|midday", ["#", "noo", "mid"]);

const cand = (m: RegExpExecArray, type: TimexType, resolve: (c: Ctx) => string | null): Omit<Cand, "rule"> => ({
  start: m.index,
  end: m.index + m[0].length,
  type,
  resolve,
});

const isCap = (w: string | undefined): boolean => !!w && w[0] !== w[0]!.toLowerCase();
const PREP_BEFORE = /(?:\b(?:in|since|until|till|by|of|from|through|during|before|after|to|last|next|this|early|late|mid|on|between|and|or|for|that|around)[\s-]+|[,(]\s*)$/i;

// ---- resolution helpers ----

// 1: a past-tense "Saturday" written on a Friday is usually tomorrow's (TBAQ dev value F1 0.8043 vs 0.8030 at 0, 0.8036 at 2).
const PAST_WEEKDAY_SLACK = 1;

/** The weekday `wd` nearest the anchor in the direction the tense points (same day counts). */
function resolveWeekday(c: Ctx, wd: number, shift: -1 | 0 | 1): string {
  const a = c.anchor;
  if (!a) return `XXXX-WXX-${wd + 1}`;
  const cur = weekday(a);
  let delta: number;
  if (shift === -1) delta = -(((cur - wd) % 7 + 7) % 7 || 7); // "last Friday": strictly before
  else if (shift === 1) delta = ((wd - cur) % 7 + 7) % 7 || 7; // "next Friday": strictly after
  else if (c.tense === "future") delta = ((wd - cur) % 7 + 7) % 7;
  else {
    const ahead = ((wd - cur) % 7 + 7) % 7;
    delta = ahead > 0 && ahead <= PAST_WEEKDAY_SLACK ? ahead : -(((cur - wd) % 7 + 7) % 7);
  }
  return c.dayOut(addDays(a, delta));
}

// 3: best value F1 on the TBAQ dev split (0.8030 vs 0.8016 at 2, 0.8009 at 1, 0.7989 without).
const PAST_MONTH_SLACK = 3;

/** A month without a year: the one nearest the anchor in the direction of the tense. */
function resolveMonth(c: Ctx, mo: number, shift: -1 | 0 | 1): string {
  const a = c.anchor;
  if (!a) return `XXXX-${String(mo).padStart(2, "0")}`;
  let y = a.y;
  // "last February" written in March is a year back: the month just gone would be "last month"
  // (TBAQ: 1 of 1; the other 14 "last <month>" are two or more months back and unaffected).
  if (shift === -1) y = mo < a.m - 1 ? a.y : a.y - 1;
  else if (shift === 1) y = mo > a.m ? a.y : a.y + 1;
  else if (c.tense === "future") y = mo >= a.m ? a.y : a.y + 1;
  else if (c.tense === "past") {
    // Months just ahead of the anchor are nearly always the coming ones even in a past-tense
    // sentence ("said the deal closes in December", written in November).
    const ahead = (mo - a.m + 12) % 12;
    if (ahead > 0 && ahead <= PAST_MONTH_SLACK) y = mo > a.m ? a.y : a.y + 1;
    else y = mo <= a.m ? a.y : a.y - 1;
  }
  else if (mo - a.m > 6) y = a.y - 1;
  else if (a.m - mo > 6) y = a.y + 1;
  return c.anchor?.precision === "year" ? fmtYear(y) : fmtMonth(y, mo);
}

function resolveMonthDay(c: Ctx, mo: number, d: number): string {
  const a = c.anchor;
  if (!a) return `XXXX-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  // Tense cues are noisy, so they only flip the year when the date is far (> 120 days) on the wrong
  // side of the anchor (TBAQ dev value F1 0.7966 at 120 days, 0.7960 at 60, 0.7912 at 30, 0.7845 at 7).
  const diff = (Date.UTC(a.y, mo - 1, d) - Date.UTC(a.y, a.m - 1, a.d)) / 86400000;
  let y = a.y;
  if (c.tense === "past") {
    if (diff > 120) y--;
  } else if (c.tense === "future") {
    if (diff < -120) y++;
  } else if (diff > 120) y--;
  else if (diff < -120) y++;
  return fmtDay({ y, m: mo, d });
}

function shiftAnchorDays(c: Ctx, n: number): string {
  if (!c.anchor) return "XXXX-XX-XX";
  return c.dayOut(addDays(c.anchor, n));
}

function durationValue(n: number | null, unitWord: string): string {
  const u = unitInfo(unitWord);
  if (u.letter === "WE") return n === null ? "PXWE" : `P${n}WE`;
  const prefix = u.time ? "PT" : "P";
  if (n === null) return `${prefix}X${u.letter}`;
  let v = n * u.factor;
  if (!Number.isInteger(v)) {
    const whole = Math.floor(v);
    const half: Record<string, string> = { Y: "6M", M: "2W", D: "12H", H: "30M", W: "3D" };
    const h = half[u.letter];
    if (h) {
      const smallTime = u.letter === "D" || u.letter === "H";
      const hv = smallTime && !u.time ? `T${h}` : h;
      return whole > 0 ? `${prefix}${whole}${u.letter}${hv}` : `${prefix}${hv}`;
    }
    v = Math.round(v);
  }
  return `${prefix}${v}${u.letter}`;
}

/** "a year ago", "two months earlier": the anchor (or the last date mentioned) moved back or forward. */
function shiftedDate(c: Ctx, n: number | null, unitWord: string, dir: -1 | 1, fromRef: boolean): string | null {
  const u = unitInfo(unitWord);
  const ref = fromRef && c.ref ? c.ref : null;
  const a = c.anchor;
  if (n === null || !Number.isInteger(n)) {
    if (dir < 0) return u.letter === "Y" && a ? fmtYear(a.y).slice(0, 3) + "X" : "PAST_REF";
    return "FUTURE_REF";
  }
  const k = n * dir;
  if (u.letter === "Y" && !u.time) {
    const years = k * u.factor;
    // "a year ago" next to a quarter's results means that quarter a year before (TBAQ dev: 26 of 40 such values).
    if (years === -1 && c.quarterRef) return `${fmtYear(c.quarterRef.y - 1)}-Q${c.quarterRef.q}`;
    if (ref) {
      if (ref.gran === "quarter") return `${fmtYear(ref.y + years)}-Q${ref.q}`;
      if (ref.gran === "month") return fmtMonth(ref.y + years, ref.m);
      if (ref.gran === "day") return fmtDay({ y: ref.y + years, m: ref.m, d: Math.min(ref.d, daysInMonth(ref.y + years, ref.m)) });
      return fmtYear(ref.y + years);
    }
    return a ? fmtYear(a.y + years) : null;
  }
  const base: Day | null = ref ? { y: ref.y, m: ref.m, d: ref.d } : a;
  if (!base) return null;
  if (u.letter === "Q") {
    const t = addMonths(base.y, base.m, k * 3);
    return `${fmtYear(t.y)}-Q${quarterOf(t.m)}`;
  }
  if (u.letter === "M" && !u.time) {
    const t = addMonths(base.y, base.m, k);
    return c.monthOut(t.y, t.m);
  }
  if (u.letter === "W") return c.weekOut(addDays(base, 7 * k));
  if (u.letter === "D") return c.dayOut(addDays(base, k));
  if (u.time) return c.dayOut(base);
  return null;
}

function quarterNow(c: Ctx): { y: number; q: number } | null {
  if (c.quarterRef) return c.quarterRef;
  const a = c.anchor;
  if (!a) return null;
  // Earnings news reports on the quarter just ended: "the quarter" in a November article is Q3
  // (TBAQ dev: 3/9 right when taken as the DCT's own quarter, 8/9 as the previous one).
  const t = addMonths(a.y, a.m, -3);
  return { y: t.y, q: quarterOf(t.m) };
}

const TIME_PART: Record<string, string> = { morning: "MO", afternoon: "AF", evening: "EV", night: "NI", overnight: "NI" };

function clock(hh: string, mm: string | undefined, ampm: string | undefined): string | null {
  let h = Number(hh);
  const min = mm ? Number(mm) : 0;
  if (h > 24 || min > 59) return null;
  const ap = (ampm ?? "").toLowerCase();
  if (ap.startsWith("p") && h < 12) h += 12;
  if (ap.startsWith("a") && h === 12) h = 0;
  return `T${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** The day a clock time belongs to: the last day mentioned in the text, else the anchor. */
function dayForTime(c: Ctx): string {
  if (c.ref && c.ref.gran === "day") return fmtDay(c.ref);
  return c.anchor && c.anchor.precision === "day" ? fmtDay(c.anchor) : "XXXX-XX-XX";
}

// ---- rules (order breaks ties between equally long matches) ----

// Full dates: "Friday, Aug. 7, 1998", "Aug. 7", "7 August 1998".
rule(`(?:${WD},?\\s+)?${MON}\\s*${DAYNUM}(?:,?\\s+${YEAR})?(?!\\d)`, (m, text) => {
  const mo = monthNumber(m[2]!);
  const d = Number(m[3]);
  if (!mo || d < 1 || d > 31) return null;
  if (!isCap(m[2]) && !m[1]) return null;
  if (/^may$/i.test(m[2]!) && !m[4] && !m[1] && /^may\s*\d{1,2}\s+(?:percent|%)/i.test(m[0])) return null;
  if (m[4]) return cand(m, "DATE", () => fmtDay({ y: Number(m[4]), m: mo, d }));
  // "the year ended March 31": a period that has closed.
  const ended = /\b(?:ended|through|since)\s+$/i.test(text.slice(Math.max(0, m.index - 10), m.index));
  // "payable Jan. 2", "effective Feb. 1": dates set for the future (TBAQ: 3 of 3 in the next year).
  const ahead = /\b(?:effective|payable)\s+(?:on\s+)?$/i.test(text.slice(Math.max(0, m.index - 13), m.index));
  return cand(m, "DATE", (c) => {
    if (ended) c.tense = "past";
    if (ahead) c.tense = "future";
    return resolveMonthDay(c, mo, d);
  });
}, G_MONTH, on(H_MONTH, 3));
rule(`${DAYNUM}\\s+${MON}(?:,?\\s+${YEAR})?`, (m) => {
  const mo = monthNumber(m[2]!);
  const d = Number(m[1]);
  if (!mo || d < 1 || d > 31 || !isCap(m[2])) return null;
  if (m[3]) return cand(m, "DATE", () => fmtDay({ y: Number(m[3]), m: mo, d }));
  return cand(m, "DATE", (c) => resolveMonthDay(c, mo, d));
}, G_MONTH, on(H_MONTH, 3));
rule("(\\d{4})-(\\d\\d)-(\\d\\d)", (m) => {
  const mo = Number(m[2]), d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return cand(m, "DATE", () => m[0]);
}, /\d{4}-\d\d-\d\d/, on(H_DIGIT, 0));
rule("(\\d{1,2})/(\\d{1,2})/((?:19|20)?\\d\\d)", (m) => {
  const mo = Number(m[1]), d = Number(m[2]);
  let y = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  if (y < 100) y += y < 50 ? 2000 : 1900;
  return cand(m, "DATE", () => fmtDay({ y, m: mo, d }));
}, /\d\/\d/, on(H_DIGIT, 0));

// Month with a year or a relative year: "July 1997", "June last year", "January of 1998".
rule(`(?:(early|late|mid|the\\s+(?:end|beginning|start|middle)\\s+of)[\\s-]+)?${MON}(?:,|\\s+of)?\\s+${ANY_YEAR}`, (m) => {
  const mo = monthNumber(m[2]!);
  const y = yearOf(m[3]!);
  if (!mo || !isCap(m[2]) || y === null) return null;
  return cand(m, "DATE", () => fmtMonth(y, mo));
}, G_MONTH, on(H_MONTH, 5));
rule(`${MON}\\s+(last|this|next)\\s+year`, (m) => {
  const mo = monthNumber(m[1]!);
  if (!mo || !isCap(m[1])) return null;
  const k = /last/i.test(m[2]!) ? -1 : /next/i.test(m[2]!) ? 1 : 0;
  return cand(m, "DATE", (c) => (c.anchor ? fmtMonth(c.anchor.y + k, mo) : null));
}, G_MONTH, on(H_MONTH, 2));
// A month alone: "in November", "last August", "late last month" is below; "May" needs context.
rule(`(?:(early|late|mid|the\\s+(?:end|beginning|start|middle)\\s+of)[\\s-]+)?(?:(last|next|this|this\\s+past|this\\s+coming)\\s+)?${MON}`, (m, text) => {
  const w = m[3]!;
  const mo = monthNumber(w);
  if (!mo || !isCap(w) || w.endsWith(".")) return null;
  if ((mo === 5 || mo === 3) && !m[1] && !m[2]) {
    if (!PREP_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) return null;
    if (mo === 5 && /^\s+(?:be|have|not|also|well|seem|need|take|come|go|get|make|never|still|even|soon|help|want|lose)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) return null;
  }
  const rel = (m[2] ?? "").toLowerCase();
  const shift = rel.startsWith("last") || rel === "this past" ? -1 : rel === "next" || rel === "this coming" ? 1 : 0;
  if (rel === "this") return cand(m, "DATE", (c) => (c.anchor ? c.monthOut(c.anchor.y, mo) : null));
  const prep = /\b(by|until|till|since)\s+$/i.exec(text.slice(Math.max(0, m.index - 8), m.index))?.[1]?.toLowerCase();
  return cand(m, "DATE", (c) => {
    // Deadlines ("by May", "until mid-November") point forward and "since March" back.
    if (prep === "since") c.tense = "past";
    else if (prep) c.tense = "future";
    return resolveMonth(c, mo, shift);
  });
}, G_MONTH, on(H_MONTH, 7));

// Weekdays: "Friday", "last Friday", "Friday morning", "early Tuesday", "Friday's".
rule(`(?:(early|late|earlier|later)\\s+)?(?:(last|next|this|this\\s+past|this\\s+coming|the\\s+previous|the\\s+following)\\s+)?${WD}(?:['’]s)?(?:\\s+${PART})?`, (m) => {
  const wd = weekdayNumber(m[3]!);
  const rel = (m[2] ?? "").toLowerCase().replace(/\s+/g, " ");
  if (rel === "the previous" || rel === "the following") {
    const dir = rel === "the previous" ? -1 : 1;
    return cand(m, "DATE", (c) => {
      const base = c.ref && c.ref.gran === "day" ? c.ref : c.anchor;
      if (!base) return null;
      const cur = weekday(base);
      const delta = dir < 0 ? -(((cur - wd) % 7 + 7) % 7 || 7) : ((wd - cur) % 7 + 7) % 7 || 7;
      return fmtDay(addDays(base, delta));
    });
  }
  const shift: -1 | 0 | 1 = rel === "last" || rel === "this past" ? -1 : rel === "next" || rel === "this coming" ? 1 : 0;
  // TBAQ writes evenings and afternoons with a part-of-day suffix (4/4) but nights and mornings mostly
  // as the plain day ("Friday night" matched: 10 plain day, 5 TNI, 3 TEV; mornings 5 plain, 3 TMO).
  const part = (m[4] ?? "").toLowerCase();
  const timed = part === "evening" || part === "afternoon";
  // "Wednesday's ruling", "Friday's close": a possessive weekday names an event already reported
  // (TBAQ: 20 of 20 such are the DCT or earlier), whatever the tense around it.
  const possessive = /['’]s\b/.test(m[0]);
  return cand(m, timed ? "TIME" : "DATE", (c) => {
    if (possessive && !shift) c.tense = "past";
    const v = resolveWeekday(c, wd, shift);
    const suffix = c.partSuffix(part);
    return suffix && /^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T${suffix}` : v;
  });
}, G_WEEKDAY, on(H_WEEKDAY, 5));

// Clock times: "10:35 a.m.", "9 a.m. Tuesday", "noon Thursday", "midnight Friday".
rule(`(?:(\\d{1,2})(?::(\\d\\d))?\\s*(a\\.m\\.?|p\\.m\\.?|am|pm)|(\\d{1,2}):(\\d\\d)|(noon|midnight|midday))(?:\\s+(?:EDT|EST|CDT|CST|PDT|PST|GMT|UTC|local\\s+time))?(?:,?\\s+(?:on\\s+)?(?:${WD}|${MON}\\s*${DAYNUM}(?!\\d)(?!,?\\s+\\d{4})))?`, (m, text) => {
  const special = (m[6] ?? "").toLowerCase();
  if (special && /\bhigh\s+$/i.test(text.slice(Math.max(0, m.index - 5), m.index))) return null; // "High Noon"
  const t = special ? (special === "midnight" ? "T24:00" : "T12:00") : m[4] ? clock(m[4], m[5], undefined) : clock(m[1]!, m[2], m[3]);
  if (!t) return null;
  if (!special && !m[3] && Number(m[4]) > 23) return null;
  const wd = m[7] ? weekdayNumber(m[7]) : -1;
  // "until 5 p.m. EST, Nov. 6": the day written after the clock time is part of the expression.
  const mo = m[8] ? monthNumber(m[8]) : 0;
  const md = Number(m[9]);
  if (m[8] && (!mo || !isCap(m[8]) || md < 1 || md > 31)) return { ...cand(m, "TIME", (c) => dayForTime(c) + t), end: m.index + m[0].search(/,?\s+(?:on\s+)?[A-Za-z]+\.?\s*\d+$/) };
  return cand(m, wd >= 0 ? "DATE" : "TIME", (c) => {
    const day = wd >= 0 ? resolveWeekday(c, wd, 0) : mo ? resolveMonthDay(c, mo, md) : dayForTime(c);
    return /^\d{4}-\d\d-\d\d$/.test(day) ? day + t : day;
  });
}, /\d\s*[ap]\.?m|\d:\d\d|noon|midnight|midday/i, on(H_CLOCK, 0));

// Days relative to the DCT.
rule("(?:(early|late|earlier|later)\\s+)?(today|tonight|yesterday|tomorrow|the\\s+day\\s+before\\s+yesterday|the\\s+day\\s+after\\s+tomorrow)(?:\\s+" + PART + ")?", (m, text) => {
  const w = m[2]!.toLowerCase().replace(/\s+/g, " ");
  const n = w === "yesterday" ? -1 : w === "tomorrow" ? 1 : w.includes("before") ? -2 : w.includes("after") ? 2 : 0;
  // Generic uses: "today's youth", "the people of tomorrow".
  if (/^['’]s\s+(?:world|youth|society|economy|market|generation|children|young|standards|personal|computers?|technology|families)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24))) return null;
  if (/\bof\s+$/i.test(text.slice(Math.max(0, m.index - 4), m.index)) && w === "tomorrow") return null;
  const part = (m[3] ?? (w === "tonight" ? "night" : "")).toLowerCase();
  return cand(m, "DATE", (c) => {
    const v = shiftAnchorDays(c, n);
    const suffix = c.partOfDay ? c.partSuffix(part) : ""; // TBAQ writes "yesterday evening" as the day
    return suffix && /^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T${suffix}` : v;
  });
}, /today|tonight|yesterday|tomorrow/i, on(words("today|tonight|yesterday|tomorrow"), 6));
rule(`(?:(this|last|yesterday|tomorrow)\\s+${PART}|(later|earlier)\\s+this\\s+${PART})`, (m) => {
  const w = (m[1] ?? "this").toLowerCase();
  const part = (m[2] ?? m[4]!).toLowerCase();
  if (w === "last" && part !== "night") return null;
  const n = w === "last" || w === "yesterday" ? -1 : w === "tomorrow" ? 1 : 0;
  return cand(m, "TIME", (c) => {
    if (!c.anchor) return null;
    const d = c.dayOut(addDays(c.anchor, n));
    return /^\d{4}-\d\d-\d\d$/.test(d) ? d + "T" + TIME_PART[part] : d;
  });
}, /morning|afternoon|evening|night/i, on(H_PART, 4));

// "the weekend", "over the weekend": the weekend just past (or the coming one in a future-tense sentence).
rule("(?:the|this)\\s+weekend", (m) => cand(m, "DATE", (c) => {
  const a = c.anchor;
  if (!a) return "XXXX-WXX-WE";
  if (a.precision !== "day") return c.dayOut(a);
  const wd = weekday(a);
  let sat: Day;
  if (wd >= 5) sat = addDays(a, 5 - wd);
  // "over the weekend" in news is nearly always the one just past; only "this weekend" in a
  // future-tense sentence looks ahead.
  else sat = c.tense === "future" && /^this/i.test(m[0]) ? addDays(a, 5 - wd) : addDays(a, -(wd + 2));
  return fmtWeek(sat) + "-WE";
}), /weekend/i, on(H_UNIT, 3));
// "the year ended June 30": a fiscal year, written as a one-year duration.
rule("the\\s+(?:fiscal\\s+)?year(?=\\s+(?:ended|ending|ends|through)\\b)", (m) => cand(m, "DURATION", () => "P1Y"), /year/i, on(H_UNIT, 4));
// "For the week, the index dropped": a week near the DCT that the text does not pin down
// (TBAQ tags all 5 "the week" as DATE, 4 of them YYYY-WXX).
rule("the\\s+week(?!\\s+(?:of|before|after|ended|ending|earlier|ago)\\b)", (m) => cand(m, "DATE", (c) => (c.anchor ? `${fmtYear(c.anchor.y)}-WXX` : "XXXX-WXX")), /week/i, on(H_UNIT, 3));
// "a high for the year", "the first nine months of the year": the DCT's year.
rule("(?<=\\b(?:of|for)\\s)the\\s+year(?!\\s+(?:ended|ending|ends|through|before|after|earlier|ago|two)\\b)", (m) => cand(m, "DATE", (c) => (c.anchor ? fmtYear(c.anchor.y) : null)), /year/i, on(H_UNIT, 3));
rule("the\\s+(?:full|current|latest|whole)\\s+(?:fiscal\\s+)?year|the\\s+fiscal\\s+year", (m) => cand(m, "DATE", (c) => {
  if (!c.anchor) return null;
  return fmtYear(/latest/i.test(m[0]) ? c.anchor.y - 1 : c.anchor.y);
}), /year/i, on(H_UNIT, 5));

// "the next morning": the day after the last day mentioned (TBAQ writes the plain day).
rule(`the\\s+(next|following|previous)\\s+${PART}`, (m) => cand(m, "DATE", (c) => {
  const base = c.ref && c.ref.gran === "day" ? c.ref : c.anchor;
  return base ? fmtDay(addDays(base, m[1]!.toLowerCase() === "previous" ? -1 : 1)) : null;
}), /morning|afternoon|evening|night/i, on(H_PART, 4));
// Anaphoric days: "that day", "the same day", "the next day", "the previous day", "earlier that day".
rule("(?:(earlier|later)\\s+)?(that\\s+(?:same\\s+)?day|the\\s+same\\s+day|the\\s+(?:next|following|previous|preceding)\\s+day|the\\s+day\\s+(?:before|after))", (m, text) => {
  const w = m[2]!.toLowerCase();
  // "after Oct. 12, the day before the plunge": an apposition renames the date just written.
  const apposition = /^the day (?:before|after)$/.test(w) && !m[1] && new RegExp(`(?:${MONTH_SRC})\\s*\\d{1,2},\\s*$`, "i").test(text.slice(Math.max(0, m.index - 16), m.index));
  const n = apposition ? 0 : /next|following|after/.test(w) ? 1 : /previous|preceding|before/.test(w) ? -1 : 0;
  return cand(m, "DATE", (c) => {
    const base = c.ref && c.ref.gran === "day" ? c.ref : c.anchor;
    return base ? fmtDay(addDays(base, n)) : null;
  });
}, /day/i, on(H_UNIT, 5));

// Present, past and future references.
rule("(?:right\\s+)?now|currently|at\\s+present|presently|nowadays|these\\s+days|at\\s+the\\s+moment|the\\s+present", (m, text) => {
  const w = m[0].toLowerCase();
  if (w === "now" && /^\s*that\b/i.test(text.slice(m.index + 3, m.index + 12))) return null;
  if (w === "current" && /^\s+(?:account|accounts|affairs|events|law|rules|policy|members?|and)\b/i.test(text.slice(m.index + 7, m.index + 20))) return null;
  return cand(m, "DATE", () => "PRESENT_REF");
}, /now|current|present|these days|moment/i, on(words("now|currently|present|days|moment"), 4));
// "previously", "formerly", bare "recent" and "current" are left out: TBAQ rarely tags them (dev: 3 of 17, 4 of 13, 6 of 14).
rule("recently|more\\s+recently|lately|in\\s+the\\s+past|the\\s+past|recent\\s+years|past\\s+years", (m, text) => {
  const w = m[0].toLowerCase();
  if (w === "the past" && /^\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?|quarters?|\d|one|two|three|four|five|six|seven|eight|nine|ten|few|several)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24))) return null;
  const start = w === "in the past" ? m.index + 3 : m.index;
  return { start, end: m.index + m[0].length, type: "DATE", resolve: () => "PAST_REF" };
}, /recent|lately|past/i, on(words("recent|lately|past"), 4));
rule("the\\s+(?:near\\s+|foreseeable\\s+|distant\\s+)?future|soon|as\\s+soon\\s+as\\s+possible|the\\s+(?:near|short|long)\\s+term|coming\\s+(?:quarters|years?)|a\\s+later\\s+date", (m, text) => {
  const w = m[0].toLowerCase();
  if (w === "soon" && /^\s+(?:after|as)\b/i.test(text.slice(m.index + 4, m.index + 12))) return null;
  return cand(m, "DATE", () => "FUTURE_REF");
}, /future|soon|term|coming|later date/i, on(words("future|soon|term|coming|later"), 4));

// Years, decades and centuries.
rule(`(?:(early|late|mid|the\\s+(?:end|beginning|start|middle|first\\s+half|second\\s+half)\\s+of|fiscal|calendar|the\\s+year)[\\s-]+)?${YEAR}(?!\\s*(?:%|percent\\b)|[,.]\\d|'?s\\b|-\\d)`, (m, text) => {
  const y = Number(m[2]);
  const before = text.slice(Math.max(0, m.index - 6), m.index);
  if (/[$\d#]\s*$|\bNo\.\s*$/.test(before)) return null;
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
  if (/^\s*(?:people|persons|troops|soldiers|workers|employees|shares|cars|units|feet|meters|miles|km|tons|yards|points|rooms|members)\b/i.test(after)) return null;
  const mod = (m[1] ?? "").toLowerCase();
  if (mod.includes("first half")) return cand(m, "DATE", () => `${fmtYear(y)}-H1`);
  if (mod.includes("second half")) return cand(m, "DATE", () => `${fmtYear(y)}-H2`);
  return cand(m, "DATE", () => fmtYear(y));
}, /\d\d\d\d/, on(H_YEAR, 6));
rule(`(?:the\\s+)?(?:(early|late|mid)[\\s-]+)?(?:((?:1[0-9]|20)\\d)0'?s|'(\\d)0s|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))`, (m, text) => {
  if (m[4] && !/^the\b/i.test(m[0]) && !PREP_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) return null;
  const tensWord = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
  return cand(m, "DATE", (c) => {
    if (m[2]) return m[2];
    const digit = m[3] ?? String(tensWord.indexOf(m[4]!.toLowerCase()) + 2);
    const cent = c.anchor ? Math.floor(c.anchor.y / 100) : 19;
    return `${cent}${digit}`;
  });
}, /0'?s|ties/i, on(makeHook("\\d|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties", ["#", "twe", "thi", "for", "fif", "six", "sev", "eig", "nin"]), 4, "'"));
rule("(?:the\\s+)?(?:(early|late|mid)[\\s-]+)?(\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)\\s+century", (m) => {
  const n = ordinalNumber(m[2]!);
  if (!n) return null;
  return cand(m, "DATE", () => String(n - 1).padStart(2, "0"));
}, /century/i, on(H_UNIT, 6));
// "the disasters of this century": TBAQ writes it as the hundred years up to now (P100Y, 2 of 2).
rule("this\\s+century", (m) => cand(m, "DATE", () => "P100Y"), /century/i, on(H_UNIT, 3));

// Spoken years (broadcast transcripts): "nineteen ninety-six", "the year two thousand".
const TEEN_SRC = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty";
rule(`(?:the\\s+year\\s+)?(?:(${TEEN_SRC})\\s+((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\\s+thousand(?:\\s+(?:and\\s+)?(one|two|three|four|five|six|seven|eight|nine|ten))?)`, (m) => {
  let y: number | null;
  if (m[1]) {
    const hi = parseNumber(m[1]);
    const lo = m[2]!.toLowerCase() === "hundred" ? 0 : parseNumber(m[2]!);
    y = hi !== null && lo !== null ? hi * 100 + lo : null;
  } else {
    if (!/^the\s+year/i.test(m[0])) return null; // "two thousand" alone is usually a count
    y = 2000 + (m[3] ? parseNumber(m[3]) ?? 0 : 0);
  }
  if (y === null || y < 1000 || y > 2100) return null;
  return cand(m, "DATE", () => fmtYear(y));
}, /teen|twenty|eleven|twelve|ten|thousand/i, on(words("ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thousand"), 5));
// "year-earlier profit", "year-ago results": the quarter (or year) a year before the one under report.
rule("(year-earlier|year-ago)(?!\\s+(?:quarter|period))", (m) => ({ ...cand(m, "DATE", (c) => {
  if (c.quarterRef) return `${fmtYear(c.quarterRef.y - 1)}-Q${c.quarterRef.q}`;
  return c.anchor ? fmtYear(c.anchor.y - 1) : null;
}), noRef: true }), /year-(?:earlier|ago)/i, on(H_UNIT, 2));
rule(`the\\s+${YEAR}\\s+(?:(first|second|third|fourth)[\\s-]+quarter|period|quarter)`, (m) => cand(m, "DATE", (c) => {
  const y = Number(m[1]);
  if (m[2]) return `${m[1]}-Q${ordinalNumber(m[2])}`;
  return c.quarterRef ? `${m[1]}-Q${c.quarterRef.q}` : fmtYear(y);
}), /quarter|period/i, on(H_YEAR, 3));

// Quarters and halves: "the third quarter", "third-quarter", "the fiscal first quarter of 1990", "the latest quarter".
rule(`(?:(the|its|this\\s+year's|last\\s+year's|next\\s+year's|(?:the\\s+)?year-(?:ago|earlier))\\s+)?(?:(fiscal|calendar)[\\s-]+)?${ORD}[\\s-]+(?:fiscal\\s+)?quarters?(?:\\s+(?:of\\s+)?(?:(fiscal\\s+)?${YEAR}|(this|last|next)\\s+year))?`, (m) => {
  const q = ordinalNumber(m[3]!);
  const det = (m[1] ?? "").toLowerCase();
  const yearShift = det.startsWith("last") || det.includes("year-") ? -1 : det.startsWith("next") ? 1 : 0;
  const rel = (m[6] ?? "").toLowerCase();
  return { ...cand(m, "DATE", (c) => {
    if (m[5]) return `${m[5]}-Q${q}`;
    if (!c.anchor) return `XXXX-Q${q}`;
    const y = c.anchor.y + yearShift + (rel === "last" ? -1 : rel === "next" ? 1 : 0);
    return `${fmtYear(y)}-Q${q}`;
  }), quarter: !yearShift && !rel };
}, /quarter/i, on(H_UNIT, 8));
rule(`(?:the\\s+)?(?:(latest|current|last|past|previous|prior|same|comparable|corresponding|year-ago|year-earlier|year\\s+ago|fiscal|latest\\s+fiscal|recent|just-ended|just\\s+ended)[\\s-]+)?(?:(year-ago|year-earlier|fiscal)[\\s-]+)?(quarter|period)(?:\\s+(?:a\\s+year\\s+(?:ago|earlier)|last\\s+year|of\\s+${YEAR}))?`, (m, text) => {
  const mod = ((m[1] ?? "") + " " + (m[2] ?? "") + " " + m[0].slice(-30)).toLowerCase();
  const isPeriod = m[3]!.toLowerCase() === "period";
  if (!/^the\b/i.test(m[0]) && !m[1] && !m[2]) return null;
  if (isPeriod && !/latest|year-ago|year-earlier|year ago|comparable|corresponding|same/.test(mod)) return null;
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 10);
  if (/^\s*(?:of|in)\b/i.test(after) && !m[4]) return null; // "the period of ..." / "the quarter in which"
  if (/^-to-/i.test(after)) return null; // "quarter-to-quarter comparison"
  const ago = /year-ago|year-earlier|year ago|a year earlier|last year|comparable|corresponding|same|previous|prior/.test(mod);
  const current = /^(?:the\s+)?current\s/i.test(m[0]); // the DCT's own quarter, whatever was reported on
  const prev = /\b(?:last|past|previous|prior)\b/.test((m[1] ?? "").toLowerCase());
  return { ...cand(m, "DATE", (c) => {
    if (m[4]) return fmtYear(Number(m[4]));
    if (current && c.anchor) return `${fmtYear(c.anchor.y)}-Q${quarterOf(c.anchor.m)}`;
    const q = quarterNow(c);
    if (!q) return null;
    if (prev && !/year/.test(mod)) {
      const t = addMonths(q.y, (q.q - 1) * 3 + 1, -3);
      return `${fmtYear(t.y)}-Q${quarterOf(t.m)}`;
    }
    return `${fmtYear(ago ? q.y - 1 : q.y)}-Q${q.q}`;
  }), noRef: true };
}, /quarter|period/i, on(words("quarter|period"), 7));
// "This quarter's loss", "results for that quarter": the quarter under report.
rule("(this|that)\\s+quarter(?!\\s+(?:of|century|mile|point)\\b)", (m) => ({ ...cand(m, "DATE", (c) => {
  const q = quarterNow(c);
  return q ? `${fmtYear(q.y)}-Q${q.q}` : null;
}), noRef: true }), /quarter/i, on(H_UNIT, 3));
// "the first two quarters of 1990" is the first half (TBAQ: 1990-H1).
rule(`(?:the\\s+)?(first|second|last)\\s+(?:half|two\\s+quarters)(?:\\s+of\\s+(?:${YEAR}|(this|last|next)\\s+year|the\\s+year))?`, (m) => {
  if (/second\s+two/i.test(m[0])) return null;
  const h = m[1]!.toLowerCase() === "first" ? 1 : 2;
  return cand(m, "DATE", (c) => {
    if (m[2]) return `${m[2]}-H${h}`;
    if (!c.anchor) return null;
    const k = m[3] ? (m[3].toLowerCase() === "last" ? -1 : m[3].toLowerCase() === "next" ? 1 : 0) : 0;
    return `${fmtYear(c.anchor.y + k)}-H${h}`;
  });
}, /half|two quarters/i, on(words("half|quarters"), 5));

// Seasons: "last fall", "this summer", "the winter of 1994", "early summer".
rule(`(?:(early|late|mid)[\\s-]+)?(?:(last|this|next|this\\s+past|this\\s+coming|the|the\\s+early|the\\s+late)\\s+)?(${SEASON_SRC})(?:\\s+(?:of\\s+)?${ANY_YEAR})?`, (m) => {
  const code = seasonCode(m[3]!);
  const rel = (m[2] ?? "").toLowerCase();
  const year = m[4] ? yearOf(m[4]) : null;
  if (!m[1] && !m[2] && !m[4]) return null;
  if (m[3]!.toLowerCase() === "fall" && !m[2] && !m[4] && !m[1]) return null;
  return cand(m, "DATE", (c) => {
    if (year !== null) return `${fmtYear(year)}-${code}`;
    if (!c.anchor) return `XXXX-${code}`;
    const seasonStart: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };
    const started = c.anchor.m >= seasonStart[code]!;
    let y = c.anchor.y;
    // "this summer" is the one of the DCT's year whatever the tense; "this winter" in January the one that began in December.
    if (rel === "this") y = code === "WI" && c.anchor.m <= 2 ? y - 1 : y;
    else if (rel.startsWith("last") || rel === "this past") y = started && c.anchor.m >= seasonStart[code]! + 3 ? y : y - 1;
    else if (rel.startsWith("next") || rel === "this coming") y = started ? y + 1 : y;
    else if (c.tense === "past" && !started) y -= 1;
    return `${fmtYear(y)}-${code}`;
  });
}, /spring|summer|fall|autumn|winter/i, on(words("spring|summer|fall|autumn|winter"), 5));

// Calendar units relative to the DCT: "last week", "this month", "late last month", "early next year", "the past year".
rule(`(?:(early|late|earlier|later|the\\s+end\\s+of|the\\s+beginning\\s+of|the\\s+start\\s+of|the\\s+middle\\s+of|sometime|at\\s+the\\s+end\\s+of)\\s+)?(?:the\\s+)?${REL}\\s+(week|weekend|month|year|decade|fiscal\\s+year)(?!\\s+ago\\b)`, (m, text) => {
  const rel = m[2]!.toLowerCase().replace(/\s+/g, " ");
  const unit = m[3]!.toLowerCase().replace(/\s+/g, " ");
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
  if (/^['’]s/.test(after) && rel !== "last" && rel !== "this" && rel !== "next") return null;
  const k = rel === "last" || rel === "past" || rel === "previous" || rel === "this past" ? -1 : rel === "next" || rel === "coming" || rel === "following" || rel === "this coming" ? 1 : 0;
  if ((rel === "previous" || rel === "following") && !/^the\b/i.test(m[0]) && !m[1]) return null;
  const anaphoric = rel === "previous" || rel === "following";
  // "compared with $3 million last year", "last year's $1.55 billion": in a quarterly report, the
  // same quarter a year before (TBAQ: 5 of the 6 such that are tagged).
  const comparison = rel === "last" && unit === "year" && !m[1] &&
    (/^['’]s\b/.test(after) || /\b(?:compared\s+with|from|versus|vs\.?)\s+[^.;]{0,50}$/i.test(text.slice(Math.max(0, m.index - 60), m.index)));
  return cand(m, "DATE", (c) => {
    const ref = anaphoric && c.ref ? c.ref : null;
    const a: Day | null = ref ? { y: ref.y, m: ref.m, d: ref.d } : c.anchor;
    if (!a) return null;
    if (comparison && c.quarterRef) return `${fmtYear(c.quarterRef.y - 1)}-Q${c.quarterRef.q}`;
    if (unit === "year" || unit === "fiscal year") return fmtYear(a.y + k);
    if (unit === "decade") {
      const dec = Math.floor(a.y / 10) + k;
      return String(dec);
    }
    if (unit === "month") {
      const t = addMonths(a.y, a.m, k);
      return c.monthOut(t.y, t.m);
    }
    const d = addDays(a, 7 * k);
    if (unit === "weekend") {
      if (c.anchor?.precision !== "day") return c.weekOut(d);
      return fmtWeek(d) + "-WE";
    }
    return c.weekOut(d);
  });
}, /week|month|year|decade/i, on(H_UNIT, 10));
// "a year ago", "two weeks earlier", "three days later", "41 years ago", "nearly four years ago".
rule(`(?:(about|nearly|almost|some|more\\s+than|less\\s+than|just|only|over)\\s+)?${NUM}[\\s-]+${UNIT}\\s+(ago|earlier|later|before|after|from\\s+now|hence)`, (m, text) => {
  const n = parseNumber(m[2]!);
  const dir = /later|after|from|hence/i.test(m[4]!) ? 1 : -1;
  const w = m[4]!.toLowerCase();
  if ((w === "before" || w === "after") && !/^\s*[,.;)]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2))) {
    // "two days before the vote": the expression is the duration; the anchor is an event, not a date.
    const e = m.index + m[0].length - m[4]!.length;
    return { start: m.index, end: text.slice(0, e).trimEnd().length, type: "DURATION", resolve: () => durationValue(n, m[3]!) };
  }
  // "three days later", "a few hours earlier": TBAQ marks short steps as the duration itself
  // (TBAQ dev value F1 0.8077 vs 0.8057 as dates); "a year earlier" stays a date.
  if ((w === "later" || w === "earlier") && /^(?:sec|min|hour|day|night|week)/i.test(m[3]!)) {
    return cand(m, "DURATION", () => durationValue(n, m[3]!));
  }
  return { ...cand(m, "DATE", (c) => shiftedDate(c, n, m[3]!, dir as -1 | 1, w !== "ago" && w !== "from now" && w !== "hence")), noRef: true };
}, /ago|earlier|later|before|after|from now|hence/i, on(H_UNIT, 9));
// Plain durations: "two weeks", "the past two months", "the first nine months", "more than four hours", "5 1/2 hours".
rule(`(?:(?:the\\s+)?(past|last|next|first|previous|coming|following|latest|final|remaining|initial|same|entire|whole|full|year-earlier|year-ago)\\s+)?(?:(about|nearly|almost|roughly|more\\s+than|less\\s+than|at\\s+least|up\\s+to|over|under|some|around|another|an?\\s+additional|no\\s+more\\s+than|the)\\s+)?${NUM}[\\s-]+(?:more\\s+|additional\\s+|straight\\s+|consecutive\\s+|long\\s+|trading\\s+|business\\s+|calendar\\s+)?${UNIT}(?:-long|-old)?`, (m, text) => {
  let n = parseNumber(m[3]!);
  const unitWord = m[4]!;
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
  if (/-old$/i.test(m[0]) || /^\s+old\b/i.test(after)) return null; // ages are not timexes in TimeBank practice
  if (/^\s*-?(?:old|olds)\b/i.test(after)) return null;
  const num = m[3]!.toLowerCase();
  // "a second" is nearly always the ordinal ("a second group", "a second betrayal").
  if (/^second$/i.test(unitWord) && (num === "a" || num === "an") && !m[1] && !m[2]) return null;
  if ((num === "a" || num === "an") && !m[1] && !m[2]) {
    // "a year" is a duration after "for", "in", "within", "than"...; after anything else it is
    // mostly a rate ("$1.76 a year", "four flights a week", "24 hours a day"): a SET.
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    if (/\b(?:times|once|twice)\s*$/i.test(before)) {
      const u = unitInfo(unitWord);
      return cand(m, "SET", () => `P${u.time ? "T" : ""}1${u.letter}`);
    }
    if (!/(?:\b(?:for|in|within|after|about|than|over|nearly|almost|only|just|least|past|last|up to|into|of|spent|took|takes|lasted)|^|[,(—–])\s*$/i.test(before)) {
      const u = unitInfo(unitWord);
      return cand(m, "SET", () => `P${u.time ? "T" : ""}1${u.letter}`);
    }
  }
  if (num.includes("hundreds") || num.includes("thousands")) n = null;
  if (n !== null && n >= 1000 && /^\d/.test(num)) return null; // "the 1988 quarter" is a date
  // "three-quarters", "a quarter of" are not durations.
  if (/^quarters?$/i.test(unitWord) && !/^\d/.test(num) && !m[1]) return null;
  return cand(m, "DURATION", () => durationValue(n, unitWord));
}, null, on(H_UNIT, 14));
// Ranges: "two to three weeks", "the next 12 to 18 months" are one expression; the value is the
// lower bound, as TBAQ writes "two to three weeks" (P2W).
rule(`(?:(?:the\\s+)?(?:past|last|next|first|coming)\\s+)?(?:(?:about|roughly|some|around)\\s+)?${NUM}(?:\\s+(?:to|or)\\s+|\\s*[-–]\\s*)${NUM}[\\s-]+${UNIT}`, (m, text) => {
  const lo = parseNumber(m[1]!);
  const hi = parseNumber(m[2]!);
  if (lo === null || hi === null || hi <= lo || hi >= 1000) return null;
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
  if (/^\s*-?old\b/i.test(after)) return null; // "two to three years old"
  return cand(m, "DURATION", () => durationValue(lo, m[3]!));
}, /\s(?:to|or)\s|\d\s*[-–]\s*\d/i, on(H_UNIT, 16));
// Hyphenated adjectives: "two-year", "16-hour", "day-long".
rule(`(?:${NUM}-(?:and-a-half-)?)${UNIT}(?=\\s+\\w)`, (m, text) => {
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
  if (/^\s*old\b/i.test(after)) return null;
  const n = parseNumber(m[1]!);
  if (n === null) return null;
  if (/^quarters?$/i.test(m[2]!) && !/^\d/.test(m[1]!)) return null; // "three-quarters" is a fraction
  return cand(m, "DURATION", () => durationValue(n, m[2]!));
}, /-(?:and-a-half-)?(?:second|minute|hour|day|night|week|month|quarter|year|decade|centur|millenni)/i, on(H_UNIT, 10));
rule("(?:day|week|month|year|hour)-long", (m) => cand(m, "DURATION", () => durationValue(1, m[0].split("-")[0]!)), /-long/i, on(H_UNIT, 2));
// Vague durations: "weeks", "recent months", "several years", "the next few days", "the coming weeks".
rule(`(?:(?:the\\s+)?(?:past|last|next|coming|following|recent|first|early)\\s+)?(?:(few|several|many|some|recent|coming)\\s+)?(seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)(?:\\s+ahead\\b)?`, (m, text) => {
  const before = text.slice(Math.max(0, m.index - 10), m.index);
  const w = m[0].toLowerCase();
  if (/\d\s*$/.test(before)) return null;
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
  // "years of" is mostly a measure ("years of experience"), but "several quarters of losses" is a span (TBAQ 1 of 1).
  if (/^\s*old\b/i.test(after) || (/^\s*of\b/i.test(after) && !m[1])) return null;
  const bare = !/\s/.test(w);
  if (/^quarters$/.test(w)) return null; // "second and fourth quarters", "three quarters of"
  // "the weeks ahead" (TBAQ PXW); a bare "the weeks" is left alone.
  if (/ahead$/.test(w) && !/\bthe\s*$/i.test(before)) return null;
  if (bare && !/\b(?:for|in|within|over|after|take|took|takes|lasted|last|than|about|recent)\s*$/i.test(before)) return null;
  if (/^recent years$/.test(w)) return cand(m, "DATE", () => "PAST_REF");
  if (/^coming (?:months|weeks|days)$/.test(w) && !/the\s*$/.test(before)) return cand(m, "DURATION", () => durationValue(null, m[2]!));
  return cand(m, "DURATION", () => durationValue(null, m[2]!));
}, /(?:second|minute|hour|day|week|month|quarter|year|decade|centurie)s/i, on(H_UNIT, 5));
// Sets: "daily", "every week", "each Thursday", "annually".
rule("daily|weekly|monthly|hourly|nightly", (m, text) => {
  const w = m[0].toLowerCase();
  if (/^\s+(?:newspaper|paper|basis)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12)) && w !== "daily") return null;
  const letter: Record<string, string> = { daily: "P1D", weekly: "P1W", monthly: "P1M", annually: "P1Y", yearly: "P1Y", hourly: "PT1H", nightly: "P1D" };
  return cand(m, "SET", () => letter[w]!);
}, /daily|weekly|monthly|hourly|nightly/i, on(words("daily|weekly|monthly|hourly|nightly"), 0));
rule(`(?:every|each|per)\\s+(?:(day|week|month|year|quarter|hour|night)|${WD}|(morning|evening|night))`, (m) => {
  if (m[2]) {
    const wd = weekdayNumber(m[2]);
    return cand(m, "SET", () => `XXXX-WXX-${wd + 1}`);
  }
  const u = (m[1] ?? m[3] ?? "day").toLowerCase();
  const v: Record<string, string> = { day: "P1D", week: "P1W", month: "P1M", year: "P1Y", quarter: "P1Q", hour: "PT1H", night: "P1D", morning: "P1D", evening: "P1D" };
  return cand(m, "SET", () => v[u]!);
}, /every|each|per/i, on(makeHook("(?:every|each|per)\\s", ["eve", "eac", "per"]), 0));

// Holidays with fixed or computable dates.
rule("(?:(last|this|next)\\s+)?(christmas\\s+eve|christmas(?:\\s+day)?|new\\s+year's\\s+(?:eve|day)|thanksgiving(?:\\s+day)?|independence\\s+day|election\\s+day|halloween|valentine's\\s+day)", (m) => {
  const w = m[2]!.toLowerCase().replace(/\s+/g, " ");
  if (!isCap(m[2])) return null;
  const rel = (m[1] ?? "").toLowerCase();
  return cand(m, "DATE", (c) => {
    if (!c.anchor) return null;
    const dayOf = (y: number): Day | null => {
      if (w.startsWith("christmas eve")) return { y, m: 12, d: 24 };
      if (w.startsWith("christmas")) return { y, m: 12, d: 25 };
      if (w === "new year's eve") return { y, m: 12, d: 31 };
      if (w === "new year's day") return { y, m: 1, d: 1 };
      if (w.startsWith("independence")) return { y, m: 7, d: 4 };
      if (w === "halloween") return { y, m: 10, d: 31 };
      if (w.startsWith("valentine")) return { y, m: 2, d: 14 };
      if (w.startsWith("thanksgiving")) {
        const first = { y, m: 11, d: 1 };
        return addDays(first, ((3 - weekday(first)) % 7 + 7) % 7 + 21);
      }
      if (w === "election day") {
        const first = { y, m: 11, d: 2 };
        return addDays(first, ((1 - weekday(first)) % 7 + 7) % 7);
      }
      return null;
    };
    let y = c.anchor.y;
    let d = dayOf(y);
    if (!d) return null;
    const cmp = compareDay(d, c.anchor);
    if (rel === "last" || (!rel && c.tense === "past")) {
      if (cmp > 0) d = dayOf(--y);
    } else if (rel === "next" || (!rel && c.tense === "future")) {
      if (cmp < 0) d = dayOf(++y);
    }
    return d ? fmtDay(d) : null;
  });
}, /christmas|new year|thanksgiving|independence|election day|halloween|valentine/i, on(makeHook("christmas|new\\s+year's|thanksgiving|independence|election\\s+day|halloween|valentine's", ["chr", "new", "tha", "ind", "ele", "hal", "val"]), 3));

// "then", "that year", "the same year", "the following year", "later that year", "that time" point at the last date mentioned.
rule("(?:(earlier|later)\\s+)?(that|the\\s+same|the\\s+following|the\\s+next|the\\s+previous|the\\s+preceding)\\s+(year|month|week)", (m) => {
  const rel = m[2]!.toLowerCase();
  const unit = m[3]!.toLowerCase();
  const k = /following|next/.test(rel) ? 1 : /previous|preceding/.test(rel) ? -1 : 0;
  return cand(m, "DATE", (c) => {
    const base: Day | null = c.ref ? c.ref : c.anchor;
    if (!base) return null;
    if (unit === "year") return fmtYear(base.y + k);
    if (unit === "month") {
      const t = addMonths(base.y, base.m, k);
      return fmtMonth(t.y, t.m);
    }
    return fmtWeek(addDays(base, 7 * k));
  });
}, /year|month|week/i, on(H_UNIT, 5));
// "year-end", "the end of the year", "earlier this year" style with "the year" as DCT year.
rule("(?:the\\s+)?(?:year[-\\s]end|year's\\s+end|end\\s+of\\s+the\\s+year)", (m, text) => {
  // "year-end" is written as the day (TBAQ: 4 of 4); "since year-end" is the last one.
  const since = /\bsince\s+$/i.test(text.slice(Math.max(0, m.index - 6), m.index));
  const day = /^year-end$/i.test(m[0]);
  return cand(m, "DATE", (c) => {
    if (!c.anchor) return null;
    const y = since ? c.anchor.y - 1 : c.anchor.y;
    return day ? `${fmtYear(y)}-12-31` : fmtYear(y);
  });
}, /end/i, on(H_UNIT, 6));
rule("(?:earlier|later)\\s+in\\s+the\\s+(year|month|week|day)", (m) => {
  const unit = m[1]!.toLowerCase();
  return cand(m, "DATE", (c) => {
    const a = c.ref ?? c.anchor;
    if (!a) return null;
    if (unit === "year") return fmtYear(a.y);
    if (unit === "month") return fmtMonth(a.y, a.m);
    if (unit === "week") return fmtWeek(a);
    return fmtDay(a);
  });
}, /earlier in|later in/i, on(H_UNIT, 6));

// ---- tense ----

const FUTURE_CUE = /\b(?:will|won't|wo|shall|going\s+to|plans?\s+to|planned|planning|as\s+(?:soon|early)\s+as|scheduled|expected\s+to|expects\s+to|is\s+to|are\s+to|due\s+to|set\s+to|would|'ll|intends?\s+to|hopes?\s+to|next(?!\s+to\b)|upcoming)\b/gi;
const PAST_CUE = /\b(?:was|were|had|did|said|told|announced|reported|been|ago|earlier|last|(?!(?:hundred|indeed|speed|proceed|exceed|succeed|breed|embed)\b)[a-z]{3,}ed)\b/gi;

const LEAD_RE = /\b(until|till|since)\s+(?:at\s+|on\s+)?$/i;

interface Cue {
  at: number;
  future: boolean;
}

function sentenceCues(text: string, s: Span): Cue[] {
  const slice = text.slice(s.start, s.end);
  const out: Cue[] = [];
  FUTURE_CUE.lastIndex = 0;
  for (let m = FUTURE_CUE.exec(slice); m; m = FUTURE_CUE.exec(slice)) out.push({ at: s.start + m.index, future: true });
  PAST_CUE.lastIndex = 0;
  for (let m = PAST_CUE.exec(slice); m; m = PAST_CUE.exec(slice)) out.push({ at: s.start + m.index, future: false });
  // Stable sort keeps a future cue ahead of a past cue at the same place ("expected").
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Tense at a span: that of the nearest cue outside it; at equal distance a future cue wins, then
 * the cue before the span. Cues are sorted by position, so only the neighbours are looked at.
 */
function tenseAt(cues: Cue[], span: Span): Tense {
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.at < span.start) lo = mid + 1;
    else hi = mid;
  }
  let after = lo;
  while (after < cues.length && cues[after]!.at < span.end) after++; // the expression's own words ("last")
  const before = lo - 1;
  const dBefore = before >= 0 ? span.start - cues[before]!.at : Infinity;
  const dAfter = after < cues.length ? cues[after]!.at - span.end : Infinity;
  if (dBefore === Infinity && dAfter === Infinity) return null;
  const futureAt = (k: number, step: -1 | 1): boolean => {
    const at = cues[k]!.at;
    for (let i = k; i >= 0 && i < cues.length && cues[i]!.at === at; i += step) if (cues[i]!.future) return true;
    return false;
  };
  const fBefore = dBefore !== Infinity && futureAt(before, -1);
  const fAfter = dAfter !== Infinity && futureAt(after, 1);
  if (dBefore < dAfter) return fBefore ? "future" : "past";
  if (dAfter < dBefore) return fAfter ? "future" : "past";
  return fBefore || fAfter ? "future" : "past";
}

// ---- hooked matching ----

/** ASCII letters' lowercase codes, 1 for digits and `_`, 0 for the rest: `\w` without the u flag, whose case folding is ASCII-only. */
const WORD_CODE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const l = c | 32;
  if (l >= 97 && l <= 122) WORD_CODE[c] = l;
  else if ((c >= 48 && c <= 57) || c === 95) WORD_CODE[c] = 1;
}
/** Slot of a word by its first three lowercase letters; words starting with a digit share the last slot. */
const keySlot = (l0: number, l1: number, l2: number): number => (l0 - 97) * 676 + (l1 - 97) * 26 + (l2 - 97);
const DIGIT_SLOT = 26 * 26 * 26;
const HOOKS_BY_KEY: (Hook[] | undefined)[] = new Array<Hook[] | undefined>(DIGIT_SLOT + 1).fill(undefined);
for (const h of hooks) {
  for (const k of h.keys) {
    const slot = k === "#" ? DIGIT_SLOT : keySlot(k.charCodeAt(0), k.charCodeAt(1), k.charCodeAt(2));
    (HOOKS_BY_KEY[slot] ??= []).push(h);
  }
}

/** The word starts of one text and, for each hook, which of them begin a hook word: one pass. */
class HookedWords {
  /** Positions where a `\w` run begins: where a `\b`-led match that starts with a word character can start. */
  private readonly starts: number[] = [];
  /** Per hook id, the indexes (into `starts`) of its words, ascending. */
  private readonly at: (number[] | undefined)[] = [];

  constructor(private readonly text: string) {
    const t = text;
    const n = t.length;
    const starts = this.starts;
    const at = this.at;
    let prev = false;
    for (let i = 0; i < n; i++) {
      const c = t.charCodeAt(i);
      const w = c < 128 ? WORD_CODE[c]! : 0;
      if (w && !prev) {
        const k = starts.length;
        starts.push(i);
        let hs: Hook[] | undefined;
        if (c <= 57) hs = HOOKS_BY_KEY[DIGIT_SLOT];
        else if (w > 1 && i + 2 < n) {
          const c1 = t.charCodeAt(i + 1), c2 = t.charCodeAt(i + 2);
          const l1 = c1 < 128 ? WORD_CODE[c1]! : 0, l2 = c2 < 128 ? WORD_CODE[c2]! : 0;
          if (l1 > 1 && l2 > 1) hs = HOOKS_BY_KEY[keySlot(w, l1, l2)];
        }
        if (hs) {
          for (const h of hs) {
            h.re.lastIndex = i;
            if (h.re.test(t)) (at[h.id] ??= []).push(k);
          }
        }
      }
      prev = w !== 0;
    }
  }

  /**
   * The matches a global scan with `sticky`'s pattern would find (leftmost first, non-overlapping),
   * found by trying it only at the word starts up to `back` words before each hook word. None when
   * the text fails `gate`, as with an unhooked rule.
   */
  run({ hook, back, lead }: Hooking, sticky: RegExp, gate: RegExp | null, emit: (m: RegExpExecArray) => void): void {
    const at = this.at[hook.id];
    if (!at) return;
    const starts = this.starts;
    const text = this.text;
    let next = 0;
    let lastEnd = 0;
    let gated = false;
    for (const h of at) {
      for (let k = Math.max(next, h - back); k <= h; k++) {
        const w = starts[k]!;
        for (let p = lead >= 0 && w > 0 && text.charCodeAt(w - 1) === lead ? w - 1 : w; p <= w; p++) {
          if (p < lastEnd) continue;
          sticky.lastIndex = p;
          const m = sticky.exec(text);
          if (!m || m[0].length === 0) continue;
          if (!gated) {
            if (gate && !gate.test(text)) return;
            gated = true;
          }
          lastEnd = p + m[0].length;
          emit(m);
        }
      }
      next = h + 1;
    }
  }
}

/**
 * The non-empty matches of rule `i`, in order: tried near its hook words when `hooked` is given and
 * the rule has a hook, else by scanning the whole text (the reference the hooks must agree with).
 */
function matchRule(i: number, text: string, hooked: HookedWords | null, emit: (m: RegExpExecArray) => void): void {
  const { re, sticky, gate, at } = rules[i]!;
  if (at && hooked) {
    hooked.run(at, sticky, gate, emit);
    return;
  }
  if (gate && !gate.test(text)) return;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    emit(m);
  }
}

/**
 * For tests: every rule's raw matches as `rule:start:end`, found the fast way (near hook words) or,
 * with `scan`, by running every pattern over the whole text. The two must always agree.
 */
export function ruleMatches(text: string, scan = false): string[] {
  const hooked = scan ? null : new HookedWords(text);
  const out: string[] = [];
  for (let i = 0; i < rules.length; i++) matchRule(i, text, hooked, (m) => out.push(`${i}:${m.index}:${m.index + m[0].length}`));
  return out;
}

// ---- main ----

/**
 * Finds temporal expressions in `text` and normalizes them to TIMEX3 values, resolving relative
 * expressions against `dct` (`2023-07-07`, `2023-07` or `2023`; null leaves them underspecified).
 */
export function tagTimexes(text: string, dct: string | null, opts: TagOptions = {}): Timex[] {
  const anchor = parseAnchor(dct);
  const cands: Cand[] = [];
  const hooked = new HookedWords(text);
  for (let i = 0; i < rules.length; i++) {
    const build = rules[i]!.build;
    matchRule(i, text, hooked, (m) => {
      const c = build(m, text);
      if (c && c.end > c.start) cands.push({ ...c, rule: i });
    });
  }
  // Longest match first at each position, then earlier rule; keep non-overlapping.
  cands.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.rule - b.rule);
  const chosen: Cand[] = [];
  for (const c of cands) {
    const last = chosen[chosen.length - 1];
    if (last && c.start < last.end) {
      if (c.end - c.start > last.end - last.start) chosen[chosen.length - 1] = c;
      continue;
    }
    chosen.push(c);
  }

  const sentences = splitSentences(text);
  const ctx = new Ctx(anchor, opts.partOfDay === true);
  const out: Timex[] = [];
  let si = 0;
  let cues: Cue[] | null = null;
  for (const c of chosen) {
    if (opts.durations === false && (c.type === "DURATION" || c.type === "SET")) continue;
    while (si < sentences.length - 1 && sentences[si]!.end <= c.start) {
      si++;
      cues = null;
    }
    const sent = sentences[si];
    if (sent && !cues) cues = sentenceCues(text, sent);
    ctx.tense = cues ? tenseAt(cues, c) : null;
    // Deadlines point forward ("until 9 a.m. Tuesday", "by Friday"); "since" points back.
    const lead = LEAD_RE.exec(text.slice(Math.max(0, c.start - 12), c.start));
    if (lead) ctx.tense = lead[1]!.toLowerCase() === "since" ? "past" : "future";
    const value = c.resolve(ctx);
    if (value === null && opts.resolvedOnly) continue;
    if ((c.type === "DATE" || c.type === "TIME") && !c.noRef) ctx.setRef(value && value.length > 10 ? value.slice(0, 10) : value);
    const q = c.quarter && value ? /^(\d{4})-Q(\d)$/.exec(value) : null;
    if (q) {
      const ref = { y: Number(q[1]), q: Number(q[2]) };
      // Only a quarter that has ended can be the one under report ("expects the trend to continue
      // into the fourth quarter" does not change what "a year ago" compares with).
      if (!anchor || ref.y * 12 + ref.q * 3 < anchor.y * 12 + anchor.m) ctx.quarterRef = ref;
    }
    const type = c.type === "DATE" && value && /T(?:MO|AF|EV|NI)$/.test(value) ? "TIME" : c.type;
    out.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), type, value: value ?? "XXXX-XX-XX" });
  }
  return out;
}
