// Sparse vectors as plain objects (they serialize as they are) and the incremental idf table.

import type { TermCounts } from "./features.ts";

export type SparseVector = Record<string, number>;

/** Document frequencies learned as articles arrive; serializable. */
export interface IdfState {
  docs: number;
  df: Record<string, number>;
}

export function emptyIdf(): IdfState {
  return { docs: 0, df: {} };
}

/** Smoothed idf; unseen terms get the idf of a term seen once. */
export function idf(state: IdfState, term: string): number {
  const df = state.df[term] ?? 0;
  return Math.log((state.docs + 1) / (df + 1)) + 1;
}

/** Records one document's terms in the df table (mutates `state`: the table is the clusterer's own). */
export function observe(state: IdfState, counts: TermCounts): void {
  state.docs++;
  for (const k in counts) state.df[k] = (state.df[k] ?? 0) + 1;
}

/** Sublinear tf × idf, L2-normalized. */
export function weigh(counts: TermCounts, state: IdfState): SparseVector {
  return weighInPlace({ ...counts }, state);
}

/** Like `weigh`, but turns `counts` itself into the vector: for callers that own the object (saves an allocation per article). */
export function weighInPlace(counts: TermCounts, state: IdfState): SparseVector {
  const v = counts as SparseVector;
  let n2 = 0;
  for (const k in v) {
    const c = v[k]!;
    if (c <= 0) {
      delete v[k];
      continue;
    }
    const w = (1 + Math.log(c)) * idf(state, k);
    v[k] = w;
    n2 += w * w;
  }
  const n = Math.sqrt(n2) || 1;
  for (const k in v) v[k] = v[k]! / n;
  return v;
}

export function norm(v: SparseVector): number {
  let s = 0;
  for (const x of Object.values(v)) s += x * x;
  return Math.sqrt(s);
}

export function dot(a: SparseVector, b: SparseVector): number {
  let s = 0;
  for (const k in a) {
    const y = b[k];
    if (y !== undefined) s += a[k]! * y;
  }
  return s;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const na = norm(a), nb = norm(b);
  return na && nb ? dot(a, b) / (na * nb) : 0;
}

/** The `k` heaviest terms, heaviest first. */
export function topTerms(v: SparseVector, k: number): string[] {
  return Object.keys(v)
    .sort((a, b) => v[b]! - v[a]! || (a < b ? -1 : 1))
    .slice(0, k);
}

/** Keeps the `k` heaviest terms (a new vector). */
export function prune(v: SparseVector, k: number): SparseVector {
  const keys = Object.keys(v);
  if (keys.length <= k) return { ...v };
  const out: SparseVector = {};
  for (const t of topTerms(v, k)) out[t] = v[t]!;
  return out;
}
