// What each side said about a timeline entry: quotes in the cited sentence, or near it and on its subject.
import { test } from "node:test";
import assert from "node:assert/strict";
import { sidesFor } from "../../src/pipeline/dossier.ts";
import type { TimelineEntry } from "../../src/core/types.ts";
import type { QuoteRecord } from "../../src/store/store.ts";

const text = [
  "Valdoria closed its border crossings with Marenia on Monday, citing smuggling of precursor chemicals.",
  "“The closure protects our families from poison,” said Interior Minister Ana Ruiz.",
  "Marenia's trade office called the closure of the border crossings a violation of the transit treaty.",
  "Separately, the football federation said the cup final would move to a larger stadium.",
  "In other news, the Marenian weather service said rain would return on Thursday.",
].join("\n");
const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
const quote = (s: string, speaker: string, side: string, direct: boolean): QuoteRecord => ({
  articleId: "a1", content: at(s), text: s, speaker, speakerEntity: null, side, direct, cue: null, source: null, date: "2024-03-04", outlet: "Test Wire",
});
const entry: TimelineEntry = {
  date: "2024-03-04", precision: "day", summary: text.split("\n")[0]!, sources: 1,
  citations: [{ articleId: "a1", outlet: "Test Wire", span: at(text.split("\n")[0]!) }],
};

test("an entry's sides are the quotes next to its cited sentence that speak to its subject", () => {
  const quotes = [
    quote("The closure protects our families from poison", "Ana Ruiz", "Valdoria", true),
    quote("the closure of the border crossings a violation of the transit treaty", "Marenia trade office", "Marenia", false),
    quote("the cup final would move to a larger stadium", "football federation", "Valdoria", false),
    quote("rain would return on Thursday", "weather service", "Marenia", false),
  ];
  const sides = sidesFor(entry, quotes, new Map([["a1", text]]))!;
  assert.deepEqual(sides["Valdoria"], ["Ana Ruiz: The closure protects our families from poison"]);
  assert.deepEqual(sides["Marenia"], ["Marenia trade office: the closure of the border crossings a violation of the transit treaty"], "further on, but about the closure");
  assert.equal(sidesFor(entry, [quotes[2]!], new Map([["a1", text]])), undefined, "near, but shares no word with the entry");
});
