// The one store interface (DESIGN.md convention 4). Async so that the same pipeline code runs on the
// embedded SQLite store and, scaled out, on a shared PostgreSQL. Every backend passes runStoreSuite().

import type {
  Annotations,
  Article,
  CopyKind,
  DatePrecision,
  Entity,
  PublishedDate,
  Quote,
  Rejection,
} from "../core/types.ts";

export interface ArticleSummary {
  id: string;
  title: string | null;
  outlet: string | null;
  byline: string | null;
  date: string | null;
  precision: DatePrecision | null;
  estimated: boolean;
  url: string | null;
  origin: string;
  words: number;
  /** Copy-group id and whether this article is its original (null when not grouped yet). */
  group: string | null;
  original: boolean;
  copies: number;
}

export interface ArticleFilter {
  outlet?: string;
  /** Inclusive ISO date bounds on the publication date (prefix compare: "2023" ≤ "2023-07-07"). */
  from?: string;
  to?: string;
  /** Hide articles that are copies of another article. */
  originalsOnly?: boolean;
  limit?: number;
  offset?: number;
}

export interface SearchHit extends ArticleSummary {
  snippet: string;
  rank: number;
}

export interface StoredRejection extends Rejection {
  id: number;
  inputHash: string | null;
  at: string;
}

export interface CopyRecord {
  articleId: string;
  group: string;
  original: boolean;
  kind: CopyKind | null;
  similarity: number;
}

export interface QuoteRecord extends Quote {
  articleId: string;
  /** The quoted text itself (article text at `content`). */
  text: string;
  date: string | null;
  outlet: string | null;
}

export interface QuoteFilter {
  speaker?: string;
  side?: string;
  articleId?: string;
  limit?: number;
  offset?: number;
}

export interface EntityRecord extends Entity {
  articles: number;
  mentions: number;
}

export interface StoryAssignment {
  articleId: string;
  story: string;
  storyline: string | null;
}

/** What copy grouping needs besides the fingerprint, stored with it. */
export interface SignatureMeta {
  date?: string | null;
  outlet?: string | null;
  credited?: boolean;
}

/** An article's copy signature as the copy stage stores it: the encoded fingerprint, its LSH band keys, meta. */
export interface SignatureRecord {
  signature: Uint8Array;
  /** uint32 band keys (fp.bands); each becomes one row of the lsh table. */
  bandKeys: Uint32Array;
  meta: SignatureMeta;
}

export interface StoredSignature {
  /** Storage order; also the article's number in the lsh table. */
  seq: number;
  articleId: string;
  signature: Uint8Array;
  meta: SignatureMeta;
  /** Whether the copy stage has filed it under its group (putCopyGroup); false while pending. */
  grouped: boolean;
}

/** A copy relation found between two articles when the later was added (a < b). */
export interface CopyLinkRecord {
  a: string;
  b: string;
  kind: CopyKind;
  similarity: number;
}

export interface StoryRow {
  story: string;
  storyline: string | null;
  articles: number;
  /** Articles that are not copies of another. */
  originals: number;
  first: string | null;
  last: string | null;
  outlets: string[];
  articleIds: string[];
  /** Title of the story's lead article (its earliest original, the longest on a tie); for an untitled
   * article, the start of its text (the caller cuts it to a sentence). */
  leadTitle: string | null;
}

/** Result of recording one ingested input (raw bytes hash → outcome). */
export type PutResult = { status: "added"; id: string } | { status: "duplicate"; id: string };

export interface Store {
  readonly kind: "sqlite" | "postgres";

  // --- inputs and articles ---
  /** Article id already recorded for this raw-input hash, or "rejected", or null when never seen. */
  seenInput(inputHash: string): Promise<string | "rejected" | null>;
  /**
   * Stores an article, the raw-input hash it came from and, when given, its copy signature and LSH rows in one
   * transaction (a crash leaves nothing half-written; the signature is pending until putCopyGroup). Adding an
   * article whose id exists only records the input and reports a duplicate.
   */
  putArticle(article: Article, inputHash: string | null, signature?: SignatureRecord): Promise<PutResult>;
  getArticle(id: string): Promise<Article | null>;
  /** Replaces an article's publication date (an estimate refined by a copy's date, say). */
  updatePublished(id: string, published: PublishedDate | null): Promise<void>;
  /** Resolves a unique id prefix (as shown by `dossier articles`) to the full id. */
  resolveId(prefix: string): Promise<string | null>;
  listArticles(filter?: ArticleFilter): Promise<ArticleSummary[]>;
  countArticles(filter?: ArticleFilter): Promise<number>;
  /** Ranked hits, each copy group once. `snippets: false` skips the snippets (""), for callers that make their own. */
  search(query: string, filter?: ArticleFilter, opts?: { snippets?: boolean }): Promise<SearchHit[]>;

  // --- rejections ---
  putRejection(rejection: Rejection, inputHash: string | null): Promise<void>;
  listRejections(opts?: { limit?: number; offset?: number }): Promise<StoredRejection[]>;

  // --- annotations (entities, quotes, timexes) ---
  putAnnotations(articleId: string, annotations: Annotations, version: string): Promise<void>;
  getAnnotations(articleId: string): Promise<Annotations | null>;
  listQuotes(filter?: QuoteFilter): Promise<QuoteRecord[]>;
  listEntities(opts?: { kind?: string; limit?: number; offset?: number }): Promise<EntityRecord[]>;

  // --- copies (fingerprints, LSH bands, groups) ---
  // The copy stage keeps no index in memory: candidates come from the lsh table (one row per band key and
  // article, capped per key as MemoryLshStorage does, see candidatesFromPostings), fingerprints are read on
  // demand, and groups live in the copies and copy_links tables.
  /** Stores (or replaces) an article's signature and its LSH rows, pending; for articles stored without one. */
  putSignature(articleId: string, signature: SignatureRecord): Promise<void>;
  getSignature(articleId: string): Promise<Uint8Array | null>;
  /** The stored signatures of these articles (any order; unknown ids are left out). */
  getSignatures(articleIds: string[]): Promise<StoredSignature[]>;
  /** Stored signatures in storage order after a sequence number; `pending`: only those not yet grouped. */
  listSignatures(afterSeq?: number, opts?: { pending?: boolean; limit?: number }): Promise<StoredSignature[]>;
  /** Files a stored signature's band keys in the lsh table if they are not (idempotent; e.g. after a migration). */
  indexSignature(articleId: string, bandKeys: Uint32Array): Promise<void>;
  /** Runs fn while holding a named lock shared by every process using this store (corpus stages run one at a time). */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Grouped articles sharing a band key with these keys (excluding `exceptId`), in storage order, with
   * MemoryLshStorage's saturation rule: what a MemoryLshStorage holding the grouped articles would return.
   */
  lshCandidates(bandKeys: Uint32Array, exceptId?: string): Promise<string[]>;
  /** Copy relations touching any of these articles. */
  getCopyLinks(articleIds: string[]): Promise<CopyLinkRecord[]>;
  /** In one transaction: the relations found for a newly grouped article, its group's records, and marks it grouped. */
  putCopyGroup(articleId: string, links: CopyLinkRecord[], records: CopyRecord[]): Promise<void>;
  putCopies(records: CopyRecord[]): Promise<void>;
  getCopyGroup(articleId: string): Promise<CopyRecord[]>;

  // --- stories ---
  putStories(assignments: StoryAssignment[]): Promise<void>;
  listStoryAssignments(filter?: { storyline?: string; story?: string }): Promise<StoryAssignment[]>;
  /** One row per story, aggregated in the database (no article texts are read). */
  listStoryRows(): Promise<StoryRow[]>;
  /** How many articles of each storyline mention each person, organization and place. */
  storylineEntityCounts(): Promise<{ storyline: string; key: string; name: string; kind: string; articles: number }[]>;
  /** Summaries of the given articles (any order; unknown ids are left out). */
  getSummaries(ids: string[]): Promise<ArticleSummary[]>;

  // --- named state blobs for corpus stages (clusterer centroids, idf tables) ---
  getState<T = unknown>(name: string): Promise<T | null>;
  putState(name: string, value: unknown): Promise<void>;

  close(): Promise<void>;
}
