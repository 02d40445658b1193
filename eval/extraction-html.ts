// Runs the HTML extractor over ../shared/bench/extraction/{scrapinghub,wcxb-dev} and prints the
// scorer's figures for both sets. Only the page and its gold url are used as input.
//
//   npx tsx eval/extraction-html.ts [--quick] [--readability] [--set scrapinghub|wcxb-dev] [--worst N]
//
// --quick        first 40 pages of each set (deterministic; well under 30 s)
// --readability  also run @mozilla/readability on linkedom over the same pages and score it
// --worst N      print the N pages with the lowest word F1 (for error analysis)

import { execFileSync } from "node:child_process";
import { decodeText } from "../src/ingest/decode.ts";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { extractHtml } from "../src/extract/html.ts";

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const argv = process.argv.slice(2);
const flag = (n: string) => argv.includes(`--${n}`);
const opt = (n: string) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK_PAGES = 40;

interface Gold {
  id: string;
  url: string;
  text: string;
}

/** Decodes page bytes: BOM, then a declared <meta charset>, else UTF-8. */
function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}
function wordF1(guess: string, truth: string): number {
  const g = words(guess), t = words(truth);
  if (!t.length) return g.length ? 0 : 1;
  if (!g.length) return 0;
  const c = new Map<string, number>();
  for (const w of t) c.set(w, (c.get(w) ?? 0) + 1);
  let o = 0;
  for (const w of g) {
    const n = c.get(w) ?? 0;
    if (n > 0) {
      o++;
      c.set(w, n - 1);
    }
  }
  const p = o / g.length, r = o / t.length;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

type Extractor = (html: string, url: string) => { text: string; title?: string | null; author?: string | null; date?: string | null };

const ours: Extractor = (html, url) => {
  try {
    const a = extractHtml(html, { url });
    return { text: a.text, title: a.title, author: a.byline, date: a.published?.date ?? null };
  } catch {
    return { text: "" };
  }
};

async function readabilityExtractor(): Promise<Extractor> {
  const { Readability } = await import("@mozilla/readability");
  const { parseHTML } = await import("linkedom");
  return (html) => {
    try {
      const { document } = parseHTML(html);
      const r = new Readability(document as unknown as Document).parse();
      return { text: (r?.textContent ?? "").replace(/\n\s*\n+/g, "\n\n").trim(), title: r?.title ?? null, author: r?.byline ?? null, date: r?.publishedTime ?? null };
    } catch {
      return { text: "" };
    }
  };
}

function runSet(set: string, name: string, extract: Extractor, quick: boolean, worst: number): void {
  const dir = join(SHARED, "bench/extraction", set);
  let gold = readFileSync(join(dir, "gold.jsonl"), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Gold);
  if (quick) gold = gold.slice(0, QUICK_PAGES);
  const out: string[] = [];
  const per: Array<[number, string, string]> = [];
  const t0 = performance.now();
  for (const g of gold) {
    const html = decodeText(gunzipSync(readFileSync(join(dir, "pages", `${g.id}.html.gz`))), g.id).text;
    const p = extract(html, g.url);
    out.push(JSON.stringify({ id: g.id, ...p }));
    if (worst) per.push([wordF1(p.text, g.text), g.id, g.url]);
  }
  const ms = performance.now() - t0;
  const tmp = mkdtempSync(join(tmpdir(), "dossier-eval-"));
  const predPath = join(tmp, `${set}-${name}.jsonl`);
  const goldPath = join(tmp, `${set}-gold.jsonl`);
  writeFileSync(predPath, out.join("\n") + "\n");
  writeFileSync(goldPath, gold.map((g) => JSON.stringify(g)).join("\n") + "\n");
  console.log(`== ${set} (${gold.length} pages) — ${name}, ${(ms / 1000).toFixed(1)} s`);
  process.stdout.write(execFileSync("node", [join(SHARED, "eval/score-extraction.mjs"), "--gold", goldPath, "--pred", predPath], { encoding: "utf8" }));
  if (worst) {
    per.sort((a, b) => a[0] - b[0]);
    for (const [f, id, url] of per.slice(0, worst)) console.log(`  ${f.toFixed(3)} ${id} ${url}`);
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(SHARED, "bench/extraction"))) {
    console.log("needs ../shared/bench/extraction — skipped");
    return;
  }
  const quick = flag("quick");
  const worst = Number(opt("worst") ?? 0);
  const sets = opt("set") ? [opt("set")!] : ["scrapinghub", "wcxb-dev"];
  const extractors: Array<[string, Extractor]> = [["dossier", ours]];
  if (flag("readability")) extractors.push(["readability", await readabilityExtractor()]);
  for (const set of sets) for (const [name, ex] of extractors) runSet(set, name, ex, quick, worst);
}

await main();
