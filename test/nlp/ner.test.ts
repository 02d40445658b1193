import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { findEntities, tagTokens, tagSentences, toIob1 } from "../../src/nlp/ner/tagger.ts";
import { taggerTokens } from "../../src/nlp/ner/tokens.ts";
import { shortShape } from "../../src/nlp/ner/features.ts";
import { viterbi, NT, TAGS } from "../../src/nlp/ner/model.ts";

const FIXTURES = new URL("../fixtures/ner-articles/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), "utf8");
const spansOf = (text: string) => findEntities(text).map((e) => `${e.type}:${e.text}`);

test("tagTokens returns one CoNLL tag per token, names with I- (IOB1) as in eng.train", () => {
  const toks = ["Prime", "Minister", "Jacinda", "Ardern", "flew", "to", "Tokyo", "on", "Monday", "."];
  const tags = tagTokens(toks);
  assert.equal(tags.length, toks.length);
  assert.deepEqual(tags.slice(2, 4), ["I-PER", "I-PER"]);
  assert.equal(tags[6], "I-LOC");
  assert.equal(tags[4], "O");
  for (const t of tags) assert.match(t, /^(?:O|[BI]-(?:PER|ORG|LOC|MISC))$/);
});

test("toIob1 keeps B- only between adjacent names of one type", () => {
  assert.deepEqual(toIob1(["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG"]), ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]);
});

test("tagSentences shares document evidence and keeps sentence lengths", () => {
  const doc = [["RUGBY", "-", "WELLINGTON", "WIN", "."], ["Wellington", "beat", "Otago", "in", "the", "final", "."]];
  const tags = tagSentences(doc);
  assert.deepEqual(tags.map((s) => s.length), [5, 7]);
});

test("viterbi never starts a name with I- nor switches type inside a name", () => {
  // Emissions that prefer I-ORG everywhere: the decoder must still produce a legal IOB2 sequence.
  const n = 4;
  const e = new Float32Array(n * NT);
  for (let i = 0; i < n; i++) e[i * NT + TAGS.indexOf("I-ORG")] = 5;
  const trans = new Float32Array((NT + 1) * NT);
  const out = Array.from(viterbi(e, n, trans), (t) => TAGS[t]!);
  assert.equal(out[0], "B-ORG");
  assert.deepEqual(out.slice(1), ["I-ORG", "I-ORG", "I-ORG"]);
});

test("tagger tokens split possessives and keep hyphenated words whole, with offsets", () => {
  const text = "China’s envoy met U.S.-based Anglo-Dutch firms; they don't agree.";
  const toks = taggerTokens(text);
  assert.deepEqual(
    toks.map((t) => t.text),
    ["China", "’s", "envoy", "met", "U.S.-based", "Anglo-Dutch", "firms", ";", "they", "do", "n't", "agree", "."],
  );
  for (const t of toks) assert.equal(text.slice(t.start, t.end), t.text);
});

test("word shapes collapse repeats", () => {
  assert.equal(shortShape("Wang"), "Xx");
  assert.equal(shortShape("U.S."), "X.X.");
  assert.equal(shortShape("1996-12-06"), "d-d-d");
});

test("findEntities finds people, places and organizations in raw news with curly quotes and possessives", () => {
  const text = fixture("briefing.txt");
  const got = spansOf(text);
  for (const want of ["PER:Mao Ning", "PER:Gina Raimondo", "PER:Raimondo", "LOC:China", "LOC:United States", "ORG:Commerce Department", "ORG:Reuters"]) {
    assert.ok(got.includes(want), `${want} in ${got.join(", ")}`);
  }
  // The possessive stays outside the name.
  assert.ok(!got.some((g) => /['’]s$/.test(g)), got.join(", "));
});

test("findEntities offsets always slice to the entity text", () => {
  for (const name of ["briefing.txt", "visit.txt", "possessives.txt"]) {
    const text = fixture(name);
    const ents = findEntities(text);
    assert.ok(ents.length > 0);
    let last = -1;
    for (const e of ents) {
      assert.equal(text.slice(e.start, e.end), e.text);
      assert.ok(e.start >= last, "entities come in text order without overlap");
      last = e.end;
    }
  }
});

test("findEntities handles names with diacritics", () => {
  const got = spansOf(fixture("visit.txt"));
  assert.ok(got.includes("PER:Alicia Bárcena"), got.join(", "));
  assert.ok(got.includes("PER:Antony Blinken"), got.join(", "));
  assert.ok(got.includes("LOC:Mexico City"), got.join(", "));
});

test("findEntities on empty and name-free text", () => {
  assert.deepEqual(findEntities(""), []);
  assert.deepEqual(findEntities("it was raining and nobody came."), []);
});

test("the tagger's fast path computes exactly the features of the reference feature extractor", async () => {
  const { defaultTagger } = await import("../../src/nlp/ner/tagger.ts");
  const { sentenceFeatures, docContext } = await import("../../src/nlp/ner/features.ts");
  const { taggerSentences, normalizeWord } = await import("../../src/nlp/ner/tokens.ts");
  const tagger = defaultTagger();
  const m = tagger.model;
  const res = { clusters: m.clusters, gazetteer: m.gazetteer, lowerRatio: m.lowerRatio };
  for (const name of ["briefing.txt", "visit.txt", "possessives.txt"]) {
    const sents = taggerSentences(fixture(name)).map((s) => s.tokens.map((t) => normalizeWord(t.text)));
    // A headline in capitals exercises the all-caps document features too.
    sents.unshift(["CHINA", "REJECTS", "U.S.", "CURBS", ",", "SAYS", "MAO"]);
    const doc = docContext(sents);
    const fast = tagger.tagSentencesIob2(sents);
    const { propagatePersonNames } = await import("../../src/nlp/ner/consistency.ts");
    const refs = sents.map((words) => {
      const e = new Float32Array(words.length * NT);
      sentenceFeatures(words, res, doc).forEach((fs, i) => {
        for (const f of fs) {
          const r = m.features.get(f);
          if (r !== undefined) for (let t = 0; t < NT; t++) e[i * NT + t]! += m.weights[r * NT + t]!;
        }
      });
      // Tokens the fast path skips (no capital nearby) must come out O in the reference too.
      return Array.from(viterbi(e, words.length, m.transitions), (t) => TAGS[t]!);
    });
    const ref = propagatePersonNames(sents, refs);
    sents.forEach((words, k) => assert.deepEqual(fast[k], ref[k], words.join(" ")));
  }
});

test("a surname alone later in the document is a person when the full name was tagged", async () => {
  const { propagatePersonNames } = await import("../../src/nlp/ner/consistency.ts");
  const words = [["Candidate", "Maria", "Lopez", "spoke", "."], ["Why", "would", "Lopez", "do", "that", "?"], ["The", "Lopez", "campaign", "said", "no", "."]];
  const tags = [["O", "B-PER", "I-PER", "O", "O"], ["O", "O", "O", "O", "O", "O"], ["O", "O", "O", "O", "O", "O"]];
  const out = propagatePersonNames(words, tags);
  assert.deepEqual(out[1], ["O", "O", "B-PER", "O", "O", "O"]);
  // Next to another capitalized word it may belong to another name: left alone.
  assert.deepEqual(out[2], tags[2]);
  assert.deepEqual(tags[1], ["O", "O", "O", "O", "O", "O"], "input not mutated");
});

test("initials and abbreviations keep their full stop, as in CoNLL", () => {
  const text = "Mary J. Blige met Mr. Lee of Acme Corp. today.";
  assert.deepEqual(
    taggerTokens(text).map((t) => t.text),
    ["Mary", "J.", "Blige", "met", "Mr.", "Lee", "of", "Acme", "Corp.", "today", "."],
  );
  assert.ok(spansOf(text).includes("PER:Mary J. Blige"), spansOf(text).join(", "));
});

test("a name tagged with several types in one document takes its majority type", async () => {
  const { harmonizeTypes } = await import("../../src/nlp/ner/consistency.ts");
  const words = [["Acme", "won", "."], ["Acme", "lost", "."], ["Acme", "drew", "."], ["Lee", "Ray", "left"]];
  const tags = [["B-ORG", "O", "O"], ["B-LOC", "O", "O"], ["B-ORG", "O", "O"], ["B-PER", "I-PER", "O"]];
  const out = harmonizeTypes(words, tags);
  assert.deepEqual(out.map((t) => t[0]), ["B-ORG", "B-ORG", "B-ORG", "B-PER"]);
  assert.equal(tags[1]![0], "B-LOC", "input not mutated");
});

test("a missing model file is a READ_FAILED DossierError that says how to rebuild it", async () => {
  const { NerTagger } = await import("../../src/nlp/ner/tagger.ts");
  const { isDossierError } = await import("../../src/core/errors.ts");
  assert.throws(
    () => NerTagger.fromFile("/nonexistent/model.json.gz"),
    (e: unknown) => isDossierError(e) && e.code === "READ_FAILED" && /train-ner/.test(e.message),
  );
});
