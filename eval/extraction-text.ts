// Runs text-dump extraction over the extraction bench dumps and the seed documents, and prints
// the scores of ../shared/eval/score-extraction.mjs.
// Usage: npx tsx eval/extraction-text.ts [--quick] [--heldout] [--set wcxb-dev|scrapinghub]
//   --quick    every 6th page of each set (fixed subset) plus the seeds: well under a minute
//   --heldout  only the pages held out from training the line model (src/extract/text-split.ts);
//              a full run prints both the whole set and its held-out pages
import { existsSync, readFileSync, writeFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { extractTextDump } from "../src/extract/text-dump.ts";
import { isHeldOut } from "../src/extract/text-split.ts";
import type { ExtractedArticle } from "../src/core/types.ts";

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const SCORER = join(SHARED, "eval/score-extraction.mjs");
const argv = process.argv.slice(2);
const quick = argv.includes("--quick"), heldout = argv.includes("--heldout");
const onlySet = argv.includes("--set") ? argv[argv.indexOf("--set") + 1] : null;
const tmp = mkdtempSync(join(tmpdir(), "dossier-eval-text-"));

const readJsonl = (p: string) => readFileSync(p, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
const writeJsonl = (p: string, rows: unknown[]) => writeFileSync(p, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");

function score(name: string, gold: unknown[], pred: unknown[]): Record<string, unknown> {
  const g = join(tmp, `${name}.gold.jsonl`), p = join(tmp, `${name}.pred.jsonl`);
  writeJsonl(g, gold);
  writeJsonl(p, pred);
  const out = execFileSync(process.execPath, [SCORER, "--gold", g, "--pred", p], { encoding: "utf8" });
  console.log(out.trimEnd());
  return JSON.parse(out.trim().split("\n").pop()!);
}

function predRow(id: string, a: ExtractedArticle | null) {
  return { id, text: a?.text ?? "", title: a?.title ?? null, author: a?.byline ?? null, date: a?.published?.date ?? null };
}

if (!existsSync(SCORER)) {
  console.log(`needs ../shared (looked for ${SCORER})`);
  process.exit(0);
}

const results: Record<string, unknown> = {};
for (const set of ["wcxb-dev", "scrapinghub"]) {
  if (onlySet && set !== onlySet) continue;
  const dir = join(SHARED, "bench/extraction", set);
  let gold = readJsonl(join(dir, "gold.jsonl"));
  const dumps = new Map(readJsonl(join(dir, "dumps.jsonl")).map((r) => [String(r.id), r.text as string]));
  if (heldout) gold = gold.filter((r) => isHeldOut(String(r.id)));
  if (quick) gold = gold.filter((_, i) => i % 6 === 0);
  let failed = 0;
  const t0 = performance.now();
  const pred = gold.map((g) => {
    const id = String(g.id);
    try {
      return predRow(id, extractTextDump(dumps.get(id) ?? "", { url: g.url ?? null }));
    } catch {
      failed++;
      return predRow(id, null);
    }
  });
  const ms = performance.now() - t0;
  console.log(`\n== ${set} dumps${heldout ? " (held-out split)" : ""}${quick ? " (quick subset)" : ""}: ${gold.length} pages, ${failed} rejected, ${(ms / gold.length).toFixed(1)} ms/page`);
  results[set] = score(set, gold, pred);
  if (!heldout && !quick) {
    // The line model was fitted on the other pages: these are the honest figures.
    const keep = gold.map((g) => isHeldOut(String(g.id)));
    console.log(`-- ${set}, held-out pages only (${keep.filter(Boolean).length}):`);
    results[`${set}-heldout`] = score(`${set}-heldout`, gold.filter((_, i) => keep[i]), pred.filter((_, i) => keep[i]));
  }
}

// Seeds: 000 is a raw AP page dump whose clean body is 001.
const seeds = join(SHARED, "seeds");
if (!onlySet && existsSync(seeds)) {
  const files = readdirSync(seeds).sort();
  const read = (prefix: string) => readFileSync(join(seeds, files.find((f) => f.startsWith(prefix))!), "utf8");
  const a = extractTextDump(read("000_"));
  console.log("\n== seed 000 (raw AP dump) vs seed 001 (its clean body)");
  results.seed = score("seed", [{ id: "seed-001", text: read("001_") }], [predRow("seed-001", a)]);
  console.log(`seed 000 title: ${JSON.stringify(a.title)}\nseed 000 published: ${JSON.stringify(a.published)}\nseed 000 outlet: ${a.outlet}, dateline: ${a.dateline}, removed lines: ${a.removed.length}`);
  for (const p of ["002_", "003_", "004_"]) {
    const raw = read(p), x = extractTextDump(raw);
    const gone = ["Source link", "Leave a Comment", "political cartoon", "More stories like this", "©2023 Bloomberg"].filter((s) => raw.includes(s)).map((s) => `${s}: ${x.text.includes(s) ? "KEPT" : "removed"}`);
    console.log(`seed ${p.slice(0, 3)}: outlet ${x.outlet}, dateline ${x.dateline}, title ${JSON.stringify(x.title?.slice(0, 60) ?? null)}, ${x.text.split("\n\n").length} paragraphs; ${gone.join("; ")}`);
  }
}
console.log(JSON.stringify({ eval: "extraction-text", quick, heldout, ...Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { shingle_f1: (v as { shingle: { f1: number } }).shingle.f1, word_f1: (v as { words: { f1: number } }).words.f1 }])) }));
