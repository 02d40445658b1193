import { test } from "node:test";
import assert from "node:assert/strict";
import { splitSentences, tokenize } from "../../src/nlp/sentences.ts";

test("splits on full stops but not after abbreviations and initials", () => {
  const text = "The U.S. envoy met Gen. Alvarez in Jan. 2021. He left early. “We agreed,” she said. Then J. Smith spoke.";
  const got = splitSentences(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(got, [
    "The U.S. envoy met Gen. Alvarez in Jan. 2021.",
    "He left early.",
    "“We agreed,” she said.",
    "Then J. Smith spoke.",
  ]);
});

test("never crosses a line break and keeps offsets inside the text", () => {
  const text = "Headline without stop\n\nFirst sentence here. Second one\nThird";
  const spans = splitSentences(text);
  assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ["Headline without stop", "First sentence here.", "Second one", "Third"]);
});

test("tokenizes abbreviations, numbers and punctuation with offsets", () => {
  const text = "U.S. paid $1,200.50 on 9/11.";
  const toks = tokenize(text);
  assert.deepEqual(toks.map((t) => t.text), ["U.S.", "paid", "$", "1,200.50", "on", "9/11", "."]);
  for (const t of toks) assert.equal(text.slice(t.start, t.end), t.text);
});

test("a dotted acronym continues a name, but ends a sentence before a usual sentence starter", () => {
  const text = "Charges were filed by the U.S. Justice Department on Friday. Trade fell in the U.S. The next day prices rose.";
  assert.deepEqual(splitSentences(text).map((s) => text.slice(s.start, s.end)), [
    "Charges were filed by the U.S. Justice Department on Friday.",
    "Trade fell in the U.S.",
    "The next day prices rose.",
  ]);
});

test("the tokenize scanner gives exactly TOKEN_RE's matches, slices and surrogate pairs included", async () => {
  const { TOKEN_RE } = await import("../../src/nlp/sentences.ts");
  const ref = (text: string, start: number, end: number) => {
    const re = new RegExp(TOKEN_RE.source, "gu");
    const slice = text.slice(start, end);
    const out: { start: number; end: number; text: string }[] = [];
    for (let m = re.exec(slice); m; m = re.exec(slice)) out.push({ start: start + m.index, end: start + m.index + m[0].length, text: m[0] });
    return out;
  };
  const texts = ["He said: “It’s O.K.” at 9:30, e.g. a.b.c.d U.S.-made ½ Ж𝐀B 😀x \u00a0y don't 1,2.3/4: z'", "Café Zürich’s 3½ naïve rock’n’roll 𝐀𝐁 \ud800 end."];
  // Pseudo-random strings over characters that exercise every branch.
  const alphabet = ["a", "Z", ".", "'", "’", "7", ",", ":", "/", " ", "\n", "é", "中", "😀", "𝐀", "\u00a0", "½", "-", "\udc00"];
  let seed = 7;
  for (let k = 0; k < 2000; k++) {
    let s = "";
    for (let i = 0; i < 24; i++) s += alphabet[(seed = (seed * 1103515245 + 12345) % 2147483648) % alphabet.length];
    texts.push(s);
  }
  for (const t of texts)
    for (const [a, b] of [[0, t.length], [2, Math.max(2, t.length - 3)]] as const) assert.deepEqual(tokenize(t, a, b), ref(t, a, b), JSON.stringify(t.slice(a, b)));
});

test("splitSentences returns fresh spans on repeated calls with the same text", () => {
  const text = "One. Two.";
  const a = splitSentences(text);
  a[0]!.start = 5;
  assert.deepEqual(splitSentences(text), [{ start: 0, end: 4 }, { start: 5, end: 9 }]);
});
