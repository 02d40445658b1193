// Fingerprints for copy detection: word-shingle hashes, a one-permutation MinHash signature,
// LSH band keys, and per-sentence sketches that survive machine spinning (names, numbers and
// most content words stay when a spinner swaps "precursors" for "predecessors").
//
// Everything here is a pure function of one text. The hashing avoids per-word string
// allocations (char codes are hashed straight from the input) so that signatures for a
// million synthetic articles can be built in minutes (bench/dedup.ts).

import { splitSentences } from "../nlp/sentences.ts";

/** Bumped whenever a change here alters hashes; stored with persisted fingerprints so stale ones can be recomputed. */
export const FINGERPRINT_VERSION = 1;

export interface FingerprintOptions {
  /** Words per shingle. */
  shingleSize: number;
  /** MinHash bins (one-permutation hashing); a power of two. */
  bins: number;
  /** Bins per LSH band; bands = bins / bandRows. */
  bandRows: number;
  /** MinHash bins over anchor pairs (consecutive names and numbers), a power of two; 0 disables the anchor bands. */
  anchorBins: number;
  /** Bins per anchor band. */
  anchorBandRows: number;
}

// Measured on ../shared/bench/dedup/t17-dev (757 same-group pairs, 229k different-group pairs):
// - shingles of k content words (stopwords dropped): smallest copy/original containment over largest
//   different-story containment is 0.694/0.506 at k=3, 0.675/0.455 at k=4, 0.656/0.416 at k=5; k=4 keeps
//   more of a spun text's shingles than k=5 for about the same separation.
// - 32 bins, 1 row per band: no copy pair missed (rows=2 missed 8), 0.9% of different-group pairs become
//   candidates (checked exactly afterwards). One row per band also finds a story wrapped in a page three
//   times its size (Jaccard ~0.3: P = 1 - 0.7^32).
// - anchor bands: a heavy spinner leaves a copy with shingle Jaccard 0.06 (test/fixtures/dedup-harbor/spun.txt)
//   but anchor-pair Jaccard 0.61 (different same-topic stories: <= 0.29 in t17-dev, 0.13 for the fixture);
//   8 bands of 2 rows make such a copy a candidate with P = 1 - (1 - 0.61^2)^8 = 0.97.
// 40 band keys per article keep the in-memory index under 1 KB per article (bench/dedup.ts).
export const DEFAULT_FINGERPRINT_OPTIONS: Readonly<FingerprintOptions> = Object.freeze({
  shingleSize: 4,
  bins: 32,
  bandRows: 1,
  anchorBins: 16,
  anchorBandRows: 2,
});

// ---------------------------------------------------------------- hashing primitives

/** Murmur3 32-bit finalizer: a cheap, well-mixed bijection on uint32. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Lower-case table for the BMP, built once: avoids toLowerCase() string allocations per word.
const LOWER = new Uint16Array(65536);
// 1 = letter or digit (part of a word), 2 = digit, 4 = upper-case letter.
const CLASS = new Uint8Array(65536);
{
  const letter = /[\p{L}\p{M}]/u;
  const digit = /\p{N}/u;
  for (let c = 0; c < 65536; c++) {
    const s = String.fromCharCode(c);
    const lower = s.toLowerCase();
    LOWER[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
    if (c >= 0xd800 && c <= 0xdfff) {
      CLASS[c] = 1; // surrogate halves: astral letters (CJK ext., etc.) count as word characters
    } else if (digit.test(s)) CLASS[c] = 3;
    else if (letter.test(s)) CLASS[c] = lower !== s ? 5 : 1;
  }
}

// Function words that spinners and light editors add or drop freely ("in the wake" / "in wake");
// shingles are built over the remaining words so such edits do not break them.
const STOPWORDS = [
  "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
  "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "has", "have",
  "had", "s", "he", "she", "they", "we", "his", "her", "their", "which", "who", "said", "says", "also",
];

/** FNV-1a over the lower-cased char codes of text[start, end), finalised with fmix32. */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= LOWER[text.charCodeAt(i)]!;
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

const STOP_HASHES = new Set(STOPWORDS.map((w) => hashRange(w, 0, w.length)));

// ---------------------------------------------------------------- word scan

export interface WordScan {
  /** Number of words. */
  length: number;
  /** Hash of each lower-cased word. */
  hashes: Uint32Array;
  /** Start offset of each word in the text. */
  starts: Uint32Array;
  /** Bit 1: digit inside; bit 2: starts upper-case; bit 4: stopword; bit 8: a single character. */
  flags: Uint8Array;
}

export const WORD_HAS_DIGIT = 1;
export const WORD_CAPITALIZED = 2;
export const WORD_STOP = 4;
export const WORD_SHORT = 8;

/** Splits text into words (runs of letters and digits) and hashes each one, without allocating strings. */
export function scanWords(text: string): WordScan {
  const cap = (text.length >>> 1) + 1;
  const hashes = new Uint32Array(cap);
  const starts = new Uint32Array(cap);
  const flags = new Uint8Array(cap);
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    let cls = CLASS[text.charCodeAt(i)]!;
    if (cls === 0) {
      i++;
      continue;
    }
    const start = i;
    let f = cls & 4 ? WORD_CAPITALIZED : 0;
    let h = 0x811c9dc5;
    while (i < len) {
      const c = text.charCodeAt(i);
      cls = CLASS[c]!;
      if (cls === 0) break;
      if (cls & 2) f |= WORD_HAS_DIGIT;
      h ^= LOWER[c]!;
      h = Math.imul(h, 0x01000193);
      i++;
    }
    h = fmix32(h);
    if (STOP_HASHES.has(h)) f |= WORD_STOP;
    if (i - start === 1) f |= WORD_SHORT;
    hashes[n] = h;
    starts[n] = start;
    flags[n] = f;
    n++;
  }
  return { length: n, hashes: hashes.subarray(0, n), starts: starts.subarray(0, n), flags: flags.subarray(0, n) };
}

// ---------------------------------------------------------------- shingles

/** Hashes of every run of `k` consecutive content words (stopwords skipped), sorted and de-duplicated. */
export function shingleHashes(scan: WordScan, k = DEFAULT_FINGERPRINT_OPTIONS.shingleSize): Uint32Array {
  const content = new Uint32Array(scan.length);
  let m = 0;
  for (let i = 0; i < scan.length; i++) if (!(scan.flags[i]! & WORD_STOP)) content[m++] = scan.hashes[i]!;
  if (m === 0) return new Uint32Array(0);
  const kk = Math.min(k, m); // a text shorter than k words is one shingle
  const count = m - kk + 1;
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < kk; j++) {
      h = Math.imul(h ^ content[i + j]!, 0x9e3779b1);
      h = (h << 13) | (h >>> 19);
    }
    out[i] = fmix32(h ^ kk);
  }
  out.sort();
  return uniqueSorted(out);
}

function uniqueSorted(a: Uint32Array): Uint32Array {
  if (a.length < 2) return a;
  let w = 1;
  for (let r = 1; r < a.length; r++) if (a[r] !== a[w - 1]) a[w++] = a[r]!;
  return a.subarray(0, w);
}

// ---------------------------------------------------------------- MinHash (one-permutation hashing)

const EMPTY = 0xffffffff;

/**
 * One-permutation MinHash (Li, Owen & Zhang 2012) with optimal densification (Shrivastava 2017):
 * each shingle is hashed once, its top bits pick a bin and the rest compete for that bin's minimum.
 * Cost is O(shingles + bins) instead of O(shingles x permutations). P(sig_a[i] == sig_b[i]) = Jaccard.
 */
export function minhashSignature(shingles: Uint32Array, bins = DEFAULT_FINGERPRINT_OPTIONS.bins): Uint32Array {
  const bits = Math.log2(bins);
  if (!Number.isInteger(bits) || bits < 1 || bits > 16) throw new RangeError(`bins must be a power of two between 2 and 65536, got ${bins}`);
  const sig = new Uint32Array(bins).fill(EMPTY);
  const shift = 32 - bits;
  const lowMask = shift === 32 ? 0xffffffff : (1 << shift) - 1;
  for (let i = 0; i < shingles.length; i++) {
    const h = fmix32(shingles[i]! ^ 0x5bd1e995);
    const bin = h >>> shift;
    const v = (h & lowMask) >>> 0;
    if (v < sig[bin]!) sig[bin] = v;
  }
  if (shingles.length === 0) return sig.fill(0);
  // Densify: an empty bin borrows from the bin a bin-specific probe sequence lands on first,
  // so two sets with the same content agree on borrowed values too.
  let filled = 0;
  for (let b = 0; b < bins; b++) if (sig[b] !== EMPTY) filled++;
  if (filled < bins) {
    const src = sig.slice();
    for (let b = 0; b < bins; b++) {
      if (src[b] !== EMPTY) continue;
      for (let attempt = 1; ; attempt++) {
        const probe = fmix32(Math.imul(b + 1, 0x27d4eb2d) ^ attempt) >>> shift;
        if (src[probe] !== EMPTY) {
          // Offset by the distance so a borrowed value differs from its donor's own value.
          sig[b] = (src[probe]! + Math.imul(attempt, 0x9e3779b1)) >>> 0;
          break;
        }
      }
    }
  }
  return sig;
}

/** Share of equal bins: an unbiased estimate of the Jaccard similarity of the two shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let eq = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) eq++;
  return eq / n;
}

/**
 * LSH band keys: one uint32 per band, mixing the band's index with its rows so equal values in
 * different bands never collide. Two articles are candidates when any band key is equal.
 */
export function bandKeys(signature: Uint32Array, rows = DEFAULT_FINGERPRINT_OPTIONS.bandRows, firstBand = 0): Uint32Array {
  const bands = Math.floor(signature.length / rows);
  const out = new Uint32Array(bands);
  for (let b = 0; b < bands; b++) {
    let h = Math.imul(firstBand + b + 1, 0xcc9e2d51);
    for (let r = 0; r < rows; r++) {
      h = Math.imul(h ^ signature[b * rows + r]!, 0x1b873593);
      h = (h << 15) | (h >>> 17);
    }
    out[b] = fmix32(h);
  }
  return out;
}

/**
 * Hashes of consecutive anchor pairs (names and numbers in text order), sorted and unique: the sequence a
 * spinner keeps while it swaps the words around it. Sentence-initial capitals count too (no sentence split
 * on this fast path); they are the same in both texts more often than not.
 */
export function anchorShingles(scan: WordScan): Uint32Array {
  const out = new Uint32Array(scan.length);
  let n = 0;
  let prev = -1;
  for (let i = 0; i < scan.length; i++) {
    const f = scan.flags[i]!;
    if (!(f & (WORD_HAS_DIGIT | WORD_CAPITALIZED)) || f & (WORD_STOP | WORD_SHORT)) continue;
    const h = scan.hashes[i]!;
    if (prev !== -1) out[n++] = fmix32(Math.imul(prev, 0x9e3779b1) ^ h);
    prev = h;
  }
  return uniqueSorted(out.subarray(0, n).sort());
}

/** All band keys of a text: shingle bands, then anchor bands (band numbers continue, so keys never collide). */
function allBandKeys(scan: WordScan, signature: Uint32Array, o: FingerprintOptions): Uint32Array {
  const shingleBands = bandKeys(signature, o.bandRows);
  if (o.anchorBins <= 0) return shingleBands;
  const anchors = anchorShingles(scan);
  // No anchor pairs (a text without names or numbers): no anchor bands rather than bands that all collide.
  if (anchors.length === 0) return shingleBands;
  const anchorBands = bandKeys(minhashSignature(anchors, o.anchorBins), o.anchorBandRows, shingleBands.length);
  const out = new Uint32Array(shingleBands.length + anchorBands.length);
  out.set(shingleBands);
  out.set(anchorBands, shingleBands.length);
  return out;
}

// ---------------------------------------------------------------- sentence sketches

/**
 * Per-sentence sketches, packed (a few typed arrays per text rather than two per sentence: 3x less memory).
 * Sentence i's words are words[wordStart[i], wordStart[i + 1]), sorted and unique; likewise its anchors.
 */
export interface SentenceSketches {
  count: number;
  /** Content-word hashes of each sentence (stopwords and single characters dropped). */
  words: Uint32Array;
  wordStart: Uint32Array;
  /** Anchor hashes of each sentence: numbers and capitalised words not opening the sentence. */
  anchors: Uint32Array;
  anchorStart: Uint32Array;
}

/** Number of content words in sentence i. */
export function sentenceLength(s: SentenceSketches, i: number): number {
  return s.wordStart[i + 1]! - s.wordStart[i]!;
}

/**
 * Per-sentence sketches: what survives a spinner's synonym swaps (names, numbers, most content words).
 * Single characters are left out: in text that lost its diacritics (t17-dev has Vietnamese pages reduced to
 * letter fragments) they made unrelated sentences look alike.
 */
export function sentenceSketches(text: string, scan: WordScan): SentenceSketches {
  const spans = splitSentences(text);
  const words = new Uint32Array(scan.length);
  const anchors = new Uint32Array(scan.length);
  const wordStart: number[] = [0];
  const anchorStart: number[] = [0];
  let nw = 0;
  let na = 0;
  let w = 0;
  for (const span of spans) {
    while (w < scan.length && scan.starts[w]! < span.start) w++;
    const w0 = nw;
    const a0 = na;
    let first = true;
    for (; w < scan.length && scan.starts[w]! < span.end; w++) {
      const f = scan.flags[w]!;
      const h = scan.hashes[w]!;
      if (!(f & (WORD_STOP | WORD_SHORT))) words[nw++] = h;
      if (f & WORD_HAS_DIGIT || (f & WORD_CAPITALIZED && !first && !(f & WORD_SHORT))) anchors[na++] = h;
      first = false;
    }
    if (nw === w0) {
      na = a0;
      continue;
    }
    nw = w0 + sortUniqueInPlace(words, w0, nw);
    na = a0 + sortUniqueInPlace(anchors, a0, na);
    wordStart.push(nw);
    anchorStart.push(na);
  }
  return {
    count: wordStart.length - 1,
    words: words.slice(0, nw),
    wordStart: Uint32Array.from(wordStart),
    anchors: anchors.slice(0, na),
    anchorStart: Uint32Array.from(anchorStart),
  };
}

/** Sorts a[from, to) and removes duplicates; returns the new length of the range. */
function sortUniqueInPlace(a: Uint32Array, from: number, to: number): number {
  if (to - from < 2) return to - from;
  a.subarray(from, to).sort();
  let out = from + 1;
  for (let i = from + 1; i < to; i++) if (a[i] !== a[out - 1]) a[out++] = a[i]!;
  return out - from;
}

/** The union of the sentences' content words, sorted and unique. */
export function vocabularyOf(sentences: SentenceSketches): Uint32Array {
  const all = sentences.words.slice();
  all.sort();
  return uniqueSorted(all).slice();
}

// ---------------------------------------------------------------- the fingerprint

export interface CopyFingerprint {
  version: number;
  /** Words in the text (all, stopwords included). */
  words: number;
  /** Sorted unique shingle hashes: exact containment and Jaccard. */
  shingles: Uint32Array;
  /** MinHash signature (bins values). */
  signature: Uint32Array;
  /** LSH band keys: from the signature, then from the anchor pairs. */
  bands: Uint32Array;
  /** Sorted unique content-word hashes of the whole text (the union of the sentences' words): a cheap prefilter before sentence alignment. */
  vocabulary: Uint32Array;
  sentences: SentenceSketches;
}

export function fingerprint(text: string, options: Partial<FingerprintOptions> = {}): CopyFingerprint {
  const o = { ...DEFAULT_FINGERPRINT_OPTIONS, ...options };
  const scan = scanWords(text);
  const shingles = shingleHashes(scan, o.shingleSize);
  const signature = minhashSignature(shingles, o.bins);
  const sentences = sentenceSketches(text, scan);
  return {
    version: FINGERPRINT_VERSION,
    words: scan.length,
    shingles,
    signature,
    bands: allBandKeys(scan, signature, o),
    vocabulary: vocabularyOf(sentences),
    sentences,
  };
}

/** Signature and band keys only: the fast path for indexing and lookups (no sentence split). */
export function signatureOf(text: string, options: Partial<FingerprintOptions> = {}): { signature: Uint32Array; bands: Uint32Array } {
  const o = { ...DEFAULT_FINGERPRINT_OPTIONS, ...options };
  const scan = scanWords(text);
  const signature = minhashSignature(shingleHashes(scan, o.shingleSize), o.bins);
  return { signature, bands: allBandKeys(scan, signature, o) };
}

// ---------------------------------------------------------------- set arithmetic on sorted arrays

/** Size of the intersection of two sorted unique uint32 arrays (or of the ranges a[ai, aEnd) and b[bi, bEnd)). */
export function intersectSize(a: Uint32Array, b: Uint32Array, ai = 0, aEnd = a.length, bi = 0, bEnd = b.length): number {
  let i = ai;
  let j = bi;
  let n = 0;
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}
