// TIMEX3 values as spans of calendar days, for placing timexes on a time axis (timeline), and as
// short human-readable labels.

import type { DatePrecision } from "../../core/types.ts";
import { addDays, daysInMonth, fmtDay, isoWeekStart, parseAnchor } from "./calendar.ts";
import type { Granularity } from "./calendar.ts";

export interface DateRange {
  /** First day covered, ISO `YYYY-MM-DD`. */
  start: string;
  /** Last day covered (inclusive), ISO `YYYY-MM-DD`. */
  end: string;
  /** The nearest DatePrecision for a TimelineEntry (weeks count as days' neighbours: "day" only for single days). */
  precision: DatePrecision;
  /** What the value names exactly. */
  granularity: Granularity;
}

const SEASON_MONTHS: Record<string, [number, number]> = { SP: [3, 5], SU: [6, 8], FA: [9, 11], WI: [12, 2] };

function monthSpan(y: number, m1: number, m2: number, precision: DatePrecision, granularity: Granularity): DateRange {
  const endY = m2 < m1 ? y + 1 : y;
  return {
    start: fmtDay({ y, m: m1, d: 1 }),
    end: fmtDay({ y: endY, m: m2, d: daysInMonth(endY, m2) }),
    precision,
    granularity,
  };
}

const VALUE_RE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?(?:T.*)?|-W(\d{1,2})(-WE)?|-Q([1-4])|-H([12])|-(SP|SU|FA|WI))?$/;

/**
 * The days a TIMEX3 value covers: `2023-07-07` → that day; `2022-08` → August 2022; `2013-W11` → its
 * Monday..Sunday; `2013-Q1`, `2013-H2`, `2013-SU`; `199` → 1990..1999; `19` → 1900..1999.
 * `PRESENT_REF` resolves to `anchor` when one is given. Durations, sets and underspecified values
 * (`XXXX-08`, `P1M`, `PAST_REF`) have no place on the axis and return null.
 */
export function timexToDateRange(value: string, anchor?: string | null): DateRange | null {
  const v = value.trim();
  if (v === "PRESENT_REF") {
    const a = parseAnchor(anchor);
    if (!a) return null;
    return a.precision === "day"
      ? { start: fmtDay(a), end: fmtDay(a), precision: "day", granularity: "day" }
      : a.precision === "month"
        ? monthSpan(a.y, a.m, a.m, "month", "month")
        : monthSpan(a.y, 1, 12, "year", "year");
  }
  const decade = /^(\d{3})X?$/.exec(v);
  if (decade) {
    const y = Number(decade[1]) * 10;
    return { start: `${y}-01-01`, end: `${y + 9}-12-31`, precision: "year", granularity: "decade" };
  }
  const century = /^(\d{2})(?:XX)?$/.exec(v);
  if (century) {
    const y = Number(century[1]) * 100;
    return { start: fmtDay({ y, m: 1, d: 1 }), end: fmtDay({ y: y + 99, m: 12, d: 31 }), precision: "year", granularity: "century" };
  }
  const m = VALUE_RE.exec(v);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) {
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
    const day = fmtDay({ y, m: mo, d });
    return { start: day, end: day, precision: "day", granularity: v.includes("T") ? "time" : "day" };
  }
  if (m[2]) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return monthSpan(y, mo, mo, "month", "month");
  }
  if (m[4]) {
    const w = Number(m[4]);
    if (w < 1 || w > 53) return null;
    const monday = isoWeekStart(y, w);
    const first = m[5] ? addDays(monday, 5) : monday;
    return { start: fmtDay(first), end: fmtDay(addDays(monday, 6)), precision: "day", granularity: "week" };
  }
  if (m[6]) {
    const q = Number(m[6]);
    return monthSpan(y, q * 3 - 2, q * 3, "month", "quarter");
  }
  if (m[7]) return m[7] === "1" ? monthSpan(y, 1, 6, "month", "half") : monthSpan(y, 7, 12, "month", "half");
  if (m[8]) {
    const [a, b] = SEASON_MONTHS[m[8]]!;
    return monthSpan(y, a, b, "month", "season");
  }
  return monthSpan(y, 1, 12, "year", "year");
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SEASON_NAMES: Record<string, string> = { SP: "spring", SU: "summer", FA: "autumn", WI: "winter" };
const UNIT_NAMES: Record<string, string> = { Y: "year", M: "month", W: "week", D: "day", Q: "quarter", E: "decade", C: "century", L: "millennium", WE: "weekend" };
const TIME_UNIT_NAMES: Record<string, string> = { H: "hour", M: "minute", S: "second" };
const PART_NAMES: Record<string, string> = { MO: "morning", AF: "afternoon", EV: "evening", NI: "night" };

/** A short English label for a TIMEX3 value: "7 July 2023", "August 2022", "Q1 2013", "the 1990s", "2 years". */
export function describeTimex(value: string): string {
  const v = value.trim();
  if (v === "PRESENT_REF") return "the present";
  if (v === "PAST_REF") return "the past";
  if (v === "FUTURE_REF") return "the future";
  const dur = /^P(T)?(\d+(?:\.\d+)?|X)([A-Z]{1,2})$/.exec(v);
  if (dur) {
    const name = (dur[1] ? TIME_UNIT_NAMES[dur[3]!] : UNIT_NAMES[dur[3]!]) ?? dur[3]!.toLowerCase();
    if (dur[2] === "X") return `some ${name}s`;
    return `${dur[2]} ${name}${dur[2] === "1" ? "" : "s"}`;
  }
  const parts = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(v);
  if (parts && v !== "P" && v !== "PT") {
    const names = ["year", "month", "week", "day", "hour", "minute", "second"];
    const out: string[] = [];
    names.forEach((n, i) => {
      const k = parts[i + 1];
      if (k) out.push(`${k} ${n}${k === "1" ? "" : "s"}`);
    });
    if (out.length) return out.join(" ");
  }
  if (/^P/.test(v)) return `a period of ${v.slice(1).toLowerCase()}`;
  const decade = /^(\d{3})X?$/.exec(v);
  if (decade) return `the ${decade[1]}0s`;
  const century = /^(\d{2})(?:XX)?$/.exec(v);
  if (century) {
    const n = Number(century[1]) + 1;
    const suf = n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th";
    return `the ${n}${suf} century`;
  }
  const m = /^(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?(?:T(\d{2}:\d{2}|MO|AF|EV|NI))?|-W(\d{1,2}|XX)(?:-(\d)|-(WE))?|-Q([1-4X])|-H([12])|-(SP|SU|FA|WI))?$/.exec(v);
  if (!m) return v;
  const year = m[1] === "XXXX" ? "" : m[1]!;
  const withYear = (s: string): string => (year ? `${s} ${year}` : s);
  if (m[2]) {
    const mo = m[2] === "XX" ? "" : MONTHS[Number(m[2]) - 1] ?? "";
    let s: string;
    if (m[3] && m[3] !== "XX") s = withYear(`${Number(m[3])} ${mo}`.trim());
    else s = mo ? withYear(mo) : year || "an unknown date";
    if (m[4]) s += m[4].includes(":") ? ` at ${m[4]}` : `, ${PART_NAMES[m[4]]}`;
    return s;
  }
  if (m[5]) {
    if (m[6]) return `a ${["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][Number(m[6]) - 1]}`;
    const wk = m[5] === "XX" ? "a week" : `week ${Number(m[5])}`;
    return m[7] ? withYear(`the weekend of ${wk}`) : year ? `${wk} of ${year}` : wk;
  }
  if (m[8]) return m[8] === "X" ? withYear("a quarter of") : withYear(`Q${m[8]}`);
  if (m[9]) return withYear(m[9] === "1" ? "the first half of" : "the second half of");
  if (m[10]) return withYear(SEASON_NAMES[m[10]]!);
  return year || v;
}
