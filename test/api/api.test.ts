// The HTTP API in-process (app.request()) over a temp SQLite store holding the demo corpus.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { createApp, isLoopbackHost } from "../../src/api/app.ts";
import { checkBind, startServer } from "../../src/api/server.ts";
import { makeSnippet } from "../../src/api/snippet.ts";
import { DossierError } from "../../src/core/errors.ts";
import { DEMO_DIR, FIXTURES, SHARED, config, dayKey, tempDossier, type TempDossier } from "./harness.ts";

/** Last day of an ISO date of any precision (approximate for months: every month ends "-31" for comparisons). */
const endKey = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);

type Json = any;

let demo: TempDossier;
let app: ReturnType<typeof createApp>;
const get = async (path: string): Promise<{ status: number; body: Json; res: Response }> => {
  const res = await app.request(path);
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await res.json() : await res.text();
  return { status: res.status, body, res };
};

before(async () => {
  demo = await tempDossier([DEMO_DIR]);
  app = createApp({ dossier: demo.dossier, config, token: null, host: "127.0.0.1" });
});
after(async () => demo?.close());

describe("storylines", () => {
  test("lists storylines, largest first, with labels and date ranges", async () => {
    const { status, body } = await get("/api/storylines");
    assert.equal(status, 200);
    assert.ok(body.items.length >= 1);
    for (const l of body.items) assert.ok(l.id && l.label && l.articles >= 1);
    const sizes = body.items.map((l: Json) => l.articles);
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
  });

  test("a storyline has stories, a timeline in date order with citations, sides and coverage", async () => {
    const [top] = (await get("/api/storylines")).body.items;
    const { status, body } = await get(`/api/storylines/${top.id}`);
    assert.equal(status, 200);
    assert.equal(body.id, top.id);
    assert.ok(body.storyList.length >= 2);
    assert.ok(body.timeline.length >= 3);
    const days = body.timeline.map((e: Json) => dayKey(e.date));
    assert.deepEqual(days, [...days].sort(), "timeline entries are in date order");
    for (const e of body.timeline) {
      assert.ok(e.citations.length >= 1, "every entry cites an article");
      assert.ok(["day", "month", "year"].includes(e.precision));
    }
    const months = body.coverage.map((c: Json) => c.month);
    assert.deepEqual(months, [...months].sort());
    const sides = body.sides.map((s: Json) => s.side);
    assert.ok(sides.includes("China") && sides.includes("United States"), `sides: ${sides}`);
  });

  test("the timeline route and the from/to range narrow the entries", async () => {
    const [top] = (await get("/api/storylines")).body.items;
    const all = (await get(`/api/storylines/${top.id}/timeline`)).body.entries;
    const some = (await get(`/api/storylines/${top.id}/timeline?from=2023-06&to=2023-12`)).body.entries;
    assert.ok(some.length >= 1 && some.length < all.length);
    // Entries overlap the range: "2023" (year precision) overlaps June-December 2023.
    for (const e of some) assert.ok(endKey(e.date) >= "2023-06-01" && dayKey(e.date) <= "2023-12-31", e.date);
  });

  test("stories list with copy counts", async () => {
    const { body } = await get("/api/stories?limit=100");
    assert.ok(body.total >= 5);
    const tariff = body.items.find((s: Json) => s.copies >= 2);
    assert.ok(tariff, "the wire story with its copies is one story");
    assert.equal(tariff.articles, tariff.originals + tariff.copies);
  });
});

describe("articles", () => {
  test("pagination: limit/offset pages are disjoint and total counts all", async () => {
    const p1 = (await get("/api/articles?limit=5")).body;
    const p2 = (await get("/api/articles?limit=5&offset=5")).body;
    const total = await demo.dossier.store.countArticles();
    assert.ok(total >= 15, `demo articles: ${total}`);
    assert.equal(p1.total, total);
    assert.equal(p1.items.length, 5);
    assert.equal(p2.items.length, 5);
    const ids = new Set(p1.items.map((a: Json) => a.id));
    for (const a of p2.items) assert.ok(!ids.has(a.id));
    const last = (await get(`/api/articles?limit=5&offset=${total - 2}`)).body;
    assert.equal(last.items.length, 2);
  });

  test("filters: outlet, dates, originals only, side quoted, entity mentioned", async () => {
    const ap = (await get("/api/articles?outlet=ap&limit=100")).body;
    assert.ok(ap.total >= 2, `AP articles: ${ap.total}`);
    for (const a of ap.items) assert.equal(a.outlet, "AP");
    const y2023 = (await get("/api/articles?from=2023-01-01&to=2023-12&limit=100")).body;
    assert.ok(y2023.total >= 5);
    for (const a of y2023.items) assert.ok(a.date.startsWith("2023"), a.date);
    const originals = (await get("/api/articles?originals=1&limit=100")).body;
    const everything = (await get("/api/articles")).body.total;
    assert.ok(originals.total >= 1 && originals.total < everything, `originals ${originals.total} of ${everything}: the wire copies are hidden`);
    for (const a of originals.items) assert.ok(a.original);
    const china = (await get("/api/articles?side=China&limit=100")).body;
    assert.ok(china.total >= 3);
    for (const a of china.items.slice(0, 4)) {
      const qs = (await get(`/api/quotes?article=${a.id}&limit=500`)).body.items;
      assert.ok(qs.some((q: Json) => q.side === "China"), `${a.id} quotes China`);
    }
    const xi = (await get("/api/articles?entity=xi%20jinping&limit=100")).body;
    assert.ok(xi.total >= 2);
    const both = (await get("/api/articles?entity=xi%20jinping&side=China&limit=100")).body;
    assert.ok(both.total <= Math.min(xi.total, china.total));
  });

  test("an article with annotations, its copy group and story; removed parts only with ?removed=1", async () => {
    // The first text dump (raw page text with captions, teasers and share lines) that had furniture removed.
    const list = (await get("/api/articles?limit=100")).body.items.filter((a: Json) => a.origin.endsWith(".txt"));
    let dump: Json = null;
    let plain: Json = null;
    for (const a of list) {
      plain = (await get(`/api/articles/${a.id}`)).body;
      if (plain.article.removedCount >= 2 && plain.annotations.quotes.length) {
        dump = a;
        break;
      }
    }
    assert.ok(dump, "a demo text dump with removed furniture and quotes");
    assert.equal(plain.article.id, dump.id);
    assert.equal(plain.article.removed, undefined);
    assert.ok(plain.article.removedCount > 0);
    assert.ok(plain.annotations.quotes.length >= 1);
    assert.ok(plain.story?.id && plain.story.storyline);
    const full = (await get(`/api/articles/${dump.id.slice(0, 12)}?removed=1`)).body;
    assert.equal(full.article.id, dump.id, "a unique id prefix resolves");
    assert.equal(full.article.removed.length, plain.article.removedCount);
    for (const r of full.article.removed) assert.ok(r.reason && typeof r.text === "string");
    for (const r of full.article.removed) assert.ok(!full.article.text.includes(r.text.trim()) || r.text.trim().length < 30, "removed text is not in the clean text");
  });

  test("copies: the wire story's original and its copies with kinds", async () => {
    const list = (await get("/api/articles?limit=100")).body.items;
    const orig = list.find((a: Json) => a.original && a.copies >= 2);
    assert.ok(orig, "the demo's wire story has copies");
    const { status, body } = await get(`/api/articles/${orig.id}/copies`);
    assert.equal(status, 200);
    assert.equal(body.group.length, orig.copies + 1);
    assert.equal(body.group.filter((m: Json) => m.original).length, 1);
    for (const m of body.group) {
      assert.ok(m.outlet, "members carry their outlet");
      if (!m.original) assert.ok(["verbatim", "partial", "edited", "rewritten"].includes(m.kind), m.kind);
    }
  });
});

describe("quotes, entities, search, rejects", () => {
  test("quotes by side and speaker, paginated", async () => {
    const china = (await get("/api/quotes?side=China&limit=3")).body;
    assert.ok(china.total >= 3);
    assert.equal(china.items.length, 3);
    for (const q of china.items) assert.equal(q.side, "China");
    const next = (await get("/api/quotes?side=China&limit=3&offset=3")).body;
    assert.notDeepEqual(next.items[0], china.items[0]);
    const blinken = (await get("/api/quotes?speaker=Blinken&limit=50")).body;
    assert.ok(blinken.total >= 1);
    for (const q of blinken.items) assert.match(q.speaker, /Blinken/);
  });

  test("entities with kinds", async () => {
    const people = (await get("/api/entities?kind=person&limit=10")).body;
    assert.ok(people.total >= 3);
    for (const e of people.items) assert.equal(e.kind, "person");
  });

  test("search folds a copy group into one hit with its copy count and its own snippet", async () => {
    const { status, body } = await get("/api/search?q=tariff&limit=50");
    assert.equal(status, 200);
    const groups = body.items.map((h: Json) => h.group).filter(Boolean);
    assert.equal(groups.length, new Set(groups).size, "each copy group once");
    const wire = body.items.find((h: Json) => h.copies >= 2);
    assert.ok(wire, "the wire story appears with its copy count");
    for (const h of body.items) assert.match(h.snippet, /\[[^\]]+\]/, "snippet marks the match");
    const snippets = body.items.map((h: Json) => h.snippet);
    assert.equal(new Set(snippets).size, snippets.length, "each hit has its own snippet");
    const filtered = (await get("/api/search?q=fentanyl&outlet=Reuters")).body;
    assert.ok(filtered.total >= 1);
    for (const h of filtered.items) assert.equal(h.outlet, "Reuters");
    const p1 = (await get("/api/search?q=fentanyl&limit=2")).body;
    const p2 = (await get("/api/search?q=fentanyl&limit=2&offset=2")).body;
    assert.ok(p1.total >= 4);
    assert.notEqual(p1.items[0].id, p2.items[0].id);
  });

  test("makeSnippet marks query words around the first hit", () => {
    const s = makeSnippet("The council met on Monday. Later the ferry schedule changed because of storms.", "ferry");
    assert.match(s, /\[ferry\]/);
    assert.ok(!s.includes("[The]"));
  });

  test("rejects list is paginated", async () => {
    const { status, body } = await get("/api/rejects");
    assert.equal(status, 200);
    assert.equal(typeof body.total, "number");
    assert.ok(Array.isArray(body.items));
  });
});

describe("exports", () => {
  test("Markdown briefing, TimelineJS, JSON, quotes CSV", async () => {
    const [top] = (await get("/api/storylines")).body.items;
    const md = await get(`/api/storylines/${top.id}/report.md`);
    assert.equal(md.status, 200);
    assert.match(md.res.headers.get("content-type")!, /text\/markdown/);
    assert.match(md.body, /^# /);
    assert.match(md.body, /## Timeline/);
    const dl = await app.request(`/api/storylines/${top.id}/report.md?download=1`);
    assert.match(dl.headers.get("content-disposition") ?? "", /attachment; filename="dossier-/);
    const tj = await get(`/api/storylines/${top.id}/timeline.json`);
    assert.ok(tj.body.events.length >= 3);
    assert.ok(tj.body.events[0].start_date.year);
    const ex = await get(`/api/storylines/${top.id}/export.json`);
    assert.equal(ex.body.id, top.id);
    assert.ok(ex.body.timeline.length >= 3);
    const csv = await get("/api/quotes.csv?side=China");
    assert.match(csv.res.headers.get("content-type")!, /text\/csv/);
    const lines = csv.body.trim().split("\r\n");
    assert.equal(lines[0], "date,outlet,speaker,side,direct,quote,article_id,start,end");
    assert.ok(lines.length >= 4);
  });
});

describe("errors", () => {
  test("zod validation errors are 400 with a message naming the parameter", async () => {
    for (const [path, param] of [
      ["/api/articles?limit=0", "limit"],
      ["/api/articles?limit=abc", "limit"],
      ["/api/articles?from=yesterday", "from"],
      ["/api/articles?originals=maybe", "originals"],
      ["/api/search", "q"],
      ["/api/search?q=%20%20", "q"],
      ["/api/entities?kind=animal", "kind"],
      ["/api/quotes?offset=-1", "offset"],
    ] as const) {
      const { status, body } = await get(path);
      assert.equal(status, 400, path);
      assert.equal(body.error.code, "BAD_REQUEST");
      assert.match(body.error.message, new RegExp(param), `${path}: ${body.error.message}`);
    }
  });

  test("404s as JSON from the catalogue", async () => {
    for (const path of ["/api/articles/ffff0000ffff", "/api/articles/ffff0000ffff/copies", "/api/storylines/no-such-line", "/api/storylines/no-such-line/report.md", "/api/nope"]) {
      const { status, body } = await get(path);
      assert.equal(status, 404, path);
      assert.equal(body.error.code, "NOT_FOUND");
      assert.ok(body.error.message.length > 10);
    }
  });

  test("responses are gzipped for clients that accept it", async () => {
    const [top] = (await get("/api/storylines")).body.items;
    const res = await app.request(`/api/storylines/${top.id}`, { headers: { "accept-encoding": "gzip, deflate" } });
    assert.equal(res.headers.get("content-encoding"), "gzip");
    assert.match(res.headers.get("vary") ?? "", /Accept-Encoding/);
    const json = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8"));
    assert.equal(json.id, top.id);
    const plain = await app.request(`/api/storylines/${top.id}`);
    assert.equal(plain.headers.get("content-encoding"), null);
    assert.deepEqual(await plain.json(), json);
  });

  test("security headers on API and page responses", async () => {
    for (const path of ["/api/storylines", "/api/nope", "/openapi.json"]) {
      const res = await app.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    }
  });
});

describe("OpenAPI", () => {
  test("a 3.1 document listing every route with its parameters", async () => {
    const { status, body } = await get("/openapi.json");
    assert.equal(status, 200);
    assert.equal(body.openapi, "3.1.0");
    assert.ok(body.info.title);
    const expected = [
      ["get", "/api/storylines"],
      ["get", "/api/storylines/{id}"],
      ["get", "/api/storylines/{id}/timeline"],
      ["get", "/api/storylines/{id}/report.md"],
      ["get", "/api/storylines/{id}/timeline.json"],
      ["get", "/api/storylines/{id}/export.json"],
      ["get", "/api/stories"],
      ["get", "/api/articles"],
      ["get", "/api/articles/{id}"],
      ["get", "/api/articles/{id}/copies"],
      ["get", "/api/quotes"],
      ["get", "/api/quotes.csv"],
      ["get", "/api/entities"],
      ["get", "/api/search"],
      ["get", "/api/rejects"],
      ["post", "/api/ingest"],
      ["get", "/openapi.json"],
    ];
    for (const [m, p] of expected) assert.ok(body.paths[p]?.[m], `${m.toUpperCase()} ${p} documented`);
    const ops = Object.entries(body.paths).flatMap(([p, o]: [string, Json]) => Object.entries(o).map(([m, op]) => ({ p, m, op: op as Json })));
    assert.equal(ops.length, expected.length, "no undocumented extras and nothing missing");
    for (const { p, op } of ops) {
      assert.ok(op.summary && op.responses["200"], p);
      for (const name of p.match(/\{(\w+)\}/g) ?? []) assert.ok(op.parameters.some((x: Json) => x.in === "path" && `{${x.name}}` === name), `${p} declares ${name}`);
    }
    const articles = body.paths["/api/articles"].get.parameters.map((x: Json) => x.name);
    for (const n of ["outlet", "from", "to", "originals", "entity", "side", "limit", "offset"]) assert.ok(articles.includes(n), n);
    assert.ok(body.paths["/api/ingest"].post.requestBody.content["application/json"].schema.properties.items);
    assert.deepEqual(body.paths["/api/ingest"].post.security, [{ bearer: [] }]);
    // Every $ref points at a declared component.
    const refs = JSON.stringify(body).match(/"#\/components\/schemas\/(\w+)"/g) ?? [];
    assert.ok(refs.length > 20);
    for (const r of refs) assert.ok(body.components.schemas[r.slice(22, -1)], `${r} is declared`);
    assert.equal(body.paths["/api/storylines/{id}"].get.responses["200"].content["application/json"].schema.$ref, "#/components/schemas/StorylineView");
    // The documented shape matches a real response's keys.
    const view = (await get(`/api/storylines/${(await get("/api/storylines")).body.items[0].id}`)).body;
    const documented = [...body.components.schemas.StorylineSummary.required, ...body.components.schemas.StorylineView.allOf[1].required];
    assert.deepEqual(Object.keys(view).sort(), documented.sort());
  });
});

describe("writes and auth", () => {
  test("POST /api/ingest: token required when configured; loopback-only when not", async () => {
    const t = await tempDossier();
    try {
      const secured = createApp({ dossier: t.dossier, config, token: "s3cret-token", host: "0.0.0.0" });
      const body = JSON.stringify({ items: [{ id: "lib", html: readFileSync(join(FIXTURES, "web-upload/library-hours.html"), "utf8") }] });
      const headers = { "content-type": "application/json" };
      const none = await secured.request("/api/ingest", { method: "POST", headers, body });
      assert.equal(none.status, 401);
      assert.equal((await none.json()).error.code, "UNAUTHORIZED");
      const wrong = await secured.request("/api/ingest", { method: "POST", headers: { ...headers, authorization: "Bearer nope" }, body });
      assert.equal(wrong.status, 401);
      assert.equal((await secured.request("/api/articles")).status, 200, "reads stay open");
      const ok = await secured.request("/api/ingest", { method: "POST", headers: { ...headers, authorization: "Bearer s3cret-token" }, body });
      assert.equal(ok.status, 200);
      assert.equal((await ok.json()).added, 1);

      const open = createApp({ dossier: t.dossier, config, token: null, host: "10.0.0.5" });
      const refused = await open.request("/api/ingest", { method: "POST", headers, body });
      assert.equal(refused.status, 401);
      assert.match((await refused.json()).error.message, /without a token/);
    } finally {
      await t.close();
    }
  });

  test("the server refuses a non-loopback bind without a token, and binds loopback", async () => {
    assert.throws(() => checkBind("0.0.0.0", null), (e: unknown) => e instanceof DossierError && e.code === "BAD_CONFIG" && /--token/.test(e.message));
    assert.throws(() => checkBind("192.168.1.20", ""), DossierError);
    assert.doesNotThrow(() => checkBind("0.0.0.0", "tok"));
    assert.doesNotThrow(() => checkBind("127.0.0.1", null));
    assert.ok(isLoopbackHost("localhost") && isLoopbackHost("::1") && isLoopbackHost("127.0.0.2") && !isLoopbackHost("0.0.0.0"));
    await assert.rejects(startServer({ dossier: demo.dossier, config, host: "0.0.0.0", port: 0, token: null }), /refusing to listen/);
    const s = await startServer({ dossier: demo.dossier, config, host: "127.0.0.1", port: 0, token: null, webRoot: null });
    try {
      const r = await fetch(`${s.url}/api/storylines`);
      assert.equal(r.status, 200);
      assert.ok(((await r.json()) as Json).items.length >= 1);
    } finally {
      await s.close();
    }
  });

  test("uploads: multipart files and JSON rows; bad bodies get catalogue errors; views refresh after ingest", async () => {
    const t = await tempDossier();
    try {
      const a = createApp({ dossier: t.dossier, config, token: null, host: "127.0.0.1", maxUploadBytes: 64 * 1024 });
      assert.equal((await (await a.request("/api/storylines")).json()).items.length, 0);
      const form = new FormData();
      form.append("files", new File([readFileSync(join(FIXTURES, "web-upload/library-hours.html"))], "library-hours.html", { type: "text/html" }));
      form.append("files", new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])], "photo.html"));
      const r = await a.request("/api/ingest", { method: "POST", body: form });
      assert.equal(r.status, 200);
      const s = await r.json();
      assert.equal(s.added, 1, JSON.stringify(s));
      assert.equal(s.rejected, 1, JSON.stringify(s));
      assert.equal(s.rejections[0].code, "BINARY_INPUT", JSON.stringify(s));
      const lines = (await (await a.request("/api/storylines")).json()).items;
      assert.equal(lines.length, 1, "the storyline list is recomputed after an ingest");
      const rejects = await (await a.request("/api/rejects")).json();
      assert.equal(rejects.total, 1);

      const again = await a.request("/api/ingest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items: [{ text: "Short note. ".repeat(40), outlet: "Notes", date: "2024-02-02", title: "A note" }] }) });
      assert.equal(again.status, 200);
      assert.equal((await (await a.request("/api/articles")).json()).total, 2);

      const bad = await a.request("/api/ingest", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
      assert.equal(bad.status, 400);
      const empty = await a.request("/api/ingest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items: [] }) });
      assert.equal(empty.status, 400);
      assert.match((await empty.json()).error.message, /items/);
      const type = await a.request("/api/ingest", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
      assert.equal(type.status, 415);
      const big = await a.request("/api/ingest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items: [{ text: "x ".repeat(60_000) }] }) });
      assert.equal(big.status, 413);
      assert.equal((await big.json()).error.code, "TOO_LARGE");
    } finally {
      await t.close();
    }
  });
});

const SEEDS = join(SHARED, "seeds");
test("seeds: storylines, the raw dump's removed furniture and the copy", { skip: !existsSync(SEEDS) && "needs ../shared" }, async () => {
  const t = await tempDossier([SEEDS]);
  try {
    const a = createApp({ dossier: t.dossier, config, token: null });
    const lines = (await (await a.request("/api/storylines")).json()).items;
    assert.ok(lines.length >= 1);
    const arts = (await (await a.request("/api/articles?limit=50")).json()).items;
    assert.ok(arts.length >= 4, `${arts.length} seed articles`);
    const dump = arts.find((x: Json) => /\/000_/.test(x.origin));
    assert.ok(dump, "the raw AP dump was ingested");
    const full = await (await a.request(`/api/articles/${dump.id}?removed=1`)).json();
    assert.ok(full.article.removed.length >= 3, "captions, trending and other-news blocks are removed");
    const v = await (await a.request(`/api/storylines/${lines[0].id}`)).json();
    const days = v.timeline.map((e: Json) => dayKey(e.date));
    assert.deepEqual(days, [...days].sort());
  } finally {
    await t.close();
  }
});
