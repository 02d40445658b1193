// Feature templates of the NER tagger. Training (scripts/train-ner.ts) and tagging
// (tagger.ts) both call these functions, so the two can never disagree about a feature.
//
// Features come in two kinds:
//  - word-type features: depend only on one word and its offset from the current token
//    (-2..+2): the tagger caches them per (word, offset), which is where its speed comes from;
//  - context features: depend on the sentence or document (neighbour pairs, sentence position,
//    all-caps headlines, gazetteer matches, how the same word is written elsewhere in the document).

/** Word clusters: word → cluster ids at coarse-to-fine granularities. */
export type Clusters = ReadonlyMap<string, readonly number[]>;

/** Names seen in training, keyed by lowercased tokens joined with a space; value like "LOC" or "LOC|ORG". */
export interface Gazetteer {
  entries: ReadonlyMap<string, string>;
  maxLen: number;
}

export interface FeatureResources {
  clusters: Clusters;
  gazetteer: Gazetteer;
  /**
   * For capitalized words (keyed in Title case): how often the unlabeled text writes the word in
   * lowercase, bucketed 0..4. "Later" is mostly "later" (4); "Biden" never is (0).
   */
  lowerRatio: ReadonlyMap<string, number>;
}

/** Bucket of the share of lowercase occurrences (0 = never lowercase, 4 = almost always). */
export function lowerRatioBucket(lower: number, capitalized: number): number {
  return Math.min(4, Math.floor((lower / (lower + capitalized)) * 5));
}

/** Document-level facts used by context features, computed once per document. */
export interface DocContext {
  /** Lowercased forms of words seen written all in lowercase in the document. */
  lowerSeen: ReadonlySet<string>;
  /** Words seen capitalized (Title case) somewhere other than the start of a sentence. */
  titleSeen: ReadonlySet<string>;
}

const UPPER_RE = /\p{Lu}/u;
const LOWER_RE = /\p{Ll}/u;
const LETTER_RE = /\p{L}/u;
const DIGIT_RE = /\p{N}/u;

/** Collapsed word shape: "Wang" → "Xx", "U.S." → "X.X.", "1996-12-06" → "d-d-d". */
export function shortShape(w: string): string {
  const hit = shapeMemo.get(w);
  if (hit !== undefined) return hit;
  let out = "";
  let last = "";
  for (const ch of w) {
    const c = shapeChar(ch);
    if (c !== last) out += c;
    last = c;
  }
  if (shapeMemo.size >= 100_000) shapeMemo.clear();
  shapeMemo.set(w, out);
  return out;
}
// Shapes are recomputed for every neighbour pair; memoizing them halves context-feature time.
const shapeMemo = new Map<string, string>();

/** Shape of one character: X, x, d, or the character itself (ASCII without the Unicode regexes). */
function shapeChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90 ? "X" : c >= 97 && c <= 122 ? "x" : c >= 48 && c <= 57 ? "d" : ch;
  return UPPER_RE.test(ch) ? "X" : LOWER_RE.test(ch) ? "x" : DIGIT_RE.test(ch) ? "d" : ch;
}

/** Full shape, truncated: "McDonald" → "XxXxxxxx" (first 8 characters). */
export function longShape(w: string): string {
  let out = "";
  for (const ch of w.slice(0, 8)) out += shapeChar(ch);
  return out;
}

// ASCII fast paths: these run several times per token; the Unicode regexes are the fallback.
export function isAllCaps(w: string): boolean {
  let upper = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
    else if (c > 127) return UPPER_RE.test(w) && !LOWER_RE.test(w);
  }
  return upper;
}

export function isCapitalized(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_RE.test(w[0] ?? "");
}

export function hasUpperCase(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
    if (c > 127) return UPPER_RE.test(w);
  }
  return false;
}

export function hasLetter(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) return true;
    if (c > 127) return LETTER_RE.test(w);
  }
  return false;
}

export function titleCase(w: string): string {
  return w[0] + w.slice(1).toLowerCase();
}

/** Cluster ids of a word: exact form, then Title case for all-caps words, then lowercase. */
export function clusterOf(clusters: Clusters, w: string): readonly number[] | undefined {
  return clusters.get(w) ?? (isAllCaps(w) && w.length > 1 ? clusters.get(titleCase(w)) : undefined) ?? clusters.get(w.toLowerCase());
}

/** Features of one word seen at `offset` (-2..2) from the token being tagged. */
export function wordFeatures(w: string, offset: number, res: FeatureResources): string[] {
  const p = offset === 0 ? "" : `${offset}|`;
  const lw = w.toLowerCase();
  const cl = clusterOf(res.clusters, w);
  const out: string[] = [];
  if (offset === 0) {
    out.push(`w=${w}`, `l=${lw}`, `sh=${shortShape(w)}`, `ls=${longShape(w)}`);
    const n = lw.length;
    for (let k = 1; k <= 4 && k <= n; k++) out.push(`p${k}=${lw.slice(0, k)}`, `s${k}=${lw.slice(n - k)}`);
    if (isAllCaps(w)) out.push("caps");
    if (isCapitalized(w)) out.push("cap");
    if (w.includes("-")) out.push("hyph");
    if (w.includes(".") && LETTER_RE.test(w)) out.push("dot");
    if (DIGIT_RE.test(w) && LETTER_RE.test(w)) out.push("alnum");
    out.push(`len=${Math.min(n, 8)}`);
    if (isCapitalized(w) && LETTER_RE.test(w)) {
      const r = res.lowerRatio.get(w.length > 1 && isAllCaps(w) ? titleCase(w) : w);
      out.push(`lr=${r ?? "none"}`);
    }
    if (cl) for (let k = 0; k < cl.length; k++) out.push(`c${k}=${cl[k]}`);
    else out.push("c=none");
  } else if (offset === -1 || offset === 1) {
    out.push(`${p}l=${lw}`, `${p}sh=${shortShape(w)}`);
    if (cl) for (let k = 0; k < cl.length; k++) out.push(`${p}c${k}=${cl[k]}`);
    if (lw.length > 3) out.push(`${p}s3=${lw.slice(-3)}`);
    if (isCapitalized(w) && LETTER_RE.test(w)) out.push(`${p}lr=${res.lowerRatio.get(w.length > 1 && isAllCaps(w) ? titleCase(w) : w) ?? "none"}`);
  } else {
    out.push(`${p}l=${lw}`, `${p}sh=${shortShape(w)}`);
    if (cl) out.push(`${p}c1=${cl[1]}`, `${p}c2=${cl[2]}`);
  }
  return out;
}

/** Start..end of every gazetteer match in a sentence, with its type label. */
export interface GazMatch {
  start: number;
  end: number;
  type: string;
}

// First word of every gazetteer name → longest name starting with it (skips most lookups).
const firstWords = new WeakMap<Gazetteer, Map<string, number>>();
export function firstWordIndex(gaz: Gazetteer): Map<string, number> {
  let m = firstWords.get(gaz);
  if (!m) {
    m = new Map();
    for (const k of gaz.entries.keys()) {
      const parts = k.split(" ");
      m.set(parts[0]!, Math.max(m.get(parts[0]!) ?? 0, parts.length));
    }
    firstWords.set(gaz, m);
  }
  return m;
}

/**
 * All gazetteer matches starting at capitalized tokens, shortest first at each start. `longest`, when given,
 * holds firstWordIndex(gaz).get(lower[i]) for each capitalized token (the tagger caches it per word).
 */
export function gazetteerMatches(
  words: readonly string[],
  gaz: Gazetteer,
  lower: readonly string[] = words.map((w) => w.toLowerCase()),
  longestAt?: readonly (number | undefined)[],
): GazMatch[] {
  const out: GazMatch[] = [];
  const firsts = longestAt ? null : firstWordIndex(gaz);
  for (let i = 0; i < words.length; i++) {
    if (!isCapitalized(words[i]!)) continue;
    const first = lower[i]!;
    const longest = firsts ? firsts.get(first) : longestAt![i];
    if (longest === undefined) continue;
    let key = "";
    for (let n = 1; n <= Math.min(gaz.maxLen, longest) && i + n <= words.length; n++) {
      key = n === 1 ? first : `${key} ${lower[i + n - 1]}`;
      const t = gaz.entries.get(key);
      if (t) out.push({ start: i, end: i + n, type: t });
    }
  }
  return out;
}

/** True when most words of the sentence are written in capitals (wire headlines). */
export function isHeadline(words: readonly string[]): boolean {
  let letters = 0;
  let caps = 0;
  for (const w of words) {
    if (!hasLetter(w)) continue;
    letters++;
    if (isAllCaps(w)) caps++;
  }
  return letters >= 2 && caps / letters >= 0.6;
}

/** Context features of token i: pairs, position, headline, gazetteer and document evidence. */
export function contextFeatures(
  words: readonly string[],
  i: number,
  headline: boolean,
  gazByToken: readonly (readonly string[] | undefined)[],
  doc: DocContext,
): string[] {
  const w = words[i]!;
  const lw = w.toLowerCase();
  const prev = i > 0 ? words[i - 1]!.toLowerCase() : "<s>";
  const next = i + 1 < words.length ? words[i + 1]!.toLowerCase() : "</s>";
  const sh = shortShape(w);
  const shp = i > 0 ? shortShape(words[i - 1]!) : "<s>";
  const shn = i + 1 < words.length ? shortShape(words[i + 1]!) : "</s>";
  const out = [`lp|l=${prev}|${lw}`, `l|ln=${lw}|${next}`, `shp|sh|shn=${shp}|${sh}|${shn}`, `lp|ln=${prev}|${next}`];
  if (i === 0) out.push(`first|sh=${sh}`);
  if (headline) out.push(`hl|sh=${sh}`);
  const g = gazByToken[i];
  if (g) for (const f of g) out.push(f);
  const cc = capClass(w);
  if (cc === 1) {
    if (doc.lowerSeen.has(lw)) out.push(i === 0 ? "doc:lower|first" : "doc:lower");
    if (i === 0 && doc.titleSeen.has(w)) out.push("doc:title|first");
  } else if (cc === 2) {
    if (doc.titleSeen.has(titleCase(w))) out.push("doc:caps-title");
    else if (doc.lowerSeen.has(lw)) out.push("doc:caps-lower");
  }
  return out;
}

/** 1: capitalized with lowercase letters ("Wang"); 2: all capitals, 2+ characters ("WANG"); 0: other. */
export function capClass(w: string): 0 | 1 | 2 {
  if (isCapitalized(w) && LOWER_RE.test(w)) return 1;
  if (isAllCaps(w) && w.length > 1 && LETTER_RE.test(w)) return 2;
  return 0;
}

/** Gazetteer features per token of a sentence ("g:LOC:B", "g:PER:I", "g:ORG:1" for one-word names). */
export function gazetteerFeatures(
  words: readonly string[],
  gaz: Gazetteer,
  lower?: readonly string[],
  longestAt?: readonly (number | undefined)[],
): (string[] | undefined)[] {
  const out: (string[] | undefined)[] = new Array(words.length);
  for (const m of gazetteerMatches(words, gaz, lower, longestAt)) {
    const single = m.end - m.start === 1;
    for (let k = m.start; k < m.end; k++) {
      const f = single ? `g:${m.type}:1` : `g:${m.type}:${k === m.start ? "B" : k === m.end - 1 ? "E" : "I"}`;
      (out[k] ??= []).push(f);
    }
  }
  return out;
}

/** Document evidence from all sentences of a document (headlines excluded: they capitalize everything). */
export function docContext(sentences: readonly (readonly string[])[]): DocContext {
  const lowerSeen = new Set<string>();
  const titleSeen = new Set<string>();
  for (const s of sentences) {
    if (isHeadline(s)) continue;
    for (let i = 0; i < s.length; i++) {
      const w = s[i]!;
      if (!hasLetter(w)) continue;
      if (!hasUpperCase(w)) lowerSeen.add(w.toLowerCase());
      else if (i > 0 && capClass(w) === 1) titleSeen.add(w);
    }
  }
  return { lowerSeen, titleSeen };
}

/** Neighbour offsets whose word features describe a token. */
export const OFFSETS = [-2, -1, 0, 1, 2] as const;

/** Every feature of every token of a sentence, as strings (the training path; the tagger caches word features). */
export function sentenceFeatures(words: readonly string[], res: FeatureResources, doc: DocContext): string[][] {
  const headline = isHeadline(words);
  const gaz = gazetteerFeatures(words, res.gazetteer);
  const out: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    const f: string[] = ["bias"];
    for (const o of OFFSETS) {
      const j = i + o;
      if (j >= 0 && j < words.length) for (const x of wordFeatures(words[j]!, o, res)) f.push(x);
    }
    for (const x of contextFeatures(words, i, headline, gaz, doc)) f.push(x);
    out.push(f);
  }
  return out;
}
