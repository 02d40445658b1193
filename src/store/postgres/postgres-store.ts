// The shared store for scaling out: PostgreSQL through node-postgres. Same interface and the same test
// suite as SQLite; full-text search on a generated tsvector with a GIN index. Every table lives in one
// schema (default "dossier") so several stores can share a database.

import pg from "pg";
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

type Row = Record<string, any>;

const MIGRATIONS = (s: string): string[] => [
  `CREATE TABLE ${s}.articles (
     seq BIGSERIAL UNIQUE,
     id TEXT PRIMARY KEY, source_id TEXT NOT NULL, origin TEXT NOT NULL, url TEXT, outlet TEXT, title TEXT, byline TEXT,
     published_date TEXT, published_precision TEXT, published_json JSONB, dateline TEXT, language TEXT,
     text TEXT NOT NULL, paragraphs_json JSONB NOT NULL, removed_json JSONB NOT NULL, ingested_at TEXT NOT NULL, words INTEGER NOT NULL,
     tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')) STORED
   );
   CREATE INDEX articles_date ON ${s}.articles (published_date);
   CREATE INDEX articles_order ON ${s}.articles ((published_date IS NULL), published_date DESC, ingested_at DESC, id);
   CREATE INDEX articles_outlet ON ${s}.articles (lower(outlet));
   CREATE INDEX articles_tsv ON ${s}.articles USING GIN (tsv);
   CREATE TABLE ${s}.inputs (hash TEXT PRIMARY KEY, article_id TEXT, rejected BOOLEAN NOT NULL DEFAULT false, origin TEXT NOT NULL, at TEXT NOT NULL);
   CREATE TABLE ${s}.rejections (id BIGSERIAL PRIMARY KEY, origin TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, input_hash TEXT, at TEXT NOT NULL);`,
  `CREATE TABLE ${s}.annotations (article_id TEXT PRIMARY KEY REFERENCES ${s}.articles (id) ON DELETE CASCADE, version TEXT NOT NULL, json JSONB NOT NULL);
   CREATE TABLE ${s}.quotes (
     article_id TEXT NOT NULL REFERENCES ${s}.articles (id) ON DELETE CASCADE, idx INTEGER NOT NULL,
     start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL, direct BOOLEAN NOT NULL,
     cue_start INTEGER, cue_end INTEGER, src_start INTEGER, src_end INTEGER,
     speaker TEXT, speaker_entity TEXT, side TEXT, text TEXT NOT NULL, PRIMARY KEY (article_id, idx));
   CREATE INDEX quotes_speaker ON ${s}.quotes (speaker_entity);
   CREATE INDEX quotes_side ON ${s}.quotes (lower(side));
   CREATE TABLE ${s}.entities (key TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, side TEXT, roles_json JSONB NOT NULL, aliases_json JSONB NOT NULL);
   CREATE TABLE ${s}.entity_mentions (article_id TEXT NOT NULL REFERENCES ${s}.articles (id) ON DELETE CASCADE, entity_key TEXT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (article_id, entity_key));
   CREATE INDEX entity_mentions_key ON ${s}.entity_mentions (entity_key);`,
  `CREATE TABLE ${s}.signatures (seq BIGSERIAL UNIQUE, article_id TEXT PRIMARY KEY REFERENCES ${s}.articles (id) ON DELETE CASCADE, sig BYTEA NOT NULL, meta_json JSONB);
   CREATE TABLE ${s}.lsh (band_key TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES ${s}.articles (id) ON DELETE CASCADE, PRIMARY KEY (band_key, article_id));
   CREATE INDEX lsh_article ON ${s}.lsh (article_id);
   CREATE TABLE ${s}.copies (article_id TEXT PRIMARY KEY REFERENCES ${s}.articles (id) ON DELETE CASCADE, group_id TEXT NOT NULL, original BOOLEAN NOT NULL, kind TEXT, similarity DOUBLE PRECISION NOT NULL);
   CREATE INDEX copies_group ON ${s}.copies (group_id);
   CREATE TABLE ${s}.stories (article_id TEXT PRIMARY KEY REFERENCES ${s}.articles (id) ON DELETE CASCADE, story_id TEXT NOT NULL, storyline_id TEXT);
   CREATE INDEX stories_story ON ${s}.stories (story_id);
   CREATE TABLE ${s}.state (name TEXT PRIMARY KEY, json JSONB NOT NULL);`,
  // 4: copy candidates from the store (see the SQLite migration 6): lsh rows as (int4 key, signature seq), the
  // signatures not yet grouped, the copy relations found. Existing signatures come back pending and are regrouped once.
  `CREATE TABLE ${s}.copy_pending (seq BIGINT PRIMARY KEY);
   INSERT INTO ${s}.copy_pending (seq) SELECT seq FROM ${s}.signatures;
   DROP TABLE ${s}.lsh;
   CREATE TABLE ${s}.lsh (band_key INTEGER NOT NULL, doc BIGINT NOT NULL, PRIMARY KEY (band_key, doc));
   CREATE TABLE ${s}.copy_links (a TEXT NOT NULL REFERENCES ${s}.articles (id) ON DELETE CASCADE, b TEXT NOT NULL REFERENCES ${s}.articles (id) ON DELETE CASCADE,
     kind TEXT NOT NULL, similarity DOUBLE PRECISION NOT NULL, PRIMARY KEY (a, b));
   CREATE INDEX copy_links_b ON ${s}.copy_links (b);`,
  // 5: the side each article gives an entity, so a person's side is what most articles say
  `ALTER TABLE ${s}.entity_mentions ADD COLUMN side TEXT;`,
];

export async function openPostgresStore(connectionString: string, schema = "dossier"): Promise<PostgresStore> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const pool = new pg.Pool({ connectionString, max: 8 });
  const store = new PostgresStore(pool, schema);
  await store.migrate();
  return store;
}

export class PostgresStore implements Store {
  readonly kind = "postgres" as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  private t(name: string): string {
    return `${this.schema}.${name}`;
  }

  async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query("BEGIN");
      // One migrator at a time across workers.
      await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`dossier-migrate:${this.schema}`]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await c.query(`CREATE TABLE IF NOT EXISTS ${this.t("schema_version")} (version INTEGER NOT NULL)`);
      const { rows } = await c.query(`SELECT coalesce(max(version), 0) AS v FROM ${this.t("schema_version")}`);
      const current = Number(rows[0].v);
      const all = MIGRATIONS(this.schema);
      for (let i = current; i < all.length; i++) {
        await c.query(all[i]!);
        await c.query(`INSERT INTO ${this.t("schema_version")} (version) VALUES ($1)`, [i + 1]);
      }
      await c.query("COMMIT");
    } catch (e) {
      await c.query("ROLLBACK");
      throw e;
    } finally {
      c.release();
    }
  }

  /** A transaction, retried when PostgreSQL aborts it as a deadlock or serialization victim. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>, attempts = 4): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const c = await this.pool.connect();
      try {
        await c.query("BEGIN");
        const r = await fn(c);
        await c.query("COMMIT");
        return r;
      } catch (e) {
        await c.query("ROLLBACK");
        const code = (e as { code?: string }).code;
        if ((code === "40P01" || code === "40001") && attempt < attempts) {
          await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
          continue;
        }
        throw e;
      } finally {
        c.release();
      }
    }
  }

  async seenInput(inputHash: string): Promise<string | "rejected" | null> {
    const { rows } = await this.pool.query(`SELECT article_id, rejected FROM ${this.t("inputs")} WHERE hash = $1`, [inputHash]);
    if (!rows.length) return null;
    return rows[0].rejected ? "rejected" : rows[0].article_id;
  }

  async putArticle(a: Article, inputHash: string | null, signature?: SignatureRecord): Promise<PutResult> {
    return this.tx(async (c) => {
      if (inputHash) {
        await c.query(
          `INSERT INTO ${this.t("inputs")} (hash, article_id, rejected, origin, at) VALUES ($1, $2, false, $3, $4)
           ON CONFLICT (hash) DO UPDATE SET article_id = excluded.article_id, rejected = false`,
          [inputHash, a.id, a.origin, a.ingestedAt],
        );
      }
      const r = await c.query(
        `INSERT INTO ${this.t("articles")} (id, source_id, origin, url, outlet, title, byline, published_date, published_precision,
           published_json, dateline, language, text, paragraphs_json, removed_json, ingested_at, words)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) ON CONFLICT (id) DO NOTHING`,
        [
          a.id, a.sourceId, a.origin, a.url ?? null, a.outlet, a.title, a.byline, a.published?.date ?? null, a.published?.precision ?? null,
          a.published ? JSON.stringify(a.published) : null, a.dateline, a.language, a.text,
          JSON.stringify(a.paragraphs.map((p) => [p.start, p.end])), JSON.stringify(a.removed), a.ingestedAt, countWords(a.text),
        ],
      );
      if (!r.rowCount) return { status: "duplicate" as const, id: a.id };
      if (signature) await this.insertSignature(c, a.id, signature);
      return { status: "added" as const, id: a.id };
    });
  }

  async getArticle(id: string): Promise<Article | null> {
    const { rows } = await this.pool.query(`SELECT * FROM ${this.t("articles")} WHERE id = $1`, [id]);
    return rows.length ? rowToArticle(rows[0]) : null;
  }

  async updatePublished(id: string, p: PublishedDate | null): Promise<void> {
    await this.pool.query(`UPDATE ${this.t("articles")} SET published_date = $2, published_precision = $3, published_json = $4 WHERE id = $1`, [
      id, p?.date ?? null, p?.precision ?? null, p ? JSON.stringify(p) : null,
    ]);
  }

  async resolveId(prefix: string): Promise<string | null> {
    if (!/^[0-9a-f]{4,64}$/i.test(prefix)) return null;
    const { rows } = await this.pool.query(`SELECT id FROM ${this.t("articles")} WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 2`, [prefix, prefix + "g"]);
    return rows.length === 1 ? rows[0].id : null;
  }

  private where(f: ArticleFilter, params: unknown[]): string {
    const c: string[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.outlet) c.push(`lower(a.outlet) = lower(${p(f.outlet)})`);
    if (f.from) c.push(`a.published_date >= ${p(f.from)}`);
    if (f.to) c.push(`a.published_date <= ${p(f.to + "\uffff")}`);
    if (f.originalsOnly) c.push("(c.original IS NULL OR c.original)");
    return c.length ? "WHERE " + c.join(" AND ") : "";
  }

  private summarySelect(): string {
    return `SELECT a.seq, a.id, a.title, a.outlet, a.byline, a.published_date, a.published_precision, a.published_json, a.url, a.origin, a.words,
      c.group_id, c.original, (SELECT count(*) - 1 FROM ${this.t("copies")} c2 WHERE c2.group_id = c.group_id) AS copies
      FROM ${this.t("articles")} a LEFT JOIN ${this.t("copies")} c ON c.article_id = a.id`;
  }

  async listArticles(f: ArticleFilter = {}): Promise<ArticleSummary[]> {
    const params: unknown[] = [];
    const w = this.where(f, params);
    params.push(f.limit ?? 50, f.offset ?? 0);
    const { rows } = await this.pool.query(
      `${this.summarySelect()} ${w} ORDER BY a.published_date IS NULL, a.published_date DESC, a.ingested_at DESC, a.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map(rowToSummary);
  }

  async countArticles(f: ArticleFilter = {}): Promise<number> {
    const params: unknown[] = [];
    const w = this.where(f, params);
    const { rows } = await this.pool.query(`SELECT count(*) AS n FROM ${this.t("articles")} a LEFT JOIN ${this.t("copies")} c ON c.article_id = a.id ${w}`, params);
    return Number(rows[0].n);
  }

  async search(query: string, f: ArticleFilter = {}, opts: { snippets?: boolean } = {}): Promise<SearchHit[]> {
    const tsq = toTsQuery(query);
    if (!tsq) return [];
    const params: unknown[] = [tsq];
    const w = this.where(f, params);
    const cond = w ? `${w} AND a.tsv @@ to_tsquery('english', $1)` : `WHERE a.tsv @@ to_tsquery('english', $1)`;
    params.push(f.limit ?? 20, f.offset ?? 0);
    const { rows } = await this.pool.query(
      `SELECT * FROM (
         SELECT s.*, max(s.rank) OVER (PARTITION BY coalesce(s.group_id, s.id)) AS group_rank,
           row_number() OVER (PARTITION BY coalesce(s.group_id, s.id) ORDER BY s.original DESC NULLS FIRST, s.rank DESC) AS rn
         FROM (SELECT a.seq, a.id, a.title, a.outlet, a.byline, a.published_date, a.published_precision, a.published_json, a.url, a.origin, a.words, a.text,
                 c.group_id, c.original, (SELECT count(*) - 1 FROM ${this.t("copies")} c2 WHERE c2.group_id = c.group_id) AS copies,
                 ts_rank(a.tsv, to_tsquery('english', $1)) AS rank
               FROM ${this.t("articles")} a LEFT JOIN ${this.t("copies")} c ON c.article_id = a.id ${cond}) s
       ) x WHERE rn = 1 ORDER BY group_rank DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const out: SearchHit[] = [];
    for (const r of rows) {
      if (opts.snippets === false) {
        out.push({ ...rowToSummary(r), snippet: "", rank: Number(r.group_rank) });
        continue;
      }
      const h = await this.pool.query(
        `SELECT ts_headline('english', $1, to_tsquery('english', $2), 'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "') AS s`,
        [r.text, tsq],
      );
      out.push({ ...rowToSummary(r), snippet: h.rows[0].s, rank: Number(r.group_rank) });
    }
    return out;
  }

  async putRejection(rej: Rejection, inputHash: string | null): Promise<void> {
    const at = new Date().toISOString();
    await this.tx(async (c) => {
      if (inputHash) {
        const r = await c.query(
          `INSERT INTO ${this.t("inputs")} (hash, article_id, rejected, origin, at) VALUES ($1, NULL, true, $2, $3) ON CONFLICT (hash) DO NOTHING`,
          [inputHash, rej.origin, at],
        );
        if (!r.rowCount) return;
      }
      await c.query(`INSERT INTO ${this.t("rejections")} (origin, code, reason, input_hash, at) VALUES ($1, $2, $3, $4, $5)`, [rej.origin, rej.code, rej.reason, inputHash, at]);
    });
  }

  async listRejections(o: { limit?: number; offset?: number } = {}): Promise<StoredRejection[]> {
    const { rows } = await this.pool.query(`SELECT * FROM ${this.t("rejections")} ORDER BY id DESC LIMIT $1 OFFSET $2`, [o.limit ?? 100, o.offset ?? 0]);
    return rows.map((r) => ({ id: Number(r.id), ok: false as const, origin: r.origin, code: r.code, reason: r.reason, inputHash: r.input_hash, at: r.at }));
  }

  async putAnnotations(articleId: string, ann: Annotations, version: string): Promise<void> {
    await this.tx(async (c) => {
      const art = await c.query(`SELECT text FROM ${this.t("articles")} WHERE id = $1`, [articleId]);
      if (!art.rows.length) throw new Error(`putAnnotations: no article ${articleId}`);
      const text: string = art.rows[0].text;
      await c.query(
        `INSERT INTO ${this.t("annotations")} (article_id, version, json) VALUES ($1, $2, $3) ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, json = excluded.json`,
        [articleId, version, JSON.stringify(ann)],
      );
      await c.query(`DELETE FROM ${this.t("quotes")} WHERE article_id = $1`, [articleId]);
      await c.query(`DELETE FROM ${this.t("entity_mentions")} WHERE article_id = $1`, [articleId]);
      for (const [i, q] of ann.quotes.entries()) {
        await c.query(
          `INSERT INTO ${this.t("quotes")} (article_id, idx, start_pos, end_pos, direct, cue_start, cue_end, src_start, src_end, speaker, speaker_entity, side, text)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
          [articleId, i, q.content.start, q.content.end, q.direct, q.cue?.start ?? null, q.cue?.end ?? null, q.source?.start ?? null, q.source?.end ?? null,
            q.speaker, q.speakerEntity, q.side, text.slice(q.content.start, q.content.end)],
        );
      }
      const counts = new Map<string, number>();
      for (const m of ann.mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
      // Entities in key order: concurrent annotators lock shared rows in the same order (no deadlocks).
      for (const e of [...ann.entities].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))) {
        const prior = await c.query(`SELECT roles_json, aliases_json FROM ${this.t("entities")} WHERE key = $1 FOR UPDATE`, [e.key]);
        const roles = [...new Set([...(prior.rows[0]?.roles_json ?? []), ...e.roles])];
        const aliases = [...new Set([...(prior.rows[0]?.aliases_json ?? []), ...e.aliases])];
        await c.query(
          `INSERT INTO ${this.t("entities")} (key, name, kind, side, roles_json, aliases_json) VALUES ($1,$2,$3,$4,$5,$6)
           ON CONFLICT (key) DO UPDATE SET side = coalesce(${this.t("entities")}.side, excluded.side), roles_json = excluded.roles_json,
             aliases_json = excluded.aliases_json,
             name = CASE WHEN length(excluded.name) > length(${this.t("entities")}.name) THEN excluded.name ELSE ${this.t("entities")}.name END`,
          [e.key, e.name, e.kind, e.side, JSON.stringify(roles), JSON.stringify(aliases)],
        );
        await c.query(
          `INSERT INTO ${this.t("entity_mentions")} (article_id, entity_key, mentions, side) VALUES ($1,$2,$3,$4)
           ON CONFLICT (article_id, entity_key) DO UPDATE SET mentions = excluded.mentions, side = excluded.side`,
          [articleId, e.key, counts.get(e.key) ?? 0, e.side],
        );
        // A person speaks for one side across the store: the one most articles give them.
        if (e.kind !== "person") continue;
        const m = await c.query(
          `SELECT side FROM ${this.t("entity_mentions")} WHERE entity_key = $1 AND side IS NOT NULL GROUP BY side ORDER BY count(*) DESC, side LIMIT 1`,
          [e.key],
        );
        const side: string | undefined = m.rows[0]?.side;
        if (!side) continue;
        await c.query(`UPDATE ${this.t("entities")} SET side = $1 WHERE key = $2`, [side, e.key]);
        await c.query(`UPDATE ${this.t("quotes")} SET side = $1 WHERE speaker_entity = $2 AND side IS DISTINCT FROM $1`, [side, e.key]);
      }
    });
  }

  async getAnnotations(articleId: string): Promise<Annotations | null> {
    const { rows } = await this.pool.query(`SELECT json FROM ${this.t("annotations")} WHERE article_id = $1`, [articleId]);
    return rows.length ? (rows[0].json as Annotations) : null;
  }

  async listQuotes(f: QuoteFilter = {}): Promise<QuoteRecord[]> {
    const c: string[] = [];
    const p: unknown[] = [];
    if (f.speaker) {
      p.push(`%${f.speaker}%`, f.speaker);
      c.push(`(q.speaker ILIKE $${p.length - 1} OR q.speaker_entity = $${p.length})`);
    }
    if (f.side) {
      p.push(f.side);
      c.push(`lower(q.side) = lower($${p.length})`);
    }
    if (f.articleId) {
      p.push(f.articleId);
      c.push(`q.article_id = $${p.length}`);
    }
    p.push(f.limit ?? 100, f.offset ?? 0);
    const { rows } = await this.pool.query(
      `SELECT q.*, a.published_date, a.outlet FROM ${this.t("quotes")} q JOIN ${this.t("articles")} a ON a.id = q.article_id
       ${c.length ? "WHERE " + c.join(" AND ") : ""}
       ORDER BY a.published_date IS NULL, a.published_date, q.article_id, q.idx LIMIT $${p.length - 1} OFFSET $${p.length}`,
      p,
    );
    return rows.map((r) => ({
      articleId: r.article_id,
      content: { start: r.start_pos, end: r.end_pos },
      direct: r.direct,
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
    const p: unknown[] = [];
    if (o.kind) p.push(o.kind);
    p.push(o.limit ?? 100, o.offset ?? 0);
    const { rows } = await this.pool.query(
      `SELECT e.*, count(m.article_id) AS articles, coalesce(sum(m.mentions), 0) AS mentions
       FROM ${this.t("entities")} e LEFT JOIN ${this.t("entity_mentions")} m ON m.entity_key = e.key
       ${o.kind ? "WHERE e.kind = $1" : ""}
       GROUP BY e.key ORDER BY articles DESC, mentions DESC, e.name LIMIT $${p.length - 1} OFFSET $${p.length}`,
      p,
    );
    return rows.map((r) => ({
      key: r.key, name: r.name, kind: r.kind, side: r.side, roles: r.roles_json, aliases: r.aliases_json,
      articles: Number(r.articles), mentions: Number(r.mentions),
    }));
  }

  async putSignature(articleId: string, signature: SignatureRecord): Promise<void> {
    await this.tx((c) => this.insertSignature(c, articleId, signature));
  }

  /** A replaced signature gets a new seq: the lsh rows of the old one no longer join a signature and are ignored. */
  private async insertSignature(c: pg.PoolClient, articleId: string, r: SignatureRecord): Promise<void> {
    await c.query(`DELETE FROM ${this.t("copy_pending")} WHERE seq = (SELECT seq FROM ${this.t("signatures")} WHERE article_id = $1)`, [articleId]);
    await c.query(`DELETE FROM ${this.t("signatures")} WHERE article_id = $1`, [articleId]);
    const { rows } = await c.query(`INSERT INTO ${this.t("signatures")} (article_id, sig, meta_json) VALUES ($1, $2, $3) RETURNING seq`, [
      articleId,
      Buffer.from(r.signature),
      JSON.stringify(r.meta),
    ]);
    await c.query(`INSERT INTO ${this.t("copy_pending")} (seq) VALUES ($1)`, [rows[0].seq]);
    await this.fileBands(c, Number(rows[0].seq), r.bandKeys);
  }

  // Keys as int4 (`| 0`). A key stops being filed once it holds maxPerKey rows, as in MemoryLshStorage (two
  // workers filing the same key at once may each add their row past the cap; lookups read at most maxPerKey).
  private async fileBands(c: pg.PoolClient | pg.Pool, doc: number, bandKeys: Uint32Array): Promise<void> {
    if (!bandKeys.length) return;
    await c.query(
      `INSERT INTO ${this.t("lsh")} (band_key, doc) SELECT k, $2 FROM unnest($1::int4[]) AS k
       WHERE (SELECT count(*) FROM (SELECT 1 FROM ${this.t("lsh")} WHERE band_key = k LIMIT $3) x) < $3 ON CONFLICT DO NOTHING`,
      [Array.from(bandKeys, (k) => k | 0), doc, LSH_LIMITS.maxPerKey],
    );
  }

  async getSignature(articleId: string): Promise<Uint8Array | null> {
    const { rows } = await this.pool.query(`SELECT sig FROM ${this.t("signatures")} WHERE article_id = $1`, [articleId]);
    return rows.length ? new Uint8Array(rows[0].sig) : null;
  }

  async getSignatures(articleIds: string[]): Promise<StoredSignature[]> {
    if (!articleIds.length) return [];
    const { rows } = await this.pool.query(`SELECT ${this.signatureColumns()} FROM ${this.t("signatures")} s WHERE s.article_id = ANY($1::text[])`, [articleIds]);
    return rows.map(rowToSignature);
  }

  async listSignatures(afterSeq = 0, opts: { pending?: boolean; limit?: number } = {}): Promise<StoredSignature[]> {
    const { rows } = await this.pool.query(
      opts.pending
        ? `SELECT ${this.signatureColumns()} FROM ${this.t("copy_pending")} p JOIN ${this.t("signatures")} s ON s.seq = p.seq WHERE p.seq > $1 ORDER BY p.seq LIMIT $2`
        : `SELECT ${this.signatureColumns()} FROM ${this.t("signatures")} s WHERE s.seq > $1 ORDER BY s.seq LIMIT $2`,
      [afterSeq, opts.limit ?? null],
    );
    return rows.map(rowToSignature);
  }

  // A signature is grouped once its seq has left copy_pending.
  private signatureColumns(): string {
    return `s.seq, s.article_id, s.sig, s.meta_json, NOT EXISTS (SELECT 1 FROM ${this.t("copy_pending")} p WHERE p.seq = s.seq) AS grouped`;
  }

  async indexSignature(articleId: string, bandKeys: Uint32Array): Promise<void> {
    const { rows } = await this.pool.query(`SELECT seq FROM ${this.t("signatures")} WHERE article_id = $1`, [articleId]);
    if (rows.length) await this.fileBands(this.pool, Number(rows[0].seq), bandKeys);
  }

  /** A session-level advisory lock on a dedicated connection: held across machines until fn settles. */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query("SELECT pg_advisory_lock(hashtext($1))", [`${this.schema}:${name}`]);
      try {
        return await fn();
      } finally {
        await c.query("SELECT pg_advisory_unlock(hashtext($1))", [`${this.schema}:${name}`]);
      }
    } finally {
      c.release();
    }
  }

  async lshCandidates(bandKeys: Uint32Array, exceptId?: string): Promise<string[]> {
    if (!bandKeys.length) return [];
    // One query for every key: a key holds at most maxPerKey rows (fileBands; candidatesFromPostings keeps the
    // newest maxPerKey should concurrent workers have overshot).
    const { rows } = await this.pool.query(
      `SELECT l.band_key AS key, l.doc, s.article_id AS value FROM ${this.t("lsh")} l JOIN ${this.t("signatures")} s ON s.seq = l.doc
       WHERE l.band_key = ANY($1::int4[]) AND s.article_id IS DISTINCT FROM $2
         AND NOT EXISTS (SELECT 1 FROM ${this.t("copy_pending")} p WHERE p.seq = l.doc)`,
      [Array.from(bandKeys, (k) => k | 0), exceptId ?? null],
    );
    return candidatesFromPostings(rows.map((r) => ({ key: r.key, doc: Number(r.doc), value: r.value as string })));
  }

  async getCopyLinks(articleIds: string[]): Promise<CopyLinkRecord[]> {
    if (!articleIds.length) return [];
    const { rows } = await this.pool.query(
      `SELECT a, b, kind, similarity FROM ${this.t("copy_links")} WHERE a = ANY($1::text[])
       UNION SELECT a, b, kind, similarity FROM ${this.t("copy_links")} WHERE b = ANY($1::text[])`,
      [articleIds],
    );
    return rows.map((r) => ({ a: r.a, b: r.b, kind: r.kind, similarity: r.similarity }));
  }

  async putCopyGroup(articleId: string, links: CopyLinkRecord[], records: CopyRecord[]): Promise<void> {
    await this.tx(async (c) => {
      for (const l of links) {
        await c.query(
          `INSERT INTO ${this.t("copy_links")} (a, b, kind, similarity) VALUES ($1, $2, $3, $4)
           ON CONFLICT (a, b) DO UPDATE SET kind = excluded.kind, similarity = excluded.similarity`,
          [l.a, l.b, l.kind, l.similarity],
        );
      }
      await this.writeCopies(c, records);
      await c.query(`DELETE FROM ${this.t("copy_pending")} WHERE seq = (SELECT seq FROM ${this.t("signatures")} WHERE article_id = $1)`, [articleId]);
    });
  }

  async putCopies(records: CopyRecord[]): Promise<void> {
    await this.tx((c) => this.writeCopies(c, records));
  }

  private async writeCopies(c: pg.PoolClient, records: CopyRecord[]): Promise<void> {
    for (const r of records) {
      await c.query(
        `INSERT INTO ${this.t("copies")} (article_id, group_id, original, kind, similarity) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (article_id) DO UPDATE SET group_id = excluded.group_id, original = excluded.original, kind = excluded.kind, similarity = excluded.similarity`,
        [r.articleId, r.group, r.original, r.kind, r.similarity],
      );
    }
  }

  async getCopyGroup(articleId: string): Promise<CopyRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM ${this.t("copies")} WHERE group_id = (SELECT group_id FROM ${this.t("copies")} WHERE article_id = $1) ORDER BY original DESC, similarity DESC`,
      [articleId],
    );
    return rows.map((r) => ({ articleId: r.article_id, group: r.group_id, original: r.original, kind: r.kind, similarity: r.similarity }));
  }

  async putStories(assignments: StoryAssignment[]): Promise<void> {
    await this.tx(async (c) => {
      for (const s of assignments) {
        await c.query(
          `INSERT INTO ${this.t("stories")} (article_id, story_id, storyline_id) VALUES ($1,$2,$3)
           ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, storyline_id = excluded.storyline_id`,
          [s.articleId, s.story, s.storyline],
        );
      }
    });
  }

  async listStoryAssignments(f: { storyline?: string; story?: string } = {}): Promise<StoryAssignment[]> {
    const c: string[] = [];
    const p: string[] = [];
    if (f.storyline) {
      p.push(f.storyline);
      c.push(`coalesce(storyline_id, story_id) = $${p.length}`);
    }
    if (f.story) {
      p.push(f.story);
      c.push(`story_id = $${p.length}`);
    }
    const { rows } = await this.pool.query(`SELECT * FROM ${this.t("stories")} ${c.length ? "WHERE " + c.join(" AND ") : ""} ORDER BY story_id, article_id`, p);
    return rows.map((r) => ({ articleId: r.article_id, story: r.story_id, storyline: r.storyline_id }));
  }

  async listStoryRows(): Promise<StoryRow[]> {
    const { rows } = await this.pool.query(
      `SELECT story_id, min(storyline_id) AS storyline_id, count(*) AS articles, sum(orig) AS originals, min(published_date) AS first, max(published_date) AS last,
         array_agg(outlet) AS outlets, array_agg(article_id) AS ids, max(CASE WHEN rn = 1 THEN title END) AS lead_title
       FROM (
         SELECT s.story_id, s.storyline_id, s.article_id, coalesce(a.title, substr(a.text, 1, 240)) AS title, a.outlet, a.published_date,
           CASE WHEN c.original IS NULL OR c.original THEN 1 ELSE 0 END AS orig,
           row_number() OVER (PARTITION BY s.story_id ORDER BY (c.original IS FALSE), a.published_date IS NULL, a.published_date, a.words DESC, a.id) AS rn
         FROM ${this.t("stories")} s JOIN ${this.t("articles")} a ON a.id = s.article_id LEFT JOIN ${this.t("copies")} c ON c.article_id = a.id
       ) x GROUP BY story_id`,
    );
    return rows.map((r) => ({
      story: r.story_id,
      storyline: r.storyline_id,
      articles: Number(r.articles),
      originals: Number(r.originals),
      first: r.first,
      last: r.last,
      outlets: [...new Set((r.outlets as (string | null)[]).filter((o): o is string => !!o))],
      articleIds: r.ids,
      leadTitle: r.lead_title,
    }));
  }

  async storylineEntityCounts(): Promise<{ storyline: string; key: string; name: string; kind: string; articles: number }[]> {
    const { rows } = await this.pool.query(
      `SELECT coalesce(s.storyline_id, s.story_id) AS storyline, e.key, e.name, e.kind, count(DISTINCT m.article_id) AS articles
       FROM ${this.t("stories")} s JOIN ${this.t("entity_mentions")} m ON m.article_id = s.article_id JOIN ${this.t("entities")} e ON e.key = m.entity_key
       WHERE e.kind IN ('person', 'org', 'place')
       GROUP BY 1, e.key, e.name, e.kind ORDER BY 1, articles DESC, e.name`,
    );
    return rows.map((r) => ({ storyline: r.storyline, key: r.key, name: r.name, kind: r.kind, articles: Number(r.articles) }));
  }

  async getSummaries(ids: string[]): Promise<ArticleSummary[]> {
    if (!ids.length) return [];
    const { rows } = await this.pool.query(`${this.summarySelect()} WHERE a.id = ANY($1::text[])`, [ids]);
    return rows.map(rowToSummary);
  }

  async getState<T = unknown>(name: string): Promise<T | null> {
    const { rows } = await this.pool.query(`SELECT json FROM ${this.t("state")} WHERE name = $1`, [name]);
    return rows.length ? (rows[0].json as T) : null;
  }

  async putState(name: string, value: unknown): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.t("state")} (name, json) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET json = excluded.json`, [name, JSON.stringify(value)]);
  }

  /** Drops every table of this store's schema (tests). */
  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function rowToSummary(r: Row): ArticleSummary {
  return summaryFromRow(r, r.published_json ?? null);
}

function rowToArticle(r: Row): Article {
  return {
    id: r.id, sourceId: r.source_id, origin: r.origin, url: r.url, outlet: r.outlet, title: r.title, byline: r.byline,
    published: r.published_json ?? null, dateline: r.dateline, language: r.language, text: r.text,
    paragraphs: (r.paragraphs_json as [number, number][]).map(([start, end]) => ({ start, end })),
    removed: r.removed_json, ingestedAt: r.ingested_at,
  };
}

/** User query → safe to_tsquery text: words ANDed, "phrases" as <->, OR kept. */
export function toTsQuery(q: string): string {
  const out: string[] = [];
  let pendingOr = false;
  const push = (term: string) => {
    if (out.length) out.push(pendingOr ? "|" : "&");
    out.push(term);
    pendingOr = false;
  };
  const re = /"([^"]+)"|(\bOR\b)|([\p{L}\p{N}][\p{L}\p{N}'’-]*)/gu;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    if (m[1]) {
      const ws = m[1].match(/[\p{L}\p{N}]+/gu) ?? [];
      if (ws.length) push(`(${ws.join(" <-> ")})`);
    } else if (m[2]) pendingOr = out.length > 0;
    else if (m[3]) for (const w of m[3].match(/[\p{L}\p{N}]+/gu) ?? []) push(w);
  }
  return out.join(" ");
}

function rowToSignature(r: Row): StoredSignature {
  return { seq: Number(r.seq), articleId: r.article_id, signature: new Uint8Array(r.sig), meta: r.meta_json ?? {}, grouped: !!r.grouped };
}
