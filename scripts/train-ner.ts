// Trains the NER tagger and writes models/ner/model.json.gz.
//
//   npx tsx scripts/train-ner.ts [--epochs 10] [--out PATH] [--clusters-cache PATH] [--scale 1000] [--prune 2] [--min-count 2]
//
// Labeled data: ../shared/bench/ner/conll2003/eng.train only (eng.testa reported each epoch
// for development; eng.testb is never read here). Unlabeled text for the word clusters: the
// texts of the other bench sets (quotes, timelines, clustering, extraction gold, time)
// plus the eng.train tokens — no labels from any of them.
// Deterministic: fixed seeds, fixed file order; a fresh run reproduces models/ner/model.json.gz.
// The unlabeled text is tokenized with src/nlp/ner/tokens.ts, so a change there changes the
// clusters and capitalization ratios: retrain and commit the model with it. (--clusters-cache
// speeds up experiments but goes stale when the tokenizer changes.)

import { readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { induceClusters, rng } from "../src/nlp/ner/clusters.ts";
import { docContext, lowerRatioBucket, sentenceFeatures, type FeatureResources, type Gazetteer } from "../src/nlp/ner/features.ts";
import { NT, TAGS, viterbi, type SerializedModel } from "../src/nlp/ner/model.ts";
import { taggerSentences, normalizeWord } from "../src/nlp/ner/tokens.ts";

const ROOT = new URL("../", import.meta.url);
const SHARED = new URL("../shared/", ROOT);
const argv = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : def;
};
const EPOCHS = Number(opt("epochs", "10"));
const OUT = opt("out", fileURLToPath(new URL("models/ner/model.json.gz", ROOT)));
const CLUSTER_CACHE = opt("clusters-cache", "");
const MIN_COUNT = Number(opt("min-count", "2"));
const log = (...a: unknown[]) => console.error(`[train-ner ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

// ---------- data ----------

interface Sent {
  words: string[];
  tags: number[];
}
type Doc = Sent[];

/** Reads a CoNLL file into documents of sentences; IOB1 tags are converted to IOB2. */
function readConll(path: string): Doc[] {
  const docs: Doc[] = [];
  let doc: Doc = [];
  let words: string[] = [];
  let raw: string[] = [];
  const flush = () => {
    if (words.length) doc.push({ words, tags: iob1to2(raw) });
    words = [];
    raw = [];
  };
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const l = line.trim();
    if (l.startsWith("-DOCSTART-")) {
      flush();
      if (doc.length) docs.push(doc);
      doc = [];
      continue;
    }
    if (!l) {
      flush();
      continue;
    }
    const cols = l.split(/\s+/);
    words.push(cols[0]!);
    raw.push(cols[cols.length - 1]!);
  }
  flush();
  if (doc.length) docs.push(doc);
  return docs;
}

function iob1to2(tags: string[]): number[] {
  return tags.map((t, i) => {
    if (t === "O") return 0;
    const type = t.slice(2);
    const prev = i > 0 ? tags[i - 1]! : "O";
    const begin = t.startsWith("B-") || prev === "O" || prev.slice(2) !== type;
    return TAGS.indexOf(`${begin ? "B" : "I"}-${type}` as (typeof TAGS)[number]);
  });
}

function unlabeledSentences(trainDocs: Doc[]): string[][] {
  const out: string[][] = [];
  for (const d of trainDocs) for (const s of d) out.push(s.words);
  const files: [string, string][] = [
    ["quotes/polnear/train.jsonl", "text"],
    ["quotes/polnear/dev.jsonl", "text"],
    ["timelines/t17-dev/articles.jsonl", "text"],
    ["clustering/ecbplus-dev/docs.jsonl", "text"],
    ["extraction/wcxb-dev/gold.jsonl", "text"],
    ["extraction/scrapinghub/gold.jsonl", "text"],
    ["time/tbaq.jsonl", "text"],
  ];
  for (const [f, field] of files) {
    const p = fileURLToPath(new URL(`bench/${f}`, SHARED));
    if (!existsSync(p)) continue;
    for (const line of readFileSync(p, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const text = String((JSON.parse(line) as Record<string, unknown>)[field] ?? "");
      for (const s of taggerSentences(text)) out.push(s.tokens.map((t) => normalizeWord(t.text)));
    }
  }
  return out;
}

function buildGazetteer(docs: Doc[]): Gazetteer {
  const types = new Map<string, Map<string, number>>();
  let maxLen = 1;
  for (const d of docs)
    for (const s of d) {
      for (let i = 0; i < s.tags.length; i++) {
        const t = TAGS[s.tags[i]!]!;
        if (!t.startsWith("B-")) continue;
        let j = i + 1;
        while (j < s.tags.length && TAGS[s.tags[j]!] === `I-${t.slice(2)}`) j++;
        // Names longer than 6 tokens are rare and mostly MISC titles; the tagger never looks that far.
        if (j - i > 6) continue;
        const key = s.words.slice(i, j).join(" ").toLowerCase();
        maxLen = Math.max(maxLen, j - i);
        const m = types.get(key) ?? new Map<string, number>();
        m.set(t.slice(2), (m.get(t.slice(2)) ?? 0) + 1);
        types.set(key, m);
      }
    }
  const entries = new Map<string, string>();
  for (const [k, m] of types) {
    // Types seen at least a third as often as the most frequent one, alphabetical ("LOC|ORG").
    const top = Math.max(...m.values());
    entries.set(k, [...m].filter(([, c]) => c * 3 >= top).map(([t]) => t).sort().join("|"));
  }
  return { entries, maxLen: Math.min(maxLen, 6) };
}

// ---------- main ----------

const trainDocs = readConll(fileURLToPath(new URL("bench/ner/conll2003/eng.train", SHARED)));
const devDocs = readConll(fileURLToPath(new URL("bench/ner/conll2003/eng.testa", SHARED)));
log(`train ${trainDocs.length} docs, dev ${devDocs.length} docs`);

const unl = unlabeledSentences(trainDocs);
log(`unlabeled: ${unl.length} sentences, ${unl.reduce((a, s) => a + s.length, 0)} tokens`);
let clusters: Map<string, number[]>;
if (CLUSTER_CACHE && existsSync(CLUSTER_CACHE)) {
  clusters = new Map(JSON.parse(readFileSync(CLUSTER_CACHE, "utf8")) as [string, number[]][]);
  log(`clusters from cache: ${clusters.size} words`);
} else {
  clusters = induceClusters(unl);
  log(`clusters: ${clusters.size} words`);
  if (CLUSTER_CACHE) writeFileSync(CLUSTER_CACHE, JSON.stringify([...clusters]));
}
// How often each capitalized word is written in lowercase in the unlabeled text (not counting the
// first word of a sentence, which is capitalized anyway).
const lowerRatio = new Map<string, number>();
{
  const cap = new Map<string, number>();
  const low = new Map<string, number>();
  for (const s of unl)
    for (let i = 1; i < s.length; i++) {
      const w = s[i]!;
      if (/^\p{Lu}\p{Ll}/u.test(w)) cap.set(w, (cap.get(w) ?? 0) + 1);
      else if (/^\p{Ll}+$/u.test(w)) low.set(w, (low.get(w) ?? 0) + 1);
    }
  for (const [w, c] of cap) {
    const l = low.get(w.toLowerCase()) ?? 0;
    if (c + l >= 3) lowerRatio.set(w, lowerRatioBucket(l, c));
  }
  for (const [w, l] of low) {
    const t = w[0]!.toUpperCase() + w.slice(1);
    if (!cap.has(t) && l >= 3) lowerRatio.set(t, 4);
  }
  log(`lowercase ratios: ${lowerRatio.size} words`);
}

const fullGaz = buildGazetteer(trainDocs);
// Jackknifed gazetteers for training features: a document's gazetteer features come from names in
// the other half of the training set, so the model learns how reliable a gazetteer hit is on
// unseen text instead of trusting a list that contains every training name.
const foldGaz = [0, 1].map((f) => buildGazetteer(trainDocs.filter((_, i) => i % 2 !== f)));

function docFeatures(doc: Doc, res: FeatureResources): string[][][] {
  const ctx = docContext(doc.map((s) => s.words));
  return doc.map((s) => sentenceFeatures(s.words, res, ctx));
}

// Pass 1: count features on the training set.
const resFor = (g: Gazetteer): FeatureResources => ({ clusters, gazetteer: g, lowerRatio });
const counts = new Map<string, number>();
for (let d = 0; d < trainDocs.length; d++)
  for (const sf of docFeatures(trainDocs[d]!, resFor(foldGaz[d % 2]!))) for (const tf of sf) for (const f of tf) counts.set(f, (counts.get(f) ?? 0) + 1);
const featIndex = new Map<string, number>();
for (const [f, c] of counts) if (c >= MIN_COUNT) featIndex.set(f, featIndex.size);
log(`features: ${counts.size} seen, ${featIndex.size} kept (count >= ${MIN_COUNT})`);
counts.clear();

interface Encoded {
  n: number;
  /** Per token: feature ids in ids[offs[i]..offs[i+1]). */
  offs: Int32Array;
  ids: Int32Array;
  gold: Int32Array;
}
function encode(doc: Doc, res: FeatureResources): Encoded[] {
  return docFeatures(doc, res).map((sf, k) => {
    const offs = new Int32Array(sf.length + 1);
    const ids: number[] = [];
    sf.forEach((tf, i) => {
      for (const f of tf) {
        const id = featIndex.get(f);
        if (id !== undefined) ids.push(id);
      }
      offs[i + 1] = ids.length;
    });
    return { n: sf.length, offs, ids: Int32Array.from(ids), gold: Int32Array.from(doc[k]!.tags) };
  });
}
const train: Encoded[] = trainDocs.flatMap((d, i) => encode(d, resFor(foldGaz[i % 2]!)));
const dev: Encoded[] = devDocs.flatMap((d) => encode(d, resFor(fullGaz)));
log(`encoded ${train.length} train / ${dev.length} dev sentences`);

// Averaged perceptron with the standard lazy-averaging trick: avg = w - u / c.
const F = featIndex.size;
const w = new Float32Array(F * NT);
const u = new Float32Array(F * NT);
const TR = (NT + 1) * NT;
const tw = new Float32Array(TR);
const tu = new Float32Array(TR);
let c = 1;

function emissions(s: Encoded, weights: Float32Array): Float32Array {
  const e = new Float32Array(s.n * NT);
  for (let i = 0; i < s.n; i++) {
    const base = i * NT;
    for (let k = s.offs[i]!; k < s.offs[i + 1]!; k++) {
      const r = s.ids[k]! * NT;
      for (let t = 0; t < NT; t++) e[base + t]! += weights[r + t]!;
    }
  }
  return e;
}
const transIdx = (p: number, t: number) => (p < 0 ? NT * NT + t : p * NT + t);

function update(s: Encoded, pred: Int32Array): void {
  for (let i = 0; i < s.n; i++) {
    const g = s.gold[i]!;
    const p = pred[i]!;
    if (g !== p) {
      for (let k = s.offs[i]!; k < s.offs[i + 1]!; k++) {
        const r = s.ids[k]! * NT;
        w[r + g]! += 1;
        u[r + g]! += c;
        w[r + p]! -= 1;
        u[r + p]! -= c;
      }
    }
    const gp = i > 0 ? s.gold[i - 1]! : -1;
    const pp = i > 0 ? pred[i - 1]! : -1;
    if (g !== p || gp !== pp) {
      tw[transIdx(gp, g)]! += 1;
      tu[transIdx(gp, g)]! += c;
      tw[transIdx(pp, p)]! -= 1;
      tu[transIdx(pp, p)]! -= c;
    }
  }
}

function averaged(): { weights: Float32Array; transitions: Float32Array } {
  const weights = new Float32Array(F * NT);
  for (let i = 0; i < weights.length; i++) weights[i] = w[i]! - u[i]! / c;
  const transitions = new Float32Array(TR);
  for (let i = 0; i < TR; i++) transitions[i] = tw[i]! - tu[i]! / c;
  return { weights, transitions };
}

/** Span F1 over PER/ORG/LOC (what the scorer's overall figure measures), plus MISC. */
function spanF1(sents: Encoded[], weights: Float32Array, transitions: Float32Array): { f1: number; all: number } {
  let tp = 0, np = 0, ng = 0, tpa = 0, npa = 0, nga = 0;
  for (const s of sents) {
    const pred = viterbi(emissions(s, weights), s.n, transitions);
    const G = spans(s.gold), P = spans(pred);
    for (const x of P) {
      const main = !x.endsWith("MISC");
      if (main) np++;
      npa++;
      if (G.has(x)) {
        tpa++;
        if (main) tp++;
      }
    }
    for (const x of G) {
      nga++;
      if (!x.endsWith("MISC")) ng++;
    }
  }
  const f = (a: number, p: number, g: number) => (a ? (2 * a) / (p + g) : 0);
  return { f1: f(tp, np, ng), all: f(tpa, npa, nga) };
}
function spans(tags: Int32Array): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < tags.length; i++) {
    const t = TAGS[tags[i]!]!;
    if (!t.startsWith("B-")) continue;
    let j = i + 1;
    while (j < tags.length && TAGS[tags[j]!] === `I-${t.slice(2)}`) j++;
    out.add(`${i}:${j}:${t.slice(2)}`);
  }
  return out;
}

const rand = rng(13);
const order = Array.from({ length: train.length }, (_, i) => i);
const history: { epoch: number; devF1: number; devAll: number }[] = [];
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let errors = 0;
  for (const k of order) {
    const s = train[k]!;
    const pred = viterbi(emissions(s, w), s.n, tw);
    for (let i = 0; i < s.n; i++) if (pred[i] !== s.gold[i]) { update(s, pred); errors++; break; }
    c++;
  }
  const avg = averaged();
  const d = spanF1(dev, avg.weights, avg.transitions);
  history.push({ epoch, devF1: Number(d.f1.toFixed(4)), devAll: Number(d.all.toFixed(4)) });
  log(`epoch ${epoch}: ${errors} sentences wrong; testa PER/ORG/LOC F1 ${d.f1.toFixed(4)}, all types ${d.all.toFixed(4)}`);
}

// ---------- save ----------
const { weights, transitions } = averaged();
// Quantize to integers at SCALE and drop features whose every weight rounds to 0 (or below PRUNE).
const SCALE = Number(opt("scale", "1000"));
const PRUNE = Number(opt("prune", "2"));
const feats = [...featIndex.keys()];
const lines: string[] = [];
for (let r = 0; r < F; r++) {
  const parts: string[] = [];
  let keep = false;
  for (let t = 0; t < NT; t++) {
    const q = Math.round(weights[r * NT + t]! * SCALE);
    if (q !== 0) parts.push(`${t}:${q}`);
    if (Math.abs(q) >= PRUNE) keep = true;
  }
  if (keep && parts.length) lines.push(`${feats[r]}\t${parts.join(" ")}`);
}
const model: SerializedModel = {
  format: "dossier-ner-2",
  tags: TAGS,
  scale: SCALE,
  transitions: Array.from(transitions, (x) => Math.round(x * SCALE)),
  features: lines.join("\n"),
  clusters: [...clusters].map(([k, v]) => `${k}\t${v.join(",")}`).join("\n"),
  gazetteer: [...fullGaz.entries].map(([k, v]) => `${k}\t${v}`).join("\n"),
  lowerRatio: [...lowerRatio].map(([k, v]) => `${k}\t${v}`).join("\n"),
  meta: {
    trainedOn: "conll2003/eng.train",
    epochs: EPOCHS,
    minCount: MIN_COUNT,
    scale: SCALE,
    prune: PRUNE,
    featuresKept: lines.length,
    devHistory: history,
  },
};
mkdirSync(dirname(OUT), { recursive: true });
const gz = gzipSync(JSON.stringify(model), { level: 9 });
writeFileSync(OUT, gz);
log(`wrote ${OUT}: ${lines.length} features, ${(gz.length / 1e6).toFixed(2)} MB`);
