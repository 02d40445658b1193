// Story and storyline clustering on ../shared/bench/clustering/ecbplus-dev.
// Writes {id, story, storyline} rows (the `dossier cluster` contract), then scores the event level
// (cluster = story) and the topic level (cluster = storyline) with ../shared/eval/score-clustering.mjs.
// Usage: npx tsx eval/clustering.ts [--quick] [--online]
//   --quick   a fixed subset: the first 10 topics (about half the documents)
//   --online  plain one-pass online clustering, without the batch refinement

import { existsSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { clusterBatch } from "../src/stories/batch.ts";

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const DIR = join(SHARED, "bench/clustering/ecbplus-dev");
const quick = process.argv.includes("--quick");
const online = process.argv.includes("--online");

if (!existsSync(join(DIR, "docs.jsonl"))) {
  console.error(`needs ${DIR} (../shared next to the repository)`);
  process.exit(2);
}
const readJsonl = (p: string) =>
  readFileSync(p, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, string>);

let docs = readJsonl(join(DIR, "docs.jsonl")) as { id: string; text: string }[];
let labels = readJsonl(join(DIR, "labels.jsonl"));
if (quick) {
  // Topics 1–10 by the id prefix ("3_7ecbplus" is topic 3): fixed and about half the set.
  const keep = (id: string) => Number(id.split("_")[0]) <= 10;
  docs = docs.filter((d) => keep(d.id));
  labels = labels.filter((l) => keep(l.id!));
}

const t0 = process.hrtime.bigint();
const result = clusterBatch(docs, { refine: !online });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;

const tmp = mkdtempSync(join(tmpdir(), "dossier-clustering-"));
const rowsPath = join(tmp, "clusters.jsonl");
writeFileSync(rowsPath, result.assignments.map((a) => JSON.stringify(a)).join("\n") + "\n");
const labelsPath = join(tmp, "labels.jsonl");
writeFileSync(labelsPath, labels.map((l) => JSON.stringify(l)).join("\n") + "\n");
const eventPred = join(tmp, "event.jsonl");
const topicPred = join(tmp, "topic.jsonl");
writeFileSync(eventPred, result.assignments.map((a) => JSON.stringify({ id: a.id, cluster: a.story })).join("\n") + "\n");
writeFileSync(topicPred, result.assignments.map((a) => JSON.stringify({ id: a.id, cluster: a.storyline })).join("\n") + "\n");

const scorer = join(SHARED, "eval/score-clustering.mjs");
console.log(`ecbplus-dev${quick ? " (quick: topics 1-10)" : ""}${online ? " online only" : ""}: ${docs.length} docs, ${Math.round(ms)} ms, ${result.stories.length} stories, ${result.storylines.length} storylines`);
console.log(`predictions: ${rowsPath}`);
const score = (pred: string, level: string) => {
  const out = execFileSync(process.execPath, [scorer, "--labels", labelsPath, "--pred", pred, "--level", level], { encoding: "utf8" });
  process.stdout.write(out);
  return JSON.parse(out.trim().split("\n").pop()!) as { bcubed: { f1: number } };
};
console.log("--- event level (cluster = story)");
const event = score(eventPred, "event");
console.log("--- topic level (cluster = storyline)");
const topic = score(topicPred, "topic");
// The same run scored on topics 1-10 and on the rest (tune on one half, confirm on the other), and
// the topic-level errors: gold topics split over storylines, storylines holding several gold topics.
const topicOf = (id: string) => Number(id.split("_")[0]);
const halves: Record<string, number> = {};
for (const [name, keep] of [["topics 1-10", (id: string) => topicOf(id) <= 10], ["topics 11+", (id: string) => topicOf(id) > 10]] as const) {
  const ids = new Set(labels.filter((l) => keep(l.id!)).map((l) => l.id!));
  if (!ids.size) continue;
  const lp = join(tmp, "half-labels.jsonl"), pp = join(tmp, "half-topic.jsonl");
  writeFileSync(lp, labels.filter((l) => ids.has(l.id!)).map((l) => JSON.stringify(l)).join("\n") + "\n");
  writeFileSync(pp, result.assignments.filter((a) => ids.has(a.id)).map((a) => JSON.stringify({ id: a.id, cluster: a.storyline })).join("\n") + "\n");
  const out = execFileSync(process.execPath, [scorer, "--labels", lp, "--pred", pp, "--level", "topic"], { encoding: "utf8" });
  halves[name] = (JSON.parse(out.trim().split("\n").pop()!) as { bcubed: { f1: number } }).bcubed.f1;
}
console.log(`--- topic level by half: ${Object.entries(halves).map(([k, v]) => `${k} ${v}`).join(", ")}`);
const lineOfDoc = new Map(result.assignments.map((a) => [a.id, a.storyline]));
const count = (xs: string[]) => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())].map(([k, n]) => `${k}:${n}`).join(" ");
const byTopic = new Map<string, string[]>();
const byLine = new Map<string, string[]>();
for (const l of labels) {
  byTopic.set(l.topic!, [...(byTopic.get(l.topic!) ?? []), lineOfDoc.get(l.id!)!]);
  byLine.set(lineOfDoc.get(l.id!)!, [...(byLine.get(lineOfDoc.get(l.id!)!) ?? []), `${l.event}`]);
}
for (const [t, ls] of byTopic) if (new Set(ls).size > 1) console.log(`split: topic ${t} over storylines ${count(ls)}`);
for (const [l, es] of byLine) if (new Set(es.map((e) => e.replace(/ecb(plus)?$/, ""))).size > 1) console.log(`merged: storyline ${l} holds events ${count(es)}`);
// Last line: one JSON summary for scripts (eval floors).
console.log(JSON.stringify({ eval: "clustering", quick, online, documents: docs.length, event_bcubed_f1: event.bcubed.f1, topic_bcubed_f1: topic.bcubed.f1 }));
