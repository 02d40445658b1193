// Batch clustering: the contract behind `dossier cluster` ({id, story, storyline} per article).
// Learns idf from the whole batch first, feeds articles to the online clusterer in date order,
// then (optionally) refines: articles move to the story whose centroid fits them best (with the
// same time damping as the online pass), and storylines are rebuilt by group-average clustering
// over articles, starting from whole stories.

import { StoryClusterer, dampOver, dayNumber, dayRange, type ClusterDoc, type ClusterOptions } from "./clustering.ts";
import { dot, emptyIdf, observe, weighInPlace, type SparseVector } from "./vectors.ts";
import { termCounts, type FeatureOptions } from "./features.ts";

// nameWeight 3: ecbplus-dev topic-level BCubed F1 0.926 (0.913 at 2, 0.900 at 4).
// Porter stemming: headlines say "dies", "escapes", bodies "died", "escaped"; the same 0.926, but it
// holds from linkThreshold 0.05 to 0.055 (the light stemmer drops to 0.915 at 0.055).
export const DEFAULT_STORYLINE_FEATURES: FeatureOptions = { nameWeight: 3, stemmer: "porter" };
// 0.05: ecbplus-dev topic-level BCubed F1 0.926 (0.913 at 0.045, 0.915 at 0.055, 0.900 at 0.06, 0.865 at 0.04).
export const DEFAULT_LINK_THRESHOLD = 0.05;

export interface BatchOptions extends ClusterOptions {
  /** Run the refinement passes after the online pass (default true). */
  refine?: boolean;
  /** Mean article-pair similarity at which two storylines merge in the batch refinement. */
  linkThreshold?: number;
  /** Feature weights for the storyline level (over DEFAULT_STORYLINE_FEATURES). */
  storylineFeatures?: FeatureOptions;
  /** Reassignment passes. */
  passes?: number;
}

export interface BatchStory {
  id: string;
  articleIds: string[];
  storyline: string;
  first: string | null;
  last: string | null;
}

export interface BatchResult {
  assignments: { id: string; story: string; storyline: string }[];
  stories: BatchStory[];
  storylines: { id: string; storyIds: string[] }[];
}

export function clusterBatch(docs: readonly ClusterDoc[], options: BatchOptions = {}): BatchResult {
  const c = new StoryClusterer(options);
  c.primeIdf(docs);
  // Date order (stable; undated articles keep their input order after the dated ones).
  const order = docs
    .map((d, i) => ({ d, i, day: dayNumber(d.date) }))
    .sort((a, b) => (a.day ?? Infinity) - (b.day ?? Infinity) || a.i - b.i);
  for (const { d } of order) c.add(d);
  const storyOf = new Map<string, string>();
  const lineOf = new Map<string, string>();
  for (const d of docs) {
    storyOf.set(d.id, c.storyOf(d.id)!);
    lineOf.set(c.storyOf(d.id)!, c.storylineOf(d.id)!);
  }
  if (options.refine !== false) {
    refine(c, docs, storyOf, lineOf, options);
  }
  return collect(docs, storyOf, lineOf);
}

/** A copy whose original is in the batch (a copy of an absent article stands for it). */
function isCopy(d: ClusterDoc, ids: ReadonlySet<string>): boolean {
  return !!d.copyOf && d.copyOf !== d.id && ids.has(d.copyOf);
}

function collect(docs: readonly ClusterDoc[], storyOf: Map<string, string>, lineOf: Map<string, string>): BatchResult {
  const stories = new Map<string, BatchStory>();
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const d of docs) {
    const s = storyOf.get(d.id)!;
    let b = stories.get(s);
    if (!b) stories.set(s, (b = { id: s, articleIds: [], storyline: lineOf.get(s)!, first: null, last: null }));
    b.articleIds.push(d.id);
  }
  for (const b of stories.values()) {
    const dates = b.articleIds.map((id) => byId.get(id)!.date).filter((x): x is string => !!x).sort();
    b.first = dates[0] ?? null;
    b.last = dates[dates.length - 1] ?? null;
  }
  const lines = new Map<string, string[]>();
  for (const b of stories.values()) {
    const l = lines.get(b.storyline) ?? [];
    l.push(b.id);
    lines.set(b.storyline, l);
  }
  return {
    assignments: docs.map((d) => ({ id: d.id, story: storyOf.get(d.id)!, storyline: lineOf.get(storyOf.get(d.id)!)! })),
    stories: [...stories.values()],
    storylines: [...lines].map(([id, storyIds]) => ({ id, storyIds })),
  };
}

function refine(
  c: StoryClusterer,
  docs: readonly ClusterDoc[],
  storyOf: Map<string, string>,
  lineOf: Map<string, string>,
  options: BatchOptions,
): void {
  const o = c.options;
  const inBatch = new Set(docs.map((d) => d.id));
  const originals = docs.filter((d) => !isCopy(d, inBatch));
  const vec = new Map<string, SparseVector>(originals.map((d) => [d.id, c.vectorize(d).vector]));
  const range = new Map(originals.map((d) => [d.id, dayRange(d.date)]));
  const passes = options.passes ?? 2;
  for (let p = 0; p < passes; p++) {
    const sums = new Map<string, SparseVector>();
    // A story's days come from its day-dated members; a year or month ("2024") dates it only when none is.
    const daySpans = new Map<string, [number, number]>();
    const roughSpans = new Map<string, [number, number]>();
    for (const d of originals) {
      const s = storyOf.get(d.id)!;
      const sum = sums.get(s) ?? {};
      for (const [k, w] of Object.entries(vec.get(d.id)!)) sum[k] = (sum[k] ?? 0) + w;
      sums.set(s, sum);
      const r = range.get(d.id);
      if (r) {
        const into = r[0] === r[1] ? daySpans : roughSpans;
        const sp = into.get(s);
        into.set(s, sp ? [Math.min(sp[0], r[0]), Math.max(sp[1], r[1])] : [r[0], r[1]]);
      }
    }
    const spans = new Map([...roughSpans, ...daySpans]);
    const n2 = new Map([...sums].map(([s, v]) => [s, dot(v, v)]));
    let moved = 0;
    for (const d of originals) {
      const v = vec.get(d.id)!;
      const own = storyOf.get(d.id)!;
      let best = own;
      let bestSim = -1;
      for (const [s, sum] of sums) {
        const dv = dot(v, sum);
        // Leave-one-out for the article's own story: |sum - v|² = |sum|² - 2 sum·v + |v|² (|v| = 1).
        const cos = s === own ? (dv - 1) / Math.sqrt(Math.max(1e-12, n2.get(s)! - 2 * dv + 1)) : dv / Math.sqrt(n2.get(s)!);
        // The same time damping as the online pass: refinement must not undo what dates kept apart.
        const sim = cos * dampOver(range.get(d.id), spans.get(s), o.graceDays, o.tauDays, !daySpans.has(s));
        if (sim > bestSim) {
          bestSim = sim;
          best = s;
        }
      }
      if (best !== own && bestSim >= o.storyThreshold) {
        storyOf.set(d.id, best);
        moved++;
      }
    }
    if (!moved) break;
  }
  // Copies follow their original.
  for (const d of docs) if (isCopy(d, inBatch)) storyOf.set(d.id, storyOf.get(d.copyOf!)!);

  // Storylines: average-link agglomeration over articles, starting from the stories
  // (a story is never split across storylines).
  const ids = [...new Set(originals.map((d) => storyOf.get(d.id)!))];
  const members = new Map<string, SparseVector[]>(ids.map((s) => [s, []]));
  // Storylines weigh names more than stories do: the same actors across different events.
  const lineFeatures = { ...o.features, ...DEFAULT_STORYLINE_FEATURES, ...options.storylineFeatures };
  // Its own idf table: the storyline features (stemming, weights) need not have the story level's terms.
  const lineCounts = originals.map((d) => termCounts(d.text, d.title, d.entities, lineFeatures));
  const lineIdf = emptyIdf();
  for (const counts of lineCounts) observe(lineIdf, counts);
  const lineVec = new Map(originals.map((d, i) => [d.id, weighInPlace(lineCounts[i]!, lineIdf)]));
  for (const d of originals) members.get(storyOf.get(d.id)!)!.push(lineVec.get(d.id)!);
  const groups = groupAverageLink(ids.map((s) => members.get(s)!), options.linkThreshold ?? DEFAULT_LINK_THRESHOLD);
  lineOf.clear();
  groups.forEach((g, gi) => {
    for (const i of g) lineOf.set(ids[i]!, `l${gi + 1}`);
  });
}

/**
 * Group-average agglomeration: starts from groups of vectors and merges the pair whose mean
 * pairwise cosine is highest while it is ≥ threshold. O(n²) in articles: for batches, not streams.
 */
export function groupAverageLink(groups: readonly (readonly SparseVector[])[], threshold: number): number[][] {
  const k = groups.length;
  // Sum of pairwise similarities between initial groups, and pair counts.
  const total: number[][] = [];
  const sums = groups.map((g) => {
    const s: SparseVector = {};
    for (const v of g) for (const [t, w] of Object.entries(v)) s[t] = (s[t] ?? 0) + w;
    return s;
  });
  for (let i = 0; i < k; i++) {
    total.push([]);
    for (let j = 0; j < k; j++) total[i]!.push(i === j ? 0 : dot(sums[i]!, sums[j]!));
  }
  let clusters: { items: number[]; size: number }[] = groups.map((g, i) => ({ items: [i], size: g.length }));
  for (;;) {
    let bi = -1, bj = -1, bs = -Infinity;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        let s = 0;
        for (const a of clusters[i]!.items) for (const b of clusters[j]!.items) s += total[a]![b]!;
        s /= clusters[i]!.size * clusters[j]!.size;
        if (s > bs) {
          bs = s;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0 || bs < threshold) break;
    const merged = { items: [...clusters[bi]!.items, ...clusters[bj]!.items], size: clusters[bi]!.size + clusters[bj]!.size };
    clusters = clusters.filter((_, x) => x !== bi && x !== bj).concat([merged]);
  }
  return clusters.map((c) => c.items.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

/** The online clusterer's current state in the batch result shape (for `describeBatch` and the store). */
export function resultOf(c: StoryClusterer): BatchResult {
  const stories: BatchStory[] = c.stories.map((s) => ({
    id: s.id,
    articleIds: [...s.docIds],
    storyline: s.parent!,
    first: s.first,
    last: s.last,
  }));
  const assignments = stories.flatMap((s) => s.articleIds.map((id) => ({ id, story: s.id, storyline: s.storyline })));
  const storylines = c.storylines.map((l) => ({ id: l.id, storyIds: [...l.children] }));
  return { assignments, stories, storylines };
}
