// The NER model: a first-order linear-chain model (structured averaged perceptron) over IOB2 tags,
// its serialized form (models/ner/model.json.gz) and Viterbi decoding.

import type { Clusters, Gazetteer } from "./features.ts";

export const TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"] as const;
export type NerTag = (typeof TAGS)[number];
export const NT = TAGS.length;

/** May `cur` follow `prev` in IOB2? (-1 = sentence start). I-X only continues B-X or I-X. */
export function allowedTransition(prev: number, cur: number): boolean {
  const t = TAGS[cur]!;
  if (!t.startsWith("I-")) return true;
  if (prev < 0) return false;
  return TAGS[prev]!.slice(2) === t.slice(2);
}

export interface NerModel {
  /** Feature string → row; row r's weights are weights[r*NT .. r*NT+NT). */
  features: Map<string, number>;
  weights: Float32Array;
  /** (NT+1) × NT: row NT is the start state. */
  transitions: Float32Array;
  clusters: Clusters;
  gazetteer: Gazetteer;
  lowerRatio: Map<string, number>;
}

/** What the model file holds (JSON, gzipped). Weights are integers; divide by `scale`. */
export interface SerializedModel {
  format: "dossier-ner-2";
  tags: readonly string[];
  scale: number;
  transitions: number[];
  /** Lines "feature\ttag:weight tag:weight" (zero weights omitted). */
  features: string;
  /** Lines "word\tcoarse,mid,fine". */
  clusters: string;
  /** Lines "lowercased name\tTYPE[|TYPE]". */
  gazetteer: string;
  /** Lines "Word\tbucket" (see FeatureResources.lowerRatio). */
  lowerRatio: string;
  /** How the model was trained and what it scored, for the record. */
  meta: Record<string, unknown>;
}

export function deserializeModel(s: SerializedModel): NerModel {
  if (s.format !== "dossier-ner-2" || s.tags.join(",") !== TAGS.join(",")) throw new Error("unsupported NER model format");
  const lines = s.features.split("\n");
  const features = new Map<string, number>();
  const weights = new Float32Array(lines.length * NT);
  const inv = 1 / s.scale;
  let row = 0;
  for (const line of lines) {
    const tab = line.lastIndexOf("\t");
    if (tab < 0) continue;
    features.set(line.slice(0, tab), row);
    const base = row * NT;
    for (const part of line.slice(tab + 1).split(" ")) {
      const colon = part.indexOf(":");
      weights[base + Number(part.slice(0, colon))] = Number(part.slice(colon + 1)) * inv;
    }
    row++;
  }
  const clusters = new Map<string, number[]>();
  for (const line of s.clusters.split("\n")) {
    const tab = line.lastIndexOf("\t");
    if (tab > 0) clusters.set(line.slice(0, tab), line.slice(tab + 1).split(",").map(Number));
  }
  const entries = new Map<string, string>();
  let maxLen = 1;
  for (const line of s.gazetteer.split("\n")) {
    const tab = line.lastIndexOf("\t");
    if (tab <= 0) continue;
    const key = line.slice(0, tab);
    entries.set(key, line.slice(tab + 1));
    maxLen = Math.max(maxLen, key.split(" ").length);
  }
  const lowerRatio = new Map<string, number>();
  for (const line of s.lowerRatio.split("\n")) {
    const tab = line.lastIndexOf("\t");
    if (tab > 0) lowerRatio.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return {
    lowerRatio,
    features,
    weights: weights.subarray(0, row * NT),
    transitions: Float32Array.from(s.transitions, (x) => x * inv),
    clusters,
    gazetteer: { entries, maxLen },
  };
}

// Scratch buffers reused across calls (decoding is synchronous, so one set suffices).
let scoreBuf = new Float64Array(64 * NT);
let backBuf = new Int32Array(64 * NT);

/** Emission scores at or below this mark a tag as impossible (the tagger's "no capital nearby" tokens). */
export const IMPOSSIBLE = -1e9;

/** Best tag sequence for emission scores (n × NT) under the transition scores and IOB2 constraints. */
export function viterbi(emissions: Float32Array, n: number, transitions: Float32Array): Int32Array {
  const out = new Int32Array(n);
  if (n === 0) return out;
  if (scoreBuf.length < n * NT) {
    scoreBuf = new Float64Array(n * NT * 2);
    backBuf = new Int32Array(n * NT * 2);
  }
  const score = scoreBuf;
  const back = backBuf;
  for (let t = 0; t < NT; t++) score[t] = allowedTransition(-1, t) ? emissions[t]! + transitions[NT * NT + t]! : -Infinity;
  const oo = transitions[0]!;
  let prevOnlyO = false;
  for (let i = 1; i < n; i++) {
    const cur = i * NT;
    const prv = cur - NT;
    // Fast path: only O is possible here (all other emissions are IMPOSSIBLE).
    let onlyO = true;
    for (let t = 1; t < NT && onlyO; t++) if (emissions[cur + t]! > IMPOSSIBLE) onlyO = false;
    if (onlyO && prevOnlyO) {
      // O after a position where only O was possible (every other score there is -Infinity): O → O.
      score[cur] = score[prv]! + oo + emissions[cur]!;
      back[cur] = 0;
      for (let t = 1; t < NT; t++) {
        score[cur + t] = -Infinity;
        back[cur + t] = 0;
      }
      continue;
    }
    prevOnlyO = onlyO;
    const last = onlyO ? 1 : NT;
    for (let t = 0; t < last; t++) {
      let best = -Infinity;
      let arg = 0;
      const preds = PREDECESSORS[t]!;
      for (let k = 0; k < preds.length; k++) {
        const p = preds[k]!;
        const sc = score[prv + p]! + transitions[p * NT + t]!;
        if (sc > best) {
          best = sc;
          arg = p;
        }
      }
      score[cur + t] = best + emissions[cur + t]!;
      back[cur + t] = arg;
    }
    for (let t = last; t < NT; t++) {
      score[cur + t] = -Infinity;
      back[cur + t] = 0;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let t = 0; t < NT; t++) {
    const sc = score[(n - 1) * NT + t]!;
    if (sc > best) {
      best = sc;
      arg = t;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * NT + arg]!;
  }
  return out;
}


/** For each tag, the tags allowed before it. */
const PREDECESSORS: Int32Array[] = TAGS.map((_, t) => Int32Array.from(TAGS.map((_, p) => p).filter((p) => allowedTransition(p, t))));
