// Content boundaries of direct quotes (PolNeAR's conventions): clause cuts after the quote, the choices the span
// chooser (quotes-span.ts, shipped off) weighs, and relative-pronoun sources. Sentences written for these tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { extractQuotes } from "../../src/nlp/quotes.ts";
import { spanChoices } from "../../src/nlp/quotes-span.ts";
import { findQuoteMarks } from "../../src/nlp/quotes-marks.ts";

function only(text: string) {
  const qs = extractQuotes(text);
  assert.equal(qs.length, 1, `expected one quote, got ${qs.map((q) => JSON.stringify(text.slice(q.content.start, q.content.end))).join(", ")}`);
  const q = qs[0]!;
  return { content: text.slice(q.content.start, q.content.end), source: q.source ? text.slice(q.source.start, q.source.end) : null, speaker: q.speaker };
}

test("a coordinated verb after the quote ends the content: '… “reckless gamble” for the city and warned …'", () => {
  const q = only("Senator Ruth Alvarez said the plan was a “reckless gamble” for the city and warned the council to reject it.");
  assert.equal(q.content, "the plan was a “reckless gamble” for the city");
  assert.equal(q.speaker, "Ruth Alvarez");
});

test("a participle clause after the quote ends the content: '…, pointing to …'", () => {
  const q = only("Governor Amy Lee said the budget was “a careful compromise” for the state, pointing to the new school fund.");
  assert.equal(q.content, "the budget was “a careful compromise” for the state");
});

test("the span chooser offers a start at the relative 'what' before the source: 'what she called “…”'", () => {
  const text = "The budget fight turned sharp on Tuesday. Governor Amy Lee attacked what she called a “reckless spending spree” by the legislature.";
  const mark = findQuoteMarks(text)[0]!;
  const she = text.indexOf("she called");
  const choices = spanChoices({ text, masked: text, q: mark, content: { start: mark.start - 2, end: mark.end }, source: { start: she, end: she + 3 }, kind: "lead", lemma: "call", sentStart: 42, sentEnd: text.length });
  const rel = choices.filter((c) => c.features.includes("st:rel"));
  assert.ok(rel.length > 0);
  for (const c of rel) assert.equal(c.span.start, text.indexOf("what she"));
});

test("the span chooser offers the rules' content first and every choice holds the quote", () => {
  const text = "Governor Amy Lee said the budget was “a careful compromise” for the state, pointing to the new school fund.";
  const mark = findQuoteMarks(text)[0]!;
  const content = { start: text.indexOf("the budget"), end: text.indexOf(", pointing") };
  const choices = spanChoices({ text, masked: text, q: mark, content, source: { start: 0, end: 16 }, kind: "lead", lemma: "say", sentStart: 0, sentEnd: text.length });
  assert.deepEqual(choices[0]!.span, content);
  assert.ok(choices.length > 2);
  for (const c of choices) assert.ok(c.span.start <= mark.start && c.span.end >= mark.end);
});

test("a relative 'who' source speaks for the name before it", () => {
  const q = only("The council heard from Tom Reyes, the harbor director, who warned that the dock plan was “a costly mistake.”");
  assert.equal(q.source, "who");
  assert.equal(q.speaker, "Tom Reyes");
});
