// The HTTP API (Hono) and the web UI's static files, served by one process. `createApp` returns the Hono app
// so tests call it in-process with `app.request()`; src/api/server.ts binds it to a socket.
//
// Every route is declared once in ROUTES (method, path, zod schemas, summary): the same table validates
// requests and produces /openapi.json, so the document cannot drift from the code.

import { timingSafeEqual } from "node:crypto";
import { gzipSync } from "node:zlib";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import type { Config } from "../core/config.ts";
import type { Article } from "../core/types.ts";
import { DossierError } from "../core/errors.ts";
import type { InputItem } from "../ingest/files.ts";
import type { Dossier, StorySummary } from "../pipeline/dossier.ts";
import { quotesCsv, reportMarkdown, timelineJs } from "../pipeline/exports.ts";
import type { ArticleFilter, ArticleSummary, SearchHit } from "../store/store.ts";
import { errorResponse, validationError } from "./http-errors.ts";
import { openApiDocument } from "./openapi.ts";
import {
  ArticleQuery,
  ArticlesQuery,
  DownloadQuery,
  EntitiesQuery,
  IdParam,
  IngestBody,
  PageQuery,
  QuotesCsvQuery,
  QuotesQuery,
  RangeQuery,
  SearchQuery,
} from "./schemas.ts";
import { makeSnippet } from "./snippet.ts";
import { staticFiles } from "./static.ts";
import { fileItems, rowItems } from "./upload.ts";
import { StoreGeneration, ViewCache } from "./view-cache.ts";

export interface AppOptions {
  dossier: Dossier;
  config: Readonly<Config>;
  /** Bearer token for writes (and reads are open). Defaults to config.server.token. */
  token?: string | null;
  /** The host the server binds; writes without a token are allowed only on loopback. Defaults to config.server.host. */
  host?: string;
  /** Directory of the built web UI (web/dist). Null: serve the API only. */
  webRoot?: string | null;
  /** Largest POST /api/ingest body. 32 MB: a few hundred pages per upload; bigger batches belong on the CLI. */
  maxUploadBytes?: number;
  /** Store fingerprint re-check interval for the view cache (ms). */
  cacheCheckMs?: number;
}

export interface RouteSpec {
  method: "get" | "post";
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; multipart?: boolean };
  /** Media type of a successful response. */
  produces: string;
  /** Name of the response schema in /openapi.json components (JSON routes). */
  response?: string;
  /** Whether the route needs the bearer token (writes). */
  write?: boolean;
}

type Handler = (c: Context, input: { params: any; query: any }) => Promise<Response>;

/** Header values every response carries. No inline script or style is ever needed by the UI. */
export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}

const ALL = 10_000_000;

export function createApp(opts: AppOptions): Hono {
  const { dossier, config } = opts;
  const token = opts.token === undefined ? config.server.token : opts.token;
  const host = opts.host ?? config.server.host;
  const maxUpload = opts.maxUploadBytes ?? 32 * 1024 * 1024;
  // Corpus views (storylines, stories, timelines) and finished GET responses are both cached per store
  // generation, in separate caches so a stream of one-off searches cannot evict the expensive views.
  const generation = new StoreGeneration(dossier.store, { checkEveryMs: opts.cacheCheckMs });
  const cache = new ViewCache(generation);
  const responses = new ViewCache(generation, { maxEntries: 2000 });
  const store = dossier.store;
  const app = new Hono();
  const routes: RouteSpec[] = [];
  let ingestQueue: Promise<unknown> = Promise.resolve();

  app.use("*", async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  });
  app.onError((e, c) => errorResponse(c, e));

  // ------------------------------------------------------------------ helpers (cached corpus views)

  const stories = () => cache.get("stories", () => dossier.stories());
  const storylines = () => cache.get("storylines", () => dossier.storylines());
  const storyline = (id: string, from?: string, to?: string) => cache.get(`line\u0000${id}\u0000${from ?? ""}\u0000${to ?? ""}`, () => dossier.storyline(id, { from, to }));

  /** Article ids quoting someone for a side, or mentioning an entity (key, name or alias), per generation. */
  const sideArticles = (side: string) =>
    cache.get(`side\u0000${side.toLowerCase()}`, async () => new Set((await store.listQuotes({ side, limit: ALL })).map((q) => q.articleId)));
  const entityIndex = () =>
    cache.get("entity-index", async () => {
      const index = new Map<string, Set<string>>();
      for (let offset = 0; ; offset += 2000) {
        const page = await store.listArticles({ limit: 2000, offset });
        for (const a of page) {
          const ann = await store.getAnnotations(a.id);
          for (const e of ann?.entities ?? []) {
            for (const name of new Set([e.key, e.name, ...e.aliases].map((s) => s.toLowerCase()))) {
              const set = index.get(name) ?? new Set<string>();
              set.add(a.id);
              index.set(name, set);
            }
          }
        }
        if (page.length < 2000) return index;
      }
    });

  const resolveArticle = async (ref: string): Promise<string> => {
    if (await store.getArticle(ref)) return ref;
    const full = await store.resolveId(ref);
    if (!full) throw new DossierError("NOT_FOUND", `article ${ref}`);
    return full;
  };

  const storyOf = async (articleId: string): Promise<StorySummary | null> => (await stories()).find((s) => s.articleIds.includes(articleId)) ?? null;

  const copyGroup = async (articleId: string) => {
    const group = await store.getCopyGroup(articleId);
    return Promise.all(
      group.map(async (m) => {
        const a = await store.getArticle(m.articleId);
        return { ...m, title: a?.title ?? null, outlet: a?.outlet ?? null, date: a?.published?.date ?? null, estimated: !!a?.published?.estimated, url: a?.url ?? null };
      }),
    );
  };

  const page = <T>(items: T[], q: { limit: number; offset: number }) => ({ items: items.slice(q.offset, q.offset + q.limit), total: items.length, limit: q.limit, offset: q.offset });

  const download = (c: Context, body: string, type: string, filename: string, attach: boolean) => {
    c.header("Content-Type", type);
    if (attach) c.header("Content-Disposition", `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`);
    return c.body(body);
  };

  const writeAllowed = (c: Context): void => {
    if (token) {
      const got = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1]?.trim() ?? "";
      const a = Buffer.from(got);
      const b = Buffer.from(token);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw new DossierError("UNAUTHORIZED", `${c.req.method} ${c.req.path}`, got ? "the token does not match" : "no bearer token sent");
      return;
    }
    if (!isLoopbackHost(host)) throw new DossierError("UNAUTHORIZED", `${c.req.method} ${c.req.path}`, `writes are disabled: the server listens on ${host} without a token`);
  };

  // ------------------------------------------------------------------ route table

  const route = (spec: RouteSpec, handler: Handler) => {
    routes.push(spec);
    const tooLarge = (c: Context) => errorResponse(c, new DossierError("TOO_LARGE", "request body", `the upload limit is ${maxUpload} bytes; split the batch or use \`dossier ingest\``));
    const guard: MiddlewareHandler = async (c, next) => {
      writeAllowed(c);
      await next();
    };
    const middleware: MiddlewareHandler[] = spec.write ? [guard, bodyLimit({ maxSize: maxUpload, onError: tooLarge })] : [];
    const validated = (c: Context) => {
      const where = `${c.req.method} ${c.req.path}`;
      const params = spec.params ? spec.params.safeParse(c.req.param()) : null;
      if (params && !params.success) throw validationError(where, params.error);
      const query = spec.query ? spec.query.safeParse(c.req.query()) : null;
      if (query && !query.success) throw validationError(where, query.error);
      return { params: params?.data ?? {}, query: query?.data ?? {} };
    };
    const main: MiddlewareHandler = async (c) => {
      if (spec.method !== "get") return handler(c, validated(c));
      // Every GET is a pure function of the store's state and the URL: serve a stored copy of the body
      // (serializing a storyline view costs more than looking it up). Validation runs on a miss only;
      // invalid requests throw, and failures are never cached.
      const url = new URL(c.req.url);
      const hit = await responses.get(`${url.pathname}?${url.searchParams}`, async () => {
        const res = await handler(c, validated(c));
        const body = new Uint8Array(await res.arrayBuffer());
        // Compressed once per generation: a storyline view is ~5x smaller gzipped (22 kB → 4.7 kB on the demo).
        const gz = body.length >= 1024 ? new Uint8Array(gzipSync(body, { level: 6 })) : null;
        const headers = new Headers(res.headers);
        headers.set("Vary", "Accept-Encoding");
        const zipped = new Headers(headers);
        zipped.set("Content-Encoding", "gzip");
        return { status: res.status, headers, zipped, body, gz };
      });
      if (hit.gz && /\bgzip\b/i.test(c.req.header("accept-encoding") ?? "")) return new Response(hit.gz, { status: hit.status, headers: hit.zipped });
      return new Response(hit.body, { status: hit.status, headers: hit.headers });
    };
    (app.on as (m: string, p: string, ...h: MiddlewareHandler[]) => unknown)(spec.method.toUpperCase(), spec.path, ...middleware, main);
  };

  route({ method: "get", path: "/api/storylines", tag: "stories", response: "StorylineList",  summary: "Storylines: stories linked across months, largest first", produces: "application/json" }, async (c) =>
    c.json({ items: await storylines() }),
  );

  route(
    { method: "get", path: "/api/storylines/:id", tag: "stories", response: "StorylineView",  summary: "One storyline: its stories, timeline (with citations and sides), who said what by side, coverage per month, articles", params: IdParam, query: RangeQuery, produces: "application/json" },
    async (c, { params, query }) => c.json(await storyline(params.id, query.from, query.to)),
  );

  route(
    { method: "get", path: "/api/storylines/:id/timeline", tag: "stories", response: "Timeline",  summary: "A storyline's timeline entries in date order", params: IdParam, query: RangeQuery, produces: "application/json" },
    async (c, { params, query }) => {
      const v = await storyline(params.id, query.from, query.to);
      return c.json({ id: v.id, label: v.label, entries: v.timeline });
    },
  );

  route(
    { method: "get", path: "/api/storylines/:id/report.md", tag: "exports", summary: "Markdown briefing of a storyline", params: IdParam, query: RangeQuery.extend(DownloadQuery.shape), produces: "text/markdown" },
    async (c, { params, query }) => download(c, reportMarkdown(await storyline(params.id, query.from, query.to)), "text/markdown; charset=utf-8", `dossier-${params.id}.md`, !!query.download),
  );

  route(
    { method: "get", path: "/api/storylines/:id/timeline.json", tag: "exports", summary: "TimelineJS 3 JSON of a storyline's timeline", params: IdParam, query: RangeQuery.extend(DownloadQuery.shape), produces: "application/json" },
    async (c, { params, query }) => download(c, JSON.stringify(timelineJs(await storyline(params.id, query.from, query.to)), null, 2), "application/json; charset=utf-8", `dossier-${params.id}-timelinejs.json`, !!query.download),
  );

  route(
    { method: "get", path: "/api/storylines/:id/export.json", tag: "exports", response: "StorylineView",  summary: "Everything about a storyline as one JSON document", params: IdParam, query: RangeQuery.extend(DownloadQuery.shape), produces: "application/json" },
    async (c, { params, query }) => download(c, JSON.stringify(await storyline(params.id, query.from, query.to), null, 2), "application/json; charset=utf-8", `dossier-${params.id}.json`, !!query.download),
  );

  route({ method: "get", path: "/api/stories", tag: "stories", response: "StoryPage",  summary: "Stories (one event each) with article, original and copy counts", query: PageQuery, produces: "application/json" }, async (c, { query }) =>
    c.json(page(await stories(), query)),
  );

  route(
    { method: "get", path: "/api/articles", tag: "articles", response: "ArticlePage",  summary: "Articles, newest first, filtered by outlet, dates, originals only, entity mentioned or side quoted", query: ArticlesQuery, produces: "application/json" },
    async (c, { query }) => {
      const filter: ArticleFilter = { outlet: query.outlet, from: query.from, to: query.to, originalsOnly: query.originals };
      if (!query.entity && !query.side) {
        const [items, total] = await Promise.all([store.listArticles({ ...filter, limit: query.limit, offset: query.offset }), store.countArticles(filter)]);
        return c.json({ items, total, limit: query.limit, offset: query.offset });
      }
      let ids: Set<string> | null = null;
      if (query.side) ids = await sideArticles(query.side);
      if (query.entity) {
        const e = (await entityIndex()).get(query.entity.toLowerCase()) ?? new Set<string>();
        ids = ids ? new Set([...ids].filter((x) => e.has(x))) : e;
      }
      const all = await store.listArticles({ ...filter, limit: ALL });
      return c.json(page(all.filter((a) => ids!.has(a.id)), query));
    },
  );

  route(
    { method: "get", path: "/api/articles/:id", tag: "articles", response: "ArticleView",  summary: "One article: clean text, metadata, annotations (quotes, entities, dates), copy group and story; ?removed=1 adds the removed boilerplate", params: IdParam, query: ArticleQuery, produces: "application/json" },
    async (c, { params, query }) => {
      const id = await resolveArticle(params.id);
      const { article, annotations } = await dossier.article(id);
      const [copies, story] = await Promise.all([copyGroup(id), storyOf(id)]);
      const { removed, ...rest } = article;
      const out: Omit<Article, "removed"> & { removed?: Article["removed"]; removedCount: number } = { ...rest, removedCount: removed.length };
      if (query.removed) out.removed = removed;
      return c.json({ article: out, annotations, copies, story: story && { id: story.id, label: story.label, storyline: story.storyline ?? story.id } });
    },
  );

  route({ method: "get", path: "/api/articles/:id/copies", tag: "articles", response: "CopyGroup",  summary: "An article's copy group: the original and each copy with kind and similarity", params: IdParam, produces: "application/json" }, async (c, { params }) => {
    const id = await resolveArticle(params.id);
    return c.json({ article: id, group: await copyGroup(id) });
  });

  route({ method: "get", path: "/api/quotes", tag: "quotes", response: "QuotePage",  summary: "Who said what: quotes with speaker and side, oldest first", query: QuotesQuery, produces: "application/json" }, async (c, { query }) => {
    const articleId = query.article ? await resolveArticle(query.article) : undefined;
    const all = await cache.get(`quotes\u0000${query.speaker ?? ""}\u0000${query.side ?? ""}\u0000${articleId ?? ""}`, () => store.listQuotes({ speaker: query.speaker, side: query.side, articleId, limit: ALL }));
    return c.json(page(all, query));
  });

  route({ method: "get", path: "/api/quotes.csv", tag: "exports", summary: "Quotes as CSV (spreadsheet-safe cells)", query: QuotesCsvQuery.extend(DownloadQuery.shape), produces: "text/csv" }, async (c, { query }) => {
    const articleId = query.article ? await resolveArticle(query.article) : undefined;
    const all = await store.listQuotes({ speaker: query.speaker, side: query.side, articleId, limit: ALL });
    return download(c, quotesCsv(all), "text/csv; charset=utf-8", "dossier-quotes.csv", !!query.download);
  });

  route({ method: "get", path: "/api/entities", tag: "entities", response: "EntityPage",  summary: "People, organizations and places with aliases, roles, sides and article counts", query: EntitiesQuery, produces: "application/json" }, async (c, { query }) => {
    const all = await cache.get(`entities\u0000${query.kind ?? ""}`, () => store.listEntities({ kind: query.kind, limit: ALL }));
    return c.json(page(all, query));
  });

  route(
    { method: "get", path: "/api/search", tag: "articles", response: "SearchPage",  summary: "Full-text search; each copy group appears once (its best hit) with how many of its copies matched", query: SearchQuery, produces: "application/json" },
    async (c, { query }) => {
      const filter = { outlet: query.outlet, from: query.from, to: query.to };
      const hits = await cache.get(`search\u0000${JSON.stringify([query.q, filter])}`, async () => collapseCopies(await store.search(query.q, { ...filter, limit: 1000 }, { snippets: false })));
      const out = page(hits, query);
      // Snippets for the page only (the cached hit list has none).
      const items = await Promise.all(out.items.map(async (h) => ({ ...h, snippet: makeSnippet((await store.getArticle(h.id))?.text ?? h.snippet, query.q) })));
      return c.json({ q: query.q, ...out, items });
    },
  );

  route({ method: "get", path: "/api/rejects", tag: "ingest", response: "RejectionPage",  summary: "Inputs that could not be used, newest first, with code and reason", query: PageQuery, produces: "application/json" }, async (c, { query }) => {
    const all = await cache.get("rejects", () => store.listRejections({ limit: ALL }));
    return c.json(page(all, query));
  });

  route(
    {
      method: "post",
      path: "/api/ingest",
      tag: "ingest",
      response: "IngestSummary",
      summary: "Ingest pages: multipart files (.html .txt .jsonl .csv, optionally .gz) or JSON {items:[{id?,html|text,url?,date?,outlet?,title?}]}; returns the ingest summary",
      body: { schema: IngestBody, multipart: true },
      produces: "application/json",
      write: true,
    },
    async (c) => {
      const items = await requestItems(c, config);
      // One ingest at a time: corpus stages (copy index, story clusters) update shared state.
      const run = ingestQueue.then(() => dossier.ingest(items));
      ingestQueue = run.catch(() => undefined);
      try {
        const summary = await run;
        return c.json(summary);
      } finally {
        generation.bump();
      }
    },
  );

  route({ method: "get", path: "/openapi.json", tag: "meta", summary: "This API as an OpenAPI 3.1 document", produces: "application/json" }, async (c) => c.json(openApiDocument(routes)));

  app.all("/api/*", (c) => {
    throw new DossierError("NOT_FOUND", `${c.req.method} ${c.req.path}`);
  });

  if (opts.webRoot) staticFiles(app, opts.webRoot);
  return app;
}

/** Search hits with each copy group once: its best-ranked member, counting the group's other matching members. */
export function collapseCopies(hits: SearchHit[]): (SearchHit & { matchedCopies: number })[] {
  const out: (SearchHit & { matchedCopies: number })[] = [];
  const byGroup = new Map<string, SearchHit & { matchedCopies: number }>();
  for (const h of hits) {
    const g = h.group && h.copies > 0 ? byGroup.get(h.group) : undefined;
    if (g) {
      g.matchedCopies++;
      continue;
    }
    const row = { ...h, matchedCopies: 0 };
    if (h.group && h.copies > 0) byGroup.set(h.group, row);
    out.push(row);
  }
  return out;
}

async function requestItems(c: Context, config: Readonly<Config>): Promise<InputItem[]> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const form = await c.req.parseBody({ all: true });
    const files = Object.values(form).flat().filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v);
    if (!files.length) throw new DossierError("BAD_REQUEST", "POST /api/ingest", "the multipart body holds no files");
    const items: InputItem[] = [];
    for (const f of files) items.push(...fileItems(f.name || "upload", new Uint8Array(await f.arrayBuffer()), config.limits));
    return items;
  }
  if (type.startsWith("application/json")) {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch (e) {
      throw new DossierError("BAD_REQUEST", "POST /api/ingest", `the body is not valid JSON (${(e as Error).message})`);
    }
    const body = IngestBody.safeParse(raw);
    if (!body.success) throw validationError("POST /api/ingest", body.error);
    return rowItems(body.data.items as Record<string, unknown>[]);
  }
  throw new DossierError("UNSUPPORTED_TYPE", "POST /api/ingest", `content type "${type || "none"}"; send multipart/form-data files or application/json {items:[...]}`);
}

export type { ArticleSummary };
