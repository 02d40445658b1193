import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { alignSentences, compareCopies } from "../../src/dedup/compare.ts";
import { fingerprint } from "../../src/dedup/fingerprint.ts";

const FIXTURES = new URL("../fixtures/dedup-harbor/", import.meta.url);
const read = (name: string): string => readFileSync(new URL(`${name}.txt`, FIXTURES), "utf8");
const NAMES = ["original", "verbatim", "wrapped", "trimmed", "edited", "spun", "distinct", "unrelated"] as const;
const fps = Object.fromEntries(NAMES.map((n) => [n, fingerprint(read(n))])) as Record<(typeof NAMES)[number], ReturnType<typeof fingerprint>>;

test("each kind of copy of the wire story is recognised as that kind", () => {
  const expected: Record<string, string | null> = {
    original: "verbatim",
    verbatim: "verbatim", // same text plus a copyright line
    wrapped: "partial", // inside another outlet's page furniture
    trimmed: "partial", // first four paragraphs only
    edited: "edited", // one paragraph cut, a local paragraph added
    spun: "rewritten", // machine-spun: synonyms everywhere, names and numbers kept
    distinct: null, // another story from the same port, sharing a background paragraph
    unrelated: null,
  };
  for (const n of NAMES) {
    const rel = compareCopies(fps.original, fps[n]);
    assert.equal(rel?.kind ?? null, expected[n], `${n}: ${JSON.stringify(rel)}`);
    if (rel) assert.ok(rel.similarity > 0.5 && rel.similarity <= 1, `${n} similarity ${rel.similarity}`);
  }
});

test("accepts raw text as well as fingerprints", () => {
  assert.equal(compareCopies(read("original"), read("trimmed"))?.kind, "partial");
});

test("copies of copies relate; a copy and a different story do not", () => {
  assert.notEqual(compareCopies(fps.spun, fps.trimmed), null);
  assert.equal(compareCopies(fps.spun, fps.distinct), null);
  assert.equal(compareCopies(fps.edited, fps.distinct), null);
  assert.equal(compareCopies(fps.wrapped, fps.distinct), null);
});

test("the relation is symmetric on every fixture pair", () => {
  for (const a of NAMES)
    for (const b of NAMES) {
      const ab = compareCopies(fps[a], fps[b]);
      const ba = compareCopies(fps[b], fps[a]);
      assert.deepEqual(ab, ba, `${a} / ${b}`);
    }
});

test("a headline found inside a page is not a copy of the page", () => {
  assert.equal(compareCopies("Rotterdam harbor reopens after storm", read("wrapped")), null);
});

test("alignment is order-preserving: shuffled sentences align less than kept ones", () => {
  const sentences = read("original").split(/(?<=\.)\s+/);
  const shuffled = [...sentences].reverse().join(" ");
  const kept = alignSentences(fps.original.sentences, fingerprint(sentences.join(" ")).sentences).score;
  const reversed = alignSentences(fps.original.sentences, fingerprint(shuffled).sentences).score;
  assert.ok(kept > 0.95, `kept ${kept}`);
  assert.ok(reversed < 0.3, `reversed ${reversed}`);
});

// Generated articles: sentences drawn from a vocabulary with names and numbers; copies are made by cutting,
// prepending furniture and swapping words.
const WORDS = "port ships harbor storm wind cargo workers union strike talks cranes terminal freight delays week shifts roofs claims power rail".split(" ");
const NAMES_POOL = "Rotterdam Antwerp Hamburg Vries Bakker Maasvlakte Zeeland Henk ECT KNMI".split(" ");
const sentenceArb = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...NAMES_POOL), fc.integer({ min: 1, max: 999 }).map(String)), { minLength: 5, maxLength: 16 })
  .map((ws) => ws.join(" ") + ".");
const articleArb = fc.array(sentenceArb, { minLength: 3, maxLength: 12 }).map((ss) => ss.join(" "));

test("property: every text is a verbatim copy of itself", () => {
  fc.assert(
    fc.property(articleArb, (text) => {
      const rel = compareCopies(text, text);
      assert.equal(rel?.kind, "verbatim");
      assert.equal(rel?.similarity, 1);
    }),
    { numRuns: 100 },
  );
});

test("property: compareCopies(a, b) equals compareCopies(b, a)", () => {
  const derived = fc.tuple(articleArb, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })).map(([a, how, seed]) => {
    const ss = a.split(/(?<=\.) /);
    let b: string;
    if (how === 0) b = ss.slice(0, Math.max(1, ss.length - 2)).join(" ");
    else if (how === 1) b = "Home News Sport Subscribe. " + a + " Share this article.";
    else if (how === 2) b = a.split(" ").map((w, i) => ((i * 2654435761 + seed) >>> 0) % 5 === 0 ? WORDS[i % WORDS.length]! : w).join(" ");
    else b = ss.slice(1).join(" ");
    return [a, b] as const;
  });
  fc.assert(
    fc.property(fc.oneof(derived, fc.tuple(articleArb, articleArb)), ([a, b]) => {
      assert.deepEqual(compareCopies(a, b), compareCopies(b, a));
    }),
    { numRuns: 150 },
  );
});

test("a very long page is compared in bounded time and memory", () => {
  const para = read("original");
  const page = Array.from({ length: 150 }, (_, i) => `Section ${i} of the archive lists older items.\n` + para).join("\n");
  const rel = compareCopies(page, read("spun"));
  // The spun story is tiny next to the page; what matters is that this returns (and symmetrically).
  assert.deepEqual(rel, compareCopies(read("spun"), page));
});

test("two different stories in the same page furniture are not copies", () => {
  // Captions and teasers written for this test; about 1.9 K characters around each ~1.5 K character story.
  const furniture = Array.from(
    { length: 4 },
    (_, i) =>
      `FILE - A crowd gathers outside the town hall in Springfield ${i}, on a rainy afternoon last spring, as officials prepare to announce a new budget plan. (Photo/Staff ${i})\nTrending story ${i}: local team wins again`,
  ).join("\n");
  const wrap = (t: string): string => `${furniture}\n${t}\n${furniture}`;
  assert.equal(compareCopies(wrap(read("original")), wrap(read("distinct"))), null);
  // ...while the same story in two different outlets' furniture is.
  assert.notEqual(compareCopies(wrap(read("original")), read("wrapped")), null);
});
