// Sentence splitting and word tokenization shared by every nlp stage.
// Rule-based: news text has few surprises beyond abbreviations ("U.S.", "Gen.", "Jan.")
// and quotes that close after the full stop.

import type { Span } from "../core/types.ts";

export interface Token extends Span {
  text: string;
}

// Words, numbers with inner separators (1,000.5 / 9/11), abbreviations with dots (U.S.), and single punctuation marks.
// This regex is the definition; tokenize() below is a hand-written scanner that matches it exactly (3-4x faster,
// test/nlp/sentences.test.ts compares the two), since quotes and NER tokenize every article many times.
export const TOKEN_RE = /(?:[A-Za-z]\.){2,}|\p{L}+(?:['’]\p{L}+)*|\p{N}+(?:[.,:/]\p{N}+)*|[^\s\p{L}\p{N}]/gu;

// Character classes for the scanner: 1 letter (\p{L}), 2 number (\p{N}), 3 space (\s), 4 anything else.
const LETTER = 1;
const NUMBER = 2;
const SPACE = 3;
const classCache = new Uint8Array(65536);
const CLASS_LETTER_RE = /^\p{L}$/u;
const CLASS_NUMBER_RE = /^\p{N}$/u;
const CLASS_SPACE_RE = /^\s$/u;
function classOfCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return CLASS_LETTER_RE.test(ch) ? LETTER : CLASS_NUMBER_RE.test(ch) ? NUMBER : CLASS_SPACE_RE.test(ch) ? SPACE : 4;
}
for (let c = 0; c < 128; c++) classCache[c] = classOfCodePoint(c);
/** Class of the code point starting at text[i] (a surrogate pair counts as one code point, as under the u flag). */
function classAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= end) {
    let k = classCache[c]!;
    if (k === 0) classCache[c] = k = classOfCodePoint(c);
    return k;
  }
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? classOfCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) : classOfCodePoint(c);
}
/** UTF-16 length of the code point at text[i] (2 for a surrogate pair inside [.., end)). */
function widthAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= end) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** End of a run of code points of class k from i (ASCII inline, the rest through classAt). */
function runOf(text: string, i: number, end: number, k: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (classCache[c] !== k) break;
      i++;
    } else if (classAt(text, i, end) === k) i += widthAt(text, i, end);
    else break;
  }
  return i;
}

/** Tokens of text[start, end), exactly the matches of TOKEN_RE run over that slice. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    let k: number;
    if (c < 128) {
      k = classCache[c]!;
      if (k === SPACE) {
        i++;
        continue;
      }
      // (?:[A-Za-z]\.){2,}
      if (k === LETTER && i + 3 < end && text.charCodeAt(i + 1) === 46 && isAsciiLetter(text.charCodeAt(i + 2)) && text.charCodeAt(i + 3) === 46) {
        let j = i + 4;
        while (j + 1 < end && isAsciiLetter(text.charCodeAt(j)) && text.charCodeAt(j + 1) === 46) j += 2;
        out.push({ start: i, end: j, text: text.slice(i, j) });
        i = j;
        continue;
      }
    } else {
      k = classAt(text, i, end);
      if (k === SPACE) {
        i += widthAt(text, i, end);
        continue;
      }
    }
    let j: number;
    if (k === LETTER || k === NUMBER) {
      // \p{L}+(?:['’]\p{L}+)*  or  \p{N}+(?:[.,:/]\p{N}+)*
      j = runOf(text, i + (c < 128 ? 1 : widthAt(text, i, end)), end, k);
      while (j + 1 < end) {
        const s = text.charCodeAt(j);
        const sep = k === LETTER ? s === 39 || s === 0x2019 : s === 46 || s === 44 || s === 58 || s === 47;
        if (!sep || classAt(text, j + 1, end) !== k) break;
        j = runOf(text, j + 1, end, k);
      }
    } else j = i + (c < 128 ? 1 : widthAt(text, i, end));
    out.push({ start: i, end: j, text: text.slice(i, j) });
    i = j;
  }
  return out;
}

const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof sen rep gov gen lt col maj sgt capt cmdr adm st jr sr inc corp co ltd no vs etc " +
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun " +
    "ave blvd rd mt ft dept univ est approx fig al pres rev hon sec atty supt"
  ).split(" "),
);

// Words that, capitalized after "U.S." or "U.N.", start a new sentence rather than continue a name.
const SENTENCE_STARTERS = new Set(
  ("The A An It He She They We I In On At But And Or So Yet That This These Those There Here His Her Its Their Our " +
    "As After Before When While If Although Though Since Because However Meanwhile Still Now Then Last Next " +
    "Officials Some Many Most Both Neither One Two Three").split(" "),
);

// The annotate stage splits each article several times (entities, NER, quotes, time): the last result is kept.
let lastText: string | null = null;
let lastSpans: Span[] = [];

/** Splits text into sentence spans; never crosses a paragraph break ("\n\n" or a single newline). */
export function splitSentences(text: string): Span[] {
  if (text !== lastText) {
    lastSpans = split(text);
    lastText = text;
  }
  // Fresh objects: callers own what they get.
  return lastSpans.map((s) => ({ start: s.start, end: s.end }));
}

function split(text: string): Span[] {
  const out: Span[] = [];
  const lineRe = /[^\n]+/g;
  for (let line = lineRe.exec(text); line; line = lineRe.exec(text)) {
    const base = line.index;
    const s = line[0];
    let begin = 0;
    const re = /[.!?]+["'”’)\]]*(?=\s+|$)/g;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const stop = m.index + m[0].length;
      if (m[0][0] === ".") {
        // The word before the stop: scan back to the last space (a regex on the slice would be quadratic on long lines).
        let k = m.index;
        while (k > begin && !/\s/.test(s[k - 1]!)) k--;
        const word = s.slice(k, m.index);
        const bare = word.replace(/^[("“'‘]+/, "");
        // Abbreviation or initial ("J. Smith", "U.S."), unless the next word clearly starts a sentence.
        const next = s.slice(stop).match(/^\s+(\S)/);
        const nextUpper = next ? /[A-Z“"‘'(]/.test(next[1]) : true;
        if (ABBREVIATIONS.has(bare.toLowerCase()) && m[0] === ".") continue;
        if (/^[A-Z]$/.test(bare) && m[0] === ".") continue;
        if (/^(?:[A-Za-z]\.)+[A-Za-z]$/.test(bare) && m[0] === ".") {
          // "the U.S. Justice Department": a dotted acronym before a capitalized word ends a sentence only
          // when that word usually starts one ("… in the U.S. The next day …").
          if (!nextUpper) continue;
          const nextWord = (s.slice(stop).match(/^\s+["“‘']?([A-Za-z]+)/) ?? [])[1] ?? "";
          if (!SENTENCE_STARTERS.has(nextWord)) continue;
        }
        if (!nextUpper) continue;
      }
      pushTrimmed(out, text, base + begin, base + stop);
      begin = stop;
    }
    if (begin < s.length) pushTrimmed(out, text, base + begin, base + s.length);
  }
  return out;
}

function pushTrimmed(out: Span[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}
