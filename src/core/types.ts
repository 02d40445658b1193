// The data model of Dossier (see ../shared/DESIGN.md, "Data model").
// This module imports nothing of ours: every other layer may depend on it.

/** Character span [start, end) into an article's `text` (UTF-16 code units, JavaScript string indices). */
export interface Span {
  start: number;
  end: number;
}

export type MediaType = "text/html" | "text/plain";

/** Raw input as it arrived, before extraction. */
export interface Document {
  /** Stable id of the input: file name without extensions, JSONL row id, or URL. */
  sourceId: string;
  /** Where it came from: a path, `path#line`, a URL. */
  origin: string;
  mediaType: MediaType;
  /** Decoded text (ingest decodes bytes to a string, honouring BOMs and declared charsets). */
  content: string;
  url?: string;
  /** Hints carried by the input (JSONL/CSV columns); extraction prefers page evidence but falls back to these. */
  hints?: { date?: string; outlet?: string; title?: string };
  fetchedAt?: string;
}

export type DatePrecision = "day" | "month" | "year";
export type DateSource = "header" | "meta" | "jsonld" | "dateline" | "text" | "inferred" | "input";

export interface PublishedDate {
  /** ISO date, truncated to the precision: `2023-07-07`, `2023-07`, `2023`. */
  date: string;
  precision: DatePrecision;
  source: DateSource;
  /** True when the date is an estimate (no date line or metadata on the page). */
  estimated?: boolean;
  /** Human-readable evidence for estimated dates ("copyright 2024", "latest date mentioned: 2024-11-20"). */
  evidence?: string[];
}

export type RemovalReason =
  | "navigation"
  | "caption"
  | "photo-credit"
  | "trending"
  | "related"
  | "share"
  | "copyright"
  | "ad"
  | "comments"
  | "header-line"
  | "footer"
  | "markup"
  | "duplicate-title"
  | "boilerplate";

/** A piece of the page that extraction dropped, with why. `text` is the dropped text itself. */
export interface Removal {
  text: string;
  reason: RemovalReason;
  /** Offset in the input's plain-text rendering when known (text dumps); absent for HTML. */
  offset?: number;
}

/** Output of extraction: the clean article, before it has an id. */
export interface ExtractedArticle {
  title: string | null;
  /** Authors joined with ", " as the page gives them ("Jane Doe, John Roe"). */
  byline: string | null;
  published: PublishedDate | null;
  outlet: string | null;
  /** Place of the dateline ("BEIJING") when the article has one. */
  dateline: string | null;
  language: string | null;
  /** Clean text, paragraphs separated by "\n\n". */
  text: string;
  removed: Removal[];
  url?: string | null;
}

export interface Article extends ExtractedArticle {
  /** Content hash of the clean text plus url (hex). */
  id: string;
  sourceId: string;
  origin: string;
  ingestedAt: string;
  /** Paragraph spans into `text`. */
  paragraphs: Span[];
}

// ---- Annotations (offsets into Article.text) ----

export interface Sentence extends Span {}

export type EntityKind = "person" | "org" | "place" | "other";

export interface Mention extends Span {
  text: string;
  kind: EntityKind;
  /** Canonical entity key within the article (see Entity.key). */
  entity: string;
}

export interface Entity {
  /** Canonical key, stable across articles: kind + normalized canonical name ("person:wang wenbin"). */
  key: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  /** Titles and roles seen with it ("Foreign Ministry spokesperson"). */
  roles: string[];
  /** Who it speaks for: a country or organization name ("China", "United States"). */
  side: string | null;
}

export interface Quote {
  /** The quoted or reported content. */
  content: Span;
  direct: boolean;
  cue: Span | null;
  /** The mention that names the speaker in the text (a name, title or pronoun). */
  source: Span | null;
  /** Canonical speaker name ("Wang Wenbin"), or the raw source text when unresolved. */
  speaker: string | null;
  /** Entity key of the speaker when resolved. */
  speakerEntity: string | null;
  side: string | null;
}

export type TimexType = "DATE" | "TIME" | "DURATION" | "SET";

export interface Timex extends Span {
  text: string;
  type: TimexType;
  /** TIMEX3-style value: `2023-07-07`, `2022-08`, `2019`, `2013-W11`, `2013-Q1`, `P1M`, `PRESENT_REF`. */
  value: string;
}

export interface Annotations {
  sentences: Sentence[];
  mentions: Mention[];
  entities: Entity[];
  quotes: Quote[];
  timexes: Timex[];
}

// ---- Corpus-level results ----

export type CopyKind = "verbatim" | "partial" | "edited" | "rewritten";

export interface CopyMember {
  articleId: string;
  /** Null for the original. */
  kind: CopyKind | null;
  similarity: number;
}

export interface CopyGroup {
  id: string;
  original: string;
  members: CopyMember[];
}

export interface Story {
  id: string;
  label: string;
  articleIds: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  keyEntities: string[];
  storylineId: string | null;
}

export interface Storyline {
  id: string;
  label: string;
  storyIds: string[];
  keyActors: string[];
}

export interface Citation {
  articleId: string;
  outlet: string | null;
  span: Span;
  /** Set when the cited article is a copy: the id of the original it repeats (not another source). */
  copyOf?: string;
}

export interface TimelineEntry {
  date: string;
  precision: DatePrecision;
  summary: string;
  citations: Citation[];
  /** Number of independent (non-copy) sources reporting it. */
  sources: number;
  /** What each side said about it: side -> quote texts. */
  sides?: Record<string, string[]>;
}

/** A rejected input: stored and shown, never a crash (DESIGN.md convention 2). */
export interface Rejection {
  ok: false;
  code: string;
  reason: string;
  origin: string;
}
