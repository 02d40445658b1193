// Adapter over the time tagger (src/nlp/time): the calendar dates an article mentions, each with
// the sentence it sits in, normalized against the article's publication date. The timeline only
// needs resolved calendar dates (day, month or year); weeks, seasons, durations and unresolved
// values ("XXXX-07-07") are dropped here so the rest of src/stories never sees them.

import type { DatePrecision, Span } from "../core/types.ts";
import { splitSentences } from "../nlp/sentences.ts";
import { tagTimexes } from "../nlp/time/index.ts";

export interface DateMention extends Span {
  /** `2023-07-07`, `2022-08` or `2019`. */
  value: string;
  precision: DatePrecision;
  text: string;
  /** Index into the sentence list returned alongside. */
  sentence: number;
}

export interface DatedText {
  sentences: Span[];
  mentions: DateMention[];
}

const CALENDAR = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Precision of a calendar value, or null when it is not a plain calendar date. */
export function precisionOf(value: string): DatePrecision | null {
  const m = CALENDAR.exec(value);
  if (!m) return null;
  return m[3] ? "day" : m[2] ? "month" : "year";
}

/** Sentences of `text` and the calendar dates they mention, resolved against `dct` (ISO date or null). */
export function datedSentences(text: string, dct: string | null): DatedText {
  const sentences = splitSentences(text);
  const mentions: DateMention[] = [];
  let si = 0;
  for (const t of tagTimexes(text, dct, { resolvedOnly: true, durations: false })) {
    // A TIME ("Sunday evening": 2022-03-13TEV) still names its day.
    const value = t.type === "TIME" ? /^\d{4}-\d{2}-\d{2}(?=T)/.exec(t.value)?.[0] : t.type === "DATE" ? t.value : undefined;
    if (!value) continue;
    const precision = precisionOf(value);
    if (!precision) continue;
    while (si < sentences.length - 1 && sentences[si]!.end <= t.start) si++;
    const s = sentences[si];
    if (!s || t.start < s.start || t.end > s.end) continue;
    mentions.push({ start: t.start, end: t.end, value, precision, text: t.text, sentence: si });
  }
  return { sentences, mentions };
}
