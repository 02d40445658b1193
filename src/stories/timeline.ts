// Timeline of a set of articles (one story or storyline): dated entries of a sentence each, with
// citations. Dates come from two places: the day articles appeared (their lead sentences report
// what just happened) and the dates their sentences mention ("last August" in a 2023-07-07 article
// is 2022-08, month precision). Dates are ranked by how many independent sources (copies count
// once) point at them — the date-selection step of Datewise/TILSE, with hand-set weights instead of
// a learned classifier — and each selected date gets its most central sentence (closest to the
// centroid of all sentences about that date).

import type { Citation, DatePrecision, Span, TimelineEntry } from "../core/types.ts";
import { datedSentences, precisionOf } from "./dates.ts";
import { stem } from "./features.ts";

export interface TimelineArticle {
  id: string;
  /** Publication date (ISO day, month or year). Undated articles contribute only the dates they mention. */
  date?: string | null;
  text: string;
  outlet?: string | null;
  /** Id of the article this one copies: it is cited but does not count as another source. */
  copyOf?: string | null;
  /** True when `date` is an estimate (no date line on the page): it anchors relative expressions
   * ("on Friday") when it is a day, but the article's lead is not taken as reporting that date. */
  dateEstimated?: boolean;
}

export interface TimelineOptions {
  /** Keep the best this many dates (all when absent). */
  maxDates?: number;
  /** Inclusive bounds on entry dates (ISO prefixes compare as strings: "2023" ≤ "2023-07"). */
  from?: string;
  to?: string;
  /** Precisions to keep (default all). T17 evaluation asks for days only. */
  precisions?: readonly DatePrecision[];
  /** Dates need at least this many independent sources (default 1). */
  minSources?: number;
  /** Citations per entry, the chosen sentence first (default 5). */
  maxCitations?: number;
  /** Weight of "published that day" evidence relative to a sentence that names the date. */
  publicationWeight?: number;
  /** Lead sentences of an article that count as reporting its publication day. */
  leadSentences?: number;
}

const DEFAULTS = {
  maxCitations: 5,
  // 0.5: t17-dev date F1 0.614 (0.585 at 0.25, 0.597 at 1).
  publicationWeight: 0.5,
  leadSentences: 2,
  minSources: 1,
};

interface Evidence {
  articleId: string;
  source: string;
  span: Span;
  /** Weight of this sentence as evidence for the date. */
  weight: number;
  /** Position of the sentence in its article (earlier is more central to the article). */
  position: number;
}

interface Candidate {
  value: string;
  precision: DatePrecision;
  evidence: Evidence[];
}

export function buildTimeline(articles: readonly TimelineArticle[], opts: TimelineOptions = {}): TimelineEntry[] {
  const o = { ...DEFAULTS, ...opts };
  const byId = new Map(articles.map((a) => [a.id, a]));
  const sourceOf = (a: TimelineArticle): string => {
    let cur = a;
    const seen = new Set<string>();
    while (cur.copyOf && byId.has(cur.copyOf) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.copyOf)!;
    }
    return cur.id;
  };

  const candidates = new Map<string, Candidate>();
  const texts = new Map<string, string>();
  const addEvidence = (value: string, precision: DatePrecision, e: Evidence) => {
    let c = candidates.get(value);
    if (!c) candidates.set(value, (c = { value, precision, evidence: [] }));
    c.evidence.push(e);
  };

  for (const a of articles) {
    texts.set(a.id, a.text);
    const dct = a.date && precisionOf(a.date) === "day" ? a.date : null;
    const { sentences, mentions } = datedSentences(a.text, dct);
    const source = sourceOf(a);
    const mentionedIn = new Map<number, Set<string>>();
    for (const m of mentions) {
      // Credit and copyright lines ("©2023 Bloomberg L.P.") and headline fragments are not events.
      if (!isStatement(a.text, sentences[m.sentence]!)) continue;
      // "Tomorrow" inside a quotation is relative to when the speaker spoke, which the article
      // does not give, and is as often a figure of speech: not evidence for a calendar day.
      if (DEICTIC.test(m.text) && insideQuotation(a.text, m.start)) continue;
      let s = mentionedIn.get(m.sentence);
      if (!s) mentionedIn.set(m.sentence, (s = new Set()));
      if (s.has(m.value)) continue;
      s.add(m.value);
      // Statements about the future ("will meet on Friday") are plans, not events: half weight.
      const future = a.date && m.value.slice(0, a.date.length) > a.date.slice(0, m.value.length);
      addEvidence(m.value, m.precision, {
        articleId: a.id,
        source,
        span: sentences[m.sentence]!,
        weight: future ? 0.5 : 1,
        position: m.sentence,
      });
    }
    if (a.date && !a.dateEstimated) {
      const precision = precisionOf(a.date);
      if (precision) {
        // The lead (its first statements: a headline fragment or a credit line does not count)
        // reports what happened on, or just before, the day of publication.
        let taken = 0;
        for (let i = 0; i < sentences.length && taken < o.leadSentences; i++) {
          if (!isStatement(a.text, sentences[i]!)) continue;
          taken++;
          // A sentence that names a date is already evidence for it (or about another date).
          if (mentionedIn.has(i)) continue;
          addEvidence(a.date, precision, { articleId: a.id, source, span: sentences[i]!, weight: o.publicationWeight, position: i });
        }
      }
    }
  }

  let pool = [...candidates.values()];
  if (o.precisions) pool = pool.filter((c) => o.precisions!.includes(c.precision));
  if (o.from) pool = pool.filter((c) => c.value >= o.from!.slice(0, c.value.length));
  if (o.to) pool = pool.filter((c) => c.value.slice(0, o.to!.length) <= o.to!);

  const scored = pool
    .map((c) => ({ c, score: dateScore(c), sources: new Set(c.evidence.map((e) => e.source)).size }))
    .filter((x) => x.sources >= o.minSources)
    .sort((a, b) => b.score - a.score || b.sources - a.sources || (a.c.value < b.c.value ? -1 : 1));
  const chosen = o.maxDates !== undefined ? scored.slice(0, Math.max(0, o.maxDates)) : scored;

  const entries = chosen.map(({ c, sources }) => entryFor(c, sources, texts, byId, o.maxCitations));
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Sum over independent sources of the strongest evidence each gives, raised a little by repeated
 * mentions within sources. t17-dev date F1: 0.614 this way; 0.599 sources only; 0.610 adding
 * log(1 + mentions); 0.582 summing all mentions (long articles that repeat a date dominate).
 */
function dateScore(c: Candidate): number {
  const best = new Map<string, number>();
  for (const e of c.evidence) best.set(e.source, Math.max(best.get(e.source) ?? 0, e.weight));
  let s = 0;
  for (const w of best.values()) s += w;
  return s * (1 + 0.1 * Math.log1p(c.evidence.length - best.size));
}

/** A sentence that can state an event: six words or more, not a copyright or photo credit line. */
const DEICTIC = /^(?:today|tonight|tomorrow|yesterday)$/i;

/** Whether `at` lies inside quotation marks opened earlier in its paragraph. */
function insideQuotation(text: string, at: number): boolean {
  const from = text.lastIndexOf("\n", at - 1) + 1;
  let open = false;
  for (let i = from; i < at; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x201c) open = true; // “
    else if (ch === 0x201d) open = false; // ”
    else if (ch === 0x22) open = !open; // "
  }
  return open;
}

function isStatement(text: string, span: Span): boolean {
  const s = text.slice(span.start, span.end);
  if (/^\s*(?:©|\(c\)|copyright\b)/i.test(s) || /\((?:AP|AFP|Reuters) Photo/i.test(s)) return false;
  return (s.match(/\p{L}+/gu) ?? []).length >= 6;
}

const STOP = new Set(
  "the a an and or of to in on at for by with from as is was were be been are has have had that this it its he she they their his her who which said says will would not but after before".split(" "),
);

function bag(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? []) {
    if (w.length < 2 || STOP.has(w)) continue;
    const k = stem(w);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function entryFor(
  c: Candidate,
  sources: number,
  texts: Map<string, string>,
  byId: Map<string, TimelineArticle>,
  maxCitations: number,
): TimelineEntry {
  // One sentence per article and span; the most central sentence is the one whose words are
  // shared by most of the other sentences about this date.
  const seen = new Set<string>();
  const ev = c.evidence.filter((e) => {
    const k = `${e.articleId}:${e.span.start}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const bags = ev.map((e) => bag(texts.get(e.articleId)!.slice(e.span.start, e.span.end)));
  const df = new Map<string, number>();
  for (const b of bags) for (const k of b.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = ev.length;
  const scores = ev.map((e, i) => {
    const b = bags[i]!;
    let s = 0, len = 0;
    for (const [k, x] of b) {
      // Words other sentences about this date also use (df - 1), so a sentence does not vote for itself.
      s += x * ((df.get(k)! - 1) / Math.max(1, n - 1));
      len += x;
    }
    const central = len ? s / Math.sqrt(len) : 0;
    // Short fragments and run-ons make poor entries; explicit mentions beat lead sentences.
    const lengthFit = len < 5 ? 0.5 : len > 45 ? 0.7 : 1;
    return central * lengthFit * (0.75 + 0.25 * e.weight) - e.position * 1e-4;
  });
  const order = ev.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || (ev[a]!.articleId < ev[b]!.articleId ? -1 : 1));
  // A copy's sentence is its original's sentence: cite the original when it has the same words.
  let best = ev[order[0]!]!;
  if (best.source !== best.articleId) {
    const said = texts.get(best.articleId)!.slice(best.span.start, best.span.end).trim();
    const orig = ev.find((e) => e.articleId === best.source && texts.get(e.articleId)!.slice(e.span.start, e.span.end).trim() === said);
    if (orig) best = orig;
  }
  order.splice(order.indexOf(ev.indexOf(best)), 1);
  order.unshift(ev.indexOf(best));
  // The best sentence of each independent source first, then copies (cited, but not more sources).
  const citations: Citation[] = [];
  const cited = new Set<string>();
  const sourcesCited = new Set<string>();
  // A source is cited through its original when the original has a sentence about this date.
  const hasOriginal = new Set(ev.filter((e) => e.source === e.articleId).map((e) => e.source));
  for (const pass of [0, 1]) {
    for (const i of order) {
      const e = ev[i]!;
      if (cited.has(e.articleId) || citations.length >= maxCitations) continue;
      const copy = e.source !== e.articleId;
      if (pass === 0 && (sourcesCited.has(e.source) || (copy && hasOriginal.has(e.source)))) continue;
      cited.add(e.articleId);
      sourcesCited.add(e.source);
      const c: Citation = { articleId: e.articleId, outlet: byId.get(e.articleId)?.outlet ?? null, span: { start: e.span.start, end: e.span.end } };
      if (copy) c.copyOf = e.source;
      citations.push(c);
    }
  }
  const text = texts.get(best.articleId)!;
  return {
    date: c.value,
    precision: c.precision,
    summary: text.slice(best.span.start, best.span.end),
    citations,
    sources,
  };
}
