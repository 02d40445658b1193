// The LSH index: articles filed under their band keys (one uint32 per band, see bandKeys()); a lookup
// returns every article sharing at least one key. The storage is an interface so the store can keep the
// bands in SQLite or PostgreSQL (a table of (key, article number) rows keyed on key, read through
// candidatesFromPostings); the in-memory implementation below is what the batch grouper (groupCopies,
// `dossier dedup`) and bench/dedup.ts use.

export interface LshStorage {
  /** Files an article under its band keys. Adding an id twice is a no-op. */
  add(id: string, bandKeys: Uint32Array): void;
  /** Ids of articles sharing at least one band key, each once, in insertion order. */
  candidates(bandKeys: Uint32Array): Iterable<string>;
  has(id: string): boolean;
  readonly size: number;
}

export interface MemoryLshOptions {
  /**
   * A key shared by more articles than this stops being filed and looked up: it is page furniture or a
   * stock phrase, not evidence of a copy, and without the cap a lookup would cost O(corpus).
   * 512: far above any real copy group in t17-dev (largest 6) yet keeps a lookup under ~40 x 512 postings.
   */
  maxPerKey: number;
  /**
   * A lookup on a saturated key still returns this many of its articles: when a wire story has been copied by
   * more than maxPerKey outlets, every band of a new verbatim copy is saturated, and one member of the group is
   * enough to join it. 16 keeps the cost of stock phrases small (16 quick rejections per saturated band).
   */
  saturatedSample: number;
  /** Expected number of articles (pre-sizes the arrays; they grow as needed). */
  expectedArticles: number;
  /** Expected band keys per article. */
  bandsPerArticle: number;
}

/** The saturation limits every LSH storage applies (MemoryLshStorage, and the store's lsh table). */
export const LSH_LIMITS: Readonly<Pick<MemoryLshOptions, "maxPerKey" | "saturatedSample">> = { maxPerKey: 512, saturatedSample: 16 };

const DEFAULTS: MemoryLshOptions = { ...LSH_LIMITS, expectedArticles: 1024, bandsPerArticle: 40 };

/**
 * MemoryLshStorage's candidate rule for a storage that keeps postings in a database table. `rows`: the postings
 * (band key, article number in filing order, value) of the looked-up keys, any order, the querying article left
 * out. Per key, the newest maxPerKey count; a key holding maxPerKey is saturated and gives only its
 * saturatedSample newest. Returns each value once, in filing order (ascending `doc`), as MemoryLshStorage does.
 */
export function candidatesFromPostings<T>(
  rows: Iterable<{ key: number; doc: number; value: T }>,
  limits: Pick<MemoryLshOptions, "maxPerKey" | "saturatedSample"> = LSH_LIMITS,
): T[] {
  const byKey = new Map<number, { doc: number; value: T }[]>();
  for (const r of rows) {
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }
  const chosen = new Map<number, T>();
  for (const postings of byKey.values()) {
    postings.sort((x, y) => y.doc - x.doc);
    const take = postings.length >= limits.maxPerKey ? Math.min(postings.length, limits.saturatedSample) : postings.length;
    for (let i = 0; i < take; i++) chosen.set(postings[i]!.doc, postings[i]!.value);
  }
  return [...chosen].sort((x, y) => x[0] - y[0]).map(([, v]) => v);
}

/**
 * Compact in-memory LSH storage: one posting (key, article, next) of 12 bytes per band per article in
 * typed arrays, chained from a power-of-two table of 4-byte heads (at most two postings per head on
 * average). At 40 bands that is ~480 bytes of postings, 80-160 of table and the id strings per article;
 * no per-posting objects, so a million articles fit in well under 1 KB each (bench/dedup.ts).
 */
export class MemoryLshStorage implements LshStorage {
  private readonly options: MemoryLshOptions;
  private ids: string[] = [];
  private readonly index = new Map<string, number>();
  private keys: Uint32Array;
  private docs: Uint32Array;
  private next: Int32Array;
  private heads: Int32Array;
  private mask: number;
  private postings = 0;
  // Keys that reached maxPerKey: skipped on add and lookup without walking their chains.
  private readonly saturated = new Set<number>();
  // Generation-stamped "seen" marks for de-duplicating candidates without a Set per lookup.
  private seen: Uint32Array;
  private generation = 0;

  constructor(options: Partial<MemoryLshOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    const cap = Math.max(64, this.options.expectedArticles * this.options.bandsPerArticle);
    this.keys = new Uint32Array(cap);
    this.docs = new Uint32Array(cap);
    this.next = new Int32Array(cap);
    const tableSize = 1 << Math.max(4, Math.ceil(Math.log2(cap / 2)));
    this.heads = new Int32Array(tableSize).fill(-1);
    this.mask = tableSize - 1;
    this.seen = new Uint32Array(Math.max(16, this.options.expectedArticles));
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  add(id: string, bandKeys: Uint32Array): void {
    if (this.index.has(id)) return;
    const doc = this.ids.length;
    this.ids.push(id);
    this.index.set(id, doc);
    if (doc >= this.seen.length) {
      const s = new Uint32Array(this.seen.length * 2);
      s.set(this.seen);
      this.seen = s;
    }
    for (let b = 0; b < bandKeys.length; b++) {
      const key = bandKeys[b]!;
      if (this.saturated.has(key)) continue;
      const bucket = slot(key) & this.mask;
      // Count the key's postings (bounded by maxPerKey plus unrelated keys sharing the bucket).
      let n = 0;
      let dup = false;
      for (let p = this.heads[bucket]!; p !== -1; p = this.next[p]!) {
        if (this.keys[p] === key) {
          if (this.docs[p] === doc) dup = true;
          n++;
        }
      }
      if (dup) continue;
      if (n + 1 >= this.options.maxPerKey) this.saturated.add(key);
      if (this.postings === this.keys.length) this.grow();
      const p = this.postings++;
      const bk = slot(key) & this.mask;
      this.keys[p] = key;
      this.docs[p] = doc;
      this.next[p] = this.heads[bk]!;
      this.heads[bk] = p;
    }
    this.maybeRehash();
  }

  candidates(bandKeys: Uint32Array): string[] {
    return this.candidateDocs(bandKeys).map((d) => this.ids[d]!);
  }

  /** Dense article numbers instead of ids (what the grouper and the bench use; no string work). */
  candidateDocs(bandKeys: Uint32Array): number[] {
    const out: number[] = [];
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.seen.fill(0);
      this.generation = 1;
    }
    const g = this.generation;
    for (let b = 0; b < bandKeys.length; b++) {
      const key = bandKeys[b]!;
      // A saturated key is weak evidence (page furniture, a stock phrase, a common name pair, or a story copied
      // everywhere): only a sample of its articles is returned.
      let budget = this.saturated.has(key) ? this.options.saturatedSample : Infinity;
      for (let p = this.heads[slot(key) & this.mask]!; p !== -1 && budget > 0; p = this.next[p]!) {
        if (this.keys[p] !== key) continue;
        budget--;
        const d = this.docs[p]!;
        if (this.seen[d] !== g) {
          this.seen[d] = g;
          out.push(d);
        }
      }
    }
    return out.sort((x, y) => x - y);
  }

  /** Keys that reached maxPerKey (for diagnostics: how much of the index is stock material). */
  get saturatedKeys(): number {
    return this.saturated.size;
  }

  idOf(doc: number): string {
    return this.ids[doc]!;
  }

  /** Bytes held by the typed arrays (postings and table), plus an estimate for the id strings and map. */
  memoryBytes(): { postings: number; table: number; ids: number; total: number } {
    const postings = this.keys.byteLength + this.docs.byteLength + this.next.byteLength;
    // Saturated keys: a Set entry is ~20 bytes.
    const table = this.heads.byteLength + this.seen.byteLength + this.saturated.size * 20;
    let chars = 0;
    for (const id of this.ids) chars += id.length;
    // ~ string header (16) + chars, array slot (8), Map entry (~3 x 8 + hash-table slack).
    const ids = chars + this.ids.length * (16 + 8 + 40);
    return { postings, table, ids, total: postings + table + ids };
  }

  /** Every (key, id) posting, for copying the index into a database table. */
  *entries(): IterableIterator<{ key: number; id: string }> {
    for (let p = 0; p < this.postings; p++) yield { key: this.keys[p]!, id: this.ids[this.docs[p]!]! };
  }

  // Postings grow by 1.25x (not 2x) so a growing index wastes at most a fifth of its postings memory.
  private grow(): void {
    const cap = Math.ceil(this.keys.length * 1.25) + 64;
    const k = new Uint32Array(cap);
    k.set(this.keys);
    const d = new Uint32Array(cap);
    d.set(this.docs);
    const nx = new Int32Array(cap);
    nx.set(this.next);
    this.keys = k;
    this.docs = d;
    this.next = nx;
  }

  // The head table doubles when chains would average more than two postings.
  private maybeRehash(): void {
    if (this.postings <= this.heads.length * 2) return;
    const tableSize = this.heads.length * 2;
    this.heads = new Int32Array(tableSize).fill(-1);
    this.mask = tableSize - 1;
    // Re-link in posting order so chains keep newest-first order.
    for (let p = 0; p < this.postings; p++) {
      const bk = slot(this.keys[p]!) & this.mask;
      this.next[p] = this.heads[bk]!;
      this.heads[bk] = p;
    }
  }
}

// Band keys are already fmix32 outputs, but a second cheap mix guards against structured keys from other storages.
function slot(key: number): number {
  return Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) >>> 0;
}
