// Words of time in English news: months, weekdays, seasons, numbers and units, as regex sources
// (compiled once in tag.ts) and lookup tables for normalization.

export const MONTH_SRC =
  "january|february|march|april|may|june|july|august|september|october|november|december|" +
  "(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.|sept";

const MONTH_KEYS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** 1..12 for a month name or abbreviation ("Sept.", "august"); 0 when not a month. */
export function monthNumber(word: string): number {
  return MONTH_KEYS[word.slice(0, 3).toLowerCase()] ?? 0;
}

export const WEEKDAY_SRC = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** 0 = Monday .. 6 = Sunday; -1 when not a weekday. */
export function weekdayNumber(word: string): number {
  return WEEKDAYS.indexOf(word.toLowerCase());
}

export const SEASON_SRC = "spring|summer|fall|autumn|winter";
const SEASONS: Record<string, string> = { spring: "SP", summer: "SU", fall: "FA", autumn: "FA", winter: "WI" };
export const seasonCode = (word: string): string => SEASONS[word.toLowerCase()] ?? "XX";

const SMALL = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

const TENS_SRC = TENS.filter(Boolean).join("|");
/** A count in digits or words; vague counts ("several", "a few") normalize to X. */
export const NUMBER_SRC =
  `\\d+(?:[.,]\\d+)?(?:\\s+1/2)?|(?:${TENS_SRC})(?:[- ](?:${SMALL.slice(1, 10).join("|")}))?|` +
  `${SMALL.slice(1).reverse().join("|")}|(?:a\\s+)?couple\\s+of|a\\s+few|few|several|many|a|an|a\\s+half|one\\s+hundred|a\\s+hundred|hundreds\\s+of|thousands\\s+of`;

/** Parses NUMBER_SRC text: a number, 0.5 steps for "1/2", or null for a vague count (X). */
export function parseNumber(text: string): number | null {
  const t = text.toLowerCase().replace(/\s+/g, " ").trim();
  const frac = /^(\d+) 1\/2$/.exec(t);
  if (frac) return Number(frac[1]) + 0.5;
  if (/^\d/.test(t)) return Number(t.replace(/,/g, ""));
  if (t === "a" || t === "an") return 1;
  if (t === "a half") return 0.5;
  if (t === "a couple of" || t === "couple of") return 2;
  if (t === "one hundred" || t === "a hundred") return 100;
  const small = SMALL.indexOf(t);
  if (small >= 0) return small;
  const parts = t.split(/[- ]/);
  const tens = TENS.indexOf(parts[0]!);
  if (tens >= 2) return tens * 10 + (parts[1] ? Math.max(0, SMALL.indexOf(parts[1])) : 0);
  return null;
}

/** Unit words (singular and plural) and their TIMEX3 duration letter; `time` units take the `PT` prefix. */
export const UNIT_SRC =
  "seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?|century|centuries|millenni(?:um|a)";

export interface UnitInfo {
  letter: string;
  time: boolean;
  /** Multiplier applied to the count before writing the value (decades are written in years). */
  factor: number;
}

export function unitInfo(word: string): UnitInfo {
  const w = word.toLowerCase();
  if (w.startsWith("sec")) return { letter: "S", time: true, factor: 1 };
  if (w.startsWith("min")) return { letter: "M", time: true, factor: 1 };
  if (w.startsWith("hour")) return { letter: "H", time: true, factor: 1 };
  if (w.startsWith("day") || w.startsWith("night")) return { letter: "D", time: false, factor: 1 };
  if (w.startsWith("weekend")) return { letter: "WE", time: false, factor: 1 };
  if (w.startsWith("week")) return { letter: "W", time: false, factor: 1 };
  if (w.startsWith("month")) return { letter: "M", time: false, factor: 1 };
  if (w.startsWith("quarter")) return { letter: "Q", time: false, factor: 1 };
  if (w.startsWith("year")) return { letter: "Y", time: false, factor: 1 };
  if (w.startsWith("decade")) return { letter: "Y", time: false, factor: 10 };
  if (w.startsWith("millenn")) return { letter: "Y", time: false, factor: 1000 };
  return { letter: "Y", time: false, factor: 100 }; // century
}

/** Ordinals used with quarters, halves and centuries. */
export function ordinalNumber(word: string): number {
  const w = word.toLowerCase();
  const digits = /^(\d+)(?:st|nd|rd|th)$/.exec(w);
  if (digits) return Number(digits[1]);
  const ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
    "nineteenth", "twentieth", "twenty-first"];
  return Math.max(0, ORD.indexOf(w));
}
