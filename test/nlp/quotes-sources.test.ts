// Sources of quotes and reported speech: a possessive before a cue word makes it a noun ("Hale’s remarks"),
// a possessed source noun stays whole ("The mayor’s report"), and "that"/"which" after a quote opens a clause,
// not a source. Sentences written for these tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { extractQuotes } from "../../src/nlp/quotes.ts";

const show = (text: string) =>
  extractQuotes(text).map((q) => ({ content: text.slice(q.content.start, q.content.end), source: q.source ? text.slice(q.source.start, q.source.end) : null, speaker: q.speaker }));

/** Exactly one quote in `text`, with these fields. */
function one(text: string, want: { content?: string; source?: string }): void {
  const qs = show(text);
  assert.equal(qs.length, 1, JSON.stringify(qs));
  if (want.content !== undefined) assert.equal(qs[0]!.content, want.content);
  if (want.source !== undefined) assert.equal(qs[0]!.source, want.source);
}

test("'Hale’s remarks …' is a noun phrase, not Hale remarking", () => {
  const qs = show("The vote was close. Mayor Dana Hale’s remarks on Friday surprised the members of the council.");
  assert.deepEqual(qs, []);
});

test("a possessed source noun keeps its possessor: 'The mayor’s report warned that …'", () => {
  one("The vote was close. The mayor’s report warned that the harbor fund would run dry by spring.", { source: "The mayor’s report", content: "that the harbor fund would run dry by spring" });
});

test("'“…,” that shows …' is no trailing attribution: the speaker before the quote keeps it", () => {
  one("The vote was close. Councilor Ana Ruiz said the levy was “a fair deal for every family,” that shows how far the council has come.", { source: "Councilor Ana Ruiz" });
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
  one("The poll was released on Monday. Sixty-six percent said the harbor levy made no difference to them.", { source: "Sixty-six percent" });
});

test("an inverted cue opening the sentence: 'Said Dorothy Vance, who …, “…”'", () => {
  one("The harbor reopened on Monday. Said Dorothy Vance, who has fished there for forty years, “We were all so proud of the crew.”", { content: "“We were all so proud of the crew.”", source: "Dorothy Vance" });
});

test("a colon clause after an opening clause introduces the next paragraph's quote", () => {
  one("The council met late. When the vote was counted in 2019, Mayor Dana Hale released the following statement:\n\n“This harbor belongs to every family in the county.”", { source: "Mayor Dana Hale" });
});

test("'As X put it, “…”' attributes the quote to X", () => {
  one("The levy passed. As the local newspaper put it, “The town finally paid its bills.”", { source: "the local newspaper" });
});

test("a participle cue after 'by' takes the sentence's subject: 'X closed the meeting by saying “…”'", () => {
  one("The levy passed. Mayor Dana Hale closed the meeting by saying “The harbor is ours again.”", { source: "Mayor Dana Hale" });
});

test("a passive participle is no cue: 'X said in remarks reported by local media that … “…”' is X speaking", () => {
  const qs = show("Harbor officials welcomed the plan. Ana Ruiz, the port director, said in remarks reported by local media that the council had taken “real steps” on dredging.");
  assert.equal(qs.length, 1, JSON.stringify(qs));
  assert.equal(qs[0]!.speaker, "Ana Ruiz");
});
