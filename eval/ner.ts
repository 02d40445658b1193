// NER evaluation: tags CoNLL-2003 eng.testb with the shipped model (nothing is trained here),
// writes the predictions and prints what ../shared/eval/score-ner.mjs says.
//
//   npx tsx eval/ner.ts [--quick] [--gold eng.testb|eng.testa] [--model PATH]
//
// --quick scores a fixed slice: the first 60 documents of the gold file (about a quarter).

import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { NerTagger, DEFAULT_MODEL_URL } from "../src/nlp/ner/tagger.ts";

const SHARED = new URL("../../shared/", import.meta.url);
const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = argv.includes("--quick");
const goldName = opt("gold") ?? "eng.testb";
const goldPath = fileURLToPath(new URL(`bench/ner/conll2003/${goldName}`, SHARED));
const scorer = fileURLToPath(new URL("eval/score-ner.mjs", SHARED));
if (!existsSync(goldPath)) {
  console.error(`eval/ner: ${goldPath} not found — this needs ../shared next to the repository`);
  process.exit(2);
}
const QUICK_DOCS = 60;

// Gold lines grouped into documents and sentences (we keep the exact lines to write a matching slice).
const lines = readFileSync(goldPath, "utf8").split("\n");
interface GoldDoc {
  lines: string[];
  sentences: string[][];
}
const docs: GoldDoc[] = [];
let cur: GoldDoc | null = null;
let sent: string[] = [];
for (const raw of lines) {
  const l = raw.trim();
  if (l.startsWith("-DOCSTART-")) {
    if (cur && sent.length) cur.sentences.push(sent);
    sent = [];
    cur = { lines: [raw], sentences: [] };
    docs.push(cur);
    continue;
  }
  if (!cur) {
    cur = { lines: [], sentences: [] };
    docs.push(cur);
  }
  cur.lines.push(raw);
  if (!l) {
    if (sent.length) cur.sentences.push(sent);
    sent = [];
  } else sent.push(l.split(/\s+/)[0]!);
}
if (cur && sent.length) cur.sentences.push(sent);

const chosen = quick ? docs.slice(0, QUICK_DOCS) : docs;
const t0 = performance.now();
const tagger = NerTagger.fromFile(opt("model") ?? DEFAULT_MODEL_URL);
const tLoad = performance.now() - t0;
const out: string[] = [];
let tokens = 0;
const t1 = performance.now();
for (const d of chosen) {
  const tags = tagger.tagSentences(d.sentences);
  out.push("-DOCSTART- O", "");
  d.sentences.forEach((s, k) => {
    s.forEach((w, i) => out.push(`${w} ${tags[k]![i]}`));
    out.push("");
    tokens += s.length;
  });
}
const tTag = performance.now() - t1;
const dir = mkdtempSync(join(tmpdir(), "dossier-ner-"));
const predPath = join(dir, "pred.txt");
writeFileSync(predPath, out.join("\n") + "\n");
let gold = goldPath;
if (quick) {
  gold = join(dir, "gold.txt");
  writeFileSync(gold, chosen.flatMap((d) => d.lines).join("\n") + "\n");
}
console.log(`eval/ner: ${goldName}${quick ? ` (quick: first ${QUICK_DOCS} documents)` : ""}, ${tokens} tokens; model loaded in ${tLoad.toFixed(0)} ms, tagged at ${Math.round(tokens / (tTag / 1000))} tokens/s`);
try {
  process.stdout.write(execFileSync(process.execPath, [scorer, "--gold", gold, "--pred", predPath], { encoding: "utf8" }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
