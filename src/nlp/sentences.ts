// Sentence splitting and word tokenization shared by every nlp stage.
// Rule-based: news text has few surprises beyond abbreviations ("U.S.", "Gen.", "Jan.")
// and quotes that close after the full stop.

import type { Span } from "../core/types.ts";

export interface Token extends Span {
  text: string;
}

// Words, numbers with inner separators (1,000.5 / 9/11), abbreviations with dots (U.S.), and single punctuation marks.
const TOKEN_RE = /(?:[A-Za-z]\.){2,}|\p{L}+(?:['’]\p{L}+)*|\p{N}+(?:[.,:/]\p{N}+)*|[^\s\p{L}\p{N}]/gu;

export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  for (let m = TOKEN_RE.exec(slice); m; m = TOKEN_RE.exec(slice)) {
    out.push({ start: start + m.index, end: start + m.index + m[0].length, text: m[0] });
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

/** Splits text into sentence spans; never crosses a paragraph break ("\n\n" or a single newline). */
export function splitSentences(text: string): Span[] {
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
