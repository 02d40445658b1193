// Tokenization for the NER tagger. The tagger was trained on CoNLL-2003 tokens, which differ
// from the shared tokenizer in two ways that matter for names: the possessive "'s" is its own
// token ("China 's"), and hyphenated words stay whole ("Anglo-Dutch", "U.S.-China"). This module
// re-shapes the shared tokens (src/nlp/sentences.ts) into that convention, keeping offsets.

import { splitSentences, tokenize, type Token } from "../sentences.ts";

/** A sentence of tagger tokens with offsets into the original text. */
export interface TokenSentence {
  start: number;
  end: number;
  tokens: Token[];
}

// "'s" and the contracted verbs "'ve", "'re", "'ll", "'d", "'m" are tokens of their own in CoNLL.
const POSSESSIVE_RE = /^(.+?)(['’](?:[sSdDmM]|ve|VE|re|RE|ll|LL))$/;
const NEGATION_RE = /^(.+?)(n['’]t)$/i;

/** Splits "China's" → "China" + "'s", "we've" → "we" + "'ve" and "don't" → "do" + "n't", as CoNLL does. */
function splitClitics(t: Token, out: Token[]): void {
  const m = t.text.length > 2 && (t.text.includes("'") || t.text.includes("’")) ? POSSESSIVE_RE.exec(t.text) ?? NEGATION_RE.exec(t.text) : null;
  if (!m) {
    out.push(t);
    return;
  }
  const cut = t.start + m[1]!.length;
  out.push({ start: t.start, end: cut, text: m[1]! });
  out.push({ start: cut, end: t.end, text: m[2]! });
}

const WORDISH_RE = /^[\p{L}\p{N}]/u;

// Abbreviations written with a full stop before names or after company names.
const ABBREVIATIONS = new Set(
  "Mr Mrs Ms Dr Prof St Mt Ft Jr Sr Inc Corp Co Ltd Bros Gen Lt Col Maj Sgt Capt Cmdr Adm Gov Sen Rep Rev Hon Pres Sec Atty Supt Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec No Vol".split(" "),
);

/** Tokens of text[start, end) in the tagger's convention. */
export function taggerTokens(text: string, start = 0, end = text.length): Token[] {
  const raw = tokenize(text, start, end);
  // Join "word-word" (no spaces) into one token, like CoNLL's "Anglo-Dutch" and "1996-12-06".
  const joined: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i]!;
    while (
      i + 2 < raw.length &&
      raw[i + 1]!.start === t.end &&
      (raw[i + 1]!.text === "-" || raw[i + 1]!.text === "–") &&
      raw[i + 2]!.start === raw[i + 1]!.end &&
      WORDISH_RE.test(t.text) &&
      WORDISH_RE.test(raw[i + 2]!.text)
    ) {
      const last = raw[i + 2]!;
      t = { start: t.start, end: last.end, text: text.slice(t.start, last.end) };
      i += 2;
    }
    // Initials and abbreviations keep their full stop, as in CoNLL ("J.", "Corp.", "St.").
    const dot = raw[i + 1];
    if (dot && dot.text === "." && dot.start === t.end && (/^\p{Lu}$/u.test(t.text) || ABBREVIATIONS.has(t.text))) {
      t = { start: t.start, end: dot.end, text: text.slice(t.start, dot.end) };
      i += 1;
    }
    joined.push(t);
  }
  const out: Token[] = [];
  for (const t of joined) splitClitics(t, out);
  return out;
}

/** Sentences of tagger tokens; empty sentences are dropped. */
export function taggerSentences(text: string): TokenSentence[] {
  const out: TokenSentence[] = [];
  for (const s of splitSentences(text)) {
    const tokens = taggerTokens(text, s.start, s.end);
    if (tokens.length) out.push({ start: s.start, end: s.end, tokens });
  }
  return out;
}

/** Maps typographic variants onto the ASCII forms CoNLL uses, so features match training. */
export function normalizeWord(w: string): string {
  switch (w) {
    case "“":
    case "”":
    case "„":
    case "«":
    case "»":
      return '"';
    case "‘":
    case "’":
      return "'";
    case "–":
    case "—":
      return "-";
  }
  return w.includes("’") ? w.replace(/’/g, "'") : w;
}
