// Calendar arithmetic on plain numbers (UTC, proleptic Gregorian) and TIMEX3 value parsing.
// Kept free of Date objects in the hot path except where the weekday or ISO week is needed.

export interface Day {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

export type Granularity = "century" | "decade" | "year" | "half" | "quarter" | "season" | "month" | "week" | "day" | "time";

const pad2 = (n: number): string => (n < 10 ? "0" + n : String(n));
const pad4 = (n: number): string => (n < 0 ? String(n) : String(n).padStart(4, "0"));

export const fmtYear = (y: number): string => pad4(y);
export const fmtMonth = (y: number, m: number): string => `${pad4(y)}-${pad2(m)}`;
export const fmtDay = (x: Day): string => `${pad4(x.y)}-${pad2(x.m)}-${pad2(x.d)}`;

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(x: Day, n: number): Day {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12 + 12) % 12 + 1 };
}

/** 0 = Monday .. 6 = Sunday (ISO order, as TIMEX3 weekday digits minus one). */
export function weekday(x: Day): number {
  return (new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay() + 6) % 7;
}

/** ISO-8601 week-numbering year and week of a day. */
export function isoWeek(x: Day): { y: number; w: number } {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d));
  const wd = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - wd + 3); // Thursday of this week decides the year
  const y = t.getUTCFullYear();
  const w = 1 + Math.floor((t.getTime() - Date.UTC(y, 0, 1)) / 86400000 / 7);
  return { y, w };
}

export function fmtWeek(x: Day): string {
  const { y, w } = isoWeek(x);
  return `${pad4(y)}-W${pad2(w)}`;
}

/** Monday of ISO week w of ISO year y. */
export function isoWeekStart(y: number, w: number): Day {
  const jan4 = { y, m: 1, d: 4 };
  return addDays(jan4, -weekday(jan4) + (w - 1) * 7);
}

export const quarterOf = (m: number): number => Math.floor((m - 1) / 3) + 1;

export function compareDay(a: Day, b: Day): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

export interface Anchor extends Day {
  /** How much of the anchor is known: relative expressions finer than this are truncated to it. */
  precision: "day" | "month" | "year";
}

const ANCHOR_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/** Parses a document creation time (`2023-07-07`, `1998-12-05T09:42`, `2023-07`, `2023`); null when unusable. */
export function parseAnchor(dct: string | null | undefined): Anchor | null {
  if (!dct) return null;
  const m = ANCHOR_RE.exec(dct.trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (!m[2]) return { y, m: 7, d: 1, precision: "year" };
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  if (!m[3]) return { y, m: mo, d: 15, precision: "month" };
  const d = Number(m[3]);
  if (d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d, precision: "day" };
}
