// Speed of quote extraction on PolNeAR train texts (../shared/bench/quotes/polnear/train.jsonl):
// articles/s and MB/s on one core, plus heap use. The bar is ≥ 300 articles/s per core for annotation.
//   npx tsx bench/annotate-quotes.ts              extractQuotes alone (own name heuristics), 3 passes
//   npx tsx bench/annotate-quotes.ts --entities   also resolveEntities + extractQuotes on the first 100 articles
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extractQuotes } from "../src/nlp/quotes.ts";
import { resolveEntities } from "../src/nlp/entities.ts";

const TRAIN = fileURLToPath(new URL("../../shared/bench/quotes/polnear/train.jsonl", import.meta.url));
if (!existsSync(TRAIN)) {
  console.error(`bench/annotate-quotes: ${TRAIN} not found — needs ../shared/bench`);
  process.exit(2);
}
const texts = readFileSync(TRAIN, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);
const chars = texts.reduce((n, t) => n + t.length, 0);

// Warm-up pass so the JIT has compiled the hot paths before timing.
for (const t of texts.slice(0, 50)) extractQuotes(t);

const PASSES = 3;
let quotes = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let p = 0; p < PASSES; p++) for (const t of texts) quotes += extractQuotes(t).length;
const s = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
// CPU seconds of this process: on a shared machine wall time also counts other people's work.
const cpuS = (cpu.user + cpu.system) / 1e6;
const n = texts.length * PASSES;
console.log(`extractQuotes: ${texts.length} articles × ${PASSES} passes, ${(chars / texts.length).toFixed(0)} chars/article on average`);
console.log(`  ${(n / s).toFixed(0)} articles/s wall, ${(n / cpuS).toFixed(0)} articles per CPU-second, ${((chars * PASSES) / s / 1e6).toFixed(2)} MB/s, ${(quotes / n).toFixed(1)} quotes/article`);
console.log(`  heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

if (process.argv.includes("--entities")) {
  const sub = texts.slice(0, 100);
  for (const t of sub.slice(0, 5)) extractQuotes(t, { entities: resolveEntities(t) });
  const t1 = performance.now();
  for (const t of sub) extractQuotes(t, { entities: resolveEntities(t) });
  const s1 = (performance.now() - t1) / 1000;
  console.log(`resolveEntities + extractQuotes: ${sub.length} articles, ${(sub.length / s1).toFixed(1)} articles/s`);
}
