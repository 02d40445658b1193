// Quotes and reported speech with their speakers ("Who said what").
//
// extractQuotes(text, { entities? }) finds
//   - direct quotes: quotation-mark spans (curly, straight, «», doubled apostrophes, mixed pairs) attributed by
//     a cue right after them (“…,” Wang said / ,” said Lin / “…” ― Name), before them in their sentence
//     (Lin said, "…" / X said that his nation “…” / X continued:⏎⏎“…”) or later in it (“…” to do Y, she said);
//     uncued quotes that fill their sentence continue the quote right before them (split quotes, following
//     paragraphs); quoted titles ("on CNN’s “State of the Union”") and uncued scare quotes are skipped;
//   - reported speech: "X said (that) …", "X told reporters …", "according to X, …", "…, X said.",
//     "…, X says, …", "Asked if …," (a question with no named source).
// Spans follow PolNeAR (../shared/bench/quotes/polnear), which the rules were tuned on (train split):
//   - a direct quote's content includes its marks; one speaker's run of quotes around a "he said" interruption,
//     or over following paragraphs, is one content, interruption included (222 of 251 such runs in train);
//   - content introduced by a cue runs from after the cue ("that" included) to the end of the quote when the quote
//     ends in punctuation or a new clause follows, else to the clause's end, final period excluded;
//   - the source is the mention naming the speaker: a name with its title or appositive, a noun phrase, a pronoun.
// Two small logistic-regression models (quotes-model.ts, fitted by scripts/train-quotes.ts on PolNeAR train) sit
// on top of the rules: a keep model drops rule-made direct quotes that look unlike PolNeAR attributions (dev direct
// e2e F1 0.787 -> 0.794 with the second-round rules), and a candidate model can attribute quoted spans the rules
// leave alone (markCandidates) — shipped off, as it gained too little for its cost (see CANDIDATE_THRESHOLD).
// A third model, the span chooser (quotes-span.ts), can move a lead/trail/late quote's content boundaries among a few
// choices (the rules', the quote's own, a relative "what", clause cuts, the sentence's). It ships off (no "span" in
// quotes-model.json): out-of-fold on train it picks a matching content for 2820 of 3024 quotes vs the rules' 2817.
// Speakers resolve to canonical people (speakers.ts); sides come from the entities module when passed in.
// Pure: returns new data, never mutates its input.

import type { Quote, Span } from "../core/types.ts";
import { splitSentences, tokenize, type Token } from "./sentences.ts";
import { findQuoteMarks, type MarkSpan } from "./quotes-marks.ts";
import { countRuns, isJsSpace, isLetterCp, isLetterOrNumber } from "./quotes-chars.ts";
import { BETWEEN_SOURCE_AND_CUE, CueScanner, LISTENER_LEMMAS, NEEDS_QUOTE_LEMMAS, PRONOUNS, SOURCE_MODIFIERS, SOURCE_NOUNS, cueLemma } from "./quotes-cues.ts";
import { CANDIDATE_THRESHOLD, KEEP_THRESHOLD, SPAN_WEIGHTS, scoreCandidate, scoreKeep } from "./quotes-model.ts";
import { bestSpan, bucket, spanChoices, wordClass, type SpanChoice } from "./quotes-span.ts";
import { buildSpeakerIndex, resolveSpeaker, sentenceIndexAt, type EntityInput, type NameMention } from "./speakers.ts";

export type { EntityInput } from "./speakers.ts";

/** A (content, source) guess for a quoted span the rules left unattributed, with the features the model scores. */
export interface QuoteCandidate {
  content: Span;
  source: Span | null;
  cue: Span | null;
  features: string[];
}

export interface ExtractQuotesOptions {
  /** Output of the entities module (mentions with entity keys, canonical entities with sides). */
  entities?: EntityInput;
  /** Also extract reported (indirect) speech; default true. */
  reported?: boolean;
  /**
   * One quote per quoted part: “A,” he said. “B.” gives two quotes with the same cue and speaker instead of
   * one content spanning both with the interruption (PolNeAR's convention, the default). For display.
   */
  splitParts?: boolean;
}

interface Attribution {
  cue: Span;
  source: Span;
  /** Lemma of the cue verb when it is one ("tell" decides whether a listener follows). */
  lemma?: string;
}

interface Draft {
  content: Span;
  direct: boolean;
  cue: Span | null;
  source: Span | null;
  /** Which rule made a direct quote (trail, lead, late, merge, bridge, cont, next, model): a feature for the keep model. */
  kind?: string;
  /** Cue lemma of a direct quote, when known. */
  lemma?: string;
  /** Index of the quotation-mark span a single-quote draft was made from. */
  mark?: number;
}

// How long the attribution between two parts of one speaker's quote may be (“A,” X said … . “B.”): up to
// 600 chars and 6 sentence stops in one paragraph — PolNeAR train direct e2e F1 0.791 (0.789 at 400/2, 0.782 at 250/1).
const MAX_BRIDGE_CHARS = 600;
const MAX_BRIDGE_STOPS = 6;

const UPPER_START = /^\p{Lu}/u;
const WORD_RE = /^[\p{L}\p{N}]/u;

function isWord(t: Token): boolean {
  return WORD_RE.test(t.text);
}

function lower(t: Token): string {
  return t.text.toLowerCase();
}

/** Is this token a plausible head of a source noun phrase? */
function isSourceHead(t: Token): boolean {
  const w = lower(t);
  if (w in PRONOUNS || w === "who" || w === "which") return true;
  if (SOURCE_NOUNS.has(w) || SOURCE_NOUNS.has(w.replace(/['’]s$/, ""))) return true;
  if (UPPER_START.test(t.text) && !NON_HEAD_CAPS.has(w)) return true;
  return false;
}

// Capitalized words that cannot end a source noun phrase.
const NON_HEAD_CAPS = new Set(
  (
    "the a an but and or so in on at of for to by with from as if when while after before since because though although however " +
    "this that these those there here monday tuesday wednesday thursday friday saturday sunday january february march april may " +
    "june july august september october november december today yesterday also meanwhile then now it’s it's"
  ).split(" "),
);

/** Walks back from token i over a noun phrase; returns the index of its first token, or -1 when token i cannot head one. */
const NUMBER_WORD = /^(?:\p{N}+|one|two|three|four|five|six|seven|eight|nine|ten)$/iu;
const SPELLED_NUMBER = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)$/iu;
const DETERMINERS = new Set(["a", "an", "the", "another", "one", "some", "many", "several", "his", "her", "their", "its", "our", "this", "that", "each"]);
const PRONOUN_HEADS = new Set(["another", "one", "others", "some", "many", "several", "both", "neither", "most"]);

function npStartBack(toks: Token[], i: number): number {
  // "Sen. Richard J. Durbin (D-Ill.)": the parenthesis belongs to the name before it.
  if (toks[i]?.text === ")") {
    let k = i - 1;
    while (k >= 0 && toks[k]!.text !== "(" && i - k < 8) k--;
    if (k > 0 && toks[k]!.text === "(") i = k - 1;
  }
  const head = toks[i];
  if (!head || !isWord(head)) return -1;
  // Poll shares as sources: "Six in 10 say", "47 percent said", "nearly half said".
  if (/^\p{N}+$/u.test(head.text) && i >= 2 && lower(toks[i - 1]!) === "in" && NUMBER_WORD.test(toks[i - 2]!.text)) return i - 2;
  if (lower(head) === "percent" && i >= 1 && /^\p{N}/u.test(toks[i - 1]!.text)) return i - 1;
  // Spelled out: "Sixty-six percent said", "Twelve percent say".
  if (lower(head) === "percent" && i >= 1 && SPELLED_NUMBER.test(toks[i - 1]!.text)) {
    const k = i - 1;
    return k >= 2 && toks[k - 1]!.text === "-" && SPELLED_NUMBER.test(toks[k - 2]!.text) ? k - 2 : k;
  }
  // "Another child responded", "Yet another said": an unknown noun after a determiner, or a pronoun-like quantifier.
  // A possessive also determines it: "Gary Johnson’s doctor is calling …".
  const possessed = i > 0 && /['’]s$/u.test(toks[i - 1]!.text) && UPPER_START.test(toks[i - 1]!.text);
  const determined = !isSourceHead(head) && /^\p{Ll}/u.test(head.text) && i > 0 && (DETERMINERS.has(lower(toks[i - 1]!)) || possessed);
  if (PRONOUN_HEADS.has(lower(head)) && !determined) return i;
  if (!isSourceHead(head) && !determined) return -1;
  const hw = lower(head);
  if (hw in PRONOUNS || hw === "who" || hw === "which") return i;
  let j = i;
  let n = 1;
  while (j - 1 >= 0 && n < 14) {
    const t = toks[j - 1]!;
    const w = lower(t);
    if (isWord(t)) {
      if (w in PRONOUNS && w !== "i") break;
      const cap = UPPER_START.test(t.text) && !NON_HEAD_CAPS.has(w);
      if (cap || SOURCE_NOUNS.has(w) || SOURCE_MODIFIERS.has(w) || SOURCE_NOUNS.has(w.replace(/['’]s$/u, ""))) {
        j--;
        n++;
        continue;
      }
      if ((w === "of" || w === "for" || w === "and" || w === "on") && j - 2 >= 0 && (UPPER_START.test(toks[j - 2]!.text) || SOURCE_NOUNS.has(lower(toks[j - 2]!)))) {
        j--;
        n++;
        continue;
      }
      break;
    }
    // Abbreviation dots and possessive marks stay inside ("U.S.", "Trump ’s").
    if ((t.text === "." || t.text === "’" || t.text === "'" || t.text === "-") && t.end === toks[j]!.start) {
      j--;
      continue;
    }
    break;
  }
  // Do not start on sentence-opening capitalized function words ("But Trump said").
  while (j < i && NON_HEAD_CAPS.has(lower(toks[j]!)) && !/^(the|a|an)$/.test(lower(toks[j]!))) j++;
  return j;
}

/** Source span just before the cue at `cueStart` (tokens of [lo, cueStart) in the masked text). */
function sourceBefore(masked: string, lo: number, cueStart: number): Span | null {
  const toks = tokenize(masked, lo, cueStart);
  let i = toks.length - 1;
  while (i >= 0 && ((BETWEEN_SOURCE_AND_CUE.has(lower(toks[i]!)) && lower(toks[i]!) !== "told") || /^\p{Ll}+ly$/u.test(toks[i]!.text))) i--;
  if (i < 0) return null;
  // "Trump’s remarks", "the inspector’s report": a possessive before the cue makes the cue a noun.
  // ("Trump’s claim that …" stays: PolNeAR attributes it.)
  if (/\p{L}['’]s$/u.test(toks[i]!.text) && !/^(?:he|she|it|that|there|who)['’]s$/iu.test(toks[i]!.text) && !/^\S+\s+that\b/u.test(masked.slice(cueStart, cueStart + 40))) return null;
  if (toks[i]!.text === ",") {
    // Appositive: "Lin Jian, the Chinese spokesman, said" / "Todd Robinson, the assistant secretary …, told".
    let j = i - 1;
    let words = 0;
    while (j >= 0 && toks[j]!.text !== "," && words < 22) {
      if (/^[.;:!?“”"]$/.test(toks[j]!.text) && !(toks[j]!.text === "." && j > 0 && toks[j - 1]!.end === toks[j]!.start)) return null;
      if (isWord(toks[j]!)) words++;
      j--;
    }
    if (j < 1 || toks[j]!.text !== ",") {
      // "The head of the US team, Jen Daskal, deputy … adviser, said": handled by the name right before the appositive.
      return null;
    }
    const k = npStartBack(toks, j - 1);
    if (k < 0) return null;
    // The source spans the noun phrase and its appositive, as PolNeAR marks it ("Murphy, the head of Right to Rise USA,"),
    // so a name on either side ("The commission's chairman, Daniel Reyes,") is inside it.
    return { start: toks[k]!.start, end: toks[i - 1]!.end };
  }
  const k = npStartBack(toks, i);
  if (k < 0) return null;
  return { start: toks[k]!.start, end: toks[i]!.end };
}

/** Source span right after a cue ("said Lin", "said the spokesman", "said Lin Jian, the Chinese spokesman"). */
function sourceAfter(masked: string, from: number, hi: number): Span | null {
  const toks = tokenize(masked, from, Math.min(hi, from + 160));
  let i = 0;
  let last = -1;
  let unknown = 0;
  // Sentence-opening function words before a subject ("And then Trump …, saying").
  while (i < toks.length && /^(and|but|then|so|yet|also|still|now)$/i.test(toks[i]!.text)) i++;
  const first = i;
  while (i < toks.length && i < 12 + first) {
    const t = toks[i]!;
    if (!isWord(t)) {
      if ((t.text === "." || t.text === "’" || t.text === "'") && i > 0 && toks[i - 1]!.end === t.start && i + 1 < toks.length && toks[i + 1]!.start === t.end) {
        i++;
        continue;
      }
      break;
    }
    const w = lower(t);
    const cap = UPPER_START.test(t.text) && !NON_HEAD_CAPS.has(w);
    if (i === first && (w === "he" || w === "she")) return { start: t.start, end: t.end };
    if (cap || SOURCE_NOUNS.has(w)) last = i;
    else if (SOURCE_MODIFIERS.has(w) || ((w === "of" || w === "for") && last >= 0)) {
      // modifier or "of" inside the phrase
    } else if (/^\p{Ll}[\p{Ll}-]+$/u.test(t.text) && last < 0 && unknown < 2 && !/^(that|to|in|on|at|by|with|is|was|has|had|would|will|it|they|we|you|not)$/.test(w)) {
      unknown++; // "the second official", "master of ceremonies Asab Al-Tabchi"
    } else break;
    i++;
  }
  if (last < 0) return null;
  return { start: toks[first]!.start, end: toks[last]!.end };
}

interface CueHit extends Span {
  lemma: string;
}

// The scanner of the article being processed (cuesIn runs many times over ranges of one masked text).
let scanner: CueScanner | null = null;
// Per match start of that text: the cue's end and lemma, or "" when the match is no cue (depends on the text only).
let cueInfo = new Map<number, { end: number; lemma: string }>();

/** Cue verbs in masked[lo, hi), as CUE_RE finds them in that slice. */
function cuesIn(masked: string, lo: number, hi: number): CueHit[] {
  if (!scanner || scanner.s !== masked) {
    scanner = new CueScanner(masked);
    cueInfo = new Map();
  }
  const out: CueHit[] = [];
  for (const m of scanner.matches(lo, hi)) {
    const known = cueInfo.get(m.start);
    if (known && known.end === m.end) {
      if (known.lemma) out.push({ start: m.start, end: m.end, lemma: known.lemma });
      continue;
    }
    const info = { end: m.end, lemma: "" };
    cueInfo.set(m.start, info);
    const lemma = cueLemma(m.text.replace(/\s+/g, " "));
    // Capitalized forms are names ("United States") unless they open a sentence ("Tweeted on Friday" is rare enough to lose).
    if (/^\p{Lu}/u.test(m.text) && !/(?:^|[.!?:;“”"\n])\s*$/u.test(masked.slice(Math.max(0, m.start - 3), m.start))) continue;
    if (lemma) {
      info.lemma = lemma;
      out.push({ start: m.start, end: m.end, lemma });
    }
  }
  return out;
}

/** Skips the listener after tell/ask ("told reporters", "told USA Today that") and a following "that"/colon/comma. */
function contentStartAfterCue(text: string, cue: CueHit, hi: number): number {
  let p = cue.end;
  const rest = text.slice(p, hi);
  const thatAfterListener = LISTENER_LEMMAS.has(cue.lemma) ? /^[^“"”,;.:]{0,90}?\bthat\b/u.exec(rest) : null;
  if (thatAfterListener) {
    // "told The Post and Courier newspaper of Charleston on Saturday that …"
    p += thatAfterListener[0].length - 4;
  } else if (LISTENER_LEMMAS.has(cue.lemma)) {
    const m = /^\s+(?:(?:the|a|an|his|her|their)\s+)?(?:[\p{Lu}][\p{L}.’'-]*\s*){0,4}(?:[\p{Ll}]+\s*){0,2}?(?=\s*(?:that\b|[,:]|“|"))/u.exec(rest);
    if (m) p += m[0].length;
    else {
      const m2 = /^\s+(?:[\p{L}.’'-]+)(?=\s)/u.exec(rest);
      if (m2) p += m2[0].length;
    }
  } else {
    // Adjuncts between cue and content: "said Friday", "said in a statement", "said on Twitter".
    const m = /^(?:\s+(?:on|in|at|during|last|this|after|before)\b[^,.“"]{0,60}?(?=\s+that\b|,))|^\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|earlier|later)\b/u.exec(rest);
    if (m) p += m[0].length;
  }
  // "said Friday at a regular press briefing in Beijing that …": the content starts at "that".
  const that = /^[^“"”,;.]{0,120}?\bthat\b/u.exec(text.slice(p, hi));
  if (that && !LISTENER_LEMMAS.has(cue.lemma)) p += that[0].length - 4;
  const m = /^[\s,:—–-]*/u.exec(text.slice(p, hi));
  if (m) p += m[0].length;
  return p;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s.;,]/.test(text[end - 1]!)) end--;
  return end;
}

function sentenceAt(sentences: Span[], pos: number): number {
  return Math.max(0, sentenceIndexAt(sentences, pos));
}

/**
 * Whether text[lo, hi) ends in a comma followed by words ("…, the mayor"): /,\s*$/ on the slice with
 * /[\p{L}\s.’'-]*$/u removed, i.e. the character before the slice's trailing run of letters, spaces, periods,
 * apostrophes and hyphens is a comma.
 */
function commaBeforeWords(text: string, lo: number, hi: number): boolean {
  let i = hi;
  while (i > lo) {
    const c = text.charCodeAt(i - 1);
    let cp = c;
    let w = 1;
    if (c >= 0xdc00 && c <= 0xdfff && i - 2 >= lo) {
      const h = text.charCodeAt(i - 2);
      if (h >= 0xd800 && h <= 0xdbff) {
        cp = ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
        w = 2;
      }
    }
    if (!(isJsSpace(c) || c === 46 || c === 0x2019 || c === 39 || c === 45 || isLetterCp(cp))) break;
    i -= w;
  }
  return i > lo && text.charCodeAt(i - 1) === 44;
}

const isWordChar = (cp: number): boolean => cp === 39 || cp === 0x2019 || cp === 45 || isLetterOrNumber(cp);

/** Runs of letters and digits in text[s.start, s.end) (what /[\p{L}\p{N}]+/gu counts in that slice). */
function wordCount(text: string, s: Span): number {
  return countRuns(text, s.start, s.end, isLetterOrNumber);
}

/** Text with every quoted stretch blanked (marks kept), so cue search never looks inside quotes. */
function maskQuotes(text: string, marks: MarkSpan[]): string {
  if (!marks.length) return text;
  let out = "";
  let p = 0;
  for (const m of marks) {
    out += text.slice(p, m.start + 1);
    // The inner text blanked, line breaks kept (as inner.replace(/[^\n]/g, " ")).
    const innerEnd = m.closed ? m.end - 1 : m.end;
    for (let i = m.start + 1; i < innerEnd; ) {
      const nl = text.indexOf("\n", i);
      const stop = nl < 0 || nl >= innerEnd ? innerEnd : nl;
      out += " ".repeat(stop - i);
      if (stop < innerEnd) out += "\n";
      i = stop + 1;
    }
    p = m.closed ? m.end - 1 : m.end;
  }
  return out + text.slice(p);
}

/** Whether s[from, to) opens with /[ \t\u00a0]*(?:\n\s*)?[―—–-]/ (the signature dash), checked without a regex. */
function dashFollows(s: string, from: number, to: number): boolean {
  const end = Math.min(to, s.length);
  let i = from;
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9 || s.charCodeAt(i) === 0xa0)) i++;
  if (i < end && s.charCodeAt(i) === 10) {
    i++;
    while (i < end && isJsSpace(s.charCodeAt(i))) i++;
  }
  if (i >= end) return false;
  const c = s.charCodeAt(i);
  return c === 0x2015 || c === 0x2014 || c === 0x2013 || c === 45;
}

/** Trailing attribution right after a closing mark: “…,” Wang said / ,” said Lin / ,” Todd Robinson, the …, told reporters. */
function trailingAttribution(text: string, masked: string, q: MarkSpan, hi: number): Attribution | null {
  // Signed quotes: “…” ― Pamela Reyes (a dash, then a name ending the line).
  // The signature may stand on the next line ("⏎⏎- Bernie Sanders." / "⏎⏎-Michelle Marks, Philadelphia.").
  const dash = dashFollows(masked, q.end, Math.max(hi, q.end + 160)) && /^[ \t\u00a0]*(?:\n\s*)?([―—–-])[ \t\u00a0]*(\p{Lu}[\p{L}’'-]*(?:[ \t\u00a0]+(?:\p{Lu}\.|\p{Lu}[\p{L}’'-]*)){0,4})[ \t\u00a0]*(?:[.,][^\n]{0,60})?(?:\n|$)/u.exec(masked.slice(q.end, Math.max(hi, q.end + 160)));
  if (dash) {
    const cueAt = q.end + dash[0].indexOf(dash[1]!);
    const srcAt = q.end + dash[0].lastIndexOf(dash[2]!);
    return { cue: { start: cueAt, end: cueAt + 1 }, source: { start: srcAt, end: srcAt + dash[2]!.length } };
  }
  // ", as Cruz said on Monday" reads like ", Cruz said".
  const lead = /^[ \t\u00a0]*[,—–-]?[ \t\u00a0]*(?:as[ \t\u00a0]+(?=\S+[ \t\u00a0]+\S))?/.exec(masked.slice(q.end, hi))![0];
  const from = q.end + lead.length;
  const innerEnd = text[q.end - 2];
  // A quote that closes its own sentence (“….” Next sentence) takes no trailing attribution: even a short
  // "“….” Wang said." is rarer than a new sentence (train direct e2e F1 0.786 vs 0.782 allowing ≤ 4-word sources).
  if (!lead.includes(",") && /[.]/.test(innerEnd ?? "")) return null;
  if (!lead.length && !/[,?!—–-]/.test(innerEnd ?? "")) return null;
  // Stop at the end of the sentence or the next quote.
  let stop = from;
  while (stop < hi && stop - from < 220) {
    const c = masked[stop]!;
    if (c === "\n" || c === "“" || c === '"' || c === "«") break;
    if ((c === "." || c === "!" || c === "?" || c === ";") && /\s|$/.test(masked[stop + 1] ?? "") && !/\b(?:[A-Z]|[A-Z][a-z]{1,3}|U\.S)$/.test(masked.slice(Math.max(from, stop - 5), stop))) break;
    stop++;
  }
  // “…,” according to the report.
  const acc = /^according to\s+/iu.exec(masked.slice(from, stop));
  if (acc) {
    const srcStart = from + acc[0].length;
    const cut = masked.slice(srcStart, stop).search(/\s*[,;(—–]/u);
    const srcEnd = trimEnd(masked, srcStart, cut >= 0 ? srcStart + cut : stop);
    if (srcEnd > srcStart) return { cue: { start: from, end: from + 12 }, source: { start: srcStart, end: srcEnd } };
  }
  const cues = cuesIn(masked, from, stop);
  const first = cues[0];
  if (!first) return null;
  if (first.start === from) {
    const src = sourceAfter(masked, first.end, stop);
    if (!src) return null;
    return { cue: first, source: src };
  }
  // Everything between the quote and the cue names the speaker: "Senate minority leader Harry Reid told",
  // "Todd Robinson, the assistant secretary …, told" (the name before an appositive), "he said".
  const toks = tokenize(masked, from, first.start).filter((t) => !BETWEEN_SOURCE_AND_CUE.has(lower(t)) || t.start === from);
  if (!toks.length || toks.length > 30) return null;
  const head = toks[0]!;
  const hw = lower(head);
  if (!(UPPER_START.test(head.text) || hw in PRONOUNS || SOURCE_MODIFIERS.has(hw) || SOURCE_NOUNS.has(hw) || /^\p{N}/u.test(head.text))) return null;
  if (NON_HEAD_CAPS.has(hw) && !/^(the|a|an|this|that|these|those)$/.test(hw)) return null;
  // "“…” that shows …", "“…” that Sanders can catch Clinton": a relative or complement clause, not a speaker
  // ("that official said" stays).
  if ((hw === "that" || hw === "which") && !(toks[1] && SOURCE_NOUNS.has(lower(toks[1])))) return null;
  if (toks.some((t) => /^[.;:!?]$/.test(t.text) && !(t.text === "." && t.start > 0 && /\p{L}/u.test(masked[t.start - 1]!) && toks.indexOf(t) < toks.length - 1 && isAbbrev(masked, t.start)))) return null;
  const comma = toks.findIndex((t) => t.text === ",");
  // Without an appositive comma the stretch must read as a noun phrase: at most two unknown lowercase words.
  const np = comma > 0 ? toks.slice(0, comma) : toks;
  const unknown = np.filter((t) => /^\p{Ll}/u.test(t.text) && !SOURCE_NOUNS.has(lower(t)) && !SOURCE_MODIFIERS.has(lower(t)) && !/^(of|for|and|at|in|on|to)$/.test(lower(t)) && !BETWEEN_SOURCE_AND_CUE.has(lower(t))).length;
  if (unknown > 2) return null;
  let last = comma > 0 ? comma - 1 : toks.length - 1;
  while (last > 0 && BETWEEN_SOURCE_AND_CUE.has(lower(toks[last]!))) last--;
  if (comma === 0) return null;
  return { cue: first, source: { start: head.start, end: toks[last]!.end } };
}

const TITLE_MINOR = new Set(["of", "the", "and", "a", "an", "in", "on", "to", "for", "at", "with", "from", "by", "or"]);
const TITLE_BEFORE = /(?:['’]s|\b(?:on|in|of|film|movie|show|book|program|programme|series|song|album|novel|titled|entitled|nicknamed|dubbed|called|named))\s*$/iu;

/** A quoted show, book or film title ("on CNN’s “State of the Union”"): short, Title Case, after a possessive or "on". */
function isTitle(text: string, q: MarkSpan): boolean {
  // At most six words: count the runs first, stopping at seven (long quotes are never titles).
  const n = countRuns(text, q.start + 1, q.closed ? q.end - 1 : q.end, isWordChar, 7);
  if (n === 0 || n > 6) return false;
  const words = text.slice(q.start + 1, q.closed ? q.end - 1 : q.end).match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  if (!words.length || words.length > 6) return false;
  if (!words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && TITLE_MINOR.has(w)))) return false;
  return TITLE_BEFORE.test(text.slice(Math.max(0, q.start - 20), q.start));
}

/** Whether the gap between two quotes lets the second continue the first's content. */
function bridges(text: string, prev: MarkSpan, q: MarkSpan, d: Draft): boolean {
  if (q.start < prev.end) return false;
  const gap = text.slice(prev.end, q.start);
  // At most one paragraph break, and only after the attribution ("“A,” X said.⏎⏎“B.”").
  if ((gap.match(/\n/g) ?? []).length > 2) return false;
  const nl = gap.indexOf("\n");
  const line = nl < 0 ? gap : gap.slice(0, nl);
  if (nl >= 0 && /\S/.test(gap.slice(nl))) return false;
  if (!/[\p{L}\p{N}]/u.test(line)) return true;
  if (line.length > MAX_BRIDGE_CHARS || !d.cue) return false;
  if (!(d.cue.start >= prev.end && d.cue.end <= prev.end + line.length)) return false;
  const stops = line.match(/[.!?;](?=\s|$)/g) ?? [];
  return stops.length <= MAX_BRIDGE_STOPS;
}

/** Whether the period at `dot` ends an abbreviation or initial ("Sen.", "J.", "(D-Wash.)", "U.S."). */
function isAbbrev(text: string, dot: number): boolean {
  const w = /[\p{L}.]+$/u.exec(text.slice(Math.max(0, dot - 12), dot))?.[0] ?? "";
  return /^(?:\p{Lu}|\p{Lu}\p{Ll}{1,3}|(?:\p{L}\.)+\p{L})$/u.test(w);
}

function firstWordStart(text: string, lo: number, hi: number): number {
  const t = tokenize(text, lo, hi);
  return t.length ? t[0]!.start : -1;
}

/** Leading attribution before an opening mark in the same sentence: Lin said, "…" / X said that his nation “…” / according to X, “…”. */
function leadingAttribution(masked: string, lo: number, qStart: number, hasQuote: boolean): (Attribution & { lemma: string }) | null {
  // A participle followed by "by" is passive ("remarks reported by US media"): nobody speaks through it.
  const cues = cuesIn(masked, lo, qStart).filter(
    (c) => (hasQuote || !NEEDS_QUOTE_LEMMAS.has(c.lemma)) && !(/ed$/.test(masked.slice(c.start, c.end)) && /^\s+by\b/.test(masked.slice(c.end, c.end + 5))),
  );
  const nearest = cues[cues.length - 1];
  for (let i = cues.length - 1; i >= 0; i--) {
    const c = cues[i]!;
    const src = sourceBefore(masked, lo, c.start);
    if (!src) {
      // Inverted, the cue opening the sentence: "Said Dorothy Poynter, who grew up with him, “…”", "Continued Stone: “…”".
      if (c.start === firstWordStart(masked, lo, qStart) && /^\p{Lu}/u.test(masked[c.start]!)) {
        const after = sourceAfter(masked, c.end, qStart);
        if (after) return { cue: c, source: after, lemma: c.lemma };
      }
      continue;
    }
    // A later coordinated cue shares this subject: "X said …, and added: “…”" / "X spoke, saying “…”".
    if (nearest && nearest !== c && /(?:\band|\bbut|,)\s*$/u.test(masked.slice(Math.max(lo, nearest.start - 6), nearest.start)))
      return { cue: nearest, source: src, lemma: nearest.lemma };
    return { cue: c, source: src, lemma: c.lemma };
  }
  // ("Obama punctuated his list by saying “…”": a participle after "by"/"while" too.)
  const before = nearest ? masked.slice(Math.max(lo, nearest.start - 8), nearest.start) : "";
  const participle = nearest && /ing$/.test(masked.slice(nearest.start, nearest.end)) && /\b(?:by|while|before|after)\s*$/u.test(before);
  if (nearest && (participle || /(?:\band|\bbut|,)\s*$/u.test(before))) {
    // Participle or coordinated cue whose subject opens the sentence: "Blackwell endorsed Cruz, saying he “…”".
    const src = sourceAfter(masked, lo, nearest.start);
    if (src) return { cue: nearest, source: src, lemma: nearest.lemma };
  }
  const acc = /\baccording to\s+/giu;
  acc.lastIndex = 0;
  const seg = masked.slice(lo, qStart);
  let m: RegExpExecArray | null;
  let found: Attribution & { lemma: string } | null = null;
  const hasAcc = seg.includes("ccording");
  while (hasAcc && (m = acc.exec(seg))) {
    const from = lo + m.index + m[0].length;
    const comma = masked.indexOf(",", from);
    if (comma < 0 || comma > qStart) continue;
    found = { cue: { start: lo + m.index, end: lo + m.index + "according to".length }, source: { start: from, end: trimEnd(masked, from, comma) }, lemma: "according" };
  }
  if (found) return found;
  // "Name: “…”" — a colon right after a name introduces the quote.
  const colon = /([\p{Lu}][\p{L}.’'-]*(?:\s+[\p{Lu}][\p{L}.’'-]*){0,3})\s*:\s*$/u.exec(seg);
  if (colon && hasQuote) {
    const s = lo + colon.index;
    const colonAt = lo + seg.lastIndexOf(":");
    return { cue: { start: colonAt, end: colonAt + 1 }, source: { start: s, end: s + colon[1]!.length }, lemma: ":" };
  }
  // "Article 33 affirms: “…”", "From the report: “…”", "Clinton has since apologized for what happened: “…”":
  // a clause ending in a colon introduces the quote; its subject (or what "From" names) is the source.
  if (hasQuote && /:\s*$/.test(seg)) {
    const colonAt = lo + seg.lastIndexOf(":");
    const from = /^\s*From\s+/u.exec(seg);
    const src = sourceAfter(masked, from ? lo + from[0].length : lo, colonAt);
    if (src && src.start === firstWordStart(masked, from ? lo + from[0].length : lo, colonAt)) return { cue: { start: colonAt, end: colonAt + 1 }, source: src, lemma: ":" };
    // The same after an opening clause: "When Wallace died in 1998, President Clinton released the following statement: “…”".
    const comma = seg.lastIndexOf(",");
    if (comma > 0 && !from) {
      const src2 = sourceAfter(masked, lo + comma + 1, colonAt);
      if (src2 && src2.start === firstWordStart(masked, lo + comma + 1, colonAt)) return { cue: { start: colonAt, end: colonAt + 1 }, source: src2, lemma: ":" };
    }
  }
  return null;
}

/**
 * Finds direct quotes and reported speech in `text` and attributes them to speakers.
 * Offsets are into `text`. Quotes come out in text order.
 */
export function extractQuotes(text: string, opts: ExtractQuotesOptions = {}): Quote[] {
  return extractWith(text, opts, null);
}

/**
 * For training the candidate model (scripts/train-quotes.ts): the rules' quotes without the model's additions,
 * and every candidate the model would score for quoted spans the rules left unattributed, with its features.
 */
export function collectQuoteCandidates(
  text: string,
  opts: ExtractQuotesOptions = {},
  spanWeights: ReadonlyMap<string, number> | null = SPAN_WEIGHTS,
): { quotes: Quote[]; candidates: QuoteCandidate[]; ruleQuotes: QuoteCandidate[]; spanGroups: SpanGroup[] } {
  const candidates: QuoteCandidate[] = [];
  const ruleQuotes: QuoteCandidate[] = [];
  const spanGroups: SpanGroup[] = [];
  const quotes = extractWith(text, opts, candidates, ruleQuotes, spanGroups, spanWeights);
  return { quotes, candidates, ruleQuotes, spanGroups };
}

/** The content choices around one rule-made direct quote (for training the span chooser); the first is the rules' own. */
export interface SpanGroup {
  mark: Span;
  choices: SpanChoice[];
}

const SPAN_KINDS = new Set(["lead", "trail", "late"]);

function extractWith(
  text: string,
  opts: ExtractQuotesOptions,
  collect: QuoteCandidate[] | null,
  keepCollect?: QuoteCandidate[],
  spanCollect?: SpanGroup[],
  spanWeights: ReadonlyMap<string, number> | null = SPAN_WEIGHTS,
): Quote[] {
  const sentences = splitSentences(text);
  const marks = findQuoteMarks(text);
  const masked = maskQuotes(text, marks);
  const drafts: Draft[] = [];
  const covered: Span[] = [];

  // ---- Direct quotes ----
  const attrOf: (Attribution | null)[] = marks.map(() => null);
  const cueKind: string[] = marks.map(() => "");
  const lateEnd: number[] = marks.map(() => -1);
  for (let qi = 0; qi < marks.length; qi++) {
    const q = marks[qi]!;
    const si = sentenceAt(sentences, q.start);
    const unitStart = Math.min(sentences[si]?.start ?? q.start, q.start);
    const lineEnd = (() => {
      const nl = text.indexOf("\n", q.end);
      return nl < 0 ? text.length : nl;
    })();
    const trail = trailingAttribution(text, masked, q, lineEnd);
    if (trail) {
      attrOf[qi] = trail;
      cueKind[qi] = "trail";
      continue;
    }
    let lo = unitStart;
    // A quote opening a paragraph after "X continued:" is introduced by the previous paragraph.
    const prevText = text.slice(Math.max(0, q.start - 400), q.start);
    if (/:\s*\n\s*$/.test(prevText) && /^\s*$/.test(text.slice(unitStart, q.start))) {
      const colonAt = q.start - (prevText.length - prevText.search(/:\s*\n\s*$/));
      lo = sentences[sentenceAt(sentences, colonAt)]?.start ?? unitStart;
    }
    const lead = leadingAttribution(masked, lo, q.start, true);
    if (lead) {
      attrOf[qi] = lead;
      cueKind[qi] = "lead";
      continue;
    }
    // A coordinated or participle cue after an attributed quote shares its speaker:
    // “It’s not new,” said Rep. Scott, adding that “we’ve been …”.
    const pq = qi > 0 ? marks[qi - 1]! : null;
    const pa = qi > 0 ? attrOf[qi - 1] : null;
    if (pq && pa && pq.end >= unitStart && !text.slice(pq.end, q.start).includes("\n")) {
      const c = cuesIn(masked, Math.max(pq.end, pa.cue.end), q.start).pop();
      if (c && /(?:\band|,)\s*$/u.test(masked.slice(Math.max(0, c.start - 6), c.start))) {
        attrOf[qi] = { cue: c, source: pa.source, lemma: c.lemma };
        cueKind[qi] = "lead";
        continue;
      }
    }
    // Late attribution further on in the sentence: “You squeezed …” to drive up the price, she said.
    const sj = sentenceAt(sentences, Math.max(q.start, q.end - 1));
    const sEnd = sentences[sj]?.end ?? q.end;
    const nextMark = marks[qi + 1]?.start ?? Infinity;
    for (const c of cuesIn(masked, q.end, sEnd)) {
      // A cue followed by another quote in the sentence introduces that quote, not this one.
      if (nextMark < sEnd && nextMark > c.start) break;
      const comma = masked.lastIndexOf(",", c.start);
      if (comma < q.end - 1) break;
      // ", said Geert Wilders, founder of …" (inverted) or ", X said".
      const inverted = !/[\p{L}\p{N}]/u.test(masked.slice(comma + 1, c.start));
      const src = inverted ? sourceAfter(masked, c.end, sEnd) : sourceBefore(masked, comma + 1, c.start);
      if (!src || (!inverted && src.start !== firstWordStart(masked, comma + 1, c.start))) continue;
      attrOf[qi] = { cue: c, source: src, lemma: c.lemma };
      cueKind[qi] = "late";
      lateEnd[qi] = comma;
      break;
    }
  }

  // Content spans and continuations.
  const draftOfMark: number[] = marks.map(() => -1);
  let cur = -1;
  let curLast = -1;
  for (let qi = 0; qi < marks.length; qi++) {
    const q = marks[qi]!;
    if (isTitle(text, q)) continue;
    const a = attrOf[qi];
    const si = sentenceAt(sentences, q.start);
    const sentStart = Math.min(sentences[si]?.start ?? q.start, q.start);
    const sj = sentenceAt(sentences, Math.max(q.start, q.end - 1));
    const sentEnd = Math.max(sentences[sj]?.end ?? q.end, q.end);
    if (a) {
      let content: Span;
      if (cueKind[qi] === "late") {
        const before = masked.slice(sentStart, q.start);
        const start = before.trim() && !cuesIn(masked, sentStart, q.start).length && !/[“”"]/.test(before) ? sentStart : q.start;
        content = { start, end: trimEnd(text, q.end, lateEnd[qi]!) };
      } else if (cueKind[qi] === "trail") {
        // Clause before the quote belongs to the content when it holds no cue of its own: China “needs to do more…,” X told.
        let start = q.start;
        const before = masked.slice(sentStart, q.start);
        if (before.trim() && !cuesIn(masked, sentStart, q.start).length && !/[“”"]/.test(before) && !/[:]\s*$/.test(before)) start = sentStart;
        content = { start, end: q.end };
      } else {
        const cue = a.cue as CueHit;
        // A one-character cue (":" or a dash) or a source after the cue ("Said X, “…”") leaves the content to the quote.
        const start = cue.end - cue.start === 1 || a.source.start >= cue.end ? q.start : contentStartAfterCue(masked, { ...cue, lemma: a.lemma ?? "" }, q.start);
        let end = Math.max(q.end, trimEnd(text, q.end, sentEnd));
        if (end > q.end && /[”"»]/.test(text[q.end - 1]!) && /^[.\s]*$/.test(text.slice(q.end, sentEnd))) end = q.end;
        // The content stops at the quote when the quote ends in punctuation or a new clause follows it
        // (", telling …", " and said …", " (…"): train direct e2e F1 0.762 vs 0.754 running on to the sentence end.
        const after = masked.slice(q.end, sentEnd);
        if (/^\s*(?:,\s*(?:and|but|while|which|who|telling|saying|adding|noting|before|after|as|according)\b|\s(?:and|but|before|after|while|as)\s|\s*[(—–])/u.test(after)) end = q.end;
        if (/[,.!?]$/.test(text.slice(q.start, q.end - 1))) end = q.end;
        if (end > q.end) {
          // A clause boundary further on ends the content too: "he was “encouraged” by the plan — a modest boost …".
          const cut = after.search(/\s[—–]\s|,\s*(?:but|which|who|while|according|\p{Ll}+ing)\b|\s(?:and|but)\s+(?:\p{Ll}+ed|said|told)\b|\s\(|;/u);
          if (cut >= 0) end = Math.max(q.end, trimEnd(text, q.end, q.end + cut));
        }
        content = { start: Math.min(start, q.start), end };
      }
      // Merge with a draft sharing the same cue (several quoted phrases governed by one verb).
      const prev = drafts.findIndex((d) => d.cue && d.cue.start === a.cue.start && d.cue.end === a.cue.end);
      if (prev >= 0) {
        const d = drafts[prev]!;
        const merged = { start: Math.min(d.content.start, content.start), end: Math.max(d.content.end, content.end) };
        // Split quotes around the cue (“A,” he said, “B”) become one content, as PolNeAR spans them (222 of 251 in train).
        if (opts.splitParts && (content.start >= d.content.end || content.end <= d.content.start)) {
          drafts.push({ content, direct: true, cue: a.cue, source: a.source, kind: cueKind[qi], lemma: a.lemma, mark: qi });
          draftOfMark[qi] = drafts.length - 1;
          curLast = qi;
          continue;
        }
        drafts[prev] = { ...d, content: merged, kind: "merge" };
        draftOfMark[qi] = prev;
        cur = prev;
        curLast = qi;
        continue;
      }
      drafts.push({ content, direct: true, cue: a.cue, source: a.source, kind: cueKind[qi], lemma: a.lemma, mark: qi });
      draftOfMark[qi] = drafts.length - 1;
      cur = drafts.length - 1;
      curLast = qi;
      continue;
    }
    // Uncued quote right after an attributed one: the same speaker goes on (“A,” he said. “B.” / next paragraph).
    // PolNeAR spans such a run as one content, interruption included (222 of 251 split quotes in train).
    const sj0 = sentenceAt(sentences, Math.max(q.start, q.end - 1));
    const tailLetters = /[\p{L}\p{N}]/u.test(masked.slice(q.end, Math.max(q.end, sentences[sj0]?.end ?? q.end)));
    if (!tailLetters && cur >= 0 && curLast >= 0 && bridges(text, marks[curLast]!, q, drafts[cur]!)) {
      const d = drafts[cur]!;
      if (opts.splitParts) {
        // One quote per part, each with the run's cue and source; the run stays open for further parts.
        drafts.push({ content: { start: q.start, end: q.end }, direct: true, cue: d.cue, source: d.source, kind: "bridge", lemma: d.lemma });
        draftOfMark[qi] = drafts.length - 1;
        curLast = qi;
        continue;
      }
      drafts[cur] = { ...d, content: { start: d.content.start, end: Math.max(d.content.end, q.end) }, kind: d.kind?.endsWith("bridge") ? d.kind : `${d.kind}+bridge` };
      draftOfMark[qi] = cur;
      curLast = qi;
      continue;
    }
    // No cue: a continuation of an attributed quote nearby, or a title/scare quote.
    const words = wordCount(text, q);
    const outside = masked.slice(sentStart, q.start) + masked.slice(q.end, sentEnd);
    const fills = !/[\p{L}\p{N}]/u.test(outside.replace(/\s+/g, ""));
    // Only the quote right before, within the same or previous two paragraphs, passes its speaker on
    // (train direct e2e F1 0.789 vs 0.788 also looking past uncued quotes of 8+ words).
    let from = -1;
    if (qi > 0 && draftOfMark[qi - 1]! >= 0 && (text.slice(marks[qi - 1]!.end, q.start).match(/\n\s*\n|\n/g) ?? []).length <= 2) from = draftOfMark[qi - 1]!;
    if (from < 0 && qi + 1 < marks.length && attrOf[qi + 1] && cueKind[qi + 1] === "trail") {
      // “A.” “B,” he said. — same paragraph only.
      const nq = marks[qi + 1]!;
      if (!text.slice(q.end, nq.start).includes("\n") && words >= 3) from = -2 - (qi + 1);
    }
    if (from === -1) continue;
    // Only a quote that is its whole sentence inherits a speaker: a quoted phrase inside someone else's
    // sentence is usually another source's words (train direct end-to-end F1 0.744 vs 0.732 allowing 8+ word phrases).
    if (words < 3 || !fills) continue;
    const content = { start: q.start, end: q.end };
    if (from >= 0) drafts.push({ content, direct: true, cue: null, source: drafts[from]!.source, kind: "cont" });
    else {
      const a2 = attrOf[-from - 2]!;
      drafts.push({ content, direct: true, cue: null, source: a2.source, kind: "next" });
    }
    draftOfMark[qi] = drafts.length - 1;
  }
  // Content boundaries: a model trained on PolNeAR train (quotes-span.ts) picks among starts and ends around the quote.
  for (let i = 0; i < drafts.length && (spanWeights || spanCollect); i++) {
    const d = drafts[i]!;
    if (d.mark === undefined || !SPAN_KINDS.has(d.kind ?? "") || opts.splitParts) continue;
    const q = marks[d.mark]!;
    const si = sentenceAt(sentences, q.start);
    const sj = sentenceAt(sentences, Math.max(q.start, q.end - 1));
    const ctx = {
      text, masked, q, content: d.content, source: d.source, kind: d.kind!, lemma: d.lemma ?? "-",
      sentStart: Math.min(sentences[si]?.start ?? q.start, q.start),
      sentEnd: Math.max(sentences[sj]?.end ?? q.end, q.end),
    };
    if (spanCollect) spanCollect.push({ mark: { start: q.start, end: q.end }, choices: spanChoices(ctx) });
    if (spanWeights) drafts[i] = { ...d, content: bestSpan(ctx, spanWeights) };
  }
  const ruleDrafts = drafts.slice();
  // Quoted spans the rules left unattributed: candidates (content, source) scored by a model trained on
  // PolNeAR train (quotes-model.ts); the best one per span is kept when it scores above the model's threshold.
  for (let qi = 0; qi < marks.length && (collect || CANDIDATE_THRESHOLD !== null); qi++) {
    if (draftOfMark[qi]! >= 0) continue;
    const q = marks[qi]!;
    if (isTitle(text, q)) continue;
    const cands = markCandidates(text, masked, sentences, marks, qi, ruleDrafts);
    if (collect) {
      collect.push(...cands);
      continue;
    }
    let best: QuoteCandidate | null = null;
    let bestScore = -Infinity;
    for (const c of cands) {
      const sc = scoreCandidate(c.features);
      if (sc > bestScore) {
        best = c;
        bestScore = sc;
      }
    }
    if (best && CANDIDATE_THRESHOLD !== null && bestScore >= CANDIDATE_THRESHOLD) drafts.push({ content: best.content, direct: true, cue: best.cue, source: best.source, kind: "model" });
  }
  // The rules' direct quotes: a second model (trained on PolNeAR train, like the candidates') drops the
  // ones that look unlike quotes PolNeAR attributes (long non-quote stretches, far-off or odd sources).
  for (let i = drafts.length - 1; i >= 0 && (collect || KEEP_THRESHOLD !== null); i--) {
    const d = drafts[i]!;
    if (!d.kind || d.kind === "model") continue;
    const features = keepFeatures(text, masked, sentences, marks, d);
    if (collect) keepCollect?.push({ content: d.content, source: d.source, cue: d.cue, features });
    else if (KEEP_THRESHOLD !== null && scoreKeep(features) < KEEP_THRESHOLD) drafts.splice(i, 1);
  }
  for (const d of drafts) covered.push(d.content);

  // ---- Reported speech ----
  if (opts.reported !== false) {
    const touched = sentencesTouched(sentences, covered, marks);
    for (let si = 0; si < sentences.length; si++) {
      const s = sentences[si]!;
      if (touched) {
        if (touched[si]) continue;
      } else {
        if (covered.some((c) => c.start < s.end && c.end > s.start)) continue;
        if (marks.some((m) => m.start < s.end && m.end > s.start)) continue;
      }
      // "Asked if …, X said …": the question is an attribution of its own, with no named source.
      const asked = /^(?:When\s+)?(?:Asked|asked)\b(?:\s+by\s+[^,]{1,60}?)?(?:\s+(?:during|at|in|on|about)\b[^,]{0,60}?)?\s+(?=(?:if|whether|why|what|how|about|when|who)\b)/u.exec(text.slice(s.start, s.end));
      let from = s;
      if (asked) {
        const comma = text.indexOf(",", s.start + asked[0].length);
        if (comma > 0 && comma < s.end) {
          const cueAt = s.start + asked[0].search(/[Aa]sked/);
          drafts.push({ content: { start: s.start + asked[0].length, end: comma }, direct: false, cue: { start: cueAt, end: cueAt + 5 }, source: null });
          from = { start: firstWordStart(text, comma + 1, s.end), end: s.end };
          if (from.start < 0) continue;
        }
      }
      const d = reportedIn(text, masked, from);
      if (d) drafts.push(...d);
    }
  }

  drafts.sort((a, b) => a.content.start - b.content.start);
  return resolveAll(text, sentences, marks, drafts, opts);
}

/**
 * Per sentence, whether any of the spans overlaps it (start < sentence end and end > sentence start), by binary search
 * instead of testing every span against every sentence; null when sentence starts or ends are not in order.
 */
function sentencesTouched(sentences: readonly Span[], ...lists: readonly (readonly Span[])[]): Uint8Array | null {
  for (let k = 1; k < sentences.length; k++) if (sentences[k]!.start < sentences[k - 1]!.start || sentences[k]!.end < sentences[k - 1]!.end) return null;
  const out = new Uint8Array(sentences.length);
  for (const list of lists) {
    for (const c of list) {
      // Ends are in order: the first sentence ending after c.start; starts are in order: stop at one starting at c.end.
      let a = 0;
      let b = sentences.length;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (sentences[mid]!.end > c.start) b = mid;
        else a = mid + 1;
      }
      for (let k = a; k < sentences.length && sentences[k]!.start < c.end; k++) out[k] = 1;
    }
  }
  return out;
}

/** Reported speech within one sentence that holds no quotation marks. */
function reportedIn(text: string, masked: string, s: Span): Draft[] | null {
  const seg = text.slice(s.start, s.end);
  // "…, according to X." and "According to X, …".
  // "ccording" first: the case-insensitive Unicode search is slow and most sentences have no "according".
  const acc = seg.includes("ccording") ? /\baccording to\s+/iu.exec(seg) : null;
  if (acc) {
    const cueStart = s.start + acc.index;
    const from = cueStart + acc[0].length;
    if (acc.index === 0 || /^according/i.test(seg)) {
      const comma = text.indexOf(",", from);
      if (comma > from && comma < s.end) {
        const end = trimEnd(text, comma, s.end);
        if (wordCount(text, { start: comma, end }) >= 3)
          return [{ content: { start: firstWordStart(text, comma + 1, end), end }, direct: false, cue: { start: cueStart, end: cueStart + 12 }, source: { start: from, end: comma } }];
      }
    } else if (/,\s*$/.test(text.slice(s.start, cueStart))) {
      const stop = text.slice(from, s.end).search(/\s*[,;(—–]/u);
      const srcEnd = trimEnd(text, from, stop >= 0 ? from + stop : s.end);
      const cEnd = trimEnd(text, s.start, cueStart);
      if (wordCount(text, { start: s.start, end: cEnd }) >= 3)
        return [{ content: { start: s.start, end: cEnd }, direct: false, cue: { start: cueStart, end: cueStart + 12 }, source: { start: from, end: Math.min(srcEnd, from + 80) } }];
    }
  }
  const cues = cuesIn(masked, s.start, s.end);
  for (const c of cues) {
    if (NEEDS_QUOTE_LEMMAS.has(c.lemma)) continue;
    // Parenthetical: "In the three years since, Barden says, far too many lives have been lost." — the whole
    // sentence around ", X says," is the content.
    const around = /^,\s*$/.test(text.slice(Math.max(s.start, c.end), c.end + 1)) ? masked.lastIndexOf(",", c.start) : -1;
    if (around > s.start && c.end - around < 60) {
      const src = sourceBefore(masked, around + 1, c.start);
      const first = firstWordStart(masked, around + 1, c.start);
      // Up to two modifiers the noun-phrase walk does not know may precede it ("transit director Sam Whitfield").
      if (src && src.start >= first && tokenize(masked, first, src.start).length <= 2 && wordCount(text, { start: s.start, end: around }) >= 2) {
        const end = trimEnd(text, s.start, s.end);
        if (wordCount(text, { start: c.end + 1, end }) >= 3) return [{ content: { start: s.start, end }, direct: false, cue: c, source: { start: first, end: src.end } }];
      }
    }
    // "…, X said." / "…, said X."
    const tail = text.slice(c.end, s.end);
    const headText = text.slice(s.start, c.start);
    if (/^(?:\s+[\p{L}]+){0,5}\s*[.!?]?\s*$/u.test(tail) && commaBeforeWords(text, s.start, c.start)) {
      const comma = headText.lastIndexOf(",");
      if (comma > 0) {
        const src = sourceBefore(masked, s.start + comma + 1, c.start);
        if (src && wordCount(text, { start: s.start, end: s.start + comma }) >= 4)
          return [{ content: { start: s.start, end: trimEnd(text, s.start, s.start + comma) }, direct: false, cue: c, source: src }];
      }
    }
    if (/,\s*$/.test(headText) && /^\s+\p{Lu}/u.test(tail)) {
      const src = sourceAfter(masked, c.end, s.end);
      const comma = headText.lastIndexOf(",");
      if (src && wordCount(text, { start: s.start, end: s.start + comma }) >= 4 && trimEnd(text, src.end, s.end) - src.end < 40)
        return [{ content: { start: s.start, end: trimEnd(text, s.start, s.start + comma) }, direct: false, cue: c, source: src }];
    }
    // "X said (that) …"
    const src = sourceBefore(masked, s.start, c.start);
    if (!src) continue;
    const start = contentStartAfterCue(text, c, s.end);
    let end = reportedEnd(text, start, s.end);
    let second: Draft | null = null;
    {
      // A coordinated cue sharing the subject ends the content: "X said he makes $41,000 a year and questioned
      // how …", "Barkley, who said he votes …, said one candidate …".
      const next = cuesIn(masked, start, end).find((c2) => /(?:,|\band)\s+(?:(?:also|then|later)\s+)?$/u.test(masked.slice(Math.max(start, c2.start - 12), c2.start)));
      if (next) {
        const cutAt = masked.slice(start, next.start).search(/(?:,|\s+and)\s+(?:(?:also|then|later)\s+)?$/u);
        if (cutAt > 0) {
          end = trimEnd(text, start, start + cutAt);
          // The coordinated cue reports something too, from the same source ("He says A and says B").
          if (!NEEDS_QUOTE_LEMMAS.has(next.lemma)) {
            const start2 = contentStartAfterCue(text, next, s.end);
            const end2 = reportedEnd(text, start2, s.end);
            if (wordCount(text, { start: start2, end: end2 }) >= 3) second = { content: { start: start2, end: end2 }, direct: false, cue: next, source: src };
          }
        }
      }
    }
    // A second subject and cue after ", and" starts another attribution: "Officials warned that …, and Mayor
    // Hannah Weiss urged the commission to …" — the first content stops at the comma.
    const joint = /,\s+(?:and|but|while)\s+/gu;
    joint.lastIndex = 0;
    const seg2 = masked.slice(start, end);
    for (let m = joint.exec(seg2); m; m = joint.exec(seg2)) {
      const from = start + m.index + m[0].length;
      const next = cuesIn(masked, from, Math.min(end, from + 80)).find((c2) => !NEEDS_QUOTE_LEMMAS.has(c2.lemma));
      if (!next) continue;
      const src2 = sourceBefore(masked, from, next.start);
      if (!src2 || src2.start !== firstWordStart(masked, from, next.start)) continue;
      if (wordCount(text, { start, end: start + m.index }) >= 3) {
        const rest = reportedIn(text, masked, { start: from, end: s.end });
        const first: Draft = { content: { start, end: trimEnd(text, start, start + m.index) }, direct: false, cue: c, source: src };
        return rest ? [first, ...rest] : [first];
      }
    }
    if (wordCount(text, { start, end }) < 3) continue;
    const first: Draft = { content: { start, end }, direct: false, cue: c, source: src };
    return second ? [first, second] : [first];
  }
  return null;
}

/** End of reported content from `start`: the sentence's end, or a clause boundary before it ("… — a modest boost", ", according to …", "; …"). */
function reportedEnd(text: string, start: number, sentEnd: number): number {
  const end = trimEnd(text, start, sentEnd);
  const cut = text.slice(start, end).search(/\s[—–]\s|,\s*(?:but|which|while|according|telling|saying|adding|noting)\b|\s\(|;/u);
  return cut > 0 ? trimEnd(text, start, start + cut) : end;
}

function resolveAll(text: string, sentences: Span[], marks: MarkSpan[], drafts: Draft[], opts: ExtractQuotesOptions): Quote[] {
  const full = buildSpeakerIndex(text, sentences, opts.entities);
  // Names inside quotation marks are what speakers talk about, not who speaks.
  let qi = 0;
  const index = {
    ...full,
    mentions: full.mentions.filter((m) => {
      // Both lists are sorted: advance past quotes that end before this mention.
      while (qi < marks.length && marks[qi]!.end <= m.start) qi++;
      const q = marks[qi];
      return !(q && m.start > q.start && m.end < q.end);
    }),
  };
  const subjects: NameMention[] = [];
  let sortedMentions = true;
  for (let k = 1; k < index.mentions.length && sortedMentions; k++) if (index.mentions[k]!.start < index.mentions[k - 1]!.start) sortedMentions = false;
  const out: Quote[] = [];
  const bySource = new Map<string, { speaker: string | null; speakerEntity: string | null; side: string | null }>();
  for (const d of drafts) {
    let r = { speaker: null as string | null, speakerEntity: null as string | null, side: null as string | null };
    if (d.source) {
      const k = `${d.source.start}:${d.source.end}`;
      const known = bySource.get(k);
      if (known) r = known;
      else {
        r = resolveSpeaker(index, d.source, subjects);
        bySource.set(k, r);
        if (r.speakerEntity) subjects.push({ start: d.source.start, end: d.source.end, key: r.speakerEntity, kind: "person" });
        // Register the source mention itself as a subject so later pronouns prefer it.
        if (sortedMentions) {
          // Mentions are sorted by start: only those starting inside the source can lie in it.
          let a = 0;
          let b = index.mentions.length;
          while (a < b) {
            const mid = (a + b) >> 1;
            if (index.mentions[mid]!.start < d.source.start) a = mid + 1;
            else b = mid;
          }
          for (let k = a; k < index.mentions.length && index.mentions[k]!.start <= d.source.end; k++) {
            const m = index.mentions[k]!;
            if (m.end <= d.source.end) subjects.push(m);
          }
        } else for (const m of index.mentions) if (m.start >= d.source.start && m.end <= d.source.end) subjects.push(m);
      }
    }
    const direct = d.direct && /[“”"«»]|''/.test(text.slice(d.content.start, d.content.end));
    out.push({
      content: { start: d.content.start, end: d.content.end },
      direct,
      cue: d.cue ? { start: d.cue.start, end: d.cue.end } : null,
      source: d.source ? { start: d.source.start, end: d.source.end } : null,
      speaker: r.speaker,
      speakerEntity: r.speakerEntity,
      side: r.side,
    });
  }
  return out;
}

const AUX = new Set(["has", "have", "had", "is", "was", "were", "are", "would", "will", "could", "did", "does", "do", "also", "then", "later", "not", "been", "be", "again", "once", "even", "just", "still", "repeatedly", "previously", "recently"]);


/**
 * Candidates for the unattributed quoted span marks[qi]: contents (the quoted span alone, or from after the
 * sentence's verb to the quote's end) × sources (the sentence's subject, the speaker of the nearest attributed
 * quote before it), each with string features for the model.
 */
function markCandidates(text: string, masked: string, sentences: Span[], marks: MarkSpan[], qi: number, drafts: readonly Draft[]): QuoteCandidate[] {
  const q = marks[qi]!;
  const si = sentenceAt(sentences, q.start);
  const sentStart = Math.min(sentences[si]?.start ?? q.start, q.start);
  const sj = sentenceAt(sentences, Math.max(q.start, q.end - 1));
  const sentEnd = Math.max(sentences[sj]?.end ?? q.end, q.end);
  const inner = text.slice(q.start + 1, q.closed ? q.end - 1 : q.end);
  const words = wordCount(text, q);
  const before = masked.slice(sentStart, q.start);
  const after = masked.slice(q.end, sentEnd);
  const beforeToks = tokenize(masked, sentStart, q.start);
  const afterToks = tokenize(masked, q.end, sentEnd);
  const lastInner = inner.trimEnd().slice(-1);
  const paraBefore = /(?:^|\n)\s*$/.test(text.slice(Math.max(0, q.start - 200), q.start));
  const base: string[] = [
    "bias",
    `w${bucket(words, [1, 2, 4, 7, 12, 25])}`,
    `fills:${!/[\p{L}\p{N}]/u.test(before + after)}`,
    `bw${bucket(beforeToks.filter(isWord).length, [0, 2, 5, 10, 20])}`,
    `aw${bucket(afterToks.filter(isWord).length, [0, 2, 5, 10])}`,
    `end:${/[.,!?]/.test(lastInner) ? lastInner : "w"}`,
    `cap:${/^\s*\p{Lu}/u.test(inner)}`,
    `closed:${q.closed}`,
    `para:${paraBefore}`,
    `prevtok:${beforeToks.length ? wordClass(lower(beforeToks[beforeToks.length - 1]!)) : "^"}`,
    `nexttok:${afterToks.length ? wordClass(lower(afterToks[0]!)) : "$"}`,
    `marks:${bucket(marks.filter((m) => m.start >= sentStart && m.end <= sentEnd).length, [1, 2, 3])}`,
    `titlecase:${(inner.match(/[\p{L}'’-]+/gu) ?? []).every((w) => /^\p{Lu}/u.test(w) || TITLE_MINOR.has(w))}`,
  ];
  // The sentence's subject and the verb after it ("Reid has gone after Trump as a “…”").
  let subj: Span | null = null;
  let verb = "";
  let verbEnd = -1;
  if (beforeToks.length) {
    subj = sourceAfter(masked, sentStart, q.start);
    if (subj) {
      const rest = tokenize(masked, subj.end, q.start);
      let k = 0;
      while (k < rest.length && (AUX.has(lower(rest[k]!)) || /^\p{Ll}+ly$/u.test(rest[k]!.text))) k++;
      const v = rest[k];
      if (v && isWord(v) && /^\p{Ll}/u.test(v.text)) {
        verb = lower(v);
        verbEnd = v.end;
      } else subj = null;
    }
  }
  // Cue verbs anywhere before the quote in the sentence, even without a subject the rules recognise.
  const cues = cuesIn(masked, sentStart, q.start);
  const lastCue = cues[cues.length - 1];
  if (lastCue) base.push(`cue:${lastCue.lemma}`, `cuedist:${bucket(tokenize(masked, lastCue.end, q.start).length, [0, 1, 3, 6, 12])}`);
  // Nearest attributed quote before, and how far back.
  let prev: Draft | null = null;
  for (const d of drafts) if (d.source && d.content.end <= q.start && (!prev || d.content.end > prev.content.end)) prev = d;
  const sources: { src: Span | null; kind: string; feats: string[] }[] = [];
  if (subj) {
    const sw = text.slice(subj.start, subj.end);
    const head = lower(tokenize(text, subj.start, subj.end).pop()!);
    const skind = head in PRONOUNS ? `pron:${head}` : /^\p{Lu}/u.test(tokenize(text, subj.start, subj.end).pop()!.text) ? "cap" : "noun";
    sources.push({
      src: subj,
      kind: "subj",
      feats: [`v:${wordClass(verb)}`, `vl:${cueLemma(verb) ?? "-"}`, `sk:${skind}`, `sn:${bucket(sw.split(/\s+/).length, [1, 2, 4])}`, `vd:${bucket(tokenize(masked, verbEnd, q.start).length, [0, 1, 3, 6, 12])}`],
    });
  }
  if (prev) {
    const gap = text.slice(prev.content.end, q.start);
    const paras = (gap.match(/\n\s*\n|\n/g) ?? []).length;
    sources.push({
      src: prev.source,
      kind: "prev",
      feats: [`pp:${bucket(paras, [0, 1, 2, 4])}`, `pc:${bucket(gap.length, [5, 40, 150, 400, 1000])}`, `pcue:${prev.cue ? "y" : "n"}`, `ppw:${/[\p{L}\p{N}]/u.test(gap) ? "w" : "-"}`],
    });
  }
  // Every name or pronoun before the quote in its sentence ("Reid has gone after Trump as a “…”": Reid, Trump),
  // nearest last; the model learns which position speaks.
  const nps = sentenceNames(masked, beforeToks).slice(-4);
  nps.forEach((np, k) => {
    if (subj && np.span.start === subj.start) return;
    const prevTok = np.at > 0 ? lower(beforeToks[np.at - 1]!) : "^";
    const nextTok = np.next < beforeToks.length ? lower(beforeToks[np.next]!) : "$";
    sources.push({
      src: np.span,
      kind: "np",
      feats: [`npi:${bucket(k, [0, 1, 2])}`, `npr:${bucket(nps.length - 1 - k, [0, 1, 2])}`, `npk:${np.kind}`, `npp:${wordClass(prevTok)}`, `npn:${wordClass(nextTok)}`, `npnl:${cueLemma(nextTok) ?? "-"}`, `npd:${bucket(beforeToks.length - np.next, [0, 1, 3, 6, 12])}`],
    });
  });
  // The previous sentence's subject, for a quote continuing what it reports.
  if (si > 0 && sentences[si - 1]) {
    const ps = sentences[si - 1]!;
    const pt = tokenize(masked, ps.start, ps.end);
    const pn = sentenceNames(masked, pt)[0];
    if (pn && pn.at <= 2) {
      const nextTok = pn.next < pt.length ? lower(pt[pn.next]!) : "$";
      sources.push({ src: pn.span, kind: "ps", feats: [`psk:${pn.kind}`, `psn:${wordClass(nextTok)}`, `psnl:${cueLemma(nextTok) ?? "-"}`, `psnl:${text.slice(ps.end, q.start).includes("\n") ? "para" : "same"}`] });
    }
  }
  const out: QuoteCandidate[] = [];
  const contents: { span: Span; kind: string }[] = [{ span: { start: q.start, end: q.end }, kind: "q" }];
  if (verbEnd >= 0) {
    let st = verbEnd;
    const m = /^[\s,:—–-]*(?:that\b)?[\s,:—–-]*/u.exec(text.slice(st, q.start));
    if (m) st += m[0].length;
    if (st < q.start) contents.push({ span: { start: st, end: q.end }, kind: "v" });
  }
  if (before.trim() && sentStart < q.start) contents.push({ span: { start: firstWordStart(text, sentStart, q.start), end: q.end }, kind: "s" });
  for (const c of contents) {
    if (c.span.start < 0) continue;
    for (const s of sources) {
      const f = [...base, `ck:${c.kind}`, `sk:${s.kind}`, ...s.feats];
      const cross = [`ck:${c.kind}|sk:${s.kind}`];
      for (const x of base.slice(1, 7)) cross.push(`${s.kind}|${x}`, `${c.kind}|${x}`);
      for (const x of s.feats) cross.push(`${c.kind}|${x}`);
      if (lastCue) cross.push(`${s.kind}|cue:${lastCue.lemma}`);
      out.push({ content: c.span, source: s.src, cue: s.kind === "subj" && verbEnd >= 0 ? { start: verbEnd - verb.length, end: verbEnd } : null, features: [...f, ...cross] });
    }
  }
  return out;
}

/** Names (runs of capitalized words, a parenthesis kept with them) and subject pronouns among `toks`, in order. */
function sentenceNames(masked: string, toks: Token[]): { span: Span; at: number; next: number; kind: string }[] {
  const out: { span: Span; at: number; next: number; kind: string }[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    const w = lower(t);
    if (w === "he" || w === "she" || w === "they" || w === "i" || w === "we") {
      out.push({ span: { start: t.start, end: t.end }, at: i, next: i + 1, kind: `p:${w}` });
      i++;
      continue;
    }
    if (isWord(t) && UPPER_START.test(t.text) && !NON_HEAD_CAPS.has(w)) {
      let j = i;
      while (j + 1 < toks.length) {
        const n = toks[j + 1]!;
        if (isWord(n) && UPPER_START.test(n.text) && !NON_HEAD_CAPS.has(lower(n))) j++;
        else if (n.text === "." && n.start === toks[j]!.end && j + 2 < toks.length && UPPER_START.test(toks[j + 2]!.text)) j++;
        else break;
      }
      out.push({ span: { start: t.start, end: toks[j]!.end }, at: i, next: j + 1, kind: j > i ? "cap2" : "cap1" });
      i = j + 1;
      continue;
    }
    i++;
  }
  return out;
}

/** Features of a direct quote the rules made, for the keep model. */
function keepFeatures(text: string, masked: string, sentences: Span[], marks: MarkSpan[], d: Draft): string[] {
  const c = d.content;
  const kind = d.kind ?? "-";
  const lemma = d.lemma ?? (d.cue ? (d.cue.end - d.cue.start === 1 ? text[d.cue.start]! : "?") : "none");
  let inMarks = 0;
  let nMarks = 0;
  for (const m of marks) {
    if (m.end <= c.start || m.start >= c.end) continue;
    nMarks++;
    inMarks += Math.min(m.end, c.end) - Math.max(m.start, c.start);
  }
  const len = Math.max(1, c.end - c.start);
  const words = wordCount(text, c);
  const si = sentenceAt(sentences, c.start);
  const sentStart = sentences[si]?.start ?? c.start;
  const sj = sentenceAt(sentences, Math.max(c.start, c.end - 1));
  const sentEnd = sentences[sj]?.end ?? c.end;
  const before = tokenize(masked, Math.max(sentStart, c.start - 40), c.start);
  let skind = "none";
  let sdist = "-";
  let swords = "-";
  let srcEdges: string[] = [];
  if (d.source) {
    const st = tokenize(text, d.source.start, d.source.end);
    const head = st.length ? lower(st[st.length - 1]!) : "";
    skind = head in PRONOUNS ? `p:${head}` : st.length && UPPER_START.test(st[st.length - 1]!.text) ? "cap" : "noun";
    swords = bucket(st.filter(isWord).length, [1, 2, 3, 5, 8]);
    // Word classes at the source's edges: "a fundraising", "Speaking", "an email" read unlike speakers.
    if (st.length) srcEdges = [`sf:${wordClass(st[0]!.text.toLowerCase() === st[0]!.text ? lower(st[0]!) : st[0]!.text)}`, `sh:${wordClass(st[st.length - 1]!.text)}`, `shl:${cueLemma(lower(st[st.length - 1]!)) ?? SOURCE_NOUNS.has(lower(st[st.length - 1]!))}`];
    const dist = d.source.start >= c.end ? d.source.start - c.end : d.source.end <= c.start ? c.start - d.source.end : 0;
    sdist = `${d.source.start >= c.end ? "a" : d.source.end <= c.start ? "b" : "in"}${bucket(dist, [2, 10, 40, 120, 400, 1500])}`;
  }
  const startsAtMark = marks.some((m) => m.start === c.start);
  const endsAtMark = marks.some((m) => m.end === c.end);
  const f = [
    "bias",
    `k:${kind}`,
    `l:${lemma}`,
    `kl:${kind}|${lemma}`,
    `w:${bucket(words, [1, 2, 4, 7, 12, 25, 60])}`,
    `nm:${bucket(nMarks, [1, 2, 3, 5])}`,
    `frac:${bucket((10 * inMarks) / len, [3, 5, 7, 9])}`,
    `sm:${startsAtMark}|${endsAtMark}`,
    `sk:${skind}`,
    `sw:${swords}`,
    `sd:${sdist}`,
    `ksd:${kind}|${sdist}`,
    `ksk:${kind}|${skind}`,
    `prev:${before.length ? lower(before[before.length - 1]!) : "^"}`,
    `sent:${c.start <= sentStart + 1}|${c.end >= sentEnd - 2}`,
    `nl:${text.slice(c.start, c.end).includes("\n")}`,
    ...srcEdges,
  ];
  return f;
}
