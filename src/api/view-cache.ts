// Corpus views (storylines, their timelines, story lists) are computed from the whole store, which takes
// from milliseconds (demo) to seconds (100k articles), and finished GET responses cost a serialization each.
// Both only change when the store changes, so they are cached under the store's generation:
//   - a counter bumped by every ingest through this process (seen at once), and
//   - a fingerprint of the store re-read at most every `checkEveryMs`, so ingests by another process (the
//     CLI) show up too. On SQLite that is `PRAGMA data_version` (changes when another connection commits;
//     microseconds); elsewhere the article count plus the newest rejection id. The re-read runs in the
//     background: requests never wait for it (on a 100k-article SQLite store countArticles() takes ~100 ms).

import type { Store } from "../store/store.ts";

export interface GenerationOptions {
  /** How often the store fingerprint is re-read (ms). 1000: a change by another process shows within ~1 s. */
  checkEveryMs?: number;
  now?: () => number;
  /** Overrides how the store fingerprint is read (tests). */
  fingerprint?: () => Promise<string>;
}

/** The store's generation, shared by every cache over one store. */
export class StoreGeneration {
  private local = 0;
  private fingerprint: string | null = null;
  private checkedAt = -Infinity;
  private checking: Promise<void> | null = null;
  private readonly checkEveryMs: number;
  private readonly now: () => number;
  private readonly read: () => Promise<string>;

  constructor(store: Store, opts: GenerationOptions = {}) {
    this.checkEveryMs = opts.checkEveryMs ?? 1000;
    this.now = opts.now ?? (() => Date.now());
    this.read = opts.fingerprint ?? defaultFingerprint(store);
  }

  /** Called after a write through this process: every cached view is stale from now on. */
  bump(): void {
    this.local++;
  }

  /** The current generation key. Only the very first call waits for the store; later re-reads run behind. */
  async current(): Promise<string> {
    if (this.fingerprint === null) await this.refresh();
    else if (this.now() - this.checkedAt >= this.checkEveryMs) void this.refresh();
    return `${this.local}:${this.fingerprint}`;
  }

  /** Re-reads the fingerprint now (coalesced with a read already under way). */
  refresh(): Promise<void> {
    this.checkedAt = this.now();
    this.checking ??= this.read()
      .then((fp) => void (this.fingerprint = fp))
      .catch(() => void (this.fingerprint ??= "unknown"))
      .finally(() => (this.checking = null));
    return this.checking;
  }
}

function defaultFingerprint(store: Store): () => Promise<string> {
  const db = (store as { db?: { pragma?: (s: string, o: { simple: true }) => unknown } }).db;
  if (store.kind === "sqlite" && typeof db?.pragma === "function") {
    return async () => `dv${String(db.pragma!("data_version", { simple: true }))}`;
  }
  return async () => {
    const [n, rej] = await Promise.all([store.countArticles(), store.listRejections({ limit: 1 })]);
    return `${n}.${rej[0]?.id ?? 0}`;
  };
}

export interface ViewCacheOptions {
  /** Entries kept before the oldest is dropped (each storyline × date range, or each URL, is one). */
  maxEntries?: number;
}

export class ViewCache {
  private entries = new Map<string, Promise<unknown>>();
  private generationKey = "";
  private readonly maxEntries: number;

  constructor(
    readonly generation: StoreGeneration,
    opts: ViewCacheOptions = {},
  ) {
    this.maxEntries = opts.maxEntries ?? 500;
  }

  /** The cached value for `key` in this generation, computing it once (concurrent callers share the promise). */
  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const gen = await this.generation.current();
    if (gen !== this.generationKey) {
      this.generationKey = gen;
      this.entries.clear();
    }
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as Promise<T>;
    }
    const p = compute();
    this.entries.set(key, p);
    // A failed computation is not cached: the next call retries.
    p.catch(() => this.entries.get(key) === p && this.entries.delete(key));
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }
}
