// The NER tagger: loads the shipped model (models/ner/model.json.gz) once, tags token
// sequences with Viterbi decoding, and finds entity spans in raw text.
//
// Speed: features that depend on one word at one offset are looked up once per (word, offset)
// and cached as model rows, so tagging a token is mostly adding a few dozen weight rows.

import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import {
  OFFSETS,
  contextFeatures,
  docContext,
  gazetteerFeatures,
  isHeadline,
  wordFeatures,
  type DocContext,
  type FeatureResources,
} from "./features.ts";
import { NT, TAGS, deserializeModel, viterbi, type NerModel, type SerializedModel } from "./model.ts";
import { normalizeWord, taggerSentences } from "./tokens.ts";

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
  private readonly cache: Map<string, Float32Array>[] = OFFSETS.map(() => new Map());
  private readonly bias: number;
  /** Entries per offset before a cache is dropped (bounds memory on endless streams). */
  private static readonly CACHE_LIMIT = 200_000;

  constructor(model: NerModel) {
    this.model = model;
    this.res = { clusters: model.clusters, gazetteer: model.gazetteer, lowerRatio: model.lowerRatio };
    this.bias = model.features.get("bias") ?? -1;
  }

  static fromFile(path: string | URL): NerTagger {
    const json = JSON.parse(gunzipSync(readFileSync(path)).toString("utf8")) as SerializedModel;
    return new NerTagger(deserializeModel(json));
  }

  /** Summed weights of the word features of `word` seen at OFFSETS[k] (one NT-vector, cached). */
  private wordScores(word: string, k: number): Float32Array {
    const cache = this.cache[k]!;
    let v = cache.get(word);
    if (v) return v;
    v = new Float32Array(NT);
    const W = this.model.weights;
    for (const f of wordFeatures(word, OFFSETS[k]!, this.res)) {
      const id = this.model.features.get(f);
      if (id === undefined) continue;
      for (let t = 0; t < NT; t++) v[t]! += W[id * NT + t]!;
    }
    if (cache.size >= NerTagger.CACHE_LIMIT) cache.clear();
    cache.set(word, v);
    return v;
  }

  /** Tag indices (into TAGS) for one sentence of normalized words. */
  private decode(words: readonly string[], doc: DocContext): Int32Array {
    const n = words.length;
    const W = this.model.weights;
    const F = this.model.features;
    const e = new Float32Array(n * NT);
    const headline = isHeadline(words);
    const gaz = gazetteerFeatures(words, this.res.gazetteer);
    for (let i = 0; i < n; i++) {
      const base = i * NT;
      if (this.bias >= 0) for (let t = 0; t < NT; t++) e[base + t]! += W[this.bias * NT + t]!;
      for (let k = 0; k < OFFSETS.length; k++) {
        const j = i + OFFSETS[k]!;
        if (j < 0 || j >= n) continue;
        const v = this.wordScores(words[j]!, k);
        for (let t = 0; t < NT; t++) e[base + t]! += v[t]!;
      }
      for (const f of contextFeatures(words, i, headline, gaz, doc)) {
        const id = F.get(f);
        if (id === undefined) continue;
        const r = id * NT;
        for (let t = 0; t < NT; t++) e[base + t]! += W[r + t]!;
      }
    }
    return viterbi(e, n, this.model.transitions);
  }

  /** IOB2 tags (every name starts with B-) for the sentences of one document; document-level evidence is shared. */
  tagSentencesIob2(sentences: readonly (readonly string[])[]): string[][] {
    const norm = sentences.map((s) => s.map(normalizeWord));
    const doc = docContext(norm);
    return norm.map((s) => Array.from(this.decode(s, doc), (t) => TAGS[t]!));
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
