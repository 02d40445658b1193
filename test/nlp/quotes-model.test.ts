// The learned parts of quote extraction (quotes-model.ts, quotes-model.json from scripts/train-quotes.ts) and
// the second-round rules: poll shares and possessed nouns as sources, a coordinated cue ending reported content.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { collectQuoteCandidates, extractQuotes } from "../../src/nlp/quotes.ts";
import { CANDIDATE_THRESHOLD, KEEP_THRESHOLD, scoreKeep } from "../../src/nlp/quotes-model.ts";
import type { Quote } from "../../src/core/types.ts";

const article = readFileSync(new URL("../fixtures/quotes-model/article.txt", import.meta.url), "utf8");
const quotes = extractQuotes(article);
const slice = (s: { start: number; end: number } | null) => (s ? article.slice(s.start, s.end) : null);

function quoteWith(needle: string, qs: Quote[] = quotes): Quote {
  const q = qs.find((x) => slice(x.content)!.includes(needle));
  assert.ok(q, `no quote contains ${JSON.stringify(needle)}; got ${qs.map((x) => JSON.stringify(slice(x.content))).join(", ")}`);
  return q;
}

test("poll shares are sources: 'Six in 10 say …', 'About 47 percent said …'", () => {
  const six = quoteWith("would back the new harbor levy");
  assert.equal(slice(six.source), "Six in 10");
  assert.equal(six.direct, false);
  const pct = quoteWith("had not heard of the measure");
  assert.match(slice(pct.source)!, /47 percent$/);
});

test("a coordinated cue ends reported content: 'said she will vote … and questioned how …'", () => {
  const q = quoteWith("she will vote for the budget");
  assert.equal(slice(q.content), "she will vote for the budget");
  assert.equal(slice(q.source), "Councilor Ana Ruiz");
});

test("a noun possessed by a name is the source, and the name is not the speaker", () => {
  const q = quoteWith("fit to serve another term");
  assert.equal(q.direct, true);
  assert.equal(slice(q.source), "Mayor Hale’s physician");
  assert.notEqual(q.speaker, "Hale");
  assert.notEqual(q.speaker, "Mayor Hale");
});

test("split quote and trailing attribution still come out as before", () => {
  const q = quoteWith("patching the same hull");
  assert.ok(slice(q.content)!.includes("night crossing goes"), "both parts of the split quote are one content");
  assert.equal(q.speaker, "Tomas Brandt");
});

test("the keep model only removes rule-made quotes; collected rule quotes are the unfiltered direct quotes", () => {
  const { quotes: unfiltered, ruleQuotes, candidates } = collectQuoteCandidates(article);
  const key = (s: { start: number; end: number }) => `${s.start}:${s.end}`;
  const ruleKeys = new Set(ruleQuotes.map((r) => key(r.content)));
  assert.deepEqual(
    new Set(unfiltered.filter((q) => q.direct).map((q) => key(q.content))),
    ruleKeys,
  );
  for (const q of quotes.filter((x) => x.direct)) assert.ok(ruleKeys.has(key(q.content)), `direct quote ${slice(q.content)} is not a rule quote`);
  for (const r of ruleQuotes) assert.ok(r.features.includes("bias") && r.features.some((f) => f.startsWith("k:")));
  for (const c of candidates) {
    assert.ok(c.content.start >= 0 && c.content.end <= article.length && c.content.start < c.content.end);
    assert.match(slice(c.content)!, /[“”"]/);
  }
});

test("model file: small, keep stage on with a finite threshold, candidate stage off, scores deterministic", () => {
  const size = statSync(new URL("../../src/nlp/quotes-model.json", import.meta.url)).size;
  assert.ok(size < 1_000_000, `quotes-model.json is ${size} bytes`);
  assert.equal(typeof KEEP_THRESHOLD, "number");
  assert.ok(Number.isFinite(KEEP_THRESHOLD));
  assert.equal(CANDIDATE_THRESHOLD, null);
  const { ruleQuotes } = collectQuoteCandidates(article);
  for (const r of ruleQuotes) {
    const s = scoreKeep(r.features);
    assert.ok(Number.isFinite(s));
    assert.equal(s, scoreKeep([...r.features]));
  }
  assert.equal(scoreKeep([]), 0);
});
