// Online story clustering: each article joins the most similar open story or starts a new one,
// and each new story joins the most similar storyline (a coarser level: the same actors and subject
// over months) or starts one.
//
// Similarity is the cosine between the article's tf-idf vector (idf learned as articles arrive,
// names, years and numbers weighted up; see features.ts) and the story centroid, damped by the
// time gap between the article and the story. Candidate stories come from an inverted index over
// centroid terms, so adding an article never scans all stories.
//
// State is plain data (`ClustererState`): the store can persist it and a later process resume.
// The class owns its state and updates it in place; callers' inputs are never mutated.

import { termCounts, type FeatureOptions, type TermCounts } from "./features.ts";
import { emptyIdf, observe, weigh, weighInPlace, type IdfState, type SparseVector } from "./vectors.ts";

export interface ClusterDoc {
  id: string;
  text: string;
  title?: string | null;
  /** Publication date, ISO (`2023-07-07`; a month or year prefix is accepted). */
  date?: string | null;
  /** Canonical entity names from the entity stage; weighted up as name features. */
  entities?: readonly string[] | null;
  /** Id of the article this one copies: it joins the same story and counts once. */
  copyOf?: string | null;
}

export interface ClusterOptions {
  /** Minimum similarity to join an existing story. */
  storyThreshold?: number;
  /** Minimum similarity for a new story to join an existing storyline. */
  storylineThreshold?: number;
  /** Days of gap before the time damping starts (one event is reported over several days). */
  graceDays?: number;
  /** Damping scale in days beyond the grace period: similarity × exp(-(gap - grace) / tau). */
  tauDays?: number;
  /** Storylines span months: their own grace and scale. */
  storylineGraceDays?: number;
  storylineTauDays?: number;
  /** Heaviest article terms used to look up candidate stories. */
  queryTerms?: number;
  /** Articles of each story that update its storyline's centroid. */
  storylineSample?: number;
  /** Heaviest terms kept per article vector (null keeps all): bounds the work per article. */
  docTerms?: number | null;
  /** Centroid terms kept per story (pruned back to this beyond four times this). */
  centroidTerms?: number;
  /** A story not updated for this many days (by article dates) leaves the index; null keeps all. */
  closeAfterDays?: number | null;
  features?: FeatureOptions;
}

export const DEFAULT_CLUSTER_OPTIONS: Required<Omit<ClusterOptions, "features">> & { features: FeatureOptions } = {
  // 0.22: ecbplus-dev event-level BCubed F1 after batch refinement 0.923 (0.921 at 0.25, 0.846 at 0.35);
  // measured before the lead weighting, which took it to 0.931.
  storyThreshold: 0.22,
  // 0.08: ecbplus-dev topic-level BCubed F1 of purely online storylines 0.839 (0.832 at 0.05, 0.829 at 0.1,
  // 0.810 at 0.15). Batch runs rebuild storylines with BatchOptions.linkThreshold instead.
  storylineThreshold: 0.08,
  // One event is reported over a few days; two weeks apart similarity is down to exp(-11/10) = 0.33.
  // Not tuned on ecbplus (its documents are undated).
  graceDays: 3,
  tauDays: 10,
  storylineGraceDays: 60,
  storylineTauDays: 180,
  // 10: ecbplus-dev event F1 0.928 batch / 0.901 online (16: 0.931 / 0.905) at 15% less time per article.
  queryTerms: 10,
  docTerms: null,
  // 5: online topic-level F1 0.839 (updating with every article: 0.810), half the work per article.
  storylineSample: 5,
  // 100: ecbplus-dev event F1 0.932 (0.917 at 150, 0.906 at 400); bounds memory per open story.
  centroidTerms: 100,
  closeAfterDays: 60,
  features: {},
};

/** One cluster (story or storyline) as plain data. */
export interface ClusterState {
  id: string;
  /** Sum of member unit vectors (pruned); similarity uses sum / |sum|. */
  sum: SparseVector;
  size: number;
  docIds: string[];
  first: string | null;
  last: string | null;
  /** Storyline of a story; null for a storyline itself. */
  parent: string | null;
  /** Stories of a storyline; empty for a story. */
  children: string[];
  closed: boolean;
}

export interface ClustererState {
  version: 1;
  idf: IdfState;
  stories: Record<string, ClusterState>;
  storylines: Record<string, ClusterState>;
  /** Article id -> story id. */
  assignment: Record<string, string>;
  nextStory: number;
  nextStoryline: number;
  /** Latest article date seen (drives closing of old stories). */
  clock: string | null;
  /** Day number of the last sweep that closed old stories. */
  lastSweep: number | null;
}

export interface AddResult {
  story: string;
  storyline: string;
  /** True when the article started a new story. */
  created: boolean;
  /** Similarity to the story it joined (1 for copies, 0 for new stories). */
  similarity: number;
}

const DAY = 86_400_000;
/** Candidates that get a full similarity after the partial ranking. 4: same ecbplus-dev F1 as 12 (0.932 batch,
 * 0.903 online) and ~1.5x the articles/s in bench/clustering.ts (the full dot products dominated). */
const RESCORE = 4;
/** Centroid terms a closed cluster keeps (for labels). */
const CLOSED_TERMS = 30;

/** Days since the epoch of an ISO date or date prefix (month → 15th, year → 1 July); null if unparsable. */
export function dayNumber(date: string | null | undefined): number | null {
  if (!date) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return null;
  const y = Number(m[1]), mo = m[2] ? Number(m[2]) : 7, d = m[3] ? Number(m[3]) : m[2] ? 15 : 1;
  return Math.floor(Date.UTC(y, mo - 1, d) / DAY);
}

/** First and last day (epoch days) a date covers: a day is itself, "2024-11" all of November, "2024" the year. */
export function dayRange(date: string | null | undefined): [number, number] | null {
  if (!date) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) {
    const d = Math.floor(Date.UTC(y, Number(m[2]) - 1, Number(m[3])) / DAY);
    return [d, d];
  }
  if (m[2]) return [Math.floor(Date.UTC(y, Number(m[2]) - 1, 1) / DAY), Math.floor(Date.UTC(y, Number(m[2]), 0) / DAY)];
  return [Math.floor(Date.UTC(y, 0, 1) / DAY), Math.floor(Date.UTC(y, 11, 31) / DAY)];
}

/** Days between two date ranges (0 when they overlap). */
export function gapDays(a: readonly [number, number] | null | undefined, b: readonly [number, number] | null | undefined): number {
  if (!a || !b) return 0;
  return Math.max(0, b[0] - a[1], a[0] - b[1]);
}

function damp(gap: number, grace: number, tau: number): number {
  return gap <= grace ? 1 : Math.exp(-(gap - grace) / tau);
}

/**
 * Time damping between an article's date range and a cluster's span. A day is one point; a month or a
 * year ("2024", an undated page's estimate) could be any of its days, so it gets the damping expected
 * over them (sampled at evenly spaced days), not the best case: "2024" is not "every day of 2024". The
 * same holds for a cluster dated only by such estimates (`spanRough`).
 */
export function dampOver(
  range: readonly [number, number] | null | undefined,
  span: readonly [number, number] | null | undefined,
  grace: number,
  tau: number,
  spanRough = false,
): number {
  if (!range || !span) return 1;
  const points = (r: readonly [number, number], rough: boolean): number[] => {
    if (!rough || r[0] === r[1]) return [];
    const k = Math.min(32, r[1] - r[0] + 1);
    return Array.from({ length: k }, (_, i) => r[0] + Math.round(((r[1] - r[0]) * (i + 0.5)) / k));
  };
  const xs = points(range, true);
  const ys = points(span, spanRough);
  if (!xs.length && !ys.length) return damp(gapDays(range, span), grace, tau);
  let sum = 0;
  let n = 0;
  for (const x of xs.length ? xs : [null]) {
    for (const y of ys.length ? ys : [null]) {
      sum += damp(gapDays(x === null ? range : [x, x], y === null ? span : [y, y]), grace, tau);
      n++;
    }
  }
  return sum / n;
}

/** Inverted index from centroid terms to clusters, by small integer slots (fast to accumulate over). */
class TermIndex {
  private readonly postings = new Map<string, Set<number>>();
  private readonly slots = new Map<string, number>();
  readonly clusters: ClusterState[] = [];
  slot(c: ClusterState): number {
    let s = this.slots.get(c.id);
    if (s === undefined) {
      s = this.clusters.length;
      this.clusters.push(c);
      this.slots.set(c.id, s);
    }
    return s;
  }
  add(c: ClusterState, terms: Iterable<string>): void {
    const slot = this.slot(c);
    for (const t of terms) {
      let s = this.postings.get(t);
      if (!s) this.postings.set(t, (s = new Set()));
      s.add(slot);
    }
  }
  remove(c: ClusterState, terms: Iterable<string>): void {
    const slot = this.slot(c);
    for (const t of terms) {
      const s = this.postings.get(t);
      if (s) {
        s.delete(slot);
        if (s.size === 0) this.postings.delete(t);
      }
    }
  }
  postingsOf(term: string): Set<number> | undefined {
    return this.postings.get(term);
  }
  get size(): number {
    return this.postings.size;
  }
}

function sumNorm(c: ClusterState): number {
  let s = 0;
  for (const k in c.sum) s += c.sum[k]! * c.sum[k]!;
  return Math.sqrt(s);
}

function emptyCluster(id: string, parent: string | null): ClusterState {
  return { id, sum: {}, size: 0, docIds: [], first: null, last: null, parent, children: [], closed: false };
}

function minDate(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}
function maxDate(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a >= b ? a : b;
}

export class StoryClusterer {
  readonly options: typeof DEFAULT_CLUSTER_OPTIONS;
  private readonly state: ClustererState;
  private readonly storyIndex = new TermIndex();
  private readonly lineIndex = new TermIndex();
  /** Squared norm and term count of each cluster sum, kept up to date incrementally. */
  private readonly norm2 = new Map<string, number>();
  private readonly termCount = new Map<string, number>();
  /** First and last day (epoch days) of each dated cluster. */
  private readonly span = new Map<string, [number, number]>();
  private scratch = new Float64Array(64);
  private readonly openStories = new Set<ClusterState>();
  private readonly openLines = new Set<ClusterState>();
  /** Frozen idf: when set (batch mode), the table is not updated by `add`. */
  private frozenIdf = false;

  constructor(options: ClusterOptions = {}, state?: ClustererState) {
    this.options = { ...DEFAULT_CLUSTER_OPTIONS, ...options, features: { ...DEFAULT_CLUSTER_OPTIONS.features, ...options.features } };
    this.state = state
      ? structuredClone(state)
      : { version: 1, idf: emptyIdf(), stories: {}, storylines: {}, assignment: {}, nextStory: 1, nextStoryline: 1, clock: null, lastSweep: null };
    for (const s of Object.values(this.state.stories)) {
      if (s.closed) continue;
      this.index(this.storyIndex, s);
      this.openStories.add(s);
    }
    for (const s of Object.values(this.state.storylines)) {
      if (s.closed) continue;
      this.index(this.lineIndex, s);
      this.openLines.add(s);
    }
  }

  /** Learns document frequencies from a background collection and keeps them fixed afterwards. */
  primeIdf(docs: Iterable<Pick<ClusterDoc, "id" | "text" | "title" | "entities" | "copyOf">>): void {
    const all = [...docs];
    const ids = new Set(all.map((d) => d.id));
    for (const d of all) {
      // Copies count once (a copy whose original is absent stands for it).
      if (d.copyOf && d.copyOf !== d.id && ids.has(d.copyOf)) continue;
      observe(this.state.idf, termCounts(d.text, d.title, d.entities, this.options.features));
    }
    this.frozenIdf = true;
  }

  /** The idf table (read-only view; batch refinement weighs with it). */
  get idfState(): Readonly<IdfState> {
    return this.state.idf;
  }

  /** A deep copy of the state, for the store. */
  toJSON(): ClustererState {
    return structuredClone(this.state);
  }

  get stories(): readonly ClusterState[] {
    return Object.values(this.state.stories);
  }
  get storylines(): readonly ClusterState[] {
    return Object.values(this.state.storylines);
  }
  storyOf(articleId: string): string | undefined {
    return this.state.assignment[articleId];
  }
  storylineOf(articleId: string): string | undefined {
    const s = this.state.assignment[articleId];
    return s ? (this.state.stories[s]?.parent ?? undefined) : undefined;
  }

  /** Full tf-idf vector of an article under the current idf (batch refinement works on these). */
  vectorize(doc: Pick<ClusterDoc, "text" | "title" | "entities">): { counts: TermCounts; vector: SparseVector } {
    const counts = termCounts(doc.text, doc.title, doc.entities, this.options.features);
    return { counts, vector: weigh(counts, this.state.idf) };
  }

  /** tf-idf unit vector keeping the article's heaviest `docTerms` terms (renormalized). */
  private docVector(counts: TermCounts): SparseVector {
    // `counts` is always this class's own fresh object, so it can become the vector.
    const full = weighInPlace(counts, this.state.idf);
    const k = this.options.docTerms;
    if (k === null || Object.keys(full).length <= k) return full;
    const out: SparseVector = {};
    let n2 = 0;
    for (const t of topQuery(full, k)) {
      out[t] = full[t]!;
      n2 += full[t]! * full[t]!;
    }
    const n = Math.sqrt(n2) || 1;
    for (const t in out) out[t] = out[t]! / n;
    return out;
  }

  add(doc: ClusterDoc): AddResult {
    const st = this.state;
    const known = st.assignment[doc.id];
    if (known) {
      const story = st.stories[known]!;
      return { story: known, storyline: story.parent!, created: false, similarity: 1 };
    }
    const date = doc.date ?? null;
    if (doc.copyOf && st.assignment[doc.copyOf]) {
      // Copies count once: they join the original's story without moving its centroid.
      const sid = st.assignment[doc.copyOf]!;
      const story = st.stories[sid]!;
      story.docIds.push(doc.id);
      st.assignment[doc.id] = sid;
      return { story: sid, storyline: story.parent!, created: false, similarity: 1 };
    }
    const counts = termCounts(doc.text, doc.title, doc.entities, this.options.features);
    if (!this.frozenIdf) observe(st.idf, counts);
    const vector = this.docVector(counts);
    const range = dayRange(date);
    const day = range ? range[1] : null;
    if (date) st.clock = maxDate(st.clock, date);

    const o = this.options;
    const query = topQuery(vector, o.queryTerms);
    const best = this.best(this.storyIndex, st.stories, vector, query, range, o.graceDays, o.tauDays);
    let story: ClusterState;
    let created = false;
    let similarity = 0;
    if (best && best.sim >= o.storyThreshold) {
      story = st.stories[best.id]!;
      similarity = best.sim;
    } else {
      story = emptyCluster(`s${st.nextStory++}`, null);
      st.stories[story.id] = story;
      this.openStories.add(story);
      created = true;
      const line = this.best(this.lineIndex, st.storylines, vector, query, range, o.storylineGraceDays, o.storylineTauDays);
      let storyline: ClusterState;
      if (line && line.sim >= o.storylineThreshold) storyline = st.storylines[line.id]!;
      else {
        storyline = emptyCluster(`l${st.nextStoryline++}`, null);
        st.storylines[storyline.id] = storyline;
        this.openLines.add(storyline);
      }
      story.parent = storyline.id;
      storyline.children.push(story.id);
    }
    // Only the article's 3 x centroidTerms heaviest terms enter centroids: this bounds the work for
    // long articles. ecbplus-dev event F1 unchanged at 3x (0.932 batch, 0.907 online); at 1x it drops
    // to 0.900 / 0.891 (the tail terms matter to the centroid norm before pruning).
    const contribution = topQuery(vector, 3 * o.centroidTerms);
    this.join(this.storyIndex, story, doc.id, vector, contribution, date);
    const line = st.storylines[story.parent!]!;
    // A storyline's centroid learns from the first few articles of each of its stories: enough for
    // its actors and subject, and it halves the work per article (see bench/clustering.ts).
    if (story.size <= o.storylineSample) this.join(this.lineIndex, line, doc.id, vector, contribution, date);
    else {
      line.docIds.push(doc.id);
      line.last = maxDate(line.last, date);
      line.first = minDate(line.first, date);
    }
    st.assignment[doc.id] = story.id;
    if (day !== null) this.closeOld(day);
    return { story: story.id, storyline: story.parent!, created, similarity };
  }

  private best(
    index: TermIndex,
    pool: Record<string, ClusterState>,
    vector: SparseVector,
    query: string[],
    range: [number, number] | null,
    grace: number,
    tau: number,
  ): { id: string; sim: number } | null {
    // Term-at-a-time: a partial dot product over the query terms ranks candidates cheaply, then
    // only the most promising few get the full dot product and the time damping.
    const open = index === this.storyIndex ? this.openStories.size : this.openLines.size;
    const n = index.clusters.length;
    if (this.scratch.length < n) this.scratch = new Float64Array(Math.max(n, 2 * this.scratch.length));
    const acc = this.scratch;
    const touched: number[] = [];
    for (const t of query) {
      const slots = index.postingsOf(t);
      // A term in more than an eighth of the open clusters (and more than 64) says little about which
      // one fits; skipping it keeps lookup sublinear in the number of open stories.
      if (!slots || (slots.size > 64 && slots.size * 8 > open)) continue;
      const w = vector[t]!;
      for (const slot of slots) {
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] += w * index.clusters[slot]!.sum[t]!;
      }
    }
    if (touched.length === 0) return null;
    // Keep the RESCORE best partial scores (selection, not a sort: touched can be hundreds long).
    const topIds: string[] = [];
    const topScores: number[] = [];
    for (const slot of touched) {
      const id = index.clusters[slot]!.id;
      const score = acc[slot]! / (Math.sqrt(this.norm2.get(id)!) || 1);
      acc[slot] = 0;
      if (topIds.length === RESCORE && score <= topScores[RESCORE - 1]!) continue;
      let i = topIds.length === RESCORE ? RESCORE - 1 : topIds.length;
      while (i > 0 && topScores[i - 1]! < score) {
        topScores[i] = topScores[i - 1]!;
        topIds[i] = topIds[i - 1]!;
        i--;
      }
      topScores[i] = score;
      topIds[i] = id;
    }
    const shortlist = topIds;
    let bestId: string | null = null;
    let bestSim = -1;
    for (const id of shortlist) {
      const c = pool[id]!;
      let d = 0;
      for (const k in vector) {
        const y = c.sum[k];
        if (y !== undefined) d += vector[k]! * y;
      }
      const sim = (d / (Math.sqrt(this.norm2.get(id)!) || 1)) * dampOver(range, this.span.get(id), grace, tau, (c.first?.length ?? 10) < 10);
      if (sim > bestSim || (sim === bestSim && bestId !== null && id < bestId)) {
        bestSim = sim;
        bestId = id;
      }
    }
    return bestId === null ? null : { id: bestId, sim: bestSim };
  }

  private join(index: TermIndex, c: ClusterState, docId: string, vector: SparseVector, keys: readonly string[], date: string | null): void {
    c.docIds.push(docId);
    c.size++;
    const fresh: string[] = [];
    let n2 = this.norm2.get(c.id) ?? 0;
    for (const k of keys) {
      const v = vector[k]!;
      const old = c.sum[k];
      if (old === undefined) {
        c.sum[k] = v;
        fresh.push(k);
        n2 += v * v;
      } else {
        c.sum[k] = old + v;
        n2 += 2 * old * v + v * v;
      }
    }
    index.add(c, fresh);
    const terms = (this.termCount.get(c.id) ?? 0) + fresh.length;
    this.termCount.set(c.id, terms);
    const cap = this.options.centroidTerms;
    // Prune back to `cap` only once the sum holds 4x that: pruning on every article would thrash.
    if (terms > 4 * cap) {
      const keep = new Set(topQuery(c.sum, cap));
      const drop = Object.keys(c.sum).filter((k) => !keep.has(k));
      for (const k of drop) delete c.sum[k];
      index.remove(c, drop);
      this.termCount.set(c.id, keep.size);
      n2 = sumNorm(c) ** 2;
    }
    this.norm2.set(c.id, n2);
    // A year or month ("2024", an undated article's estimate) says less than a day: it must not stretch a
    // dated story over the whole year, so it only dates a story that has no day yet.
    if (date && date.length >= 10 && !(c.first && c.first.length >= 10)) c.first = c.last = date;
    else if (date && (date.length >= 10 || !c.first || c.first.length < 10)) {
      c.first = minDate(c.first, date);
      c.last = maxDate(c.last, date);
    }
    this.cacheSpan(c);
  }

  private cacheSpan(c: ClusterState): void {
    const f = dayRange(c.first), l = dayRange(c.last);
    if (f && l) this.span.set(c.id, [Math.min(f[0], l[0]), Math.max(f[1], l[1])]);
  }

  private index(index: TermIndex, c: ClusterState): void {
    index.add(c, Object.keys(c.sum));
    this.norm2.set(c.id, sumNorm(c) ** 2);
    this.termCount.set(c.id, Object.keys(c.sum).length);
    this.cacheSpan(c);
  }

  /** A closed cluster is never matched again: keep only the terms its label needs. */
  private compact(c: ClusterState): void {
    const keep = topQuery(c.sum, CLOSED_TERMS);
    const sum: SparseVector = {};
    for (const k of keep) sum[k] = c.sum[k]!;
    c.sum = sum;
    this.norm2.delete(c.id);
    this.termCount.delete(c.id);
    this.span.delete(c.id);
  }

  private closeOld(day: number): void {
    const after = this.options.closeAfterDays;
    if (after === null) return;
    const last = this.state.lastSweep;
    if (last !== null && day - last < 7) return;
    const now = dayNumber(this.state.clock);
    if (now === null) return;
    // Sweep at most once a simulated week: closing is bookkeeping, not per-article work.
    if (last !== null && now - last < 7) return;
    this.state.lastSweep = now;
    // Only open clusters are visited, and their last day comes from the span cache.
    const sweep = (open: Set<ClusterState>, index: TermIndex, days: number) => {
      for (const c of open) {
        const l = this.span.get(c.id)?.[1];
        if (l !== undefined && now - l > days) {
          c.closed = true;
          open.delete(c);
          index.remove(c, Object.keys(c.sum));
          this.compact(c);
        }
      }
    };
    sweep(this.openStories, this.storyIndex, after);
    // Storylines stay open six times longer: they link stories across months.
    sweep(this.openLines, this.lineIndex, after * 6);
  }
}

function topQuery(v: SparseVector, k: number): string[] {
  const keys = Object.keys(v);
  if (keys.length <= k) return keys;
  // Partial selection into parallel arrays (no per-term allocations), heaviest first; ties keep
  // the earlier key.
  const ids: string[] = [];
  const ws: number[] = [];
  for (const key of keys) {
    const w = v[key]!;
    if (ids.length === k && w <= ws[k - 1]!) continue;
    let i = ids.length < k ? ids.length : k - 1;
    while (i > 0 && ws[i - 1]! < w) {
      ws[i] = ws[i - 1]!;
      ids[i] = ids[i - 1]!;
      i--;
    }
    ws[i] = w;
    ids[i] = key;
  }
  return ids;
}
