import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ruleMatches } from "../../src/nlp/time/tag.ts";

// The tagger tries most patterns only near their hook words (units, months, weekdays...); these
// tests hold it to the same matches as running every pattern over the whole text.

const agree = (text: string): void => assert.deepEqual(ruleMatches(text), ruleMatches(text, true), JSON.stringify(text));

test("long prefixes before the hook word are still found", () => {
  const texts = [
    "Output fell over the past more than 5,000.5 1/2 consecutive years, officials said.",
    "The fund grew for the year-ago no more than twenty-one straight months.",
    "Analysts expect the next about 12 to 18 months to be hard, and the past 5,000 or 6,000.5 years were.",
    "It happened at the end of the this coming fiscal year, and later that same day.",
    "The deal closed in the beginning of this past August7 and early the previous Friday's session.",
    "He spoke at 10:35 a.m. EST, Nov. 6, then at noon Thursday and at 9 a.m. on Aug. 7.",
    "The year two thousand and one began; nineteen ninety-four ended; the mid-twenty-first century looms.",
    "That was in mid-1990, the first half of 1991, the 1990 third quarter and the latest fiscal year-ago period.",
    "Every week, each Thursday, per night; daily, weekly; last Christmas Eve and next New Year's Day.",
    "These days, right now and at the moment, in the past and recent years; the foreseeable future, a later date.",
    "Prices are high these days for most families who rent.",
    "Filed on 7/4/98, amended 2023-07-07 and again at 11:30 on 12/31/2001.",
    "Music of the '90s, the mid-'80s, the early 1970s and the nineties; big in'60s clubs.",
  ];
  for (const t of texts) {
    agree(t);
    agree(t.toUpperCase());
    agree(t.replace(/ /g, "\n  "));
    agree(t.replace(/ (?=\w)/g, "-"));
  }
  assert.ok(ruleMatches(texts[0]!).length > 0);
});

const WORDS = [
  "the", "a", "an", "of", "for", "in", "past", "last", "next", "this", "that", "same", "coming", "early", "late", "mid",
  "more", "than", "about", "no", "up", "to", "or", "and", "half", "few", "several", "couple", "two", "twenty", "one",
  "nineteen", "ninety", "thousand", "5", "12", "1990", "2001", "5,000", "1/2", "7th", "10:35", "a.m.", "p.m.", "noon",
  "year", "years", "year-ago", "month", "months", "week", "weekend", "day", "days", "quarter", "quarters", "period",
  "decade", "century", "night", "morning", "evening", "ago", "earlier", "later", "before", "after", "now", "currently",
  "present", "recently", "soon", "future", "term", "August", "Aug.", "May", "Sept.", "Friday", "Friday's", "spring",
  "fall", "every", "each", "per", "daily", "Christmas", "Eve", "New", "Year's", "today", "yesterday", "end", "fiscal",
  "long", "-long", "old", "first", "third", "third-quarter", "ended", "'90s", "1990s", "these", "right", "at", "moment",
  "lately", "nowadays", "presently", "near", "foreseeable", "distant", "short", "possible", "as", "hence", "from",
  "previous", "following", "preceding", "just", "just-ended", "latest", "calendar", "its", "through", "beginning",
  "start", "middle", "sometime", "Halloween", "Thanksgiving", "tonight", "tomorrow", "afternoon", "overnight",
  "twenties", "millennium", "hours", "minutes", "seconds", "nights", "weekends", "decades", "centuries", "2023-07-07",
  "7/4/98", "EDT", "Monday", "January", "March", "Dec.", "mid-July", "winter", "autumn", "summer", "whole", "ahead",
];

test("random strings of time words give the same matches either way", () => {
  const sep = fc.constantFrom(" ", "  ", "\n", "-", ", ", ". ", "", " (", "'s ");
  const piece = fc.tuple(fc.constantFrom(...WORDS), sep).map(([w, s]) => w + s);
  const text = fc.array(piece, { minLength: 1, maxLength: 40 }).map((a) => a.join(""));
  fc.assert(fc.property(text, fc.boolean(), (t, upper) => {
    const s = upper ? t.toUpperCase() : t;
    assert.deepEqual(ruleMatches(s), ruleMatches(s, true));
  }), { numRuns: 3000 });
});
