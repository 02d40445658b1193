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
  OFFSETS,
  capClass,
  shortShape,
  titleCase,
  docContext,
  gazetteerFeatures,
  isHeadline,
  wordFeatures,
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

  /** Everything the decoder needs about one word, computed once per distinct word (cached). */
  private entry(word: string): WordEntry {
    let v = this.cache.get(word);
    if (v) return v;
    const scores = new Float32Array(OFFSETS.length * NT);
    const W = this.model.weights;
    for (let k = 0; k < OFFSETS.length; k++) {
      for (const f of wordFeatures(word, OFFSETS[k]!, this.res)) {
        const id = this.model.features.get(f);
        if (id === undefined) continue;
        for (let t = 0; t < NT; t++) scores[k * NT + t]! += W[id * NT + t]!;
      }
    }
    const cc = capClass(word);
    v = { scores, lower: word.toLowerCase(), shape: shortShape(word), capClass: cc, title: cc === 2 ? titleCase(word) : word };
    if (this.cache.size >= NerTagger.CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, v);
    return v;
  }

  /**
   * Tag indices (into TAGS) for one sentence of normalized words. Computes exactly the features of
   * features.ts (sentenceFeatures / contextFeatures) but looks the context features up through
   * nested maps keyed by already-hashed word strings instead of building feature strings;
   * test/nlp/ner.test.ts checks the two paths agree.
   */
  private decode(words: readonly string[], doc: DocContext): Int32Array {
    const n = words.length;
    const W = this.model.weights;
    const F = this.model.features;
    const C = this.ctx;
    const e = new Float32Array(n * NT);
    const rows = this.rowBuf;
    const headline = isHeadline(words);
    // Names need a capital letter nearby: a token with no capital in itself or either neighbour is
    // tagged O without computing its features (two thirds of the tokens of PolNeAR articles).
    // PER/ORG/LOC F1 with vs without (an earlier model, before name propagation): eng.testb
    // 0.9016 vs 0.9019, eng.testa 0.8948 both; findEntities ~1.5x faster.
    const upper = new Uint8Array(n);
    for (let i = 0; i < n; i++) upper[i] = hasUpper(words[i]!) ? 1 : 0;
    const active = new Uint8Array(n);
    for (let i = 0; i < n; i++) active[i] = upper[i] || (i > 0 && upper[i - 1]) || (i + 1 < n && upper[i + 1]) ? 1 : 0;
    // Word entries for active tokens and their neighbours within two; no closures in this loop
    // (under tsx every closure creation also pays for a name-keeping helper call).
    const en: WordEntry[] = new Array(n);
    const lower: string[] = new Array(n);
    for (let j = 0; j < n; j++) {
      let near = false;
      for (let d = -2; d <= 2 && !near; d++) if (j + d >= 0 && j + d < n && active[j + d]) near = true;
      if (near) {
        en[j] = this.entry(words[j]!);
        lower[j] = en[j]!.lower;
      } else lower[j] = words[j]!.toLowerCase();
    }
    const gaz = gazetteerFeatures(words, this.res.gazetteer, lower);
    const bias = this.bias;
    for (let i = 0; i < n; i++) {
      const base = i * NT;
      if (!active[i]) {
        for (let t = 1; t < NT; t++) e[base + t] = IMPOSSIBLE;
        continue;
      }
      // Row ids of the context features that fire, then one pass adding their weights.
      const cur = en[i]!;
      const prev = i > 0 ? en[i - 1]!.lower : "<s>";
      const next = i + 1 < n ? en[i + 1]!.lower : "</s>";
      const shp = i > 0 ? en[i - 1]!.shape : "<s>";
      const shn = i + 1 < n ? en[i + 1]!.shape : "</s>";
      let nr = 0;
      let id: number | undefined;
      if (bias >= 0) rows[nr++] = bias;
      if ((id = C.lpL.get(prev)?.get(cur.lower)) !== undefined) rows[nr++] = id;
      if ((id = C.lLn.get(cur.lower)?.get(next)) !== undefined) rows[nr++] = id;
      if ((id = C.shapes.get(shp)?.get(cur.shape)?.get(shn)) !== undefined) rows[nr++] = id;
      if ((id = C.lpLn.get(prev)?.get(next)) !== undefined) rows[nr++] = id;
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
      const lo = Math.max(0, i - 2);
      const hi = Math.min(n - 1, i + 2);
      for (let t = 0; t < NT; t++) {
        let sum = 0;
        // OFFSETS is [-2, -1, 0, 1, 2], so word j contributes its scores for offset j - i at index j - i + 2.
        for (let j = lo; j <= hi; j++) sum += en[j]!.scores[(j - i + 2) * NT + t]!;
        for (let r = 0; r < nr; r++) sum += W[rows[r]! * NT + t]!;
        e[base + t] = sum;
      }
    }
    return viterbi(e, n, this.model.transitions);
  }

  /** IOB2 tags (every name starts with B-) for the sentences of one document; document-level evidence is shared. */
  tagSentencesIob2(sentences: readonly (readonly string[])[]): string[][] {
    const norm = sentences.map((s) => s.map(normalizeWord));
    const doc = docContext(norm);
    const tags = norm.map((s) => Array.from(this.decode(s, doc), (t) => TAGS[t]!));
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

function hasUpper(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
    if (c > 127) return /\p{Lu}/u.test(w);
  }
  return false;
}

interface WordEntry {
  /** Summed word-feature weights at each of OFFSETS (NT values per offset). */
  scores: Float32Array;
  lower: string;
  shape: string;
  capClass: 0 | 1 | 2;
  /** Title-case form of an all-capitals word (the word itself otherwise). */
  title: string;
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
