// Timeline summarization on ../shared/bench/timelines/t17-dev, scored by ../shared/eval/score-timeline.mjs.
// One timeline per topic from all of the topic's articles. As usual for T17 the system is told how many
// dates to return; a topic with several gold timelines gets the mean of their lengths (the scorer
// averages date F1 over gold timelines). Only day-precision entries are kept: the gold dates are days.
// Usage: npx tsx eval/timeline.ts [--quick] [--publication-weight X]
//   --quick  a fixed subset: the haiti and mj topics (about 400 of the 1,025 articles)

import { existsSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildTimeline } from "../src/stories/timeline.ts";

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const DIR = join(SHARED, "bench/timelines/t17-dev");
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const pwIdx = argv.indexOf("--publication-weight");
const publicationWeight = pwIdx >= 0 ? Number(argv[pwIdx + 1]) : undefined;

if (!existsSync(join(DIR, "articles.jsonl"))) {
  console.error(`needs ${DIR} (../shared next to the repository)`);
  process.exit(2);
}
const readJsonl = <T>(p: string): T[] =>
  readFileSync(p, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

interface Art { id: string; topic: string; date: string; text: string }
interface Gold { topic: string; timeline: number; dates: string[]; text: string }
const QUICK_TOPICS = new Set(["haiti", "mj"]);
const articles = readJsonl<Art>(join(DIR, "articles.jsonl")).filter((a) => !quick || QUICK_TOPICS.has(a.topic));
const gold = readJsonl<Gold>(join(DIR, "timelines.jsonl")).filter((g) => !quick || QUICK_TOPICS.has(g.topic));

const topics = [...new Set(gold.map((g) => g.topic))];
const t0 = process.hrtime.bigint();
const rows = topics.map((topic) => {
  const lens = gold.filter((g) => g.topic === topic).map((g) => g.dates.length);
  const maxDates = Math.round(lens.reduce((s, x) => s + x, 0) / lens.length);
  const entries = buildTimeline(
    articles.filter((a) => a.topic === topic),
    { maxDates, precisions: ["day"], ...(publicationWeight !== undefined ? { publicationWeight } : {}) },
  );
  return { topic, entries: entries.map((e) => ({ date: e.date, text: e.summary })) };
});
const ms = Number(process.hrtime.bigint() - t0) / 1e6;

const tmp = mkdtempSync(join(tmpdir(), "dossier-timeline-"));
const predPath = join(tmp, "timelines.jsonl");
writeFileSync(predPath, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
const goldPath = join(tmp, "gold.jsonl");
writeFileSync(goldPath, gold.map((g) => JSON.stringify(g)).join("\n") + "\n");
console.log(`t17-dev${quick ? " (quick: haiti, mj)" : ""}: ${articles.length} articles, ${topics.length} topics, ${gold.length} gold timelines, ${Math.round(ms)} ms`);
console.log(`predictions: ${predPath}`);
const out = execFileSync(process.execPath, [join(SHARED, "eval/score-timeline.mjs"), "--gold", goldPath, "--pred", predPath], { encoding: "utf8" });
process.stdout.write(out);
const r = JSON.parse(out.trim().split("\n").pop()!) as { date_f1: number; concat_rouge1_f1: number; concat_rouge2_f1: number };
// Last line: one JSON summary for scripts (eval floors).
console.log(JSON.stringify({ eval: "timeline", quick, date_f1: r.date_f1, rouge1_f1: r.concat_rouge1_f1, rouge2_f1: r.concat_rouge2_f1 }));
