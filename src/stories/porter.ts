// Porter's (1980) suffix-stripping stemmer, for the storyline level: it folds the tenses and
// derivations that the light stemmer in features.ts leaves apart ("dies"/"died", "escape"/"escaped",
// "sentence"/"sentenced"), which is how a headline and an article body name the same kind of event.
// Input: a lowercase word. Output: its stem (not always a word: "escap", "sentenc").

function isConsonant(w: string, i: number): boolean {
  const c = w[i]!;
  if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
  if (c === "y") return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
}

/** Porter's m: the number of vowel-consonant sequences in `w`. */
function measure(w: string): number {
  let n = 0, i = 0;
  while (i < w.length && isConsonant(w, i)) i++;
  for (;;) {
    while (i < w.length && !isConsonant(w, i)) i++;
    if (i >= w.length) return n;
    while (i < w.length && isConsonant(w, i)) i++;
    n++;
  }
}

function hasVowel(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (!isConsonant(w, i)) return true;
  return false;
}

const endsDoubleConsonant = (w: string) => w.length >= 2 && w[w.length - 1] === w[w.length - 2] && isConsonant(w, w.length - 1);

/** Consonant-vowel-consonant at the end, the last not w, x or y ("hop", not "snow"). */
function endsCvc(w: string): boolean {
  const n = w.length;
  if (n < 3 || !isConsonant(w, n - 1) || isConsonant(w, n - 2) || !isConsonant(w, n - 3)) return false;
  const last = w[n - 1]!;
  return last !== "w" && last !== "x" && last !== "y";
}

const STEP2: readonly [string, string][] = [
  ["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"], ["bli", "ble"],
  ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"], ["ation", "ate"],
  ["ator", "ate"], ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"],
  ["iviti", "ive"], ["biliti", "ble"], ["logi", "log"],
];
const STEP3: readonly [string, string][] = [
  ["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""],
];
const STEP4 = [
  "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
];

/** Replaces the first suffix of `rules` that `w` ends with, when the rest has m > 0. */
function replaceSuffix(w: string, rules: readonly [string, string][]): string {
  for (const [suffix, by] of rules) {
    if (!w.endsWith(suffix)) continue;
    const rest = w.slice(0, -suffix.length);
    return measure(rest) > 0 ? rest + by : w;
  }
  return w;
}

const cache = new Map<string, string>();

export function porter(word: string): string {
  if (word.length <= 2) return word;
  const known = cache.get(word);
  if (known !== undefined) return known;
  // An initial y is a consonant: mark it so the vowel tests treat it so, and unmark at the end.
  let w = word[0] === "y" ? "Y" + word.slice(1) : word;
  // Step 1a: plurals.
  if (w.endsWith("sses") || w.endsWith("ies")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  // Step 1b: -eed, -ed, -ing.
  let stripped = false;
  if (w.endsWith("eed")) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else if (w.endsWith("ed") && hasVowel(w.slice(0, -2))) {
    w = w.slice(0, -2);
    stripped = true;
  } else if (w.endsWith("ing") && hasVowel(w.slice(0, -3))) {
    w = w.slice(0, -3);
    stripped = true;
  }
  if (stripped) {
    const last = w[w.length - 1]!;
    if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
    else if (endsDoubleConsonant(w) && last !== "l" && last !== "s" && last !== "z") w = w.slice(0, -1);
    else if (measure(w) === 1 && endsCvc(w)) w += "e";
  }
  // Step 1c: y after a vowel-bearing stem.
  if (w.endsWith("y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";
  // Steps 2 and 3: derivational suffixes to shorter ones.
  w = replaceSuffix(w, STEP2);
  w = replaceSuffix(w, STEP3);
  // Step 4: drop a suffix when the stem has m > 1.
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const rest = w.slice(0, -suffix.length);
    if (measure(rest) > 1 && (suffix !== "ion" || rest.endsWith("s") || rest.endsWith("t"))) w = rest;
    break;
  }
  // Step 5: a final e, and -ll to -l.
  if (w.endsWith("e")) {
    const rest = w.slice(0, -1);
    const m = measure(rest);
    if (m > 1 || (m === 1 && !endsCvc(rest))) w = rest;
  }
  if (w.endsWith("ll") && measure(w) > 1) w = w.slice(0, -1);
  if (w[0] === "Y") w = "y" + w.slice(1);
  // Bounded: news vocabulary is a few hundred thousand words.
  if (cache.size < 200_000) cache.set(word, w);
  return w;
}
