// Corpus views (storylines, their timelines, story lists) are computed from the whole store, which takes
// from milliseconds (demo) to seconds (100k articles). They only change when the store changes, so they are
// cached under the store's generation: a counter bumped by every ingest through this process, combined with
// a cheap fingerprint of the store (article count + newest rejection id) re-read at most once per
// `checkEveryMs` so ingests by another process (the CLI) show up too.

import type { Store } from "../store/store.ts";

export interface ViewCacheOptions {
  /** How often the store fingerprint is re-read (ms). 1000: one count query per second at most. */
  checkEveryMs?: number;
  /** Entries kept per generation before the oldest is dropped (each storyline × date range is one). */
  maxEntries?: number;
  now?: () => number;
}

export class ViewCache {
  private local = 0;
  private fingerprint = "";
  private checkedAt = -Infinity;
  private checking: Promise<string> | null = null;
  private entries = new Map<string, Promise<unknown>>();
  private readonly checkEveryMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    opts: ViewCacheOptions = {},
  ) {
    this.checkEveryMs = opts.checkEveryMs ?? 1000;
    this.maxEntries = opts.maxEntries ?? 500;
    this.now = opts.now ?? (() => Date.now());
  }

  /** Marks every cached view stale (called after an ingest through the API). */
  bump(): void {
    this.local++;
    this.checkedAt = -Infinity;
    this.entries.clear();
  }

  /** The current generation key; re-reads the store fingerprint when the last read is older than checkEveryMs. */
  async generation(): Promise<string> {
    if (this.now() - this.checkedAt >= this.checkEveryMs) {
      this.checking ??= this.readFingerprint().finally(() => (this.checking = null));
      const fp = await this.checking;
      this.checkedAt = this.now();
      if (fp !== this.fingerprint) {
        this.fingerprint = fp;
        this.entries.clear();
      }
    }
    return `${this.local}:${this.fingerprint}`;
  }

  /** The cached value for `key` in this generation, computing it once (concurrent callers share the promise). */
  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    await this.generation();
    const hit = this.entries.get(key);
    if (hit) return hit as Promise<T>;
    const p = compute();
    this.entries.set(key, p);
    // A failed computation is not cached: the next call retries.
    p.catch(() => this.entries.get(key) === p && this.entries.delete(key));
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }

  private async readFingerprint(): Promise<string> {
    const [n, rej] = await Promise.all([this.store.countArticles(), this.store.listRejections({ limit: 1 })]);
    return `${n}.${rej[0]?.id ?? 0}`;
  }
}
