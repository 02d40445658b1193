// Corpus stages: copy groups and stories, updated incrementally as each article is stored.
// Their indexes live in the store (fingerprints + LSH band rows, the clusterer's state blob); a process
// rebuilds the in-memory copy index from stored fingerprints once, then each new article costs one LSH
// lookup and a few comparisons.

import type { Annotations, Article } from "../core/types.ts";
import { CopyIndex } from "../dedup/copy-index.ts";
import { wireCredits } from "../dedup/credits.ts";
import { fingerprint } from "../dedup/fingerprint.ts";
import { decodeFingerprint, encodeFingerprint } from "../dedup/serialize.ts";
import { StoryClusterer, type ClustererState } from "../stories/clustering.ts";
import type { CopyRecord, Store } from "../store/store.ts";

const CLUSTER_STATE = "stories.clusterer";

export class CorpusStages {
  private seq = 0;

  private constructor(
    private readonly store: Store,
    private readonly copies: CopyIndex,
    private clusterer: StoryClusterer,
  ) {}

  static async load(store: Store): Promise<CorpusStages> {
    const stages = new CorpusStages(store, new CopyIndex(), new StoryClusterer());
    await stages.refresh();
    return stages;
  }

  /**
   * Catches up with what other processes stored (workers sharing a PostgreSQL store): fingerprints added
   * since the last look, in the order they were stored, and the clusterer's latest state. Call it while
   * holding the store's "corpus" lock.
   */
  async refresh(): Promise<void> {
    // The partition does not depend on order, so replaying in storage order rebuilds the same groups.
    for (const { seq, articleId, signature, meta } of await this.store.listSignatures(this.seq)) {
      if (!this.copies.has(articleId)) this.copies.addFingerprint(articleId, decodeFingerprint(signature), meta);
      this.seq = seq;
    }
    const state = await this.store.getState<ClustererState>(CLUSTER_STATE);
    if (state) this.clusterer = new StoryClusterer({}, state);
  }

  /** Files a newly stored article under its copy group; persists the fingerprint and the group's records. */
  async addCopies(article: Article): Promise<CopyRecord[]> {
    const fp = fingerprint(article.text);
    const date = article.published && !article.published.estimated ? article.published.date : null;
    const meta = { date, outlet: article.outlet, credited: wireCredits(article.text).length > 0 };
    this.copies.addFingerprint(article.id, fp, meta);
    await this.store.putSignature(article.id, encodeFingerprint(fp), [...fp.bands].map((b) => b.toString(36)), meta);
    const group = this.copies.groupOf(article.id)!;
    const records: CopyRecord[] = group.members.length > 1
      ? group.members.map((m) => ({ articleId: m.articleId, group: group.id, original: m.articleId === group.original, kind: m.kind, similarity: m.similarity }))
      : [{ articleId: article.id, group: group.id, original: true, kind: null, similarity: 1 }];
    await this.store.putCopies(records);
    return records;
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
