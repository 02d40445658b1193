// Temporal expression eval on TBAQ (TempEval-3 TimeBank + AQUAINT): runs tagTimexes over
// ../shared/bench/time/tbaq.jsonl and prints score-time.mjs output for the held-out split, the
// dev split and the whole set. TBAQ is also the development data, so documents are hashed into
// dev (3/4) and held-out (1/4) and the held-out figure is the honest one.
//   npx tsx eval/time.ts            held-out, dev and full figures
//   npx tsx eval/time.ts --quick    held-out split only (fixed subset, a few seconds)
//   npx tsx eval/time.ts --chrono   also chrono-node's figure on the same documents
//   npx tsx eval/time.ts --errors   print mismatches on the dev split (for development)
//   npx tsx eval/time.ts --publication   estimatePublication on the TBAQ texts with the DCT hidden
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as chrono from "chrono-node";
import { estimatePublication, tagTimexes } from "../src/nlp/time/index.ts";

interface GoldTimex {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
}
interface GoldDoc {
  id: string;
  dct: string;
  text: string;
  timexes: GoldTimex[];
}
interface PredTimex {
  start: number;
  end: number;
  type: string;
  value: string;
}

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const GOLD = join(SHARED, "bench/time/tbaq.jsonl");
const SCORER = join(SHARED, "eval/score-time.mjs");

/** FNV-1a of the document id; ids with hash % 4 === 0 are held out. */
export function isHeldOut(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 4 === 0;
}

function chronoTimexes(text: string, dct: string): PredTimex[] {
  const ref = new Date(dct.length === 10 ? dct + "T12:00:00Z" : dct);
  const out: PredTimex[] = [];
  for (const r of chrono.parse(text, ref)) {
    const s = r.start;
    const y = s.get("year"), mo = s.get("month"), d = s.get("day");
    let value = String(y);
    if (s.isCertain("day") || s.isCertain("weekday") || !s.isCertain("month")) value = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    else if (s.isCertain("month")) value = `${y}-${String(mo).padStart(2, "0")}`;
    if (s.isCertain("year") && !s.isCertain("month")) value = String(y);
    const hasTime = s.isCertain("hour");
    if (hasTime) value += `T${String(s.get("hour")).padStart(2, "0")}:${String(s.get("minute") ?? 0).padStart(2, "0")}`;
    out.push({ start: r.index, end: r.index + r.text.length, type: hasTime ? "TIME" : "DATE", value });
  }
  return out;
}

function score(docs: GoldDoc[], predict: (d: GoldDoc) => PredTimex[], label: string, dir: string): string {
  const goldPath = join(dir, `gold-${label}.jsonl`);
  const predPath = join(dir, `pred-${label}.jsonl`);
  writeFileSync(goldPath, docs.map((d) => JSON.stringify(d)).join("\n") + "\n");
  writeFileSync(predPath, docs.map((d) => JSON.stringify({ id: d.id, timexes: predict(d) })).join("\n") + "\n");
  return execFileSync("node", [SCORER, "--gold", goldPath, "--pred", predPath], { encoding: "utf8" });
}

function ours(d: GoldDoc): PredTimex[] {
  return tagTimexes(d.text, d.dct).map((t) => ({ start: t.start, end: t.end, type: t.type, value: t.value }));
}

function printErrors(docs: GoldDoc[]): void {
  for (const d of docs) {
    const pred = ours(d);
    const used = new Set<number>();
    for (const p of pred) {
      const i = d.timexes.findIndex((g, j) => !used.has(j) && Math.min(g.end, p.end) > Math.max(g.start, p.start));
      const ptext = d.text.slice(p.start, p.end).replace(/\n/g, " ");
      if (i < 0) {
        console.log(`FP\t${d.dct.slice(0, 10)}\t[${ptext}]\t${p.value}\t${p.type}`);
        continue;
      }
      used.add(i);
      const g = d.timexes[i]!;
      if (g.value !== p.value) console.log(`VAL\t${d.dct.slice(0, 10)}\t[${ptext}]\t${p.value}\tgold [${g.text}] ${g.value} ${g.type}\t…${d.text.slice(Math.max(0, g.start - 50), g.end + 20).replace(/\n/g, " ")}`);
    }
    d.timexes.forEach((g, j) => {
      if (!used.has(j)) console.log(`FN\t${d.dct.slice(0, 10)}\t[${g.text}]\t${g.value}\t${g.type}\t…${d.text.slice(Math.max(0, g.start - 40), g.end + 20).replace(/\n/g, " ")}`);
    });
  }
}

function main(): void {
  if (!existsSync(GOLD)) {
    console.log(`time: skipped, ${GOLD} not found (needs ../shared)`);
    return;
  }
  const argv = process.argv.slice(2);
  const quick = argv.includes("--quick");
  const docs: GoldDoc[] = readFileSync(GOLD, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldDoc);
  const held = docs.filter((d) => isHeldOut(d.id));
  const dev = docs.filter((d) => !isHeldOut(d.id));
  if (argv.includes("--publication")) {
    // TBAQ articles mostly mention older dates, so this measures how often the estimate is a safe
    // lower bound (not after the DCT) more than how close it gets.
    let estimated = 0, notAfter = 0, sameYear = 0, exact = 0;
    for (const d of docs) {
      const e = estimatePublication(d.text);
      if (!e) continue;
      estimated++;
      if (e.date <= d.dct.slice(0, e.date.length)) notAfter++;
      if (e.date.slice(0, 4) === d.dct.slice(0, 4)) sameYear++;
      if (d.dct.startsWith(e.date)) exact++;
    }
    console.log(`publication estimate: ${docs.length} docs, ${estimated} estimated, ${notAfter} not after the DCT, ${sameYear} in the DCT's year, ${exact} matching the DCT at their precision`);
    return;
  }
  if (argv.includes("--errors")) {
    printErrors(argv.includes("--held") ? held : dev);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "dossier-time-"));
  const sets: [string, GoldDoc[]][] = quick ? [["held-out", held]] : [["held-out", held], ["dev", dev], ["full", docs]];
  for (const [label, set] of sets) {
    console.log(`== dossier rules, ${label} (${set.length} docs)`);
    process.stdout.write(score(set, ours, label, dir));
  }
  if (argv.includes("--chrono")) {
    for (const [label, set] of sets) {
      console.log(`== chrono-node ${label} (${set.length} docs)`);
      process.stdout.write(score(set, (d) => chronoTimexes(d.text, d.dct), "chrono-" + label, dir));
    }
  }
}

main();
