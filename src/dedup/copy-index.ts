// Copy groups, built incrementally. Each added article is fingerprinted, its LSH candidates are compared
// with compareCopies(), and every copy relation found joins the two groups (connected components). The
// partition depends only on the set of articles, not the order they arrive in: the relation is symmetric
// and LSH candidates are symmetric (the one exception is a band key saturated past maxPerKey, see lsh.ts).
// Each group's original is recomputed from its members: earliest dated, then most complete, then credited
// to a wire agency, then carrying the least text no other member has (page furniture, a local paragraph).

import type { CopyGroup, CopyKind, CopyMember } from "../core/types.ts";
import { compareCopies } from "./compare.ts";
import type { CompareOptions, CopyRelation } from "./compare.ts";
import { wireCredits } from "./credits.ts";
import { fingerprint, fmix32, intersectSize } from "./fingerprint.ts";
import type { CopyFingerprint, FingerprintOptions, SentenceSketches } from "./fingerprint.ts";
import { MemoryLshStorage } from "./lsh.ts";
import type { LshStorage } from "./lsh.ts";

export interface CopyDoc {
  id: string;
  text: string;
  /** Publication date, ISO (`2023-07-07`, `2023-07`, `2023`); earlier dated articles win the original. */
  date?: string | null;
  outlet?: string | null;
}

export interface CopyLink extends CopyRelation {
  id: string;
}

export interface CopyAddResult {
  /** Group id: the id of the group's current original. */
  group: string;
  /** Whether this article is (currently) its group's original. */
  original: boolean;
  /** Its relation to the original; null when it is the original. */
  kind: CopyKind | null;
  similarity: number;
  /** Copy relations found with articles already in the index (direct comparisons only). */
  relations: CopyLink[];
}

export interface CopyIndexOptions {
  fingerprint: Partial<FingerprintOptions>;
  compare: Partial<CompareOptions>;
  /** Where band keys live; defaults to a MemoryLshStorage. Must be empty or hold exactly this index's articles. */
  storage: LshStorage;
}

/** What grouping knows of an article: its fingerprint and what picks a group's original. */
export interface CopyEntry {
  id: string;
  fp: CopyFingerprint;
  date: string | null;
  credited: boolean;
  outlet: string | null;
}

/** The entry for an article, from its fingerprint and stored meta (credited: wireCredits(text).length > 0). */
export function copyEntry(id: string, fp: CopyFingerprint, meta: { date?: string | null; outlet?: string | null; credited?: boolean } = {}): CopyEntry {
  return { id, fp, date: normalizeDate(meta.date), credited: meta.credited ?? false, outlet: meta.outlet ?? null };
}

/** A copy relation as kept for building groups (the two figures a member's record shows). */
export type CopyLinkRelation = Pick<CopyRelation, "kind" | "similarity">;

/**
 * One group as the grouping code reads it, wherever it is kept (CopyIndex in memory, the pipeline in the store):
 * its members, their entries, and the copy relations found between them when they were added.
 */
export interface GroupView {
  readonly ids: readonly string[];
  has(id: string): boolean;
  entry(id: string): CopyEntry;
  links(id: string): ReadonlyMap<string, CopyLinkRelation> | undefined;
}

// Completeness is compared in steps of 0.05 so that a wrapped copy (which contains everything the original
// has) ties with the original, and the tie-breakers (credit, least unshared text) decide.
const COVERAGE_STEP = 0.05;
// Completeness is measured against at most this many other members (by id), bounding the cost for groups
// of a story syndicated to hundreds of outlets.
const COVERAGE_SAMPLE = 32;
// Page furniture before the story: this many unshared sentences or lines. 3: a headline and a byline that
// copies dropped (2) must not cost the original its place; menus are longer (t17-dev wrapped pages open with
// 5-8 one-word lines). Same 142/150 originals on t17-dev as counting any unshared line.
const LEAD_LINES = 3;
// "x is inside y" for original selection: 0.7 of x's shingles in y, and y not 0.7 inside x (then they are one text).
// 0.7: 142/150 gold originals chosen on t17-dev (139 at 0.9, 134 at 0.6).
const CONTAINED = 0.7;

export class CopyIndex {
  private readonly options: CopyIndexOptions;
  private readonly entries = new Map<string, CopyEntry>();
  private readonly parent = new Map<string, string>();
  private readonly members = new Map<string, string[]>();
  private readonly links = new Map<string, Map<string, CopyRelation>>();
  private readonly originals = new Map<string, string>();

  constructor(options: Partial<CopyIndexOptions> = {}) {
    this.options = {
      fingerprint: options.fingerprint ?? {},
      compare: options.compare ?? {},
      storage: options.storage ?? new MemoryLshStorage(),
    };
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Adds an article (computing its fingerprint) and returns where it landed. Adding a known id again changes nothing. */
  add(doc: CopyDoc): CopyAddResult {
    if (this.entries.has(doc.id)) return this.resultFor(doc.id, []);
    const fp = fingerprint(doc.text, this.options.fingerprint);
    return this.addFingerprint(doc.id, fp, { date: doc.date ?? null, outlet: doc.outlet ?? null, credited: wireCredits(doc.text).length > 0 });
  }

  /** Adds an article from a stored fingerprint (see encodeFingerprint); `credited`: wireCredits(text).length > 0. */
  addFingerprint(id: string, fp: CopyFingerprint, meta: { date?: string | null; outlet?: string | null; credited?: boolean } = {}): CopyAddResult {
    if (this.entries.has(id)) return this.resultFor(id, []);
    const entry = copyEntry(id, fp, meta);
    const found: CopyLink[] = [];
    for (const other of this.options.storage.candidates(fp.bands)) {
      const o = this.entries.get(other);
      if (!o || other === id) continue;
      const rel = compareCopies(fp, o.fp, this.options.compare);
      if (rel) found.push({ id: other, ...rel });
    }
    this.entries.set(id, entry);
    this.parent.set(id, id);
    this.members.set(id, [id]);
    this.options.storage.add(id, fp.bands);
    const touched = new Set<string>();
    for (const { id: other, ...rel } of found) {
      this.link(id, other, rel);
      touched.add(this.find(other));
    }
    const root = this.find(id);
    this.originals.delete(root);
    for (const t of touched) this.originals.delete(t);
    return this.resultFor(id, found);
  }

  /** The group holding this article (a singleton group when it has no copies), or null if unknown. */
  groupOf(id: string): CopyGroup | null {
    if (!this.entries.has(id)) return null;
    return this.buildGroup(this.find(id));
  }

  /** All groups, largest first then by id; singletons only when asked for. */
  groups(options: { singletons?: boolean } = {}): CopyGroup[] {
    const out: CopyGroup[] = [];
    for (const [root, ids] of this.members) {
      if (ids.length < 2 && !options.singletons) continue;
      out.push(this.buildGroup(root));
    }
    return out.sort((a, b) => b.members.length - a.members.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The copy relation found between two articles of the index, comparing them if they were never compared. */
  relation(a: string, b: string): CopyRelation | null {
    const ea = this.entries.get(a);
    const eb = this.entries.get(b);
    if (!ea || !eb) return null;
    return this.links.get(a)?.get(b) ?? compareCopies(ea.fp, eb.fp, this.options.compare);
  }

  fingerprintOf(id: string): CopyFingerprint | null {
    return this.entries.get(id)?.fp ?? null;
  }

  // ------------------------------------------------------------ internals

  private find(id: string): string {
    let r = id;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    // Path compression.
    let x = id;
    while (x !== r) {
      const p = this.parent.get(x)!;
      this.parent.set(x, r);
      x = p;
    }
    return r;
  }

  private link(a: string, b: string, rel: CopyRelation): void {
    if (!this.links.has(a)) this.links.set(a, new Map());
    if (!this.links.has(b)) this.links.set(b, new Map());
    this.links.get(a)!.set(b, rel);
    this.links.get(b)!.set(a, rel);
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    const ma = this.members.get(ra)!;
    const mb = this.members.get(rb)!;
    if (ma.length < mb.length) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.members.get(ra)!.push(...this.members.get(rb)!);
    this.members.delete(rb);
    this.originals.delete(rb);
    this.originals.delete(ra);
  }

  private originalOf(root: string): string {
    const cached = this.originals.get(root);
    if (cached) return cached;
    const chosen = chooseOriginal(this.view(root).ids.map((i) => this.entries.get(i)!));
    this.originals.set(root, chosen);
    return chosen;
  }

  private view(root: string): GroupView {
    return {
      ids: [...this.members.get(root)!].sort(),
      has: (id) => this.entries.has(id) && this.find(id) === root,
      entry: (id) => this.entries.get(id)!,
      links: (id) => this.links.get(id),
    };
  }

  private resultFor(id: string, relations: CopyLink[]): CopyAddResult {
    const root = this.find(id);
    const original = this.originalOf(root);
    if (original === id) return { group: original, original: true, kind: null, similarity: 1, relations };
    const m = relationToOriginal(this.view(root), id, original, this.options.compare);
    return { group: original, original: false, kind: m.kind, similarity: m.similarity, relations };
  }

  private buildGroup(root: string): CopyGroup {
    return describeGroup(this.view(root), this.originalOf(root), this.options.compare);
  }
}

/** A group's members with their relation to its original (the original first, then by id). */
export function describeGroup(view: GroupView, original: string, compare: Partial<CompareOptions> = {}): CopyGroup {
  const members: CopyMember[] = [{ articleId: original, kind: null, similarity: 1 }];
  for (const id of [...view.ids].sort()) {
    if (id === original) continue;
    const m = relationToOriginal(view, id, original, compare);
    members.push({ articleId: id, kind: m.kind, similarity: round4(m.similarity) });
  }
  return { id: original, original, members };
}

/** How a member relates to the original: compared directly, or else along the path that joined them. */
export function relationToOriginal(view: GroupView, id: string, original: string, compare: Partial<CompareOptions> = {}): { kind: CopyKind; similarity: number } {
  const direct = view.links(id)?.get(original) ?? compareCopies(view.entry(id).fp, view.entry(original).fp, compare);
  if (direct) return { kind: direct.kind, similarity: direct.similarity };
  // Breadth-first from the original over found links; the weakest kind and similarity along the path.
  const order: CopyKind[] = ["verbatim", "partial", "edited", "rewritten"];
  const seen = new Map<string, { kind: CopyKind; similarity: number }>([[original, { kind: "verbatim", similarity: 1 }]]);
  const queue = [original];
  while (queue.length) {
    const cur = queue.shift()!;
    const here = seen.get(cur)!;
    const nbrs = [...(view.links(cur) ?? new Map<string, CopyLinkRelation>()).entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1));
    for (const [n, rel] of nbrs) {
      if (seen.has(n) || !view.has(n)) continue;
      const kind = order[Math.max(order.indexOf(here.kind), order.indexOf(rel.kind))]!;
      const next = { kind, similarity: here.similarity * rel.similarity };
      if (n === id) return next;
      seen.set(n, next);
      queue.push(n);
    }
  }
  return { kind: "rewritten", similarity: 0 };
}

/**
 * Picks a group's original from its members (order-independent: depends only on the set):
 *   1. earliest date (undated last);
 *   2. most complete: covers most of the group's core, the shingles at least two members share (page furniture
 *      around a wrapped copy and a local paragraph in an edited one are in no other member);
 *   3. credited to a wire agency;
 *   4. no material before the story starts (a wrapped copy opens with the new outlet's menus and teasers);
 *   5. not contained in a longer member (a trimmed copy; its core coverage ties when no other copy kept the tail);
 *   6. least text no other member has (a verbatim copy that added a credit line), then id.
 * Fractions are compared in steps of 0.05 so near-ties fall through to the next rule.
 * Measured on t17-dev: 1-2 alone pick the gold original in 112/150 groups, with 3 in 129, with 4-6 in 150.
 */
export function chooseOriginal(members: ReadonlyArray<{ id: string; fp: CopyFingerprint; date: string | null; credited: boolean }>): string {
  if (members.length === 1) return members[0]!.id;
  const sorted = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sample = sorted.slice(0, COVERAGE_SAMPLE);
  const count = new Map<number, number>();
  for (const m of sample) for (const h of m.fp.shingles) count.set(h, (count.get(h) ?? 0) + 1);
  const sentenceCount = new Map<number, number>();
  for (const m of sample) {
    const keys = new Set<number>();
    for (let i = 0; i < m.fp.sentences.count; i++) keys.add(sentenceKey(m.fp.sentences, i));
    for (const h of keys) sentenceCount.set(h, (sentenceCount.get(h) ?? 0) + 1);
  }
  let coreWeight = 0;
  for (const c of count.values()) if (c >= 2) coreWeight += c;
  const q = (x: number): number => Math.round(x / COVERAGE_STEP);
  const scored = sorted.map((m) => {
    let covered = 0;
    let outside = 0;
    for (const h of m.fp.shingles) {
      const c = count.get(h) ?? 0;
      if (c >= 2) covered += c;
      else outside++;
    }
    // Sentences (lines) before the first sentence another member also has.
    let lead = 0;
    let started = false;
    for (let i = 0; i < m.fp.sentences.count; i++) {
      if ((sentenceCount.get(sentenceKey(m.fp.sentences, i)) ?? 0) >= 2) {
        started = true;
        break;
      }
      lead++;
    }
    return {
      id: m.id,
      date: m.date,
      credited: m.credited,
      coverage: q(coreWeight > 0 ? covered / coreWeight : 0),
      lead: started && lead >= LEAD_LINES ? 1 : 0,
      unshared: m.fp.shingles.length ? outside / m.fp.shingles.length : 1,
    };
  });
  const tierKey = (x: (typeof scored)[number]): string => `${x.date ?? "~"}|${-x.coverage}|${x.credited ? 0 : 1}|${x.lead}`;
  scored.sort((a, b) => {
    if (a.date !== b.date) {
      if (a.date === null) return 1;
      if (b.date === null) return -1;
      return a.date < b.date ? -1 : 1;
    }
    if (a.coverage !== b.coverage) return b.coverage - a.coverage;
    if (a.credited !== b.credited) return a.credited ? -1 : 1;
    if (a.lead !== b.lead) return a.lead - b.lead;
    if (a.unshared !== b.unshared) return a.unshared - b.unshared;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  // Within the top tier, a member whose text another member contains with more besides is a trimmed copy of it.
  const top = scored.filter((x) => tierKey(x) === tierKey(scored[0]!));
  const fpOf = new Map(sorted.map((m) => [m.id, m.fp]));
  const survivors = top.filter((x) => {
    const fx = fpOf.get(x.id)!.shingles;
    return !top.some((y) => {
      if (y.id === x.id) return false;
      const fy = fpOf.get(y.id)!.shingles;
      const shared = intersectSize(fx, fy);
      return shared >= CONTAINED * fx.length && shared < CONTAINED * fy.length;
    });
  });
  return (survivors[0] ?? scored[0]!).id;
}

/** Order-independent hash of a sentence's content words (equal for the same sentence in two texts). */
function sentenceKey(s: SentenceSketches, i: number): number {
  const from = s.wordStart[i]!;
  const to = s.wordStart[i + 1]!;
  let h = 0x3c6ef372 ^ (to - from);
  for (let k = from; k < to; k++) h = fmix32(Math.imul(h ^ s.words[k]!, 0x9e3779b1));
  return h;
}

/** Groups a batch of articles. The result does not depend on the order of `docs`. */
export function groupCopies(docs: readonly CopyDoc[], options: Partial<CopyIndexOptions> = {}): { groups: CopyGroup[]; groupOf: Map<string, string> } {
  const index = new CopyIndex({ ...options, storage: options.storage ?? new MemoryLshStorage({ expectedArticles: Math.max(16, docs.length) }) });
  // Sorted by id so that even the saturated-key corner case of the LSH index cannot depend on input order.
  const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const d of sorted) index.add(d);
  const groups = index.groups({ singletons: true });
  const groupOf = new Map<string, string>();
  for (const g of groups) for (const m of g.members) groupOf.set(m.articleId, g.id);
  return { groups, groupOf };
}

/**
 * Groups articles given as stored fingerprints (decodeFingerprint), e.g. to rebuild or re-check the groups of a
 * store. Order-independent, like groupCopies.
 */
export function groupFingerprints(
  items: ReadonlyArray<{ id: string; fp: CopyFingerprint; date?: string | null; credited?: boolean }>,
  options: Partial<CopyIndexOptions> = {},
): { groups: CopyGroup[]; groupOf: Map<string, string> } {
  const index = new CopyIndex({ ...options, storage: options.storage ?? new MemoryLshStorage({ expectedArticles: Math.max(16, items.length) }) });
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const it of sorted) index.addFingerprint(it.id, it.fp, { date: it.date ?? null, credited: it.credited ?? false });
  const groups = index.groups({ singletons: true });
  const groupOf = new Map<string, string>();
  for (const g of groups) for (const m of g.members) groupOf.set(m.articleId, g.id);
  return { groups, groupOf };
}

/**
 * The copy relations between one article and candidate articles: what CopyIndex.add does with its LSH
 * candidates, for a store that runs the band lookup itself (an async SQL query) and keeps groups in tables.
 */
export function findCopyLinks(fp: CopyFingerprint, candidates: Iterable<{ id: string; fp: CopyFingerprint }>, options: Partial<CompareOptions> = {}): CopyLink[] {
  const out: CopyLink[] = [];
  for (const c of candidates) {
    const rel = compareCopies(fp, c.fp, options);
    if (rel) out.push({ id: c.id, ...rel });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function normalizeDate(d: string | null | undefined): string | null {
  if (!d) return null;
  const m = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(d.trim());
  return m ? m[0] : null;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
