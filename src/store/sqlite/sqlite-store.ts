// The embedded store: SQLite through better-sqlite3, WAL journal, numbered migrations, FTS5 search.
// better-sqlite3 is synchronous; the Store interface is async so the same callers work on PostgreSQL.

import Database from "better-sqlite3";
import type { Annotations, Article, DatePrecision, PublishedDate, Rejection } from "../../core/types.ts";
import { LSH_LIMITS, candidatesFromPostings } from "../../dedup/lsh.ts";
import type {
  ArticleFilter,
  ArticleSummary,
  CopyLinkRecord,
  CopyRecord,
  EntityRecord,
  PutResult,
  QuoteFilter,
  QuoteRecord,
  SearchHit,
  SignatureRecord,
  Store,
  StoredRejection,
  StoredSignature,
  StoryAssignment,
  StoryRow,
} from "../store.ts";
import { countWords, summaryFromRow } from "../rows.ts";
import { MIGRATIONS } from "./migrations.ts";

type Row = Record<string, any>;

export function openSqliteStore(path: string = "dossier.db"): SqliteStore {
  return new SqliteStore(path);
}

export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
  }

  private migrate(): void {
    this.db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const row = this.db.prepare("SELECT max(version) AS v FROM schema_version").get() as Row;
    let current = (row?.v as number | null) ?? 0;
    for (const [i, sql] of MIGRATIONS.entries()) {
      const version = i + 1;
      if (version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(version);
      })();
      current = version;
    }
  }

  async seenInput(inputHash: string): Promise<string | "rejected" | null> {
    const r = this.db.prepare("SELECT article_id, rejected FROM inputs WHERE hash = ?").get(inputHash) as Row | undefined;
    if (!r) return null;
    return r.rejected ? "rejected" : (r.article_id as string);
  }

  // Statements on the copy stage's hot path, prepared once.
  private readonly statements = new Map<string, Database.Statement>();
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  async putArticle(a: Article, inputHash: string | null, signature?: SignatureRecord): Promise<PutResult> {
    return this.db.transaction((): PutResult => {
      if (inputHash) {
        this.db
          .prepare("INSERT OR REPLACE INTO inputs (hash, article_id, rejected, origin, at) VALUES (?, ?, 0, ?, ?)")
          .run(inputHash, a.id, a.origin, a.ingestedAt);
      }
      const exists = this.db.prepare("SELECT 1 FROM articles WHERE id = ?").get(a.id);
      if (exists) return { status: "duplicate", id: a.id };
      this.db
        .prepare(
          `INSERT INTO articles (id, source_id, origin, url, outlet, title, byline, published_date, published_precision,
             published_json, dateline, language, text, paragraphs_json, removed_json, ingested_at, words)
           VALUES (@id, @sourceId, @origin, @url, @outlet, @title, @byline, @pdate, @pprec, @pjson, @dateline, @language,
             @text, @paras, @removed, @ingestedAt, @words)`,
        )
        .run({
          id: a.id,
          sourceId: a.sourceId,
          origin: a.origin,
          url: a.url ?? null,
          outlet: a.outlet,
          title: a.title,
          byline: a.byline,
          pdate: a.published?.date ?? null,
          pprec: a.published?.precision ?? null,
          pjson: a.published ? JSON.stringify(a.published) : null,
          dateline: a.dateline,
          language: a.language,
          text: a.text,
          paras: JSON.stringify(a.paragraphs.map((p) => [p.start, p.end])),
          removed: JSON.stringify(a.removed),
          ingestedAt: a.ingestedAt,
          words: countWords(a.text),
        });
      if (signature) this.insertSignature(a.id, signature);
      return { status: "added", id: a.id };
    })();
  }

  async getArticle(id: string): Promise<Article | null> {
    const r = this.db.prepare("SELECT * FROM articles WHERE id = ?").get(id) as Row | undefined;
    return r ? rowToArticle(r) : null;
  }

  async updatePublished(id: string, p: PublishedDate | null): Promise<void> {
    this.db
      .prepare("UPDATE articles SET published_date = ?, published_precision = ?, published_json = ? WHERE id = ?")
      .run(p?.date ?? null, p?.precision ?? null, p ? JSON.stringify(p) : null, id);
  }

  async resolveId(prefix: string): Promise<string | null> {
    if (!/^[0-9a-f]{4,64}$/i.test(prefix)) return null;
    const rows = this.db.prepare("SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2").all(prefix, prefix + "g") as Row[];
    return rows.length === 1 ? (rows[0]!.id as string) : null;
  }

  private where(f: ArticleFilter = {}): { sql: string; params: unknown[] } {
    const c: string[] = [];
    const params: unknown[] = [];
    if (f.outlet) {
      c.push("lower(a.outlet) = lower(?)");
      params.push(f.outlet);
    }
    if (f.from) {
      c.push("a.published_date >= ?");
      params.push(f.from);
    }
    if (f.to) {
      // "2023-07" as an upper bound includes every day of July: compare against the bound's end.
      c.push("a.published_date <= ?");
      params.push(f.to + "\uffff");
    }
    if (f.originalsOnly) c.push("(c.original IS NULL OR c.original = 1)");
    return { sql: c.length ? "WHERE " + c.join(" AND ") : "", params };
  }

  async listArticles(f: ArticleFilter = {}): Promise<ArticleSummary[]> {
    const w = this.where(f);
    const rows = this.db
      .prepare(
        `${SUMMARY_SELECT} ${w.sql}
         ORDER BY a.published_date IS NULL, a.published_date DESC, a.ingested_at DESC, a.id LIMIT ? OFFSET ?`,
      )
      .all(...w.params, f.limit ?? 50, f.offset ?? 0) as Row[];
    return rows.map(rowToSummary);
  }

  async countArticles(f: ArticleFilter = {}): Promise<number> {
    const w = this.where(f);
    const r = this.db.prepare(`SELECT count(*) AS n FROM articles a LEFT JOIN copies c ON c.article_id = a.id ${w.sql}`).get(...w.params) as Row;
    return r.n as number;
  }

  async search(query: string, f: ArticleFilter = {}, opts: { snippets?: boolean } = {}): Promise<SearchHit[]> {
    const match = toFtsQuery(query);
    if (!match) return [];
    const w = this.where(f);
    const filters = w.sql ? `AND ${w.sql.slice("WHERE ".length)}` : "";
    const offset = f.offset ?? 0;
    const need = offset + (f.limit ?? 20);
    // Each copy group once, at its best member's rank, shown through its original when the original matched
    // (else through its best-ranked member); ties in rank go by the shown article's id. Matches are read in
    // rank order, a growing prefix at a time, until the page's groups are complete: window functions over
    // every match cost 3-4x as much on common words.
    const ranked = this.db.prepare(
      `SELECT a.rowid AS hrow, a.id, c.group_id AS g, c.original AS orig, bm25(articles_fts, 5.0, 1.0) AS score
       FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid LEFT JOIN copies c ON c.article_id = a.id
       WHERE articles_fts MATCH ? ${filters} ORDER BY score LIMIT ?`,
    );
    interface Group { rank: number; shown: Row; original: boolean; key: string }
    /** Rank of the page's last group (Infinity while fewer groups than the page needs). */
    const pageEnd = (gs: Group[]) => (gs.length >= need ? gs.map((x) => x.rank).sort((x, y) => x - y)[need - 1]! : Infinity);
    let groups: Group[] = [];
    for (let k = Math.max(64, need * 4); ; k *= 4) {
      const rows = ranked.all(match, ...w.params, k) as Row[];
      const byKey = new Map<string, Group>();
      for (const r of rows) {
        const key = (r.g as string | null) ?? (r.id as string);
        const e = byKey.get(key);
        if (!e) byKey.set(key, { rank: r.score, shown: r, original: r.g == null || r.orig === 1, key });
        else if (!e.original && r.orig === 1) Object.assign(e, { shown: r, original: true });
      }
      groups = [...byKey.values()];
      if (rows.length < k) break; // every match read
      // Complete once the last row read ranks after the page's last group (no tie left unread).
      if ((rows[rows.length - 1]!.score as number) > pageEnd(groups)) break;
    }
    // A group's original may rank below what was read: show it when it matches too.
    const boundary = pageEnd(groups);
    const originalOf = this.db.prepare("SELECT a.rowid AS hrow, a.id FROM copies c JOIN articles a ON a.id = c.article_id WHERE c.group_id = ? AND c.original = 1");
    const matches = this.db.prepare(
      `SELECT a.rowid AS hrow, a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid LEFT JOIN copies c ON c.article_id = a.id
       WHERE articles_fts MATCH ? AND articles_fts.rowid = CAST(? AS INTEGER) ${filters}`,
    );
    for (const g of groups) {
      if (g.original || g.rank > boundary) continue;
      const o = originalOf.get(g.key) as Row | undefined;
      const hit = o ? (matches.get(match, o.hrow, ...w.params) as Row | undefined) : undefined;
      if (hit) Object.assign(g, { shown: hit, original: true });
    }
    const page = groups
      .sort((x, y) => x.rank - y.rank || (x.shown.id < y.shown.id ? -1 : x.shown.id > y.shown.id ? 1 : 0))
      .slice(offset, need);
    const summary = this.db.prepare(`${SUMMARY_SELECT} WHERE a.rowid = ?`);
    // Snippets are computed for the returned page only (they cost a pass over each article's text).
    // CAST: better-sqlite3 binds numbers as REAL, and FTS5 ignores a rowid constraint given a REAL (every
    // hit would get the first match's snippet).
    const snip = this.db.prepare("SELECT snippet(articles_fts, 1, '[', ']', ' … ', 16) AS s FROM articles_fts WHERE articles_fts MATCH ? AND rowid = CAST(? AS INTEGER)");
    return page.map((g) => ({
      ...rowToSummary(summary.get(g.shown.hrow) as Row),
      snippet: opts.snippets === false ? "" : (((snip.get(match, g.shown.hrow) as Row | undefined)?.s as string) ?? ""),
      rank: -g.rank,
    }));
  }

  async putRejection(rej: Rejection, inputHash: string | null): Promise<void> {
    const at = new Date().toISOString();
    this.db.transaction(() => {
      if (inputHash) {
        const prior = this.db.prepare("SELECT 1 FROM inputs WHERE hash = ?").get(inputHash);
        if (prior) return;
        this.db.prepare("INSERT INTO inputs (hash, article_id, rejected, origin, at) VALUES (?, NULL, 1, ?, ?)").run(inputHash, rej.origin, at);
      }
      this.db
        .prepare("INSERT INTO rejections (origin, code, reason, input_hash, at) VALUES (?, ?, ?, ?, ?)")
        .run(rej.origin, rej.code, rej.reason, inputHash, at);
    })();
  }

  async listRejections(o: { limit?: number; offset?: number } = {}): Promise<StoredRejection[]> {
    const rows = this.db.prepare("SELECT * FROM rejections ORDER BY id DESC LIMIT ? OFFSET ?").all(o.limit ?? 100, o.offset ?? 0) as Row[];
    return rows.map((r) => ({ id: r.id, ok: false as const, origin: r.origin, code: r.code, reason: r.reason, inputHash: r.input_hash, at: r.at }));
  }

  async putAnnotations(articleId: string, ann: Annotations, version: string): Promise<void> {
    const art = this.db.prepare("SELECT text, published_date, outlet FROM articles WHERE id = ?").get(articleId) as Row | undefined;
    if (!art) throw new Error(`putAnnotations: no article ${articleId}`);
    this.db.transaction(() => {
      this.db.prepare("INSERT OR REPLACE INTO annotations (article_id, version, json) VALUES (?, ?, ?)").run(articleId, version, JSON.stringify(ann));
      this.db.prepare("DELETE FROM quotes WHERE article_id = ?").run(articleId);
      this.db.prepare("DELETE FROM entity_mentions WHERE article_id = ?").run(articleId);
      const insQ = this.db.prepare(
        `INSERT INTO quotes (article_id, idx, start, end, direct, cue_start, cue_end, src_start, src_end, speaker, speaker_entity, side, text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      ann.quotes.forEach((q, i) =>
        insQ.run(
          articleId, i, q.content.start, q.content.end, q.direct ? 1 : 0, q.cue?.start ?? null, q.cue?.end ?? null,
          q.source?.start ?? null, q.source?.end ?? null, q.speaker, q.speakerEntity, q.side,
          (art.text as string).slice(q.content.start, q.content.end),
        ),
      );
      const insE = this.db.prepare(
        `INSERT INTO entities (key, name, kind, side, roles_json, aliases_json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET
           side = coalesce(entities.side, excluded.side),
           roles_json = excluded.roles_json, aliases_json = excluded.aliases_json,
           name = CASE WHEN length(excluded.name) > length(entities.name) THEN excluded.name ELSE entities.name END`,
      );
      const insM = this.db.prepare("INSERT OR REPLACE INTO entity_mentions (article_id, entity_key, mentions, side) VALUES (?, ?, ?, ?)");
      const majority = this.db.prepare(
        "SELECT side FROM entity_mentions WHERE entity_key = ? AND side IS NOT NULL GROUP BY side ORDER BY count(*) DESC, side LIMIT 1",
      );
      const setSide = this.db.prepare("UPDATE entities SET side = ? WHERE key = ?");
      const setQuoteSide = this.db.prepare("UPDATE quotes SET side = ? WHERE speaker_entity = ? AND side IS NOT ?");
      const counts = new Map<string, number>();
      for (const m of ann.mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
      for (const e of ann.entities) {
        const prior = this.db.prepare("SELECT roles_json, aliases_json FROM entities WHERE key = ?").get(e.key) as Row | undefined;
        const roles = union(prior ? JSON.parse(prior.roles_json) : [], e.roles);
        const aliases = union(prior ? JSON.parse(prior.aliases_json) : [], e.aliases);
        insE.run(e.key, e.name, e.kind, e.side, JSON.stringify(roles), JSON.stringify(aliases));
        insM.run(articleId, e.key, counts.get(e.key) ?? 0, e.side);
        // A person speaks for one side across the store: the one most articles give them.
        if (e.kind !== "person") continue;
        const side = (majority.get(e.key) as Row | undefined)?.side as string | undefined;
        if (!side) continue;
        setSide.run(side, e.key);
        setQuoteSide.run(side, e.key, side);
      }
    })();
  }

  async getAnnotations(articleId: string): Promise<Annotations | null> {
    const r = this.db.prepare("SELECT json FROM annotations WHERE article_id = ?").get(articleId) as Row | undefined;
    return r ? (JSON.parse(r.json) as Annotations) : null;
  }

  async listQuotes(f: QuoteFilter = {}): Promise<QuoteRecord[]> {
    const c: string[] = [];
    const p: unknown[] = [];
    if (f.speaker) {
      c.push("(q.speaker LIKE ? OR q.speaker_entity = ?)");
      p.push(`%${f.speaker}%`, f.speaker);
    }
    if (f.side) {
      c.push("lower(q.side) = lower(?)");
      p.push(f.side);
    }
    if (f.articleId) {
      c.push("q.article_id = ?");
      p.push(f.articleId);
    }
    const rows = this.db
      .prepare(
        `SELECT q.*, a.published_date, a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id
         ${c.length ? "WHERE " + c.join(" AND ") : ""}
         ORDER BY a.published_date IS NULL, a.published_date, q.article_id, q.idx LIMIT ? OFFSET ?`,
      )
      .all(...p, f.limit ?? 100, f.offset ?? 0) as Row[];
    return rows.map((r) => ({
      articleId: r.article_id,
      content: { start: r.start, end: r.end },
      direct: !!r.direct,
      cue: r.cue_start == null ? null : { start: r.cue_start, end: r.cue_end },
      source: r.src_start == null ? null : { start: r.src_start, end: r.src_end },
      speaker: r.speaker,
      speakerEntity: r.speaker_entity,
      side: r.side,
      text: r.text,
      date: r.published_date,
      outlet: r.outlet,
    }));
  }

  async listEntities(o: { kind?: string; limit?: number; offset?: number } = {}): Promise<EntityRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT e.*, count(m.article_id) AS articles, coalesce(sum(m.mentions), 0) AS mentions
         FROM entities e LEFT JOIN entity_mentions m ON m.entity_key = e.key
         ${o.kind ? "WHERE e.kind = ?" : ""}
         GROUP BY e.key ORDER BY articles DESC, mentions DESC, e.name LIMIT ? OFFSET ?`,
      )
      .all(...(o.kind ? [o.kind] : []), o.limit ?? 100, o.offset ?? 0) as Row[];
    return rows.map((r) => ({
      key: r.key, name: r.name, kind: r.kind, side: r.side,
      roles: JSON.parse(r.roles_json), aliases: JSON.parse(r.aliases_json),
      articles: r.articles, mentions: r.mentions,
    }));
  }

  async putSignature(articleId: string, signature: SignatureRecord): Promise<void> {
    this.db.transaction(() => this.insertSignature(articleId, signature))();
  }

  /** A replaced signature gets a new seq: the lsh rows of the old one no longer join a signature and are ignored. */
  private insertSignature(articleId: string, r: SignatureRecord): void {
    this.stmt("DELETE FROM copy_pending WHERE seq = (SELECT seq FROM signatures WHERE article_id = ?)").run(articleId);
    this.stmt("DELETE FROM signatures WHERE article_id = ?").run(articleId);
    const { lastInsertRowid } = this.stmt("INSERT INTO signatures (article_id, sig, meta_json) VALUES (?, ?, ?)").run(articleId, Buffer.from(r.signature), JSON.stringify(r.meta));
    this.stmt("INSERT INTO copy_pending (seq) VALUES (?)").run(lastInsertRowid);
    this.fileBands(Number(lastInsertRowid), r.bandKeys);
  }

  // Keys are stored as int32 (`| 0`: 4 bytes in a record instead of 6). A key stops being filed once it holds
  // maxPerKey rows, as in MemoryLshStorage. (One query finds the full keys: an INSERT ... SELECT guarded by a
  // count on the same table costs twice as much, SQLite materializing the SELECT.)
  private fileBands(doc: number, bandKeys: Uint32Array): void {
    const keys = Array.from(bandKeys, (k) => k | 0);
    const full = new Set(
      this.stmt("SELECT value FROM json_each(?) WHERE EXISTS (SELECT 1 FROM lsh WHERE band_key = value LIMIT 1 OFFSET ?)")
        .pluck()
        .all(JSON.stringify(keys), LSH_LIMITS.maxPerKey - 1) as number[],
    );
    const ins = this.stmt("INSERT OR IGNORE INTO lsh (band_key, doc) VALUES (?, ?)");
    for (const k of keys) if (!full.has(k)) ins.run(k, doc);
  }

  async getSignature(articleId: string): Promise<Uint8Array | null> {
    const r = this.stmt("SELECT sig FROM signatures WHERE article_id = ?").get(articleId) as Row | undefined;
    return r ? new Uint8Array(r.sig as Buffer) : null;
  }

  async getSignatures(articleIds: string[]): Promise<StoredSignature[]> {
    if (!articleIds.length) return [];
    const rows = this.stmt(`SELECT ${SIGNATURE_COLUMNS} FROM signatures s WHERE s.article_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(articleIds)) as Row[];
    return rows.map(rowToSignature);
  }

  async listSignatures(afterSeq = 0, opts: { pending?: boolean; limit?: number } = {}): Promise<StoredSignature[]> {
    const rows = this.stmt(
      opts.pending
        ? `SELECT ${SIGNATURE_COLUMNS} FROM copy_pending p JOIN signatures s ON s.seq = p.seq WHERE p.seq > ? ORDER BY p.seq LIMIT ?`
        : `SELECT ${SIGNATURE_COLUMNS} FROM signatures s WHERE s.seq > ? ORDER BY s.seq LIMIT ?`,
    ).all(afterSeq, opts.limit ?? -1) as Row[];
    return rows.map(rowToSignature);
  }

  async indexSignature(articleId: string, bandKeys: Uint32Array): Promise<void> {
    const r = this.stmt("SELECT seq FROM signatures WHERE article_id = ?").get(articleId) as Row | undefined;
    if (r) this.db.transaction(() => this.fileBands(r.seq as number, bandKeys))();
  }

  private readonly locks = new Map<string, Promise<unknown>>();

  /** One process owns an embedded database; the lock serializes callers within it. */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(name) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    this.locks.set(name, run.catch(() => undefined));
    return run;
  }

  async lshCandidates(bandKeys: Uint32Array, exceptId?: string): Promise<string[]> {
    if (!bandKeys.length) return [];
    const self = exceptId ? ((this.stmt("SELECT seq FROM signatures WHERE article_id = ?").get(exceptId) as Row | undefined)?.seq ?? -1) : -1;
    // One query for every key: a key holds at most maxPerKey rows (fileBands), so no per-key LIMIT is needed.
    const rows = this.stmt(
      `SELECT l.band_key AS key, l.doc AS doc, s.article_id AS value FROM lsh l JOIN signatures s ON s.seq = l.doc
       WHERE l.band_key IN (SELECT value FROM json_each(?)) AND l.doc <> ? AND l.doc NOT IN (SELECT seq FROM copy_pending)`,
    ).all(JSON.stringify(Array.from(bandKeys, (k) => k | 0)), self) as { key: number; doc: number; value: string }[];
    return candidatesFromPostings(rows);
  }

  async getCopyLinks(articleIds: string[]): Promise<CopyLinkRecord[]> {
    if (!articleIds.length) return [];
    const rows = this.stmt(
      `SELECT a, b, kind, similarity FROM copy_links WHERE a IN (SELECT value FROM json_each(@ids))
       UNION SELECT a, b, kind, similarity FROM copy_links WHERE b IN (SELECT value FROM json_each(@ids))`,
    ).all({ ids: JSON.stringify(articleIds) }) as Row[];
    return rows.map((r) => ({ a: r.a, b: r.b, kind: r.kind, similarity: r.similarity }));
  }

  async putCopyGroup(articleId: string, links: CopyLinkRecord[], records: CopyRecord[]): Promise<void> {
    const link = this.stmt("INSERT OR REPLACE INTO copy_links (a, b, kind, similarity) VALUES (?, ?, ?, ?)");
    this.db.transaction(() => {
      for (const l of links) link.run(l.a, l.b, l.kind, l.similarity);
      this.writeCopies(records);
      this.stmt("DELETE FROM copy_pending WHERE seq = (SELECT seq FROM signatures WHERE article_id = ?)").run(articleId);
    })();
  }

  async putCopies(records: CopyRecord[]): Promise<void> {
    this.db.transaction(() => this.writeCopies(records))();
  }

  private writeCopies(records: CopyRecord[]): void {
    const ins = this.stmt("INSERT OR REPLACE INTO copies (article_id, group_id, original, kind, similarity) VALUES (?, ?, ?, ?, ?)");
    for (const r of records) ins.run(r.articleId, r.group, r.original ? 1 : 0, r.kind, r.similarity);
  }

  async getCopyGroup(articleId: string): Promise<CopyRecord[]> {
    const rows = this.stmt("SELECT * FROM copies WHERE group_id = (SELECT group_id FROM copies WHERE article_id = ?) ORDER BY original DESC, similarity DESC").all(
      articleId,
    ) as Row[];
    return rows.map((r) => ({ articleId: r.article_id, group: r.group_id, original: !!r.original, kind: r.kind, similarity: r.similarity }));
  }

  async putStories(assignments: StoryAssignment[]): Promise<void> {
    const ins = this.db.prepare("INSERT OR REPLACE INTO stories (article_id, story_id, storyline_id) VALUES (?, ?, ?)");
    this.db.transaction(() => {
      for (const s of assignments) ins.run(s.articleId, s.story, s.storyline);
    })();
  }

  async listStoryAssignments(f: { storyline?: string; story?: string } = {}): Promise<StoryAssignment[]> {
    const c: string[] = [];
    const p: string[] = [];
    if (f.storyline) {
      c.push("coalesce(storyline_id, story_id) = ?");
      p.push(f.storyline);
    }
    if (f.story) {
      c.push("story_id = ?");
      p.push(f.story);
    }
    const rows = this.db.prepare(`SELECT * FROM stories ${c.length ? "WHERE " + c.join(" AND ") : ""} ORDER BY story_id, article_id`).all(...p) as Row[];
    return rows.map((r) => ({ articleId: r.article_id, story: r.story_id, storyline: r.storyline_id }));
  }

  async listStoryRows(): Promise<StoryRow[]> {
    const rows = this.db
      .prepare(
        `SELECT story_id, storyline_id, count(*) AS articles, sum(orig) AS originals, min(published_date) AS first, max(published_date) AS last,
           json_group_array(outlet) AS outlets, json_group_array(article_id) AS ids,
           max(CASE WHEN rn = 1 THEN title END) AS lead_title
         FROM (
           SELECT s.story_id, s.storyline_id, s.article_id, coalesce(a.title, substr(a.text, 1, 240)) AS title, a.outlet, a.published_date,
             CASE WHEN c.original IS NULL OR c.original = 1 THEN 1 ELSE 0 END AS orig,
             row_number() OVER (PARTITION BY s.story_id ORDER BY CASE WHEN c.original = 0 THEN 1 ELSE 0 END, a.published_date IS NULL, a.published_date, a.words DESC, a.id) AS rn
           FROM stories s JOIN articles a ON a.id = s.article_id LEFT JOIN copies c ON c.article_id = a.id
         ) GROUP BY story_id`,
      )
      .all() as Row[];
    return rows.map((r) => ({
      story: r.story_id,
      storyline: r.storyline_id,
      articles: r.articles,
      originals: r.originals,
      first: r.first,
      last: r.last,
      outlets: [...new Set((JSON.parse(r.outlets) as (string | null)[]).filter((o): o is string => !!o))],
      articleIds: JSON.parse(r.ids),
      leadTitle: r.lead_title,
    }));
  }

  async storylineEntityCounts(): Promise<{ storyline: string; key: string; name: string; kind: string; articles: number }[]> {
    const rows = this.db
      .prepare(
        `SELECT coalesce(s.storyline_id, s.story_id) AS storyline, e.key, e.name, e.kind, count(DISTINCT m.article_id) AS articles
         FROM stories s JOIN entity_mentions m ON m.article_id = s.article_id JOIN entities e ON e.key = m.entity_key
         WHERE e.kind IN ('person', 'org', 'place')
         GROUP BY storyline, e.key ORDER BY storyline, articles DESC, e.name`,
      )
      .all() as Row[];
    return rows.map((r) => ({ storyline: r.storyline, key: r.key, name: r.name, kind: r.kind, articles: r.articles }));
  }

  async getSummaries(ids: string[]): Promise<ArticleSummary[]> {
    const out: ArticleSummary[] = [];
    // Chunks stay under SQLite's bound-parameter limit.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db.prepare(`${SUMMARY_SELECT} WHERE a.id IN (${chunk.map(() => "?").join(",")})`).all(...chunk) as Row[];
      out.push(...rows.map(rowToSummary));
    }
    return out;
  }

  async getState<T = unknown>(name: string): Promise<T | null> {
    const r = this.db.prepare("SELECT json FROM state WHERE name = ?").get(name) as Row | undefined;
    return r ? (JSON.parse(r.json) as T) : null;
  }

  async putState(name: string, value: unknown): Promise<void> {
    this.db.prepare("INSERT OR REPLACE INTO state (name, json) VALUES (?, ?)").run(name, JSON.stringify(value));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

const SUMMARY_SELECT = `SELECT a.rowid AS rowid, a.id, a.title, a.outlet, a.byline, a.published_date, a.published_precision, a.published_json,
  a.url, a.origin, a.words, c.group_id, c.original,
  (SELECT count(*) - 1 FROM copies c2 WHERE c2.group_id = c.group_id) AS copies
  FROM articles a LEFT JOIN copies c ON c.article_id = a.id`;

function rowToSummary(r: Row): ArticleSummary {
  return summaryFromRow(r, r.published_json ? JSON.parse(r.published_json) : null);
}

function rowToArticle(r: Row): Article {
  return {
    id: r.id,
    sourceId: r.source_id,
    origin: r.origin,
    url: r.url,
    outlet: r.outlet,
    title: r.title,
    byline: r.byline,
    published: r.published_json ? JSON.parse(r.published_json) : null,
    dateline: r.dateline,
    language: r.language,
    text: r.text,
    paragraphs: (JSON.parse(r.paragraphs_json) as [number, number][]).map(([start, end]) => ({ start, end })),
    removed: JSON.parse(r.removed_json),
    ingestedAt: r.ingested_at,
  };
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Turns a user query into a safe FTS5 expression: words become quoted prefix-free terms, "phrases" stay phrases, OR kept. */
export function toFtsQuery(q: string): string {
  const parts: string[] = [];
  const re = /"([^"]+)"|(\bOR\b)|([\p{L}\p{N}][\p{L}\p{N}'’-]*)/gu;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    if (m[1]) {
      const words = m[1].match(/[\p{L}\p{N}]+/gu);
      if (words) parts.push(`"${words.join(" ")}"`);
    } else if (m[2]) {
      if (parts.length && parts[parts.length - 1] !== "OR") parts.push("OR");
    } else if (m[3]) {
      for (const w of m[3].match(/[\p{L}\p{N}]+/gu) ?? []) parts.push(`"${w}"`);
    }
  }
  while (parts[parts.length - 1] === "OR") parts.pop();
  return parts.join(" ");
}

// A signature is grouped once its seq has left copy_pending.
const SIGNATURE_COLUMNS = "s.seq AS seq, s.article_id AS article_id, s.sig AS sig, s.meta_json AS meta_json, s.seq NOT IN (SELECT seq FROM copy_pending) AS grouped";

function rowToSignature(r: Row): StoredSignature {
  return { seq: r.seq, articleId: r.article_id, signature: new Uint8Array(r.sig as Buffer), meta: JSON.parse(r.meta_json ?? "{}"), grouped: !!r.grouped };
}

