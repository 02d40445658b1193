// Runs the HTML extractor over ../shared/bench/extraction/{scrapinghub,wcxb-dev} and prints the
// scorer's figures for both sets. Only the page and its gold url are used as input.
//
//   npx tsx eval/extraction-html.ts [--quick] [--readability] [--set scrapinghub|wcxb-dev] [--worst N]
//
// --quick        first 40 pages of each set (deterministic; well under 30 s)
// --readability  also run @mozilla/readability on linkedom over the same pages and score it
// --worst N      print the N pages with the lowest word F1 (for error analysis)
// --meta-errors [title|author|date]
//                print every title/author/date miss (all three unless one is named): page id,
//                gold vs ours, whether the gold value occurs in the HTML at all, and every
//                candidate value the page offers (og:title, h1, <title>, JSON-LD, bylines, dates...)

import { execFileSync } from "node:child_process";
import { decodeText } from "../src/ingest/decode.ts";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { parseHtml } from "../src/extract/dom.ts";
import { extractHtml, extractMainText } from "../src/extract/html.ts";
import { extractMetadata, metadataCandidates } from "../src/extract/metadata.ts";

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
  title?: string | null;
  author?: string | null;
  date?: string | null;
}

// The scorer's comparison (score-extraction.mjs): NFKC-lowercased, non-alphanumerics as spaces.
const metaNorm = (s: string | null | undefined) => (s || "").toLowerCase().normalize("NFKC").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const dateOf = (s: string | null | undefined) => (String(s || "").match(/\d{4}-\d{2}-\d{2}/) || [null])[0];
type MetaField = "title" | "author" | "date";

/** One miss, with every candidate the page offers, for error analysis. */
function printMetaMiss(field: MetaField, g: Gold, ours: string | null | undefined, html: string): void {
  const page = parseHtml(html);
  const meta = extractMetadata(page, g.url, html);
  const near = extractMainText(page, meta);
  const cands = metadataCandidates(page, g.url, html);
  const gold = field === "date" ? dateOf(g.date) : g[field];
  const inHtml = field === "date" ? null : metaNorm(html.replace(/<[^>]*>/g, " ")).includes(metaNorm(gold));
  console.log(`[${field}] ${g.id} ${g.url}`);
  console.log(`  gold: ${JSON.stringify(gold)}${inHtml === false ? "  (not in the HTML)" : ""}`);
  console.log(`  ours: ${JSON.stringify(ours ?? null)}${field === "title" ? ` via ${meta.titleSource}` : field === "date" ? ` via ${meta.published?.source ?? "-"}` : ""}`);
  const nearValue = field === "title" ? near.heading : field === "author" ? near.byline : `${near.date} labelled=${near.dateLabelled} near=${near.dateNearText} modified=${meta.modified}`;
  console.log(`  near text: ${JSON.stringify(nearValue)}`);
  for (const [src, v] of cands[field].slice(0, 14)) {
    const hit = field === "date" ? v.includes(gold ?? "\u0000") : metaNorm(v) === metaNorm(gold);
    console.log(`   ${hit ? "*" : " "} ${src}: ${JSON.stringify(v.slice(0, 140))}`);
  }
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

function runSet(set: string, name: string, extract: Extractor, quick: boolean, worst: number, metaErrors: MetaField[] = []): void {
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
    for (const f of metaErrors) {
      const gold = f === "date" ? dateOf(g.date) : g[f];
      if (!gold) continue;
      const right = f === "date" ? dateOf(p.date) === gold : metaNorm(p[f]) === metaNorm(gold);
      if (!right) printMetaMiss(f, g, p[f], html);
    }
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
  const me = opt("meta-errors");
  const metaErrors: MetaField[] = !flag("meta-errors") ? [] : me === "title" || me === "author" || me === "date" ? [me] : ["title", "author", "date"];
  const extractors: Array<[string, Extractor]> = [["dossier", ours]];
  if (flag("readability")) extractors.push(["readability", await readabilityExtractor()]);
  for (const set of sets) for (const [name, ex] of extractors) runSet(set, name, ex, quick, worst, name === "dossier" ? metaErrors : []);
}

await main();
