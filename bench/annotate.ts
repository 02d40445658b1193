// Annotation speed (the who-said-what bar: ≥ 300 articles/s per core) on PolNeAR train texts:
// the whole per-article stage (sentences, NER + entities, quotes, time), then each part alone.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { annotateText } from "../src/pipeline/annotate.ts";
import { splitSentences } from "../src/nlp/sentences.ts";
import { findEntities } from "../src/nlp/ner/tagger.ts";
import { resolveEntities } from "../src/nlp/entities.ts";
import { extractQuotes } from "../src/nlp/quotes.ts";
import { tagTimexes } from "../src/nlp/time/index.ts";

const path = fileURLToPath(new URL("../../shared/bench/quotes/polnear/train.jsonl", import.meta.url));
if (!existsSync(path)) {
  console.log(`skipped: ${path} is absent`);
  process.exit(0);
}
const docs = readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { text: string; date: string });
const quick = process.argv.includes("--quick");
const set = quick ? docs.slice(0, 200) : docs;
const chars = set.reduce((s, d) => s + d.text.length, 0);
// Warm up on other texts (PolNeAR dev, disjoint from train): model load, JIT and the caches a running ingest
// has already filled for everyday words. The measured pass still meets every rare word of train for the first time.
const devPath = fileURLToPath(new URL("../../shared/bench/quotes/polnear/dev.jsonl", import.meta.url));
const warm = existsSync(devPath) ? readFileSync(devPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { text: string; date: string }) : set.slice(0, 20);
for (const d of warm) annotateText({ text: d.text, published: { date: d.date, precision: "day", source: "input" } });
console.log(`warm-up: ${warm.length} articles of ${existsSync(devPath) ? "PolNeAR dev" : "train"}, not counted`);

// Rates per CPU-second of this process (one core): wall-clock rates swing with whatever else the machine
// runs; both are printed.
function time(label: string, fn: (d: { text: string; date: string }) => unknown): number {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const d of set) fn(d);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const rate = set.length / cpu;
  console.log(`${label.padEnd(34)} ${rate.toFixed(0).padStart(6)} articles/CPU-s  (${(chars / cpu / 1e6).toFixed(2)} MB/CPU-s; wall ${(set.length / wall).toFixed(0)}/s; ${set.length} articles)`);
  return rate;
}
const whole = time("annotate (all stages)", (d) => annotateText({ text: d.text, published: { date: d.date, precision: "day", source: "input" } }));
time("  sentences", (d) => splitSentences(d.text));
time("  NER tagger (findEntities)", (d) => findEntities(d.text));
time("  entities (tagger + canonical)", (d) => resolveEntities(d.text));
time("  quotes (own name heuristics)", (d) => extractQuotes(d.text));
time("  time expressions", (d) => tagTimexes(d.text, d.date));
console.log(`peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB; bar: ≥ 300 articles/s per core → ${whole >= 300 ? "met" : "NOT met"}`);
