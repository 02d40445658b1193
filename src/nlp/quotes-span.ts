// Content boundaries of a direct quote: the rules find a quoted span and its attribution, but where PolNeAR
// starts and ends the content around the quote varies ("what she called a “rant,”" starts at "what"; "the
// Affordable Care Act as a “crazy system”" stops at the quote, "the videos were “inconclusive” and that …"
// runs on to the clause's end). spanChoices lists the plausible (start, end) pairs around one quote, each with
// string features; a conditional-logit model fitted on PolNeAR train (scripts/train-quotes.ts --with-span, weights in
// quotes-model.json under "span") picks the one to keep. Shipped off: it gained too little out of fold (see the script).

import type { Span } from "../core/types.ts";
import { tokenize, type Token } from "./sentences.ts";
import type { MarkSpan } from "./quotes-marks.ts";
import { PRONOUNS, cueLemma } from "./quotes-cues.ts";

export function bucket(n: number, edges: number[]): string {
  let i = 0;
  while (i < edges.length && n > edges[i]!) i++;
  return String(i);
}

// Function words a model may see as themselves; any other word is reduced to a class, so the
// weights stay about constructions rather than the topics of PolNeAR train.
const CLASS_WORDS = new Set(
  "a an the as of to for by in on at with from that this his her their its and or but was is were are has have had be been not said says called call calls described calling describing".split(" "),
);

export function wordClass(w: string): string {
  if (CLASS_WORDS.has(w)) return w;
  const lemma = cueLemma(w);
  if (lemma) return `cue:${lemma}`;
  if (w in PRONOUNS) return "pron";
  if (/^\p{Lu}/u.test(w)) return "Cap";
  if (/^\p{N}/u.test(w)) return "num";
  if (/ed$/.test(w)) return "-ed";
  if (/ing$/.test(w)) return "-ing";
  if (/ly$/.test(w)) return "-ly";
  if (/s$/.test(w)) return "-s";
  if (/^[\p{L}]/u.test(w)) return "word";
  return w;
}

/** What the span chooser knows about one rule-made direct quote. */
export interface SpanContext {
  text: string;
  /** The text with quoted stretches blanked (quotes.ts maskQuotes). */
  masked: string;
  sentStart: number;
  sentEnd: number;
  /** The quotation-mark span the quote was made from. */
  q: MarkSpan;
  /** The content the rules chose. */
  content: Span;
  source: Span | null;
  /** Rule that made the quote (lead, trail, late) and cue lemma. */
  kind: string;
  lemma: string;
}

export interface SpanChoice {
  span: Span;
  features: string[];
}

const WORD = /^[\p{L}\p{N}]/u;
const isWord = (t: Token) => WORD.test(t.text);
// Relative and subordinating words matter to where a content starts or ends; the shared classes fold them into "word".
const BOUNDARY_WORDS = new Set(["what", "which", "who", "whom", "when", "while", "if", "because", "after", "before", "than"]);
const low = (t: Token | undefined) => {
  if (!t) return "$";
  const w = t.text.toLowerCase();
  return BOUNDARY_WORDS.has(w) ? w : wordClass(w);
};

function words(toks: Token[], lo: number, hi: number): number {
  let n = 0;
  for (const t of toks) if (t.start >= lo && t.end <= hi && isWord(t)) n++;
  return n;
}

interface SpanParts {
  starts: Map<number, string[]>;
  ends: Map<number, string[]>;
  startFeats: Map<number, string[]>;
  endFeats: Map<number, string[]>;
}

/** Plausible contents around ctx.q: starts (rules', the quote's, a relative "what"/"that", the sentence's) × ends (rules', the quote's, clause cuts, the sentence's). */
export function spanChoices(ctx: SpanContext): SpanChoice[] {
  const { starts, ends, startFeats, endFeats } = spanParts(ctx);
  const out: SpanChoice[] = [];
  for (const [s, sf] of startFeats) {
    for (const [e, ef] of endFeats) {
      const f = [...sf, ...ef];
      for (const a of starts.get(s)!) for (const b of ends.get(e)!) f.push(`se:${a}|${b}`);
      out.push({ span: { start: s, end: e }, features: f });
    }
  }
  return out;
}

/**
 * The best-scoring choice of spanChoices(ctx) under `weights` (the first on ties, so the rules' own content when
 * nothing speaks against it), summing the start's and the end's features once instead of building every pair's list.
 */
export function bestSpan(ctx: SpanContext, weights: ReadonlyMap<string, number>): Span {
  const { starts, ends, startFeats, endFeats } = spanParts(ctx);
  const sum = (fs: readonly string[]) => fs.reduce((z, f) => z + (weights.get(f) ?? 0), 0);
  const endScores = [...endFeats].map(([e, ef]) => [e, sum(ef)] as const);
  let best: Span = ctx.content;
  let bestScore = -Infinity;
  for (const [s, sf] of startFeats) {
    const ss = sum(sf);
    for (const [e, es] of endScores) {
      let z = ss + es;
      for (const a of starts.get(s)!) for (const b of ends.get(e)!) z += weights.get(`se:${a}|${b}`) ?? 0;
      if (z > bestScore) {
        bestScore = z;
        best = { start: s, end: e };
      }
    }
  }
  return best;
}

function spanParts(ctx: SpanContext): SpanParts {
  const { text, masked, q, content } = ctx;
  const lo = Math.min(ctx.sentStart, content.start, q.start);
  const hi = Math.max(ctx.sentEnd, content.end, q.end);
  const toks = tokenize(masked, lo, hi);
  const starts = new Map<number, string[]>();
  const ends = new Map<number, string[]>();
  const add = (m: Map<number, string[]>, p: number, label: string) => {
    const l = m.get(p);
    if (l) l.push(label);
    else m.set(p, [label]);
  };
  add(starts, content.start, "cur");
  add(starts, q.start, "q");
  const first = toks.find((t) => t.start >= ctx.sentStart && t.start < q.start);
  if (first) add(starts, first.start, "s");
  // "what she called a “rant,”", "an explosion that Mayor … described as “…”": the relative word before the source.
  if (ctx.source && ctx.source.end <= q.start && ctx.source.start >= lo) {
    const before = toks.filter((t) => t.end <= ctx.source!.start);
    const w = before[before.length - 1];
    if (w && /^(?:what|that|which|whom|who)$/i.test(w.text)) add(starts, w.start, "rel");
  }
  add(ends, content.end, "cur");
  add(ends, q.end, "q");
  let cuts = 0;
  const after = masked.slice(q.end, ctx.sentEnd);
  const CUT = /,|\s(?:and|but|or)\s|\s[—–]\s|\s\(|;|:/gu;
  for (let m = CUT.exec(after); m && cuts < 3; m = CUT.exec(after)) {
    let e = q.end + m.index;
    while (e > q.end && /[\s.;,]/.test(text[e - 1]!)) e--;
    if (e > q.end) add(ends, e, `c${++cuts}`);
  }
  let se = ctx.sentEnd;
  while (se > q.end && /[\s.;,]/.test(text[se - 1]!)) se--;
  if (se > q.end) add(ends, se, "s");
  const inner = text.slice(q.start + 1, q.closed ? q.end - 1 : q.end).trimEnd();
  const punct = /[.,!?]$/.test(inner) ? inner.slice(-1) : "w";
  const afterQ = toks.find((t) => t.start >= q.end);
  const qWords = bucket(words(toks, q.start, q.end), [1, 2, 4, 7, 12, 25]);
  const base = [`k:${ctx.kind}`, `l:${ctx.lemma}`, `qp:${punct}`, `qa:${low(afterQ)}`, `qw:${qWords}`];
  // Features of a start and of an end do not depend on each other: build each once, then pair them.
  const startFeats = new Map<number, string[]>();
  for (const [s, sl] of starts) {
    if (s > q.start) continue;
    let k = toks.length - 1;
    while (k >= 0 && toks[k]!.end > s) k--;
    const sp = low(toks[k]);
    const pre = bucket(words(toks, s, q.start), [0, 1, 3, 6, 12, 25]);
    const f = [`pre:${pre}`, `sp:${sp}`, `sf:${low(toks[k + 1])}`];
    for (const a of sl) f.push(`st:${a}`, `st:${a}|k:${ctx.kind}`, `st:${a}|l:${ctx.lemma}`, `st:${a}|pre:${pre}`, `st:${a}|sp:${sp}`);
    startFeats.set(s, f);
  }
  const endFeats = new Map<number, string[]>();
  for (const [e, el] of ends) {
    if (e < q.end) continue;
    const post = bucket(words(toks, q.end, e), [0, 1, 3, 6, 12, 25]);
    const f = [`post:${post}`, `en:${e >= ctx.sentEnd - 2 ? "$" : low(toks.find((t) => t.start >= e))}`];
    for (const b of el) f.push(`e:${b}`, `e:${b}|k:${ctx.kind}`, `e:${b}|qp:${punct}`, `e:${b}|qa:${low(afterQ)}`, `e:${b}|post:${post}`, `e:${b}|l:${ctx.lemma}`, `e:${b}|qw:${qWords}`);
    endFeats.set(e, f);
  }
  // "bias" and the quote's own features are the same for every choice: they go with the starts.
  for (const f of startFeats.values()) f.push("bias", ...base);
  return { starts, ends, startFeats, endFeats };
}
