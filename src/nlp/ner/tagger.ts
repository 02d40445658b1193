// The NER tagger: loads the shipped model (models/ner/model.json.gz) once, tags token
// sequences with Viterbi decoding, and finds entity spans in raw text.
//
// Speed: the features of one word at each offset (-2..2) are summed once per distinct word and
// cached as score vectors; context features are found through nested maps keyed by the cached
// lowercase words and shapes; tokens with no capital letter nearby are tagged O unscored.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  capClass,
  clusterOf,
  firstWordIndex,
  gazetteerFeatures,
  hasLetter,
  hasUpperCase,
  isAllCaps,
  isCapitalized,
  isHeadline,
  longShape,
  shortShape,
  titleCase,
  type DocContext,
  type FeatureResources,
} from "./features.ts";
import { DossierError } from "../../core/errors.ts";
import * as model from "./model.ts";
import { deserializeModel, viterbi, type NerModel, type SerializedModel } from "./model.ts";
import { normalizeWord, taggerSentences } from "./tokens.ts";
import { harmonizeTypes, propagatePersonNames } from "./consistency.ts";

// Module-local copies: under tsx (CommonJS interop) imported bindings are property getters, which
// showed up in profiles of the hot loops.
const NT = model.NT;
const TAGS = model.TAGS;
const IMPOSSIBLE = model.IMPOSSIBLE;

/** Version of the tagger (code and shipped model) for stage records; bump when either changes. */
export const NER_VERSION = "1.0.0";

export type NerType = "PER" | "ORG" | "LOC" | "MISC";

/** An entity found in raw text: [start, end) offsets, type, and the covered text. */
export interface EntitySpan {
  start: number;
  end: number;
  type: NerType;
  text: string;
}

export const DEFAULT_MODEL_URL = new URL("../../../models/ner/model.json.gz", import.meta.url);

/** A loaded model plus its per-word feature cache. */
export class NerTagger {
  readonly model: NerModel;
  private readonly res: FeatureResources;
  private readonly cache = new Map<string, WordEntry>();
  private readonly ctx: ContextIndex;
  private readonly words: WordIndex;
  /** Scratch: row ids of one token's context features (there are at most a few dozen). */
  private readonly rowBuf = new Int32Array(256);
  private readonly bias: number;
  /** Entries per offset before a cache is dropped (bounds memory on endless streams). */
  private static readonly CACHE_LIMIT = 200_000;

  constructor(model: NerModel) {
    this.model = model;
    this.res = { clusters: model.clusters, gazetteer: model.gazetteer, lowerRatio: model.lowerRatio };
    this.bias = model.features.get("bias") ?? -1;
    this.ctx = contextIndex(model.features);
    this.words = wordIndex(model.features);
  }

  /** Loads a model file (models/ner/model.json.gz); a missing or unreadable file is a READ_FAILED DossierError. */
  static fromFile(path: string | URL): NerTagger {
    const name = path instanceof URL ? fileURLToPath(path) : path;
    let json: SerializedModel;
    try {
      json = JSON.parse(gunzipSync(readFileSync(path)).toString("utf8")) as SerializedModel;
    } catch (e) {
      throw new DossierError("READ_FAILED", name, `NER model: ${e instanceof Error ? e.message : String(e)} — rebuild it with \`npx tsx scripts/train-ner.ts\``);
    }
    if (json.format !== "dossier-ner-2") throw new DossierError("READ_FAILED", name, `NER model format ${String(json.format)}, expected dossier-ner-2 — rebuild it with \`npx tsx scripts/train-ner.ts\``);
    return new NerTagger(deserializeModel(json));
  }

  /** What the tagger needs to know about one (normalized) word, computed once per distinct word (cached). */
  private entry(word: string): WordEntry {
    let v = this.cache.get(word);
    if (v) return v;
    const cc = capClass(word);
    v = {
      word,
      scores: null,
      off: 0,
      lower: word.toLowerCase(),
      shape: shortShape(word),
      capClass: cc,
      title: cc === 2 ? titleCase(word) : word,
      upper: hasUpperCase(word),
      letter: hasLetter(word),
      allCaps: isAllCaps(word),
      gazLongest: undefined,
      asPrev: undefined,
      asCur: undefined,
      asPrevOfNext: undefined,
      shapeAsPrev: undefined,
    };
    const lower = v.lower;
    if (isCapitalized(word)) v.gazLongest = firstWordIndex(this.res.gazetteer).get(lower);
    v.asPrev = this.ctx.lpL.get(lower);
    v.asCur = this.ctx.lLn.get(lower);
    v.asPrevOfNext = this.ctx.lpLn.get(lower);
    v.shapeAsPrev = this.ctx.shapes.get(v.shape);
    if (this.cache.size >= NerTagger.CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, v);
    return v;
  }

  /**
   * The word features of features.ts wordFeatures() at each of OFFSETS, summed per offset (NT values each).
   * Found through WordIndex by the parts of each feature instead of building its string; rows are added in
   * wordFeatures' order, so the float sums are the same as adding the rows of the feature strings.
   */
  private scoresOf(e: WordEntry): Float32Array {
    if (e.scores) return e.scores;
    // Score vectors live in shared blocks (one typed array per word costs an allocation and GC work each).
    if (this.poolUsed + 5 * NT > this.pool.length) {
      this.pool = new Float32Array(4096 * 5 * NT);
      this.poolUsed = 0;
    }
    const scores = this.pool;
    const off = this.poolUsed;
    this.poolUsed += 5 * NT;
    const X = this.words;
    const W = this.model.weights;
    const w = e.word;
    const lw = e.lower;
    const n = lw.length;
    const cl = clusterOf(this.res.clusters, w);
    const named = isCapitalized(w) && LETTER_RE.test(w);
    const lrKey = named ? String(this.res.lowerRatio.get(w.length > 1 && e.allCaps ? titleCase(w) : w) ?? "none") : "";
    const lRows = X.l.get(lw);
    const shRows = X.sh.get(e.shape);
    const lrRows = named ? X.lr.get(lrKey) : undefined;
    const rows = this.rowBuf;
    for (let k = 0; k < 5; k++) {
      let nr = 0;
      let id: number | undefined;
      if (k === 2) {
        if ((id = X.w.get(w)) !== undefined) rows[nr++] = id;
        if (lRows && lRows[2]! >= 0) rows[nr++] = lRows[2]!;
        if (shRows && shRows[2]! >= 0) rows[nr++] = shRows[2]!;
        if ((id = X.ls.get(longShape(w))) !== undefined) rows[nr++] = id;
        for (let j = 1; j <= 4 && j <= n; j++) {
          if ((id = X.pre[j - 1]!.get(lw.slice(0, j))) !== undefined) rows[nr++] = id;
          if ((id = X.suf[j - 1]!.get(lw.slice(n - j))) !== undefined) rows[nr++] = id;
        }
        if (e.allCaps && X.caps >= 0) rows[nr++] = X.caps;
        if (isCapitalized(w) && X.cap >= 0) rows[nr++] = X.cap;
        if (w.includes("-") && X.hyph >= 0) rows[nr++] = X.hyph;
        if (w.includes(".") && LETTER_RE.test(w) && X.dot >= 0) rows[nr++] = X.dot;
        if (DIGIT_RE.test(w) && LETTER_RE.test(w) && X.alnum >= 0) rows[nr++] = X.alnum;
        if (X.len[Math.min(n, 8)]! >= 0) rows[nr++] = X.len[Math.min(n, 8)]!;
        if (lrRows && lrRows[2]! >= 0) rows[nr++] = lrRows[2]!;
        if (cl) {
          for (let c = 0; c < cl.length; c++) {
            const r = X.c[c]?.get(cl[c]!);
            if (r && r[2]! >= 0) rows[nr++] = r[2]!;
          }
        } else if (X.cNone >= 0) rows[nr++] = X.cNone;
      } else {
        if (lRows && lRows[k]! >= 0) rows[nr++] = lRows[k]!;
        if (shRows && shRows[k]! >= 0) rows[nr++] = shRows[k]!;
        if (k === 1 || k === 3) {
          if (cl) {
            for (let c = 0; c < cl.length; c++) {
              const r = X.c[c]?.get(cl[c]!);
              if (r && r[k]! >= 0) rows[nr++] = r[k]!;
            }
          }
          if (n > 3) {
            const r = X.s3n.get(lw.slice(-3));
            if (r && r[k]! >= 0) rows[nr++] = r[k]!;
          }
          if (lrRows && lrRows[k]! >= 0) rows[nr++] = lrRows[k]!;
        } else if (cl) {
          for (let c = 1; c <= 2; c++) {
            const r = X.c[c]?.get(cl[c]!);
            if (r && r[k]! >= 0) rows[nr++] = r[k]!;
          }
        }
      }
      const base = off + k * NT;
      for (let r = 0; r < nr; r++) {
        const row = rows[r]! * NT;
        for (let t = 0; t < NT; t++) scores[base + t]! += W[row + t]!;
      }
    }
    e.off = off;
    e.scores = scores;
    return scores;
  }

  /**
   * Tag indices (into TAGS) for one sentence of normalized words. Computes exactly the features of
   * features.ts (sentenceFeatures / contextFeatures) but looks the context features up through
   * nested maps keyed by already-hashed word strings instead of building feature strings;
   * test/nlp/ner.test.ts checks the two paths agree.
   */
  /**
   * What decoding needs about one sentence before the document's evidence is known. Names need a capital
   * letter nearby: a token with no capital in itself or either neighbour is tagged O without computing its
   * features (two thirds of the tokens of PolNeAR articles), and a token more than two away from such an
   * "active" token is not even looked up in the word cache. PER/ORG/LOC F1 with vs without (an earlier
   * model, before name propagation): eng.testb 0.9016 vs 0.9019, eng.testa 0.8948 both; findEntities ~1.5x faster.
   */
  private prepare(words: readonly string[]): Prepared {
    const n = words.length;
    const upper = new Uint8Array(n);
    for (let i = 0; i < n; i++) upper[i] = hasUpperCase(words[i]!) ? 1 : 0;
    const active = new Uint8Array(n);
    for (let i = 0; i < n; i++) active[i] = upper[i] || (i > 0 && upper[i - 1]) || (i + 1 < n && upper[i + 1]) ? 1 : 0;
    // No closures in these loops (under tsx every closure creation also pays for a name-keeping helper call).
    const en: (WordEntry | null)[] = new Array(n);
    for (let j = 0; j < n; j++) {
      let near = false;
      for (let d = -2; d <= 2 && !near; d++) if (j + d >= 0 && j + d < n && active[j + d]) near = true;
      en[j] = near ? this.entry(words[j]!) : null;
    }
    return { words, en, active, headline: isHeadline(words) };
  }

  private decode(p: Prepared, doc: DocContext): Int32Array {
    const { words, en, active, headline } = p;
    const n = words.length;
    const W = this.model.weights;
    const F = this.model.features;
    const C = this.ctx;
    const b = this.scratch(n);
    const e = b.e;
    const rows = this.rowBuf;
    const acc = this.acc;
    // Word scores for active tokens and their neighbours within two (the tokens with an entry).
    const sc = b.sc;
    const offs = b.offs;
    const lower = b.lower;
    const longest = b.longest;
    lower.length = n;
    longest.length = n;
    for (let j = 0; j < n; j++) {
      const ej = en[j];
      if (ej) {
        sc[j] = this.scoresOf(ej);
        offs[j] = ej.off;
        lower[j] = ej.lower;
        longest[j] = ej.gazLongest;
      } else {
        sc[j] = null;
        lower[j] = words[j]!.toLowerCase();
        longest[j] = undefined;
      }
    }
    const gaz = gazetteerFeatures(words, this.res.gazetteer, lower, longest);
    const bias = this.bias;
    for (let i = 0; i < n; i++) {
      const base = i * NT;
      if (!active[i]) {
        e[base] = 0;
        for (let t = 1; t < NT; t++) e[base + t] = IMPOSSIBLE;
        continue;
      }
      // Row ids of the context features that fire, then one pass adding their weights. The neighbours'
      // entries hold the inner maps of the pair features they start (prev|cur, cur|next, prev|next).
      const cur = en[i]!;
      const pe = i > 0 ? en[i - 1]! : null;
      const ne = i + 1 < n ? en[i + 1]! : null;
      const next = ne ? ne.lower : "</s>";
      let nr = 0;
      let id: number | undefined;
      if (bias >= 0) rows[nr++] = bias;
      if ((id = (pe ? pe.asPrev : C.lpLStart)?.get(cur.lower)) !== undefined) rows[nr++] = id;
      if ((id = cur.asCur?.get(next)) !== undefined) rows[nr++] = id;
      if ((id = (pe ? pe.shapeAsPrev : C.shapesStart)?.get(cur.shape)?.get(ne ? ne.shape : "</s>")) !== undefined) rows[nr++] = id;
      if ((id = (pe ? pe.asPrevOfNext : C.lpLnStart)?.get(next)) !== undefined) rows[nr++] = id;
      if (i === 0 && (id = C.first.get(cur.shape)) !== undefined) rows[nr++] = id;
      if (headline && (id = C.headline.get(cur.shape)) !== undefined) rows[nr++] = id;
      const g = gaz[i];
      if (g) for (const f of g) if ((id = F.get(f)) !== undefined) rows[nr++] = id;
      if (cur.capClass === 1) {
        if (doc.lowerSeen.has(cur.lower) && (id = i === 0 ? C.docLowerFirst : C.docLower) !== undefined) rows[nr++] = id;
        if (i === 0 && doc.titleSeen.has(words[i]!) && (id = C.docTitleFirst) !== undefined) rows[nr++] = id;
      } else if (cur.capClass === 2) {
        if (doc.titleSeen.has(cur.title)) {
          if ((id = C.docCapsTitle) !== undefined) rows[nr++] = id;
        } else if (doc.lowerSeen.has(cur.lower) && (id = C.docCapsLower) !== undefined) rows[nr++] = id;
      }
      // Per tag: the neighbours' word scores in order, then the context rows in order (sums in doubles,
      // added in the same order as one sum per tag would).
      const lo = Math.max(0, i - 2);
      const hi = Math.min(n - 1, i + 2);
      acc.fill(0);
      for (let j = lo; j <= hi; j++) {
        const s = sc[j]!;
        const o = offs[j]! + (j - i + 2) * NT;
        for (let t = 0; t < NT; t++) acc[t]! += s[o + t]!;
      }
      for (let r = 0; r < nr; r++) {
        const o = rows[r]! * NT;
        for (let t = 0; t < NT; t++) acc[t]! += W[o + t]!;
      }
      for (let t = 0; t < NT; t++) e[base + t] = acc[t]!;
    }
    return viterbi(e, n, this.model.transitions);
  }

  private pool = new Float32Array(0);
  private poolUsed = 0;

  /** Per-sentence buffers, grown as needed and reused (decoding is synchronous). */
  private buffers = { cap: 0, e: new Float32Array(0), offs: new Int32Array(0), sc: [] as (Float32Array | null)[], lower: [] as string[], longest: [] as (number | undefined)[] };
  private readonly acc = new Float64Array(NT);
  private scratch(n: number) {
    const b = this.buffers;
    if (b.cap < n) {
      const cap = Math.max(n, b.cap * 2, 64);
      b.cap = cap;
      b.e = new Float32Array(cap * NT);
      b.offs = new Int32Array(cap);
    }
    return b;
  }

  /** IOB2 tags (every name starts with B-) for the sentences of one document; document-level evidence is shared. */
  tagSentencesIob2(sentences: readonly (readonly string[])[]): string[][] {
    const norm = sentences.map((s) => s.map(normalizeWord));
    const prep = norm.map((s) => this.prepare(s));
    const doc = docContextOf(prep);
    const tags = prep.map((p) => Array.from(this.decode(p, doc), (t) => TAGS[t]!));
    return harmonizeTypes(norm, propagatePersonNames(norm, tags));
  }

  /** CoNLL-2003 tags (IOB1, as in eng.train and what score-ner.mjs reads) for the sentences of one document. */
  tagSentences(sentences: readonly (readonly string[])[]): string[][] {
    return this.tagSentencesIob2(sentences).map(toIob1);
  }

  /** CoNLL-2003 tags (IOB1) for one sentence of tokens. */
  tagTokens(tokens: readonly string[]): string[] {
    return this.tagSentences([tokens])[0]!;
  }

  /** Named entities in raw text, with character offsets. */
  findEntities(text: string): EntitySpan[] {
    const sents = taggerSentences(text);
    const tags = this.tagSentencesIob2(sents.map((s) => s.tokens.map((t) => t.text)));
    const out: EntitySpan[] = [];
    sents.forEach((s, k) => {
      const tg = tags[k]!;
      for (let i = 0; i < tg.length; i++) {
        if (!tg[i]!.startsWith("B-")) continue;
        const type = tg[i]!.slice(2) as NerType;
        let j = i + 1;
        while (j < tg.length && tg[j] === `I-${type}`) j++;
        const start = s.tokens[i]!.start;
        const end = s.tokens[j - 1]!.end;
        out.push({ start, end, type, text: text.slice(start, end) });
        i = j - 1;
      }
    });
    return out;
  }
}

/**
 * IOB2 → IOB1 (CoNLL-2003): a name starts with I- unless it directly follows a name of the same
 * type, which gets B-. The scorer reads all tokens as one stream (sentence breaks are not
 * boundaries) and the gold file is IOB1, so IOB1 is the scheme that matches it exactly.
 */
export function toIob1(tags: readonly string[]): string[] {
  return tags.map((t, i) => {
    if (!t.startsWith("B-")) return t;
    const prev = i > 0 ? tags[i - 1]! : "O";
    return prev !== "O" && prev.slice(2) === t.slice(2) ? t : `I-${t.slice(2)}`;
  });
}

const LETTER_RE = /\p{L}/u;
const DIGIT_RE = /\p{N}/u;

interface WordEntry {
  word: string;
  /** Summed word-feature weights at each of OFFSETS (NT values per offset); computed when first needed. */
  scores: Float32Array | null;
  /** Where this word's scores start in `scores` (a block shared with other words). */
  off: number;
  lower: string;
  shape: string;
  capClass: 0 | 1 | 2;
  /** Title-case form of an all-capitals word (the word itself otherwise). */
  title: string;
  /** Has a capital letter (features.ts hasUpperCase). */
  upper: boolean;
  /** Has a letter (features.ts hasLetter). */
  letter: boolean;
  /** features.ts isAllCaps. */
  allCaps: boolean;
  /** For a capitalized word: the longest gazetteer name starting with it (features.ts firstWordIndex). */
  gazLongest: number | undefined;
  /** Context pair features starting with this word: "lp|l=word|…", "l|ln=word|…", "lp|ln=word|…", "shp|sh|shn=shape|…". */
  asPrev: Map<string, number> | undefined;
  asCur: Map<string, number> | undefined;
  asPrevOfNext: Map<string, number> | undefined;
  shapeAsPrev: Map<string, Map<string, number>> | undefined;
}

/** One sentence ready for decoding (NerTagger.prepare). */
interface Prepared {
  words: readonly string[];
  /** Cached word facts of the tokens within two of an active token; null for the others. */
  en: (WordEntry | null)[];
  /** 1 for tokens with a capital letter in themselves or a neighbour. */
  active: Uint8Array;
  headline: boolean;
}

/** features.ts docContext, from the cached word facts (tokens without an entry have no capital letter). */
function docContextOf(prep: readonly Prepared[]): DocContext {
  const lowerSeen = new Set<string>();
  const titleSeen = new Set<string>();
  for (const p of prep) {
    if (p.headline) continue;
    const s = p.words;
    for (let i = 0; i < s.length; i++) {
      const e = p.en[i];
      if (!e) {
        if (hasLetter(s[i]!)) lowerSeen.add(s[i]!.toLowerCase());
        continue;
      }
      if (!e.letter) continue;
      if (!e.upper) lowerSeen.add(e.lower);
      else if (i > 0 && e.capClass === 1) titleSeen.add(s[i]!);
    }
  }
  return { lowerSeen, titleSeen };
}

/**
 * The word features of the model (features.ts wordFeatures), indexed by their parts: for the families that
 * occur at several offsets, the rows at each of OFFSETS (index offset + 2; -1 when the model lacks it).
 */
interface WordIndex {
  w: Map<string, number>;
  l: Map<string, Int32Array>;
  sh: Map<string, Int32Array>;
  ls: Map<string, number>;
  pre: Map<string, number>[];
  suf: Map<string, number>[];
  /** "s3=" of a neighbour (offsets ±1). */
  s3n: Map<string, Int32Array>;
  lr: Map<string, Int32Array>;
  /** Cluster level → cluster id → rows per offset. */
  c: Map<number, Int32Array>[];
  cNone: number;
  caps: number;
  cap: number;
  hyph: number;
  dot: number;
  alnum: number;
  /** "len=0".."len=8". */
  len: Int32Array;
}

function wordIndex(features: ReadonlyMap<string, number>): WordIndex {
  const x: WordIndex = {
    w: new Map(), l: new Map(), sh: new Map(), ls: new Map(),
    pre: [new Map(), new Map(), new Map(), new Map()], suf: [new Map(), new Map(), new Map(), new Map()],
    s3n: new Map(), lr: new Map(), c: [new Map(), new Map(), new Map()],
    cNone: features.get("c=none") ?? -1, caps: features.get("caps") ?? -1, cap: features.get("cap") ?? -1,
    hyph: features.get("hyph") ?? -1, dot: features.get("dot") ?? -1, alnum: features.get("alnum") ?? -1,
    len: new Int32Array(9).fill(-1),
  };
  const perOffset = <K>(m: Map<K, Int32Array>, key: K, k: number, row: number) => {
    let r = m.get(key);
    if (!r) m.set(key, (r = new Int32Array(5).fill(-1)));
    r[k] = row;
  };
  const FEATURE = /^(?:(-?[12])\|)?([a-z]+)(\d?)=([^]*)$/;
  for (const [f, row] of features) {
    const m = FEATURE.exec(f);
    if (!m) continue;
    const k = (m[1] ? Number(m[1]) : 0) + 2;
    const name = m[2]!;
    const digit = m[3]!;
    const value = m[4]!;
    if (name === "l" && !digit) perOffset(x.l, value, k, row);
    else if (name === "sh" && !digit) perOffset(x.sh, value, k, row);
    else if (name === "lr" && !digit && k !== 2) perOffset(x.lr, value, k, row);
    else if (name === "c" && digit && String(Number(value)) === value) perOffset(x.c[Number(digit)] ??= new Map(), Number(value), k, row);
    else if (k === 2) {
      if (name === "w" && !digit) x.w.set(value, row);
      else if (name === "ls" && !digit) x.ls.set(value, row);
      else if (name === "lr" && !digit) perOffset(x.lr, value, k, row);
      else if ((name === "p" || name === "s") && digit >= "1" && digit <= "4") (name === "p" ? x.pre : x.suf)[Number(digit) - 1]!.set(value, row);
      else if (name === "len" && !digit && /^[0-8]$/.test(value)) x.len[Number(value)] = row;
    } else if (name === "s" && digit === "3" && (k === 1 || k === 3)) perOffset(x.s3n, value, k, row);
  }
  return x;
}

type Nested<V> = Map<string, V>;

/** The context features of the model (features.ts contextFeatures), indexed by their parts. */
interface ContextIndex {
  lpL: Nested<Map<string, number>>;
  lLn: Nested<Map<string, number>>;
  lpLn: Nested<Map<string, number>>;
  shapes: Nested<Nested<Map<string, number>>>;
  first: Map<string, number>;
  headline: Map<string, number>;
  docLower?: number;
  docLowerFirst?: number;
  docTitleFirst?: number;
  docCapsTitle?: number;
  docCapsLower?: number;
  /** The inner maps for a sentence's first token (previous word "<s>"). */
  lpLStart?: Map<string, number>;
  lpLnStart?: Map<string, number>;
  shapesStart?: Map<string, Map<string, number>>;
}

function contextIndex(features: ReadonlyMap<string, number>): ContextIndex {
  const c: ContextIndex = { lpL: new Map(), lLn: new Map(), lpLn: new Map(), shapes: new Map(), first: new Map(), headline: new Map() };
  const pair = (m: Nested<Map<string, number>>, rest: string, row: number) => {
    const parts = rest.split("|");
    if (parts.length !== 2) return; // a word containing "|": not reachable through the index
    let inner = m.get(parts[0]!);
    if (!inner) m.set(parts[0]!, (inner = new Map()));
    inner.set(parts[1]!, row);
  };
  for (const [f, row] of features) {
    if (f.startsWith("lp|l=")) pair(c.lpL, f.slice(5), row);
    else if (f.startsWith("l|ln=")) pair(c.lLn, f.slice(5), row);
    else if (f.startsWith("lp|ln=")) pair(c.lpLn, f.slice(6), row);
    else if (f.startsWith("shp|sh|shn=")) {
      const parts = f.slice(11).split("|");
      if (parts.length !== 3) continue;
      let a = c.shapes.get(parts[0]!);
      if (!a) c.shapes.set(parts[0]!, (a = new Map()));
      let b = a.get(parts[1]!);
      if (!b) a.set(parts[1]!, (b = new Map()));
      b.set(parts[2]!, row);
    } else if (f.startsWith("first|sh=")) c.first.set(f.slice(9), row);
    else if (f.startsWith("hl|sh=")) c.headline.set(f.slice(6), row);
  }
  c.docLower = features.get("doc:lower");
  c.docLowerFirst = features.get("doc:lower|first");
  c.docTitleFirst = features.get("doc:title|first");
  c.docCapsTitle = features.get("doc:caps-title");
  c.docCapsLower = features.get("doc:caps-lower");
  c.lpLStart = c.lpL.get("<s>");
  c.lpLnStart = c.lpLn.get("<s>");
  c.shapesStart = c.shapes.get("<s>");
  return c;
}

let shared: NerTagger | null = null;

/** The tagger with the shipped model, loaded on first use. */
export function defaultTagger(): NerTagger {
  shared ??= NerTagger.fromFile(DEFAULT_MODEL_URL);
  return shared;
}

/** CoNLL-2003 tags (IOB1: I-PER, I-ORG, B- only between adjacent names of one type, O) for one sentence of tokens. */
export function tagTokens(tokens: readonly string[]): string[] {
  return defaultTagger().tagTokens(tokens);
}

/** CoNLL-2003 tags (IOB1) for the sentences of one document. */
export function tagSentences(sentences: readonly (readonly string[])[]): string[][] {
  return defaultTagger().tagSentences(sentences);
}

/** Named entities (PER, ORG, LOC, MISC) in raw text, with offsets. */
export function findEntities(text: string): EntitySpan[] {
  return defaultTagger().findEntities(text);
}
