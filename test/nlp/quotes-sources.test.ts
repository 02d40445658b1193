// Sources of quotes and reported speech: a possessive before a cue word makes it a noun ("Hale’s remarks"),
// a possessed source noun stays whole ("The mayor’s report"), and "that"/"which" after a quote opens a clause,
// not a source. Sentences written for these tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { extractQuotes } from "../../src/nlp/quotes.ts";

const show = (text: string) =>
  extractQuotes(text).map((q) => ({ content: text.slice(q.content.start, q.content.end), source: q.source ? text.slice(q.source.start, q.source.end) : null, speaker: q.speaker }));

test("'Hale’s remarks …' is a noun phrase, not Hale remarking", () => {
  const qs = show("The vote was close. Mayor Dana Hale’s remarks on Friday surprised the members of the council.");
  assert.deepEqual(qs, []);
});

test("a possessed source noun keeps its possessor: 'The mayor’s report warned that …'", () => {
  const qs = show("The vote was close. The mayor’s report warned that the harbor fund would run dry by spring.");
  assert.equal(qs.length, 1);
  assert.equal(qs[0]!.source, "The mayor’s report");
  assert.equal(qs[0]!.content, "that the harbor fund would run dry by spring");
});

test("'“…,” that shows …' is no trailing attribution: the speaker before the quote keeps it", () => {
  const qs = show("The vote was close. Councilor Ana Ruiz said the levy was “a fair deal for every family,” that shows how far the council has come.");
  assert.equal(qs.length, 1);
  assert.equal(qs[0]!.source, "Councilor Ana Ruiz");
});

test("a coordinated cue reports something too, from the same source: 'X says A and says B'", () => {
  const qs = show("The vote was close. Councilor Ana Ruiz says the levy is fair to every family and says she will vote for it again next year.");
  assert.deepEqual(
    qs.map((q) => [q.content, q.source]),
    [
      ["the levy is fair to every family", "Councilor Ana Ruiz"],
      ["she will vote for it again next year", "Councilor Ana Ruiz"],
    ],
  );
});

test("a spelled-out poll share is a source: 'Sixty-six percent said …'", () => {
  const qs = show("The poll was released on Monday. Sixty-six percent said the harbor levy made no difference to them.");
  assert.equal(qs.length, 1);
  assert.equal(qs[0]!.source, "Sixty-six percent");
});
