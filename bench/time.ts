// Throughput of the temporal tagger on the TBAQ texts per CPU second of one thread (= per core),
// side by side with chrono-node on the same texts, and on the PolNeAR train texts (the input of the
// annotation bench: longer, messier web news).
//   npx tsx bench/time.ts            ~5 s of our tagger per set + ~5 s of chrono-node
//   npx tsx bench/time.ts --quick    ~1 s each
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as chrono from "chrono-node";
import { tagTimexes } from "../src/nlp/time/index.ts";

const GOLD = fileURLToPath(new URL("../../shared/bench/time/tbaq.jsonl", import.meta.url));
const POLNEAR = fileURLToPath(new URL("../../shared/bench/quotes/polnear/train.jsonl", import.meta.url));

function run(label: string, docs: { text: string; dct: string }[], seconds: number, fn: (d: { text: string; dct: string }) => number): void {
  for (const d of docs.slice(0, 20)) fn(d); // warm-up (regex compilation, JIT)
  const heapBefore = process.memoryUsage().heapUsed;
  let n = 0;
  let chars = 0;
  let found = 0;
  // CPU time, not wall time: the figure is per core even when other processes share the machine.
  const c0 = process.cpuUsage();
  const cpu = (): number => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  let elapsed = 0;
  while (elapsed < seconds) {
    for (const d of docs) {
      found += fn(d);
      n++;
      chars += d.text.length;
    }
    elapsed = cpu();
  }
  const mem = process.memoryUsage();
  console.log(
    `${label.padEnd(12)} ${(n / elapsed).toFixed(0).padStart(7)} articles/s  ${(chars / elapsed / 1e6).toFixed(2)} MB/s  ` +
      `(${n} articles, ${elapsed.toFixed(1)} CPU s, ${(found / n).toFixed(1)} timexes/article, heap +${((mem.heapUsed - heapBefore) / 1e6).toFixed(1)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB)`,
  );
}

function main(): void {
  if (!existsSync(GOLD)) {
    console.log(`time bench: skipped, ${GOLD} not found (needs ../shared)`);
    return;
  }
  const seconds = process.argv.includes("--quick") ? 1 : 5;
  const docs = readFileSync(GOLD, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as { text: string; dct: string });
  const avg = docs.reduce((s, d) => s + d.text.length, 0) / docs.length;
  console.log(`TBAQ: ${docs.length} articles, ${avg.toFixed(0)} chars on average; one thread`);
  run("dossier", docs, seconds, (d) => tagTimexes(d.text, d.dct).length);
  run("chrono-node", docs, seconds, (d) => chrono.parse(d.text, new Date(d.dct.slice(0, 10) + "T12:00:00Z")).length);
  if (existsSync(POLNEAR)) {
    const pol = readFileSync(POLNEAR, "utf8").split("\n").filter((l) => l.trim()).map((l) => {
      const d = JSON.parse(l) as { text: string; date: string };
      return { text: d.text, dct: d.date };
    });
    const pavg = pol.reduce((s, d) => s + d.text.length, 0) / pol.length;
    console.log(`PolNeAR train: ${pol.length} articles, ${pavg.toFixed(0)} chars on average; one thread`);
    run("dossier", pol, seconds, (d) => tagTimexes(d.text, d.dct).length);
  }
}

main();
