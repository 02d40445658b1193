import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDateline, findCredits, normalizeOutlet, outletFromUrl } from "../../src/extract/dateline.ts";

test("datelines of each wire style give place, normalized outlet and where the story starts", () => {
  const cases: [string, string | null, string | null, string][] = [
    ["BEIJING (AP) — China on Friday said", "BEIJING", "AP", "China on Friday said"],
    ["WASHINGTON, July 6 (Reuters) - The Treasury said", "WASHINGTON", "Reuters", "The Treasury said"],
    ["(Bloomberg) — The administration called", null, "Bloomberg", "The administration called"],
    ["NEW YORK — Stocks rose", "NEW YORK", null, "Stocks rose"],
    ["Beijing, Nov. 21 (Xinhua) -- A spokesman said", "Beijing", "Xinhua", "A spokesman said"],
    ["HAYWARD, Calif. (AP) — Police said", "HAYWARD, Calif.", "AP", "Police said"],
    ["ST. JOSEPH, Mich. (AP) — A jury", "ST. JOSEPH, Mich.", "AP", "A jury"],
    ["PARIS (AFP) - Ministers met", "PARIS", "AFP", "Ministers met"],
    ["LONDON (The Associated Press) — Rain", "LONDON", "AP", "Rain"],
    ["GENEVA, March 14, 2024 (Reuters) – Talks", "GENEVA", "Reuters", "Talks"],
  ];
  for (const [text, place, outlet, rest] of cases) {
    const d = parseDateline(text);
    assert.ok(d, `no dateline in: ${text}`);
    assert.equal(d.place, place, text);
    assert.equal(d.outlet, outlet, text);
    assert.equal(text.slice(d.end), rest, text);
  }
});

test("ordinary first sentences are not datelines", () => {
  for (const text of [
    "China — and not only China — has complained.",
    "UPDATE — The story has changed.",
    "COVID-19 cases rose in March.",
    "The minister (left) spoke — briefly.",
    "A (rare) event — the second this year.",
    "",
  ]) assert.equal(parseDateline(text), null, text);
});

test("outlet names are normalized", () => {
  assert.equal(normalizeOutlet("The Associated Press"), "AP");
  assert.equal(normalizeOutlet("the associated press"), "AP");
  assert.equal(normalizeOutlet("Thomson Reuters"), "Reuters");
  assert.equal(normalizeOutlet("Bloomberg L.P."), "Bloomberg");
  assert.equal(normalizeOutlet("Agence France-Presse"), "AFP");
  assert.equal(normalizeOutlet("Xinhua News Agency"), "Xinhua");
  assert.equal(normalizeOutlet("Some Local Gazette"), null);
  assert.equal(outletFromUrl("https://apnews.com/article/x"), "AP");
  assert.equal(outletFromUrl("https://english.news.cn/2024/x.htm"), "Xinhua");
  assert.equal(outletFromUrl("not a url"), null);
});

test("credit lines anywhere in the text, with year, outlet and span", () => {
  const text = [
    "The talks ended on Tuesday.",
    "Copyright 2024 The Associated Press. All rights reserved. This material may not be published.",
    "More stories like this are available on bloomberg.com",
    "©2023 Bloomberg L.P.",
    "© 2019 Valley Courier. All rights reserved.",
    "Copyright © Thomson Reuters 2020",
  ].join("\n");
  const credits = findCredits(text);
  assert.deepEqual(credits.map((c) => [c.outlet, c.year]), [["AP", 2024], ["Bloomberg", 2023], ["Valley Courier", 2019], ["Reuters", 2020]]);
  for (const c of credits) assert.match(text.slice(c.span.start, c.span.end), /^(?:Copyright|©)/);
  assert.deepEqual(findCredits("No credit here, only 2024 and the AP."), []);
});

test("a lower-case credit from a machine-rewritten copy is still recognized", () => {
  const [c] = findCredits("Copyright 2024 The associated Press, All rights reserved.");
  assert.equal(c?.outlet, "AP");
  assert.equal(c?.year, 2024);
});
