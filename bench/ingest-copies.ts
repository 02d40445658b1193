// The pipeline's copy stage at scale: synthetic articles stored in a SQLite file store, each filed under its
// copy group by CorpusStages (what Dossier.ingest does after extraction), without extraction or annotation.
// Prints, per CPU-second of this process: articles/s through the copy stage; the JS heap (+ external buffers)
// the stage holds per stored article after a forced GC; the store's bytes per article by table; and the cost of
// loading the stage again on the full store (a process start-up). A hash of every stored copy record lets two
// versions be checked for identical groups.
//   npx tsx --expose-gc bench/ingest-copies.ts             20,000 articles
//   npx tsx --expose-gc bench/ingest-copies.ts --quick     5,000 articles
//   npx tsx --expose-gc bench/ingest-copies.ts --max N
// One article in ten is a copy of an earlier one: verbatim with a credit line, or trimmed and spun (copyOf).
// Measured 2026-11-23 on the shared 2-core machine (load ~9), 20,000 articles, against the previous copy stage
// (an in-memory CopyIndex rebuilt from listSignatures, same bench file run on the parent commit just before):
//   copy stage 299 -> 442 articles/CPU-s; heap 134.1 -> 12.4 MB (growth 6,968 -> ~0 B/article; the 12 MB is the
//   bounded fingerprint cache); start-up 4.78 CPU-s / 133 MB -> 0.00 / 0; store 17,785 -> 10,970 B/article (lsh +
//   its article index 7,377 -> lsh 529 + copy_links 30); RSS 394 -> 176 MB; records hash 55f12f29b58cba8c in both.

import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mulberry32 } from "../src/core/random.ts";
import type { Article } from "../src/core/types.ts";
import { articleId, paragraphSpans } from "../src/pipeline/article.ts";
import { CorpusStages } from "../src/pipeline/corpus.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { article, copyOf } from "./synthetic-text.ts";

const argv = process.argv.slice(2);
const maxArg = argv.indexOf("--max");
const N = 2 * Math.round((maxArg >= 0 ? Number(argv[maxArg + 1]) : argv.includes("--quick") ? 5_000 : 20_000) / 2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc (npx tsx --expose-gc bench/ingest-copies.ts)");

const OUTLETS = Array.from({ length: 40 }, (_, i) => `Outlet ${i}`);

function articleAt(i: number): { article: Article; source: number } {
  const rnd = mulberry32(0x51ed27 ^ Math.imul(i + 1, 0x27d4eb2d));
  let text: string;
  let source = -1;
  if (i % 10 === 9) {
    source = Math.floor(rnd() * i);
    text = rnd() < 0.5 ? `${article(source)}\n\nDistributed by Wire Service.` : copyOf(source, i);
  } else text = article(i);
  const day = 1 + Math.floor(rnd() * 360);
  const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
  const url = `https://example.org/${i}`;
  return {
    source,
    article: {
      id: articleId(text, url),
      sourceId: `s${i}`,
      origin: `bench:${i}`,
      url,
      outlet: OUTLETS[i % OUTLETS.length]!,
      title: `Story ${i}`,
      byline: null,
      published: { date, precision: "day", source: "meta" },
      dateline: null,
      language: "en",
      text,
      paragraphs: paragraphSpans(text),
      removed: [],
      ingestedAt: "2024-12-31T00:00:00.000Z",
    },
  };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

function heapBytes(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

const dir = mkdtempSync(join(tmpdir(), "dossier-bench-copies-"));
const path = join(dir, "bench.db");
try {
  const store = openSqliteStore(path);
  const heap0 = heapBytes();
  let stages = await CorpusStages.load(store);
  let genCpu = 0;
  let heapHalf = 0;
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    if (i === N / 2) {
      const g0 = process.cpuUsage();
      heapHalf = heapBytes();
      genCpu += cpuSeconds(g0);
    }
    const g0 = process.cpuUsage();
    const { article: a } = articleAt(i);
    genCpu += cpuSeconds(g0);
    // What Dossier.ingest does: the article (and, where the stage provides one, its signature) in one
    // transaction, then the copy stage.
    const withSignature = stages as unknown as { signatureOf?: (a: Article) => unknown };
    const r = withSignature.signatureOf
      ? await (store.putArticle as (a: Article, h: string | null, s: unknown) => Promise<unknown>)(a, null, withSignature.signatureOf(a))
      : await store.putArticle(a, null);
    if ((r as { status: string }).status !== "added") throw new Error(`not added: ${i}`);
    await stages.addCopies(a);
  }
  const stageCpu = cpuSeconds(c0) - genCpu;
  const heap1 = heapBytes();

  // Groups: every stored copy record, hashed in a fixed order; planted copies found in their source's group.
  const ids: string[] = [];
  const sources: number[] = [];
  for (let i = 0; i < N; i++) {
    const { article: a, source } = articleAt(i);
    ids.push(a.id);
    sources.push(source);
  }
  const hash = createHash("sha256");
  let grouped = 0;
  let found = 0;
  let planted = 0;
  const groupOf = new Map<string, string>();
  for (const id of [...ids].sort()) {
    const g = await store.getCopyGroup(id);
    const me = g.find((m) => m.articleId === id);
    if (!me) continue;
    groupOf.set(id, me.group);
    if (g.length > 1) grouped++;
    hash.update(`${id}|${me.group}|${me.original}|${me.kind}|${me.similarity}\n`);
  }
  for (let i = 0; i < N; i++) {
    if (sources[i]! < 0) continue;
    planted++;
    if (groupOf.get(ids[i]!) === groupOf.get(ids[sources[i]!]!)) found++;
  }

  // Store size: file bytes after a checkpoint, and per table when the dbstat table is available.
  store.db.pragma("wal_checkpoint(TRUNCATE)");
  const fileBytes = statSync(path).size;
  let tables = "";
  try {
    const rows = store.db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC").all() as { name: string; bytes: number }[];
    tables = rows.filter((r) => /signature|lsh|cop|links/.test(r.name)).map((r) => `${r.name} ${(r.bytes / N).toFixed(0)}`).join(", ");
  } catch {
    tables = "(no dbstat)";
  }

  // A process start-up on the full store.
  stages = null as unknown as CorpusStages;
  const heapBefore = heapBytes();
  const c1 = process.cpuUsage();
  const reloaded = await CorpusStages.load(store);
  const loadCpu = cpuSeconds(c1);
  const heapLoaded = heapBytes();

  console.log(`ingest-copies bench: ${N.toLocaleString("en")} synthetic articles (1 in 10 a planted copy) into a SQLite file store`);
  console.log(`copy stage: ${(N / stageCpu).toFixed(0)} articles per CPU-second (store + copy stage, text generation excluded: ${genCpu.toFixed(1)} s)`);
  console.log(
    `heap held by the stage (heapUsed + external after GC): ${((heap1 - heap0) / 1048576).toFixed(1)} MB after ${N.toLocaleString("en")} articles; ` +
      `growth over the second half ${((heap1 - heapHalf) / (N / 2)).toFixed(0)} B per article`,
  );
  console.log(`start-up on the full store: ${loadCpu.toFixed(2)} CPU-s, heap ${((heapLoaded - heapBefore) / 1048576).toFixed(1)} MB`);
  console.log(`store: ${(fileBytes / N).toFixed(0)} B per article on disk; per table (B/article): ${tables}`);
  console.log(`groups: ${grouped} articles in copy groups, planted copies found ${found}/${planted}; records hash ${hash.digest("hex").slice(0, 16)}`);
  console.log(`RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  void reloaded;
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
