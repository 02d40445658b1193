import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { extractQuotes } from "../../src/nlp/quotes.ts";
import { findQuoteMarks } from "../../src/nlp/quotes-marks.ts";
import type { Quote } from "../../src/core/types.ts";

const FIXTURE = new URL("../fixtures/quotes-constructions/article.txt", import.meta.url);
const article = readFileSync(FIXTURE, "utf8");
const quotes = extractQuotes(article);

const slice = (text: string, s: { start: number; end: number } | null) => (s ? text.slice(s.start, s.end) : null);

/** The quote whose content holds `needle`. */
function quoteWith(needle: string, qs: Quote[] = quotes, text = article): Quote {
  const q = qs.find((x) => text.slice(x.content.start, x.content.end).includes(needle));
  assert.ok(q, `no quote contains ${JSON.stringify(needle)}; got ${qs.map((x) => JSON.stringify(text.slice(x.content.start, x.content.end))).join(", ")}`);
  return q;
}

test("split quote around “…,” X told reporters. “…” is one content with both parts, cue and full name", () => {
  const q = quoteWith("none of them pays for itself");
  const content = slice(article, q.content)!;
  assert.ok(content.startsWith("“We looked"), content);
  assert.ok(content.endsWith("for decades.”"), content);
  assert.equal(q.direct, true);
  assert.equal(slice(article, q.cue), "told");
  assert.equal(slice(article, q.source), "Okafor");
  assert.equal(q.speaker, "Maria Okafor");
  assert.equal(q.speakerEntity, "person:maria okafor");
});

test("a surname resolves to the full name seen earlier", () => {
  assert.equal(quoteWith("turn ships away").speaker, "Daniel Reyes");
});

test("a definite title resolves to the most recent person holding it", () => {
  const q = quoteWith("engineering study");
  assert.equal(slice(article, q.source), "The spokeswoman");
  assert.equal(q.speaker, "Maria Okafor");
  assert.equal(q.direct, false);
});

test("inverted attribution: “…,” said Name, title", () => {
  const q = quoteWith("sends cargo");
  assert.equal(q.speaker, "Tomas Lindqvist");
  assert.equal(slice(article, q.cue), "said");
  // Content includes the quotation marks, as PolNeAR marks it.
  assert.equal(slice(article, q.content), '"This decision sends cargo to our competitors,"');
});

test("leading attribution with an appositive: Name, who …, said, \"…\"", () => {
  const q = quoteWith("keep making the case");
  assert.equal(q.speaker, "Tomas Lindqvist");
  assert.ok(slice(article, q.content)!.endsWith('have not changed."'));
});

test("multi-paragraph quote continues into the next paragraph that opens with a mark; pronoun resolves to the last speaker", () => {
  const q = quoteWith("silt gets worse");
  const content = slice(article, q.content)!;
  assert.ok(content.includes("\n\n“Our members"), content);
  assert.equal(slice(article, q.source), "he");
  // "Eastmouth" is named inside the quote: it must not be taken for the speaker.
  assert.equal(q.speaker, "Tomas Lindqvist");
});

test("reported speech: X said (that) …, X added that …, X warned that …", () => {
  const port = quoteWith("will not widen its northern channel");
  assert.equal(port.direct, false);
  assert.equal(port.speaker, "Maria Okafor");
  assert.equal(slice(article, port.content), "The port of Eastmouth will not widen its northern channel this year");

  const vote = quoteWith("the vote was close");
  assert.equal(vote.speaker, "Daniel Reyes");

  const added = quoteWith("revisit the question");
  assert.equal(slice(article, added.cue), "added");
  assert.equal(slice(article, added.source), "He");
  assert.equal(added.speaker, "Daniel Reyes");
  assert.ok(slice(article, added.content)!.startsWith("that the board"));

  const warned = quoteWith("cost the town jobs");
  assert.equal(slice(article, warned.cue), "warned");
  assert.equal(slice(article, warned.source), "Local officials");
  assert.equal(slice(article, warned.content), "that the decision could cost the town jobs", "a second subject and cue after ', and' ends the content");

  const urged = quoteWith("publish its cost estimates");
  assert.equal(slice(article, urged.cue), "urged");
  assert.equal(urged.speaker, "Hannah Weiss");
});

test("reported speech: according to X, … and …, X said.", () => {
  const acc = quoteWith("fell by a tenth");
  assert.equal(slice(article, acc.cue), "According to");
  assert.equal(slice(article, acc.source), "the commission’s own figures");
  const tail = quoteWith("less than critics claim");
  assert.equal(slice(article, tail.content), "The project would cost less than critics claim");
  assert.equal(tail.speaker, "Hannah Weiss");
});

test("a quoted phrase governed by a cue is kept with its clause; a nickname with no cue is not speech", () => {
  const q = quoteWith("lifeline");
  assert.equal(slice(article, q.cue), "called");
  assert.equal(q.speaker, "Hannah Weiss");
  assert.ok(!quotes.some((x) => article.slice(x.content.start, x.content.end).includes("Grey Lady")));
});

test("mixed curly/straight marks and a spokesperson title before the name", () => {
  const text =
    "The ministry struck back on Monday.\n\n" +
    "The two countries have “never stopped talking,” Trade Ministry spokesperson Ana Ruiz said at a briefing.\n\n" +
    "“We expect the tariffs to be withdrawn before the summit,\" Ruiz said.\n";
  const qs = extractQuotes(text);
  assert.equal(qs.length, 2);
  assert.deepEqual(qs.map((q) => q.speaker), ["Ana Ruiz", "Ana Ruiz"]);
  assert.ok(slice(text, qs[0]!.content)!.startsWith("The two countries"), "clause before a mid-sentence quote belongs to the content");
  assert.ok(slice(text, qs[1]!.content)!.endsWith('summit,"'));
});

test("pronouns skip people of the wrong gender and names inside other clauses", () => {
  const text =
    "Senator Paul Grant met Mary Collins, the state's budget director, on Friday.\n\n" +
    "“The numbers simply do not add up,” she said.\n\n" +
    "Grant disagreed. “We have a deal on the table,” he said.\n";
  const qs = extractQuotes(text);
  assert.deepEqual(qs.filter((q) => q.direct).map((q) => q.speaker), ["Mary Collins", "Paul Grant"]);
});

test("sides and entity keys come from the entities module when given", () => {
  const text = "“We will respond in kind,” Foreign Minister Lena Vos said.\n";
  const start = text.indexOf("Lena Vos");
  const qs = extractQuotes(text, {
    entities: {
      mentions: [{ start, end: start + 8, text: "Lena Vos", kind: "person", entity: "person:lena vos" }],
      entities: [{ key: "person:lena vos", name: "Lena Vos", kind: "person", aliases: [], roles: ["Foreign Minister"], side: "Netherlands" }],
    },
  });
  assert.equal(qs.length, 1);
  assert.equal(qs[0]!.speakerEntity, "person:lena vos");
  assert.equal(qs[0]!.side, "Netherlands");
});

test("quotation marks: unclosed quote ends at its paragraph; continuation needs an opening mark", () => {
  const text = "“First part\n\nplain paragraph.\n\n“Second “inner” part.”\n";
  const marks = findQuoteMarks(text);
  assert.equal(text.slice(marks[0]!.start, marks[0]!.end), "“First part");
  assert.equal(marks[0]!.closed, false);
  assert.ok(marks.every((m) => m.start >= 0 && m.end <= text.length));
});

test("property: offsets stay inside the text, spans are ordered, extraction is deterministic", () => {
  const pieces = [
    "“We will win,” ", "\"It is over,\" ", "Anna Berg said. ", "he said, ", "said Tom Hale. ", "according to the report, ",
    "The minister told reporters that ", "prices rose. ", "\n\n", "“", "”", "\"", ", ", "the spokesman added. ", "She ", "Berg ",
    "warned that ", "a “so-called” deal ", "U.S. officials said. ", "’", "…", "''", "Asked if it works, ", "— Ann Berg\n", "(D-Ore.) said, ",
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
      const text = parts.join("");
      const a = extractQuotes(text);
      const b = extractQuotes(text);
      assert.deepEqual(a, b);
      for (const q of a) {
        for (const s of [q.content, q.cue, q.source]) {
          if (!s) continue;
          assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end, `span ${s.start}-${s.end} outside 0-${text.length}`);
        }
        assert.ok(q.content.end > q.content.start);
      }
      for (let i = 1; i < a.length; i++) assert.ok(a[i]!.content.start >= a[i - 1]!.content.start);
    }),
    { numRuns: 300 },
  );
});

const WIRE = readFileSync(new URL("../fixtures/quotes-wire/article.txt", import.meta.url), "utf8");
const wire = extractQuotes(WIRE);

test("doubled-apostrophe quotes ''…'' with an inverted, titled speaker and a continuation", () => {
  const q = quoteWith("nurses, bakers and cleaners", wire, WIRE);
  assert.equal(q.speaker, "Rosa Delgado");
  assert.ok(slice(WIRE, q.content)!.startsWith("''We heard"));
  assert.ok(slice(WIRE, q.content)!.endsWith("This is for them.''"), "the uncued second part belongs to the same content");
  assert.equal(q.direct, true);
});

test("'Asked whether …,' is a question with no named source; the rest of the sentence is reported speech", () => {
  const asked = quoteWith("extended to the suburbs", wire, WIRE);
  assert.equal(slice(WIRE, asked.cue), "Asked");
  assert.equal(asked.source, null);
  assert.equal(asked.speaker, null);
  assert.equal(quoteWith("study ridership", wire, WIRE).speaker, "Rosa Delgado");
});

test("parenthetical ', X says,' makes the whole sentence the content", () => {
  const q = quoteWith("most late riders", wire, WIRE);
  assert.ok(slice(WIRE, q.content)!.startsWith("The routes,"));
  assert.equal(slice(WIRE, q.source), "transit director Sam Whitfield");
  assert.equal(q.speaker, "Sam Whitfield");
});

test("a signed quote (“…”⏎- Name) is attributed to the signature", () => {
  const q = quoteWith("safe ride home", wire, WIRE);
  assert.equal(q.speaker, "Rosa Delgado");
  assert.equal(slice(WIRE, q.source), "Rosa Delgado");
});

test("a quote that closes its own sentence takes no attribution from the next sentence", () => {
  assert.ok(!wire.some((q) => WIRE.slice(q.content.start, q.content.end).includes("budget is tight")));
});

test("a participle cue after an attributed quote starts a new content with the same speaker", () => {
  const first = quoteWith("watch the numbers closely", wire, WIRE);
  const second = quoteWith("a promise to measure", wire, WIRE);
  assert.notEqual(first, second);
  assert.equal(slice(WIRE, second.cue), "adding");
  assert.ok(slice(WIRE, second.content)!.startsWith("that “a pilot"));
  assert.equal(second.speaker, "Sam Whitfield");
});

test("splitParts: one quote per part of a split quote, same cue and speaker", () => {
  const parts = extractQuotes(article, { splitParts: true }).filter((q) => q.direct && q.speaker === "Maria Okafor");
  assert.deepEqual(
    parts.map((q) => slice(article, q.content)),
    ["“We looked at every option and none of them pays for itself,”", "“The cost would fall on ratepayers for decades.”"],
  );
  assert.equal(slice(article, parts[1]!.cue), "told");
  const reyes = extractQuotes(article, { splitParts: true }).filter((q) => q.direct && q.speaker === "Daniel Reyes");
  assert.equal(reyes.length, 2);
});
