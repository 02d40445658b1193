// Corpus stages: copy groups and stories, updated incrementally as each article is stored.
// Copy groups live in the store and nowhere else: an article's fingerprint and LSH band rows are stored with the
// article (Store.putArticle with signatureOf(article)), its candidates come from the lsh table, the fingerprints
// compared are read on demand through a bounded cache, and the groups and the relations that formed them are
// tables (copies, copy_links). A process holds no per-article state for copies, starts without reading the
// corpus, and workers sharing a PostgreSQL store see each other's groups without catching up. The groups are
// exactly those a CopyIndex fed the same articles in the same order would build (test/store/corpus-copies.test.ts).

import type { Annotations, Article, CopyGroup } from "../core/types.ts";
import { chooseOriginal, copyEntry, describeGroup, findCopyLinks } from "../dedup/copy-index.ts";
import type { CopyEntry, CopyLinkRelation, GroupView } from "../dedup/copy-index.ts";
import { wireCredits } from "../dedup/credits.ts";
import { fingerprint } from "../dedup/fingerprint.ts";
import { decodeFingerprint, encodeFingerprint } from "../dedup/serialize.ts";
import { StoryClusterer, type ClustererState } from "../stories/clustering.ts";
import type { CopyLinkRecord, CopyRecord, SignatureMeta, SignatureRecord, Store, StoredSignature } from "../store/store.ts";

const CLUSTER_STATE = "stories.clusterer";

/**
 * Decoded fingerprints kept between lookups (a new copy is compared with the same few recent articles; a
 * syndicated story's group is re-read at each new member). ~8 KB each decoded: 2,048 hold at most ~16 MB.
 */
const FINGERPRINT_CACHE = 2048;
/** Pending signatures read per query when catching up. */
const PENDING_BATCH = 256;

export class CorpusStages {
  private readonly cache = new LruMap<string, CopyEntry>(FINGERPRINT_CACHE);
  // The entry of the last signatureOf(), for the addCopies() that follows its putArticle.
  private fresh: CopyEntry | null = null;

  private constructor(
    private readonly store: Store,
    private clusterer: StoryClusterer,
  ) {}

  static async load(store: Store): Promise<CorpusStages> {
    const stages = new CorpusStages(store, new StoryClusterer());
    await stages.refresh();
    return stages;
  }

  /**
   * Files the articles whose signature is stored but not yet grouped (a crash between storing an article and
   * grouping it, a store migrated from per-process indexes, or workers sharing a PostgreSQL store), in storage
   * order, and reads the clusterer's latest state. With workers, call it while holding the store's "corpus" lock.
   */
  async refresh(): Promise<void> {
    for (let after = 0; ; ) {
      const batch = await this.store.listSignatures(after, { pending: true, limit: PENDING_BATCH });
      if (!batch.length) break;
      for (const s of batch) {
        after = s.seq;
        const e = this.entryOf(s);
        // Rows migrated from an older schema have no lsh rows yet (for the others this changes nothing).
        await this.store.indexSignature(s.articleId, e.fp.bands);
        await this.group(e);
      }
    }
    const state = await this.store.getState<ClustererState>(CLUSTER_STATE);
    if (state) this.clusterer = new StoryClusterer({}, state);
  }

  /** The copy signature to store with a new article (Store.putArticle), in the same transaction. */
  signatureOf(article: Article): SignatureRecord {
    const fp = fingerprint(article.text);
    const meta = metaOf(article);
    this.fresh = copyEntry(article.id, fp, meta);
    return { signature: encodeFingerprint(fp), bandKeys: fp.bands, meta };
  }

  /** Files a newly stored article under its copy group; returns the group's records (the original first). */
  async addCopies(article: Article): Promise<CopyRecord[]> {
    const [stored] = await this.store.getSignatures([article.id]);
    if (!stored) {
      // Stored without its signature (by a caller that did not use signatureOf): store it now.
      const record = this.signatureOf(article);
      await this.store.putSignature(article.id, record);
    } else if (stored.grouped) {
      // A refresh() (under the corpus lock, in this process or another) filed it first.
      return inGroupOrder(await this.store.getCopyGroup(article.id));
    }
    const e = this.fresh?.id === article.id ? this.fresh : this.entryOf(stored!);
    this.fresh = null;
    return this.group(e);
  }

  /**
   * Groups one stored, pending article: compares it with its LSH candidates, joins the groups of those it copies
   * or is copied by, recomputes the joined group's original, and stores the relations found, the group's
   * records and the article's grouped mark in one transaction. What CopyIndex.addFingerprint + groupOf do.
   */
  private async group(e: CopyEntry): Promise<CopyRecord[]> {
    this.cache.set(e.id, e);
    const candidates = await this.entries(await this.store.lshCandidates(e.fp.bands, e.id));
    const found = findCopyLinks(e.fp, [...candidates.values()], {});
    if (!found.length) {
      const records: CopyRecord[] = [{ articleId: e.id, group: e.id, original: true, kind: null, similarity: 1 }];
      await this.store.putCopyGroup(e.id, [], records);
      return records;
    }
    const ids = new Set([e.id]);
    for (const l of found) {
      if (ids.has(l.id)) continue;
      ids.add(l.id);
      for (const m of await this.store.getCopyGroup(l.id)) ids.add(m.articleId);
    }
    const members = await this.entries([...ids]);
    const newLinks: CopyLinkRecord[] = found.map((l) => (e.id < l.id ? { a: e.id, b: l.id, kind: l.kind, similarity: l.similarity } : { a: l.id, b: e.id, kind: l.kind, similarity: l.similarity }));
    const links = new Map<string, Map<string, CopyLinkRelation>>();
    for (const l of [...(await this.store.getCopyLinks([...ids])), ...newLinks]) {
      if (!ids.has(l.a) || !ids.has(l.b)) continue;
      const rel = { kind: l.kind, similarity: l.similarity };
      if (!links.has(l.a)) links.set(l.a, new Map());
      if (!links.has(l.b)) links.set(l.b, new Map());
      links.get(l.a)!.set(l.b, rel);
      links.get(l.b)!.set(l.a, rel);
    }
    const view: GroupView = { ids: [...ids].sort(), has: (id) => ids.has(id), entry: (id) => members.get(id)!, links: (id) => links.get(id) };
    const group = describeGroup(view, chooseOriginal(view.ids.map(view.entry)));
    const records = recordsOf(group);
    await this.store.putCopyGroup(e.id, newLinks, records);
    return records;
  }

  /** Entries for these articles: from the cache, else read from the store (grouped or not) and cached. */
  private async entries(ids: string[]): Promise<Map<string, CopyEntry>> {
    const out = new Map<string, CopyEntry>();
    const missing: string[] = [];
    for (const id of ids) {
      const e = this.cache.get(id);
      if (e) out.set(id, e);
      else missing.push(id);
    }
    for (const s of missing.length ? await this.store.getSignatures(missing) : []) out.set(s.articleId, this.entryOf(s));
    return out;
  }

  private entryOf(s: StoredSignature): CopyEntry {
    const e = copyEntry(s.articleId, decodeFingerprint(s.signature), s.meta);
    this.cache.set(e.id, e);
    return e;
  }

  /** Files an annotated article under a story (copies join their original's story and count once). */
  async addStory(article: Article, ann: Annotations | null, copyGroup: readonly string[]): Promise<{ story: string; storyline: string }> {
    // Whichever member of its copy group arrived first decides the story, so the original arriving after
    // its copy joins the copy's story: the partition does not depend on arrival order.
    const copyOf = copyGroup.find((id) => id !== article.id && this.clusterer.storyOf(id) !== undefined) ?? null;
    const names = ann?.entities.filter((e) => e.kind !== "other").map((e) => e.name) ?? null;
    const s = this.clusterer.add({ id: article.id, text: article.text, title: article.title, date: article.published?.date ?? null, entities: names, copyOf });
    await this.store.putStories([{ articleId: article.id, story: s.story, storyline: s.storyline }]);
    return s;
  }

  /** Persists the clusterer's state (call once at the end of a batch). */
  async flush(): Promise<void> {
    await this.store.putState(CLUSTER_STATE, this.clusterer.toJSON());
  }

  get clusterState(): ClustererState {
    return this.clusterer.toJSON();
  }
}

/** What grouping needs besides the text: a stated (not estimated) date, the outlet, a wire credit. */
function metaOf(article: Article): SignatureMeta {
  const date = article.published && !article.published.estimated ? article.published.date : null;
  return { date, outlet: article.outlet, credited: wireCredits(article.text).length > 0 };
}

function recordsOf(group: CopyGroup): CopyRecord[] {
  return group.members.map((m) => ({ articleId: m.articleId, group: group.id, original: m.articleId === group.original, kind: m.kind, similarity: m.similarity }));
}

/** Records as a group lists its members: the original first, then by id. */
function inGroupOrder(records: CopyRecord[]): CopyRecord[] {
  return [...records].sort((a, b) => (a.original !== b.original ? (a.original ? -1 : 1) : a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0));
}

/** A Map that keeps its `capacity` most recently used keys. */
class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
}
