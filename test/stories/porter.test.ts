// Porter stemming for the storyline level: headlines say "dies", "escapes", "charges"; article bodies
// say "died", "escaped", "charged". Storylines join stories of one kind of event, so these must meet.
import { test } from "node:test";
import assert from "node:assert/strict";
import { porter } from "../../src/stories/porter.ts";
import { stem, termCounts } from "../../src/stories/features.ts";

test("porter: the examples of Porter (1980)", () => {
  const cases: [string, string][] = [
    ["caresses", "caress"], ["ponies", "poni"], ["cats", "cat"], ["feed", "feed"], ["agreed", "agre"],
    ["plastered", "plaster"], ["motoring", "motor"], ["sing", "sing"], ["conflated", "conflat"], ["troubled", "troubl"],
    ["sized", "size"], ["hopping", "hop"], ["falling", "fall"], ["hissing", "hiss"], ["filing", "file"], ["happy", "happi"],
    ["relational", "relat"], ["conditional", "condit"], ["generalization", "gener"], ["electrical", "electr"],
    ["adjustment", "adjust"], ["adoption", "adopt"], ["controll", "control"], ["roll", "roll"],
  ];
  for (const [w, s] of cases) assert.equal(porter(w), s, w);
});

test("porter: a headline's present tense meets the body's past tense (the light stemmer keeps them apart)", () => {
  for (const [a, b] of [["dies", "died"], ["escapes", "escaped"], ["sentence", "sentenced"], ["charges", "charged"]] as const) {
    assert.equal(porter(a), porter(b), `${a} / ${b}`);
  }
  assert.notEqual(stem("escape"), stem("escaped"));
  const headline = termCounts("Film star escapes from clinic", null, null, { stemmer: "porter" });
  const body = termCounts("The film star escaped from the clinic on Sunday.", null, null, { stemmer: "porter" });
  assert.ok(Object.keys(headline).filter((k) => k in body).includes(porter("escaped")));
});
