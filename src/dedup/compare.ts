// The pairwise copy relation. Two signals, cheapest first:
//   1. shingle Jaccard and containment (containment = shared / smaller set, so a trimmed copy and an
//      article wrapped in a new outlet's page furniture both score ~1);
//   2. for spun copies, an order-preserving alignment of sentences on their content words and
//      anchors (names, numbers): a spinner swaps words inside sentences but keeps their order,
//      their names and numbers, which distinct articles on the same topic do not share in sequence.

import type { CopyKind } from "../core/types.ts";
import { fingerprint, intersectSize, sentenceLength } from "./fingerprint.ts";
import type { CopyFingerprint, SentenceSketches } from "./fingerprint.ts";

export interface CompareOptions {
  /** Jaccard at or above which two texts are the same text (a credit line or a few words apart). */
  verbatimJaccard: number;
  /** Containment at or above which the smaller text is inside the larger (trimmed or wrapped). */
  partialContainment: number;
  /** Containment at or above which the texts are one story with edits. */
  editedContainment: number;
  /** Sentence-alignment score at or above which the texts are one story rewritten. */
  rewrittenAlignment: number;
  /** Below this many shingles in the smaller text, only near-verbatim equality counts (a headline is not a copy of a page). */
  minShingles: number;
}

// Thresholds measured on ../shared/bench/dedup/t17-dev (679 docs, 757 same-group pairs) with k=4 content-word
// shingles: copy/original containment is >= 0.675 for every kind (edited lowest), while the highest containment
// between two different stories on one topic is 0.455 (recycled background paragraphs). 0.56 sits in the gap.
// The kind thresholds only label copies (they do not decide grouping): verbatim copies have Jaccard >= 0.964,
// wrapped ones <= 0.954, hence 0.95; trimmed and wrapped copies have containment 1.0 while edited copies have a
// median of 0.917, hence 0.97 for partial.
export const DEFAULT_COMPARE_OPTIONS: Readonly<CompareOptions> = Object.freeze({
  verbatimJaccard: 0.95,
  partialContainment: 0.97,
  editedContainment: 0.56,
  // 0.65: see SENTENCE_MATCH below (copies >= 0.843, different stories <= 0.536).
  rewrittenAlignment: 0.65,
  minShingles: 12,
});

export interface CopyRelation {
  kind: CopyKind;
  /** In [0, 1]: Jaccard for verbatim, containment for partial and edited, the alignment score for rewritten. */
  similarity: number;
  jaccard: number;
  containment: number;
  /** Sentence-alignment score, or null when it was not needed. */
  alignment: number | null;
}

export interface PairScores {
  jaccard: number;
  containment: number;
  alignment: number | null;
  sharedSentences: number;
}

/**
 * Is one text a copy of the other, and how? Symmetric: compareCopies(a, b) and compareCopies(b, a)
 * give the same answer. A text is a verbatim copy of itself. Returns null for different stories.
 */
export function compareCopies(
  a: CopyFingerprint | string,
  b: CopyFingerprint | string,
  options: Partial<CompareOptions> = {},
): CopyRelation | null {
  const o = { ...DEFAULT_COMPARE_OPTIONS, ...options };
  const f1 = typeof a === "string" ? fingerprint(a) : a;
  const f2 = typeof b === "string" ? fingerprint(b) : b;
  // Canonical argument order: the alignment's tie-breaking (which of two equally good sentence pairings it
  // keeps) then cannot make compareCopies(a, b) differ from compareCopies(b, a).
  const [fa, fb] = canonicalOrder(f1, f2) <= 0 ? [f1, f2] : [f2, f1];
  const sa = fa.shingles.length;
  const sb = fb.shingles.length;
  if (sa === 0 || sb === 0) return null;
  const shared = intersectSize(fa.shingles, fb.shingles);
  const jaccard = shared / (sa + sb - shared);
  const containment = shared / Math.min(sa, sb);
  if (jaccard >= o.verbatimJaccard) return { kind: "verbatim", similarity: jaccard, jaccard, containment, alignment: null };
  if (Math.min(sa, sb) < o.minShingles) return null;
  if (containment >= o.partialContainment) return { kind: "partial", similarity: containment, jaccard, containment, alignment: null };
  // Spun copies that kept most shingles land here too; the sentences tell an edit from a rewrite.
  if (containment >= o.editedContainment) {
    const al = alignSentences(fa.sentences, fb.sentences);
    const kind: CopyKind = al.changedShare > REWRITE_CHANGED_SHARE ? "rewritten" : "edited";
    return { kind, similarity: containment, jaccard, containment, alignment: al.score };
  }
  // Cheap gate before alignment: a rewrite keeps most of the vocabulary of the smaller text.
  if (vocabularyContainment(fa, fb) < VOCABULARY_GATE) return null;
  const al = alignSentences(fa.sentences, fb.sentences);
  const needed = Math.min(MIN_ALIGNED_SENTENCES, fa.sentences.count, fb.sentences.count);
  // Identical sentences would have shown up as shared shingles: when the texts align mostly on identical
  // sentences yet share few shingles, what they share is page furniture (captions, teasers) around two
  // different stories, not a rewrite. Measured on a constructed case (the harbor fixtures each wrapped in the
  // same 1-2 K characters of captions): aligned 0.69-0.81 via identical lines, changed share 0.
  if (al.changedShare < REWRITE_MIN_CHANGED) return null;
  if (al.score >= o.rewrittenAlignment && al.matched >= needed) return { kind: "rewritten", similarity: al.score, jaccard, containment, alignment: al.score };
  return null;
}

function canonicalOrder(x: CopyFingerprint, y: CopyFingerprint): number {
  if (x === y) return 0;
  const d =
    x.shingles.length - y.shingles.length ||
    x.vocabulary.length - y.vocabulary.length ||
    x.sentences.count - y.sentences.count ||
    x.sentences.words.length - y.sentences.words.length ||
    x.sentences.anchors.length - y.sentences.anchors.length;
  if (d !== 0) return d;
  const xs = x.sentences;
  const ys = y.sentences;
  for (const [p, q] of [[x.signature, y.signature], [x.shingles, y.shingles], [xs.words, ys.words], [xs.wordStart, ys.wordStart], [xs.anchors, ys.anchors], [xs.anchorStart, ys.anchorStart]] as const) {
    const n = Math.min(p.length, q.length);
    for (let i = 0; i < n; i++) if (p[i] !== q[i]) return p[i]! - q[i]!;
  }
  return 0;
}

/** Every score compareCopies looks at, without a verdict (for tuning and for explanations in the UI). */
export function scorePair(fa: CopyFingerprint, fb: CopyFingerprint): PairScores {
  const sa = fa.shingles.length;
  const sb = fb.shingles.length;
  const shared = intersectSize(fa.shingles, fb.shingles);
  const al = alignSentences(fa.sentences, fb.sentences);
  return {
    jaccard: sa + sb - shared > 0 ? shared / (sa + sb - shared) : 0,
    containment: Math.min(sa, sb) > 0 ? shared / Math.min(sa, sb) : 0,
    alignment: al.score,
    sharedSentences: al.matched,
  };
}

// 0.2: among aligned sentence pairs, spun copies in t17-dev changed 0.08-0.79 of them (median 0.45),
// edited copies at most 0.08 (an editor cuts and adds paragraphs but leaves sentences alone).
const REWRITE_CHANGED_SHARE = 0.2;
// On the alignment-only path (few shared shingles) at least half the aligned sentences must be reworded:
// the heavily spun fixture rewords all 8 it aligns.
const REWRITE_MIN_CHANGED = 0.5;

// 0.4: spun copies in t17-dev keep >= 0.9 of the smaller text's content words and the heavily spun fixture
// (test/fixtures/dedup-harbor/spun.txt) 0.61; below 0.4 alignment is skipped.
const VOCABULARY_GATE = 0.4;

export function vocabularyContainment(fa: CopyFingerprint, fb: CopyFingerprint): number {
  const n = Math.min(fa.vocabulary.length, fb.vocabulary.length);
  return n === 0 ? 0 : intersectSize(fa.vocabulary, fb.vocabulary) / n;
}

// A sentence pair counts as aligned when its similarity reaches this. 0.6, measured with rewrittenAlignment
// on t17-dev and the fixtures: aligned share of spun copies >= 0.946, of the heavily spun fixture 0.843, of
// different same-topic stories <= 0.536 (0.736 at 0.55, where recycled background paragraphs start to align).
const SENTENCE_MATCH = 0.6;

// 400 x 400 cells: ~2 MB of DP arrays and a few ms; every t17-dev text stays well under it (at most 109 lines).
const MAX_ALIGNED_PER_TEXT = 400;

// A rewrite must align at least this many sentences (or all of the smaller text's, if it has fewer).
const MIN_ALIGNED_SENTENCES = 3;

export interface Alignment {
  /** Share of the smaller text's content words that sit in aligned sentences (in order), in [0, 1]. */
  score: number;
  /** Number of aligned sentence pairs. */
  matched: number;
  /** Share of aligned pairs whose word sets differ (a spinner changes most sentences, an editor few). */
  changedShare: number;
}

/**
 * Order-preserving sentence alignment (a weighted longest common subsequence over sentence pairs that
 * match). Symmetric in its arguments. Weights are sentence lengths in content words, so "Share" and
 * "Print" lines count for little.
 */
export function alignSentences(a: SentenceSketches, b: SentenceSketches): Alignment {
  // The DP is O(n x m) in time and memory: a page of thousands of lines is aligned on its first sentences only.
  const n = Math.min(a.count, MAX_ALIGNED_PER_TEXT);
  const m = Math.min(b.count, MAX_ALIGNED_PER_TEXT);
  if (n === 0 || m === 0) return { score: 0, matched: 0, changedShare: 0 };
  const wa = a.wordStart[n]!;
  const wb = b.wordStart[m]!;
  // DP over (i, j): best total weight of an increasing chain of matches; also tracks pairs and changed pairs.
  const cols = m + 1;
  const best = new Float64Array((n + 1) * cols);
  const count = new Uint32Array((n + 1) * cols);
  const changed = new Uint32Array((n + 1) * cols);
  for (let i = 1; i <= n; i++) {
    const li = sentenceLength(a, i - 1);
    for (let j = 1; j <= m; j++) {
      const at = i * cols + j;
      const up = at - cols;
      const left = at - 1;
      let v = best[up]!;
      let c = count[up]!;
      let ch = changed[up]!;
      if (best[left]! > v) {
        v = best[left]!;
        c = count[left]!;
        ch = changed[left]!;
      }
      const sim = sentenceSimilarity(a, i - 1, b, j - 1);
      if (sim >= SENTENCE_MATCH) {
        const diag = at - cols - 1;
        const w = best[diag]! + Math.min(li, sentenceLength(b, j - 1));
        if (w > v) {
          v = w;
          c = count[diag]! + 1;
          ch = changed[diag]! + (sim < 1 ? 1 : 0);
        }
      }
      best[at] = v;
      count[at] = c;
      changed[at] = ch;
    }
  }
  const end = n * cols + m;
  const denom = Math.min(wa, wb);
  return {
    score: denom > 0 ? Math.min(1, best[end]! / denom) : 0,
    matched: count[end]!,
    changedShare: count[end]! > 0 ? changed[end]! / count[end]! : 0,
  };
}

/**
 * Similarity of two sentences: Dice overlap of their content words, raised toward the agreement of their
 * anchors (names, numbers) when both have some: a spinner swaps common words but keeps "Anke de Vries",
 * "140" and "Maasvlakte". 1 only for identical word sets.
 */
export function sentenceSimilarity(x: SentenceSketches, i: number, y: SentenceSketches, j: number): number {
  const x0 = x.wordStart[i]!;
  const x1 = x.wordStart[i + 1]!;
  const y0 = y.wordStart[j]!;
  const y1 = y.wordStart[j + 1]!;
  const wx = x1 - x0;
  const wy = y1 - y0;
  if (wx === 0 || wy === 0) return 0;
  // Dice cannot reach 0.3 when one sentence is over 5.7 times longer than the other: skip the merge.
  if (wx > 6 * wy || wy > 6 * wx) return 0;
  const wi = intersectSize(x.words, y.words, x0, x1, y0, y1);
  if (wi === wx && wi === wy) return 1;
  const dice = (2 * wi) / (wx + wy);
  const ax0 = x.anchorStart[i]!;
  const ax1 = x.anchorStart[i + 1]!;
  const ay0 = y.anchorStart[j]!;
  const ay1 = y.anchorStart[j + 1]!;
  // Anchors alone never make a match: a different sentence about the same people must share words too.
  if (ax1 > ax0 && ay1 > ay0 && dice >= 0.3) {
    const ad = (2 * intersectSize(x.anchors, y.anchors, ax0, ax1, ay0, ay1)) / (ax1 - ax0 + (ay1 - ay0));
    return Math.min(0.99, Math.max(dice, (dice + ad) / 2));
  }
  return Math.min(dice, 0.99);
}
