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
