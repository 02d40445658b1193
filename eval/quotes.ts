// Quote extraction and attribution eval on PolNeAR (../shared/bench/quotes/polnear): runs
// extractQuotes over dev.jsonl, writes predictions to a temp file and prints score-quotes.mjs
// output twice: all attributions, then direct quotes only (--direct).
//   npx tsx eval/quotes.ts            dev (84 articles), all + direct
//   npx tsx eval/quotes.ts --quick    fixed subset of dev (every 3rd article), all + direct
//   npx tsx eval/quotes.ts --train    train.jsonl instead of dev (what the rules were tuned on)
//   npx tsx eval/quotes.ts --errors   also print direct-quote misses and false alarms (development)
//   npx tsx eval/quotes.ts --entities speakers from the entities module (resolveEntities) instead of the built-in name heuristics
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractQuotes } from "../src/nlp/quotes.ts";
import { resolveEntities } from "../src/nlp/entities.ts";
import type { Quote } from "../src/core/types.ts";

type GoldSpan = [number, number, string];
interface GoldDoc {
  id: string;
  text: string;
  attributions: { content?: GoldSpan | null; source?: GoldSpan | null; cue?: GoldSpan | null }[];
}

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const split = argv.includes("--train") ? "train" : "dev";
const GOLD = join(SHARED, `bench/quotes/polnear/${split}.jsonl`);
const SCORER = join(SHARED, "eval/score-quotes.mjs");

if (!existsSync(GOLD)) {
  console.error(`eval/quotes: ${GOLD} not found — this eval needs ../shared/bench`);
  process.exit(2);
}

let docs: GoldDoc[] = readFileSync(GOLD, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as GoldDoc);
// --quick: every third article, a fixed subset (28 of dev's 84).
if (quick) docs = docs.filter((_, i) => i % 3 === 0);

const dir = mkdtempSync(join(tmpdir(), "dossier-quotes-"));
const goldPath = join(dir, "gold.jsonl");
const predPath = join(dir, "pred.jsonl");
writeFileSync(goldPath, docs.map((d) => JSON.stringify(d)).join("\n") + "\n");
const preds = new Map<string, Quote[]>();
const t0 = performance.now();
const withEntities = argv.includes("--entities");
for (const d of docs) preds.set(d.id, extractQuotes(d.text, withEntities ? { entities: resolveEntities(d.text) } : {}));
const ms = performance.now() - t0;
writeFileSync(
  predPath,
  docs
    .map((d) =>
      JSON.stringify({
        id: d.id,
        quotes: preds.get(d.id)!.map((q) => ({
          content: [q.content.start, q.content.end],
          source: q.source ? [q.source.start, q.source.end] : null,
          speaker: q.speaker,
        })),
      }),
    )
    .join("\n") + "\n",
);

console.log(`polnear ${split}${quick ? " (quick subset)" : ""}${withEntities ? ", speakers from resolveEntities" : ""}: ${docs.length} articles, extractQuotes ${(ms / docs.length).toFixed(2)} ms/article`);
console.log("== all attributions");
process.stdout.write(execFileSync("node", [SCORER, "--gold", goldPath, "--pred", predPath], { encoding: "utf8" }));
console.log("== direct quotes");
process.stdout.write(execFileSync("node", [SCORER, "--gold", goldPath, "--pred", predPath, "--direct"], { encoding: "utf8" }));

if (argv.includes("--errors")) printErrors();

function printErrors(): void {
  const QUOTE = /["\u201c\u201d\u00ab\u00bb]/;
  const ov = (a: readonly (number | string)[], b: readonly (number | string)[]) => Math.max(0, Math.min(+a[1]!, +b[1]!) - Math.max(+a[0]!, +b[0]!));
  const clip = (s: string) => (s.length > 160 ? s.slice(0, 90) + " … " + s.slice(-60) : s).replace(/\n/g, "⏎");
  for (const d of docs) {
    const G = d.attributions.filter((a) => a.content && QUOTE.test(a.content[2]));
    const P = preds.get(d.id)!.filter((q) => QUOTE.test(d.text.slice(q.content.start, q.content.end)));
    const used = new Set<number>();
    const lines: string[] = [];
    for (const q of P) {
      const qc = [q.content.start, q.content.end];
      let best = -1;
      let bo = 0;
      G.forEach((g, i) => {
        if (used.has(i)) return;
        const o = ov(qc, g.content!) / Math.max(qc[1]! - qc[0]!, g.content![1] - g.content![0], 1);
        if (o >= 0.5 && o > bo) {
          best = i;
          bo = o;
        }
      });
      const src = q.source ? d.text.slice(q.source.start, q.source.end) : "-";
      if (best < 0) {
        lines.push(`  FP  [${clip(d.text.slice(qc[0], qc[1]))}] src=${src} spk=${q.speaker}`);
        continue;
      }
      used.add(best);
      const g = G[best]!;
      const ok = g.source ? (q.source && ov([q.source.start, q.source.end], g.source) > 0) || (q.speaker && q.speaker.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.pop() === g.source[2].toLowerCase().match(/[\p{L}\p{N}]+/gu)?.pop()) : !q.source && !q.speaker;
      if (!ok) lines.push(`  ATTR [${clip(d.text.slice(qc[0], qc[1]))}] src=${src} spk=${q.speaker} gold=${g.source?.[2] ?? "null"}`);
    }
    G.forEach((g, i) => {
      if (!used.has(i)) lines.push(`  FN  [${clip(g.content![2])}] gold=${g.source?.[2] ?? "null"} cue=${g.cue?.[2] ?? "-"}`);
    });
    if (lines.length) console.log(`# ${d.id}\n${lines.join("\n")}`);
  }
}
