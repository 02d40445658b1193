// Word clusters induced from unlabeled text, used as tagger features (they let "Daskal" share
// evidence with other surnames the training data never saw). Brown clustering is quadratic in
// the number of clusters; we get a similar coarse-to-fine hierarchy much faster:
//  1. each frequent word gets a vector of its left and right neighbours (top context words),
//     log-scaled, randomly projected to a small dense vector and length-normalized;
//  2. spherical k-means puts the words into `fine` clusters;
//  3. k-means over those centroids groups them into `mid` and then `coarse` clusters.
// A word's features are its coarse, mid and fine ids. Deterministic for a given seed.

import { mulberry32 } from "../../core/random.ts";

export interface ClusterOptions {
  /** Keep words seen at least this often. */
  minCount: number;
  /** At most this many words get a cluster (most frequent first). */
  maxWords: number;
  /** Number of context words (most frequent) whose left/right co-occurrence counts describe a word. */
  contextWords: number;
  dims: number;
  fine: number;
  mid: number;
  coarse: number;
  iterations: number;
  seed: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  minCount: 4,
  maxWords: 40000,
  contextWords: 800,
  dims: 96,
  fine: 400,
  mid: 100,
  coarse: 24,
  iterations: 8,
  seed: 7,
};

/** A small deterministic PRNG (mulberry32), shared with training scripts and benches. */
export const rng = mulberry32;

/** Induces clusters from sentences of tokens; returns word → [coarse, mid, fine]. */
export function induceClusters(sentences: Iterable<readonly string[]>, options: Partial<ClusterOptions> = {}): Map<string, number[]> {
  const o = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const sents = [...sentences];
  const freq = new Map<string, number>();
  const lowerFreq = new Map<string, number>();
  for (const s of sents)
    for (const w of s) {
      freq.set(w, (freq.get(w) ?? 0) + 1);
      const l = w.toLowerCase();
      lowerFreq.set(l, (lowerFreq.get(l) ?? 0) + 1);
    }
  const vocab = [...freq].filter(([, c]) => c >= o.minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, o.maxWords).map(([w]) => w);
  const vocabId = new Map(vocab.map((w, i) => [w, i]));
  const ctxList = [...lowerFreq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, o.contextWords).map(([w]) => w);
  const ctxId = new Map(ctxList.map((w, i) => [w, i]));
  const C = ctxList.length + 1; // last id: boundary or rare word
  // Sparse co-occurrence counts: key = word * (2C) + side * C + ctx.
  const counts = new Map<number, number>();
  for (const s of sents) {
    for (let i = 0; i < s.length; i++) {
      const v = vocabId.get(s[i]!);
      if (v === undefined) continue;
      const left = i > 0 ? ctxId.get(s[i - 1]!.toLowerCase()) ?? C - 1 : C - 1;
      const right = i + 1 < s.length ? ctxId.get(s[i + 1]!.toLowerCase()) ?? C - 1 : C - 1;
      const kl = v * 2 * C + left;
      const kr = v * 2 * C + C + right;
      counts.set(kl, (counts.get(kl) ?? 0) + 1);
      counts.set(kr, (counts.get(kr) ?? 0) + 1);
    }
  }
  // Random projection of log counts.
  const D = o.dims;
  const rand = rng(o.seed);
  const proj = new Float32Array(2 * C * D);
  for (let i = 0; i < proj.length; i++) proj[i] = rand() < 0.5 ? -1 : 1;
  const V = vocab.length;
  const vec = new Float32Array(V * D);
  for (const [key, c] of counts) {
    const v = Math.floor(key / (2 * C));
    const f = key - v * 2 * C;
    const x = Math.log1p(c);
    const vo = v * D;
    const po = f * D;
    for (let d = 0; d < D; d++) vec[vo + d]! += x * proj[po + d]!;
  }
  normalizeRows(vec, V, D);
  const fine = kmeans(vec, V, D, Math.min(o.fine, V), o.iterations, rand);
  const midOfFine = kmeans(fine.centroids, fine.k, D, Math.min(o.mid, fine.k), o.iterations * 2, rand).assign;
  const midCentroids = centroidsOf(fine.centroids, fine.k, D, midOfFine, Math.min(o.mid, fine.k));
  const coarseOfMid = kmeans(midCentroids, Math.min(o.mid, fine.k), D, Math.min(o.coarse, o.mid), o.iterations * 2, rand).assign;
  const out = new Map<string, number[]>();
  for (let v = 0; v < V; v++) {
    const f = fine.assign[v]!;
    const m = midOfFine[f]!;
    out.set(vocab[v]!, [coarseOfMid[m]!, m, f]);
  }
  return out;
}

function normalizeRows(x: Float32Array, n: number, d: number): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += x[i * d + k]! ** 2;
    const z = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let k = 0; k < d; k++) x[i * d + k]! *= z;
  }
}

function centroidsOf(x: Float32Array, n: number, d: number, assign: Int32Array, k: number): Float32Array {
  const c = new Float32Array(k * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) c[assign[i]! * d + j]! += x[i * d + j]!;
  normalizeRows(c, k, d);
  return c;
}

/** Spherical k-means (cosine), seeded with random distinct rows. */
function kmeans(x: Float32Array, n: number, d: number, k: number, iterations: number, rand: () => number): { assign: Int32Array; centroids: Float32Array; k: number } {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  let c: Float32Array = new Float32Array(k * d);
  for (let j = 0; j < k; j++) c.set(x.subarray(idx[j]! * d, idx[j]! * d + d), j * d);
  const assign = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestS = -Infinity;
      const io = i * d;
      for (let j = 0; j < k; j++) {
        let s = 0;
        const jo = j * d;
        for (let t = 0; t < d; t++) s += x[io + t]! * c[jo + t]!;
        if (s > bestS) {
          bestS = s;
          best = j;
        }
      }
      assign[i] = best;
    }
    const next = centroidsOf(x, n, d, assign, k);
    // Empty clusters keep their old centroid.
    for (let j = 0; j < k; j++) {
      let empty = true;
      for (let t = 0; t < d && empty; t++) if (next[j * d + t] !== 0) empty = false;
      if (empty) next.set(c.subarray(j * d, j * d + d), j * d);
    }
    c = next;
  }
  return { assign, centroids: c, k };
}
