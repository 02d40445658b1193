// API throughput on a large store: 100,000 synthetic articles (inserted straight through the store, with
// stories, storylines, copies and annotated quotes for the benched storyline), the server in a child process
// on loopback, and autocannon (JS API) loading GET /api/storylines/:id and GET /api/search?q= for a bounded
// time each. Prints requests/s and p99 latency; the bar is ≥ 500 req/s with p99 ≤ 50 ms for both.
//
//   npx tsx bench/api.ts [--articles N] [--seconds S] [--connections C] [--fresh] [--quick]
//
// The store is built once into os.tmpdir() and reused by later runs (--fresh rebuilds it).

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeConfig } from "../src/core/config.ts";
import type { Annotations, Article, Quote } from "../src/core/types.ts";
import { rng } from "../src/nlp/ner/clusters.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import type { StoryAssignment } from "../src/store/store.ts";

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const quick = args.includes("--quick");
const N = opt("articles", quick ? 20_000 : 100_000);
const SECONDS = opt("seconds", quick ? 3 : 10);
const CONNECTIONS = opt("connections", 10);
const LINE = "bench-line";
const LINE_ARTICLES = 240;

// ------------------------------------------------------------------ synthetic corpus (deterministic: rng is mulberry32)

const SYLLABLES = "ka lo mi ra ven tor sal din bre quo fal mun tes gar pel rin so ta ber hol vic dam".split(" ");
const VOCAB: string[] = [];
{
  const r = rng(7);
  while (VOCAB.length < 4000) {
    const n = 2 + Math.floor(r() * 3);
    let w = "";
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    if (!VOCAB.includes(w)) VOCAB.push(w);
  }
}
const FUNCTION_WORDS = "the of and to in a said on for that with by was as at from it is".split(" ");
const OUTLETS = Array.from({ length: 40 }, (_, i) => `Outlet ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ""}`);
/** Query words: vocabulary ranks 300-359, each matching roughly 1-3% of the articles (printed at start-up),
 *  about what a name or topic word matches in a general news archive. */
const QUERY_WORDS = VOCAB.slice(300, 360);

function word(r: () => number): string {
  // Zipf-like: low ranks far more common.
  if (r() < 0.35) return FUNCTION_WORDS[Math.floor(r() * FUNCTION_WORDS.length)]!;
  return VOCAB[Math.floor(Math.pow(r(), 2.2) * VOCAB.length)]!;
}

function sentence(r: () => number): string {
  const n = 10 + Math.floor(r() * 14);
  const ws = Array.from({ length: n }, () => word(r));
  ws[0] = ws[0]![0]!.toUpperCase() + ws[0]!.slice(1);
  return ws.join(" ") + ".";
}

function makeArticle(i: number): Article {
  const r = rng(1000 + i);
  const paras: string[] = [];
  for (let p = 0; p < 5; p++) paras.push(Array.from({ length: 2 + Math.floor(r() * 2) }, () => sentence(r)).join(" "));
  if (i < LINE_ARTICLES) paras.push(`"The talks on ${VOCAB[i % 50]} will continue next month," the minister said.`);
  const text = paras.join("\n\n");
  const paragraphs: { start: number; end: number }[] = [];
  let at = 0;
  for (const p of paras) {
    paragraphs.push({ start: at, end: at + p.length });
    at += p.length + 2;
  }
  const day = Math.floor(r() * 3650);
  const date = new Date(Date.UTC(2015, 0, 1) + day * 864e5).toISOString().slice(0, 10);
  return {
    id: createHash("sha256").update(`bench-${i}`).digest("hex"),
    sourceId: `bench-${i}`,
    origin: `bench:${i}`,
    ingestedAt: "2025-01-01T00:00:00.000Z",
    url: null,
    title: sentence(r).slice(0, -1),
    byline: null,
    published: { date, precision: "day", source: "meta" },
    outlet: OUTLETS[i % OUTLETS.length]!,
    dateline: null,
    language: "en",
    text,
    paragraphs,
    removed: [],
  };
}

function annotationsFor(a: Article, i: number): Annotations {
  const qStart = a.text.lastIndexOf('"The talks');
  const quote: Quote = {
    content: { start: qStart + 1, end: a.text.indexOf(',"', qStart) },
    direct: true,
    cue: null,
    source: null,
    speaker: i % 2 ? "Wang Minister" : "Smith Secretary",
    speakerEntity: i % 2 ? "person:wang minister" : "person:smith secretary",
    side: i % 2 ? "China" : "United States",
  };
  return {
    sentences: [],
    mentions: [],
    entities: [
      { key: quote.speakerEntity!, name: quote.speaker!, kind: "person", aliases: [], roles: ["minister"], side: quote.side },
      { key: "place:portvale", name: "Portvale", kind: "place", aliases: [], roles: [], side: null },
    ],
    quotes: qStart >= 0 ? [quote] : [],
    timexes: [],
  };
}

async function buildStore(path: string): Promise<void> {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  const store = openSqliteStore(path);
  const t0 = performance.now();
  const BATCH = 5000;
  for (let start = 0; start < N; start += BATCH) {
    store.db.exec("BEGIN");
    const stories: StoryAssignment[] = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) {
      const a = makeArticle(i);
      await store.putArticle(a, null);
      // The benched storyline: LINE_ARTICLES articles in 12 stories; the rest in 2,000 stories over 60 storylines.
      const story = i < LINE_ARTICLES ? `bs${i % 12}` : `s${i % 2000}`;
      stories.push({ articleId: a.id, story, storyline: i < LINE_ARTICLES ? LINE : `l${i % 60}` });
      if (i < LINE_ARTICLES) await store.putAnnotations(a.id, annotationsFor(a, i), "bench@1");
    }
    await store.putStories(stories);
    store.db.exec("COMMIT");
    process.stdout.write(`\r  inserted ${Math.min(N, start + BATCH).toLocaleString("en")} / ${N.toLocaleString("en")} articles`);
  }
  // A few copy groups inside the benched storyline (every 6th article copies its predecessor).
  const ids = Array.from({ length: LINE_ARTICLES }, (_, i) => createHash("sha256").update(`bench-${i}`).digest("hex"));
  const copies = [];
  for (let i = 0; i + 1 < LINE_ARTICLES; i += 6) {
    copies.push({ articleId: ids[i]!, group: ids[i]!, original: true, kind: null, similarity: 1 });
    copies.push({ articleId: ids[i + 1]!, group: ids[i]!, original: false, kind: "verbatim" as const, similarity: 0.99 });
  }
  await store.putCopies(copies);
  store.db.pragma("wal_checkpoint(TRUNCATE)");
  await store.close();
  process.stdout.write(`\n  built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

// ------------------------------------------------------------------ server child

if (args[0] === "--serve") {
  const { Dossier } = await import("../src/pipeline/dossier.ts");
  const { startServer } = await import("../src/api/server.ts");
  const config = makeConfig({});
  const store = openSqliteStore(args[1]!);
  const s = await startServer({ dossier: new Dossier(store, config), config, host: "127.0.0.1", port: 0, token: null, webRoot: null });
  process.stdout.write(`LISTENING ${s.url}\n`);
  // CPU time used by the server, asked for by the parent around each load run (load-independent cost).
  process.on("message", () => process.send!({ cpu: process.cpuUsage() }));
  // Read-only run: exit at once (closing would wait for a view computation still under way).
  process.on("SIGTERM", () => process.exit(0));
} else {
  await main();
}

async function main(): Promise<void> {
  const db = join(tmpdir(), `dossier-bench-api-${N}.db`);
  console.log(`API bench: ${N.toLocaleString("en")} synthetic articles, ${CONNECTIONS} connections, ${SECONDS} s per route`);
  if (args.includes("--fresh") || !existsSync(db)) await buildStore(db);
  else console.log(`  reusing ${db} (--fresh rebuilds it)`);
  {
    const s = openSqliteStore(db);
    const counts = QUERY_WORDS.map((w) => (s.db.prepare("SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?").get(`"${w}"`) as { n: number }).n).sort((a, b) => a - b);
    console.log(`  query words match ${counts[0]}–${counts[counts.length - 1]} articles each (median ${counts[counts.length >> 1]})`);
    await s.close();
  }

  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--serve", db], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  const serverCpuMs = () =>
    new Promise<number>((resolve) => {
      child.once("message", (m: { cpu: NodeJS.CpuUsage }) => resolve((m.cpu.user + m.cpu.system) / 1000));
      child.send("cpu");
    });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout!.on("data", (b: Buffer) => {
      buf += b.toString();
      const m = /LISTENING (\S+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
  try {
    const timed = async (path: string) => {
      const t = performance.now();
      const r = await fetch(url + path);
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
      return performance.now() - t;
    };
    console.log(`  first GET /api/storylines/${LINE} (computes the view, then cached): ${(await timed(`/api/storylines/${LINE}`)).toFixed(0)} ms`);
    const cold: number[] = [];
    for (const w of QUERY_WORDS) cold.push(await timed(`/api/search?q=${w}`));
    cold.sort((a, b) => a - b);
    console.log(`  first GET /api/search?q=<word> over ${QUERY_WORDS.length} words (uncached): median ${cold[cold.length >> 1]!.toFixed(1)} ms, max ${cold[cold.length - 1]!.toFixed(1)} ms`);

    const rows: [string, CannonResult, number][] = [];
    const run = async (label: string, path: string | (() => string)) => {
      const next = typeof path === "function" ? path : () => path;
      // 3 s unmeasured warm-up per route (JIT, and collecting the garbage left by the first view computation).
      await autocannon({ url, connections: CONNECTIONS, duration: 3, headers: { "accept-encoding": "gzip" }, requests: [{ method: "GET", setupRequest: (req: Record<string, unknown>) => ({ ...req, path: next() }) }] });
      const cpu0 = await serverCpuMs();
      const r = await autocannon({
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        // As browsers do: the API sends gzip to clients that accept it.
        headers: { "accept-encoding": "gzip" },
        requests: [{ method: "GET", setupRequest: (req: Record<string, unknown>) => ({ ...req, path: next() }) }],
      });
      rows.push([label, r, ((await serverCpuMs()) - cpu0) / Math.max(1, r.requests.total)]);
    };
    await run(`GET /api/storylines/${LINE}`, `/api/storylines/${LINE}`);
    let k = 0;
    await run(`GET /api/search?q= (${QUERY_WORDS.length} words, rotating)`, () => `/api/search?q=${QUERY_WORDS[k++ % QUERY_WORDS.length]}`);
    // Two-word queries that were never asked before: every request misses the cache (worst case).
    let m = 0;
    await run("GET /api/search?q= (new 2-word query each time, uncached)", () => {
      m++;
      return `/api/search?q=${VOCAB[100 + (m % 900)]}+${VOCAB[1000 + ((m * 7) % 2000)]}`;
    });

    const [load] = loadavg();
    console.log(`\n  machine: ${cpus().length} cores, load average ${load!.toFixed(1)} (other work competes with both the server and autocannon)`);
    console.log("  route                                                   req/s     p50 ms   p99 ms   server CPU ms/req   errors/non-2xx");
    for (const [label, r, cpu] of rows) {
      console.log(`  ${label.padEnd(56)} ${r.requests.average.toFixed(0).padStart(6)}   ${String(r.latency.p50).padStart(6)}   ${String(r.latency.p99).padStart(6)}   ${cpu.toFixed(3).padStart(17)}   ${r.errors + r.timeouts}/${r.non2xx}`);
    }
    const bar = rows.slice(0, 2).every(([, r]) => r.requests.average >= 500 && r.latency.p99 <= 50 && r.non2xx === 0);
    console.log(`\n  bar (≥ 500 req/s, p99 ≤ 50 ms for storyline and search): ${bar ? "met" : "NOT met"}`);
    console.log(JSON.stringify({ bench: "api", articles: N, load, results: rows.map(([label, r, cpu]) => ({ label, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, cpuMsPerRequest: Number(cpu.toFixed(3)), non2xx: r.non2xx, errors: r.errors })) }));
  } finally {
    child.kill("SIGTERM");
  }
}
