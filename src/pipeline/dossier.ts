// The Dossier service: one object the edges (CLI, API, web) call. It runs ingest with every stage
// (extract → annotate → store → copies → stories) and answers the read questions: articles, copies,
// quotes by side, entities, stories, storylines and their timelines.

import type { Config } from "../core/config.ts";
import type { Annotations, Article, PublishedDate, TimelineEntry } from "../core/types.ts";
import { DossierError } from "../core/errors.ts";
import type { InputItem } from "../ingest/files.ts";
import { buildTimeline, type TimelineArticle } from "../stories/timeline.ts";
import { clusterBatch } from "../stories/batch.ts";
import type { ClusterDoc } from "../stories/clustering.ts";
import type { ArticleFilter, ArticleSummary, QuoteFilter, QuoteRecord, Store } from "../store/store.ts";
import { annotateText } from "./annotate.ts";
import { CorpusStages } from "./corpus.ts";
import { ingestItems, type IngestOptions, type IngestSummary } from "./ingest.ts";
import { estimateDate, improvableBy } from "./dates.ts";
import { countryByDemonymWord, countryByName, countryOfCapital } from "../nlp/ner/world.ts";

export const ANNOTATION_VERSION = "annotate@1";

/** Stores up to this many articles are re-clustered with batch refinement after each ingest (a few seconds). */
const REFINE_LIMIT = 5000;

export interface StorySummary {
  id: string;
  storyline: string | null;
  label: string;
  articles: number;
  /** Articles that are not copies of another article in the store. */
  originals: number;
  copies: number;
  first: string | null;
  last: string | null;
  outlets: string[];
  articleIds: string[];
}

export interface StorylineSummary {
  id: string;
  label: string;
  keyActors: string[];
  stories: number;
  articles: number;
  first: string | null;
  last: string | null;
}

export interface SideView {
  side: string;
  quotes: QuoteRecord[];
}

export interface StorylineView extends StorylineSummary {
  storyList: StorySummary[];
  timeline: TimelineEntry[];
  sides: SideView[];
  /** Articles per month (coverage density). */
  coverage: { month: string; articles: number }[];
  articleList: ArticleSummary[];
}

export class Dossier {
  private corpus: CorpusStages | null = null;

  constructor(
    readonly store: Store,
    readonly config: Readonly<Config>,
  ) {}

  // ------------------------------------------------------------------ ingest

  /**
   * Ingests items through every stage. With `shared` (workers on several machines sharing one store),
   * corpus stages run under the store's "corpus" lock and first catch up with what other workers stored;
   * per-article work (extraction, annotation) runs outside the lock, in parallel across workers.
   */
  async ingest(
    items: Iterable<InputItem> | AsyncIterable<InputItem>,
    opts: Omit<IngestOptions, "afterStore" | "prepare" | "signatureOf"> & { shared?: boolean } = {},
  ): Promise<IngestSummary> {
    this.corpus ??= await CorpusStages.load(this.store);
    const corpus = this.corpus;
    const corpusStep = <T>(fn: () => Promise<T>): Promise<T> =>
      opts.shared
        ? this.store.withLock("corpus", async () => {
            await corpus.refresh();
            const r = await fn();
            await corpus.flush();
            return r;
          })
        : fn();
    const summary = await ingestItems(this.store, this.config, items, {
      ...opts,
      prepare: (a) => withEstimatedDate(a),
      // The article's copy signature and LSH rows land in the article's own transaction.
      signatureOf: (a) => corpus.signatureOf(a),
      afterStore: async (stored) => {
        const group = await corpusStep(() => corpus.addCopies(stored));
        const article = await this.refineDates(stored, group);
        const ann = annotateText(article);
        await this.store.putAnnotations(article.id, ann, ANNOTATION_VERSION);
        await corpusStep(() => corpus.addStory(article, ann, group.map((m) => m.articleId)));
      },
    });
    if (!opts.shared) {
      await corpus.flush();
      if (summary.added > 0) await this.refineStories();
    }
    return summary;
  }

  /**
   * Batch refinement of stories and storylines. The one-pass clusterer fixes a story's storyline when the
   * story is created, so storylines come out split (topic BCubed F1 0.83 one-pass vs 0.93 with refinement
   * on ecbplus-dev). For an embedded store up to REFINE_LIMIT articles, every ingest ends by re-clustering
   * the whole store with refinement (≈2,000 articles/s); larger stores keep the one-pass assignments.
   */
  private async refineStories(): Promise<void> {
    if ((await this.store.countArticles()) > REFINE_LIMIT) return;
    const rows = await this.store.listStoryRows();
    const docs: ClusterDoc[] = [];
    for (const r of rows) {
      for (const id of r.articleIds) {
        const a = await this.store.getArticle(id);
        if (!a) continue;
        const [ann, group] = await Promise.all([this.store.getAnnotations(id), this.store.getCopyGroup(id)]);
        const original = group.find((m) => m.original)?.articleId;
        docs.push({
          id,
          text: a.text,
          title: a.title,
          date: a.published?.date ?? null,
          entities: ann?.entities.filter((e) => e.kind !== "other").map((e) => e.name) ?? null,
          copyOf: original && original !== id ? original : null,
        });
      }
    }
    // Stable input order (ids), so the same store always gets the same stories.
    docs.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const result = clusterBatch(docs);
    await this.store.putStories(result.assignments.map((a) => ({ articleId: a.id, story: a.story, storyline: a.storyline })));
  }

  /**
   * Undated or estimated members of a copy group take the date of a dated member (the same article,
   * republished); members already annotated get their relative dates re-resolved against it.
   * Returns the article as it should be annotated.
   */
  private async refineDates(article: Article, group: { articleId: string }[]): Promise<Article> {
    if (group.length < 2) return article;
    const members = (await Promise.all(group.map((m) => (m.articleId === article.id ? article : this.store.getArticle(m.articleId))))).filter((a): a is Article => !!a);
    const dated = members.filter((m) => m.published && !m.published.estimated).sort((a, b) => a.published!.date.localeCompare(b.published!.date))[0];
    if (!dated) return article;
    let result = article;
    for (const m of members) {
      if (m.id === dated.id || !improvableBy(m.published, dated.published)) continue;
      const published: PublishedDate = {
        date: dated.published!.date,
        precision: dated.published!.precision,
        source: "inferred",
        estimated: true,
        evidence: [`date of a copy of this article${dated.outlet ? ` (${dated.outlet})` : ""}: ${dated.published!.date}`],
      };
      await this.store.updatePublished(m.id, published);
      const updated = { ...m, published };
      if (m.id === article.id) result = updated;
      else if (await this.store.getAnnotations(m.id)) await this.store.putAnnotations(m.id, annotateText(updated), ANNOTATION_VERSION);
    }
    return result;
  }

  // ------------------------------------------------------------------ articles

  async article(id: string): Promise<{ article: Article; annotations: Annotations | null; copies: Awaited<ReturnType<Store["getCopyGroup"]>> }> {
    const full = (await this.store.getArticle(id)) ? id : await this.store.resolveId(id);
    const article = full ? await this.store.getArticle(full) : null;
    if (!article) throw new DossierError("NOT_FOUND", `article ${id}`);
    const [annotations, copies] = await Promise.all([this.store.getAnnotations(article.id), this.store.getCopyGroup(article.id)]);
    return { article, annotations, copies };
  }

  articles(filter: ArticleFilter = {}) {
    return this.store.listArticles(filter);
  }

  quotes(filter: QuoteFilter = {}) {
    return this.store.listQuotes(filter);
  }

  // ------------------------------------------------------------------ stories

  async stories(): Promise<StorySummary[]> {
    const rows = await this.store.listStoryRows();
    return rows
      .map((r) => ({
        id: r.story,
        storyline: r.storyline,
        label: r.leadTitle ? leadLabel(r.leadTitle) : "(untitled story)",
        articles: r.articles,
        originals: r.originals,
        copies: r.articles - r.originals,
        first: r.first,
        last: r.last,
        outlets: r.outlets,
        articleIds: r.articleIds,
      }))
      .sort((a, b) => (b.last ?? "").localeCompare(a.last ?? "") || b.articles - a.articles);
  }

  async storylines(): Promise<StorylineSummary[]> {
    const [stories, counts] = await Promise.all([this.stories(), this.store.storylineEntityCounts()]);
    const byLine = new Map<string, StorySummary[]>();
    for (const s of stories) {
      const k = s.storyline ?? s.id;
      byLine.set(k, [...(byLine.get(k) ?? []), s]);
    }
    const entities = new Map<string, typeof counts>();
    for (const c of counts) entities.set(c.storyline, [...(entities.get(c.storyline) ?? []), c]);
    const out = [...byLine].map(([id, ss]) => summarizeLine(id, ss, entities.get(id) ?? []));
    return out.sort((a, b) => b.articles - a.articles || (b.last ?? "").localeCompare(a.last ?? ""));
  }

  async storyline(id: string, opts: { from?: string; to?: string; maxDates?: number } = {}): Promise<StorylineView> {
    const assignments = await this.store.listStoryAssignments({ storyline: id });
    if (!assignments.length) throw new DossierError("NOT_FOUND", `storyline ${id}`);
    const storyIds = new Set(assignments.map((a) => a.story));
    const [allStories, counts] = await Promise.all([this.stories(), this.store.storylineEntityCounts()]);
    const stories = allStories.filter((s) => storyIds.has(s.id));
    const summary = summarizeLine(id, stories, counts.filter((c) => c.storyline === id));
    const ids = assignments.map((a) => a.articleId);
    const articles = (await Promise.all(ids.map((x) => this.store.getArticle(x)))).filter((a): a is Article => !!a);
    const articleList = (await this.store.getSummaries(ids)).sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
    const copyOf = new Map<string, string>();
    for (const a of articleList) {
      if (a.original || !a.group) continue;
      const orig = (await this.store.getCopyGroup(a.id)).find((m) => m.original);
      if (orig && orig.articleId !== a.id) copyOf.set(a.id, orig.articleId);
    }
    const tl: TimelineArticle[] = articles.map((a) => ({ id: a.id, date: a.published?.date ?? null, text: a.text, outlet: a.outlet, copyOf: copyOf.get(a.id) ?? null }));
    const quotes = (await Promise.all(ids.map((x) => this.store.listQuotes({ articleId: x, limit: 1000 })))).flat();
    const texts = new Map(articles.map((a) => [a.id, a.text]));
    const timeline = buildTimeline(tl, { from: opts.from, to: opts.to, maxDates: opts.maxDates }).map((e) => ({ ...e, sides: sidesFor(e, quotes, texts) }));
    const bySide = new Map<string, QuoteRecord[]>();
    for (const q of quotes) {
      if (!q.side || copyOf.has(q.articleId)) continue;
      bySide.set(q.side, [...(bySide.get(q.side) ?? []), q]);
    }
    const sides = [...bySide].map(([side, qs]) => ({ side, quotes: qs.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "")) })).sort((a, b) => b.quotes.length - a.quotes.length);
    const months = new Map<string, number>();
    for (const a of articleList) if (a.date && a.date.length >= 7) months.set(a.date.slice(0, 7), (months.get(a.date.slice(0, 7)) ?? 0) + 1);
    const coverage = [...months].sort().map(([month, n]) => ({ month, articles: n }));
    return { ...summary, storyList: stories, timeline, sides, coverage, articleList };
  }
}

/** A storyline's label and key actors from its stories and the entities its articles mention. */
function summarizeLine(id: string, ss: StorySummary[], counts: { key: string; name: string; kind: string; articles: number }[]): StorylineSummary {
  const ids = ss.flatMap((s) => s.articleIds);
  // A generic body keeps the side its key carries: "Foreign Ministry (China)", not a bare "Foreign Ministry".
  const shown = (c: { key: string; name: string }) => {
    const side = /\(([^()]+)\)$/.exec(c.key)?.[1];
    return side && !c.name.includes("(") ? `${c.name} (${side.replace(/\b\p{L}/gu, (x) => x.toUpperCase())})` : c.name;
  };
  const keyActors = counts.filter((c) => c.kind === "person" || c.kind === "org").slice(0, 6).map(shown);
  const places = counts.filter((c) => c.kind === "place").slice(0, 2).map((c) => c.name);
  const dates = ss.flatMap((s) => [s.first, s.last]).filter((d): d is string => !!d).sort();
  const topic = topicWords(ss.map((s) => s.label), [...places, ...keyActors]);
  const label = [places.join("–"), topic].filter(Boolean).join(": ") || ss[0]?.label || id;
  return { id, label, keyActors, stories: ss.length, articles: ids.length, first: dates[0] ?? null, last: dates[dates.length - 1] ?? null };
}

/** A story label from its lead's title, or from the start of an untitled lead: its first sentence, clipped. */
function leadLabel(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  const end = t.search(/[.!?](?=\s|$)/);
  const first = end > 20 ? t.slice(0, end) : t;
  return first.length > 140 ? `${first.slice(0, first.lastIndexOf(" ", 137))} …` : first;
}

/** Estimated publication date for undated articles (evidence in the text), marked as estimated. */
function withEstimatedDate(a: Article): Article {
  if (a.published) return a;
  // Copyright lines are page furniture, removed from the text, but they date the page: give them back.
  const credits = a.removed.filter((r) => r.reason === "copyright" || /©|\bcopyright\b/i.test(r.text)).map((r) => r.text);
  const est: PublishedDate | null = estimateDate(credits.length ? `${a.text}\n\n${credits.join("\n")}` : a.text);
  return est ? { ...a, published: est } : a;
}

/**
 * What each side said about a timeline entry, from the quotes in its cited articles: a quote inside
 * the cited sentence; in its paragraph or the next one (where reactions usually come) sharing a
 * content word with the entry; or anywhere in the article sharing three. Closest and direct first,
 * two per side at most.
 */
export function sidesFor(e: TimelineEntry, quotes: QuoteRecord[], texts: Map<string, string>): Record<string, string[]> | undefined {
  // Words nearly all of the storyline's articles use ("China", "fentanyl") say nothing about one entry.
  const df = new Map<string, number>();
  for (const t of texts.values()) for (const w of contentStems(t)) df.set(w, (df.get(w) ?? 0) + 1);
  const common = (w: string) => texts.size >= 4 && df.get(w)! > texts.size * 0.75;
  const words = new Set([...contentStems(e.summary)].filter((w) => !common(w)));
  const found = new Map<string, { t: string; rank: number }[]>();
  for (const c of e.citations) {
    const text = texts.get(c.articleId);
    if (!text) continue;
    const paraStart = text.lastIndexOf("\n", c.span.start - 1) + 1;
    const paraEnd = text.indexOf("\n", c.span.end);
    const nextEnd = paraEnd < 0 ? text.length : text.indexOf("\n", paraEnd + 1) < 0 ? text.length : text.indexOf("\n", paraEnd + 1);
    for (const q of quotes) {
      if (q.articleId !== c.articleId || !q.side) continue;
      const inSentence = q.content.start < c.span.end && q.content.end > c.span.start;
      const shared = inSentence ? 0 : [...contentStems(q.text)].filter((w) => words.has(w)).length;
      const nearby = q.content.start >= paraStart && q.content.start < nextEnd;
      const rank = inSentence ? 0 : nearby && shared >= 1 ? 2 : shared >= 3 ? 4 : -1;
      if (rank < 0) continue;
      const list = found.get(q.side) ?? [];
      const t = `${q.speaker ? q.speaker + ": " : ""}${q.text}`;
      if (!list.some((x) => x.t === t)) list.push({ t, rank: rank + (q.direct ? 0 : 1) });
      found.set(q.side, list);
    }
  }
  const out: Record<string, string[]> = {};
  for (const [side, list] of found) out[side] = list.sort((a, b) => a.rank - b.rank).slice(0, 2).map((x) => x.t);
  return Object.keys(out).length ? out : undefined;
}

/** Content words cut to four letters: "closed" and "closure", "China" and "Chinese" meet. */
function contentStems(s: string): Set<string> {
  return new Set((s.toLowerCase().match(/\p{L}[\p{L}'’-]+/gu) ?? []).filter((w) => w.length > 3 && !STOP.has(w)).map((w) => w.slice(0, 4)));
}

const STOP = new Set(
  ("a an the of to in on for and or with at by from as is are was were be been its it that this after over says said say amid us u.s. new " +
    "against about into than more most could would will may might not no but his her their them they he she what when who why how " +
    "calls call urges urge warns warn rejects reject ties ahead first last next out up down off says").split(" "),
);

/** Countries, capitals and demonyms ("Beijing", "Chinese") name places the label already gives. */
function isPlaceWord(w: string): boolean {
  return !!(countryByName(w) ?? countryOfCapital(w) ?? countryByDemonymWord(w));
}

/** The words shared most by story titles, minus the names already in the label: a short topic. */
function topicWords(labels: string[], names: string[]): string {
  const skip = new Set(names.flatMap((n) => n.toLowerCase().split(/[\s–-]+/)));
  const c = new Map<string, number>();
  for (const l of labels) {
    for (const w of new Set((l.match(/[\p{L}][\p{L}'’-]+/gu) ?? []).map((w) => w.replace(/['’]s$/, "")).filter((w) => !isPlaceWord(w)).map((w) => w.toLowerCase()).filter((w) => !STOP.has(w) && !skip.has(w) && w.length > 2))) c.set(w, (c.get(w) ?? 0) + 1);
  }
  return [...c].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([w]) => w).join(", ");
}

