import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { estimatePublication, tagWithPublication } from "../../src/nlp/time/index.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const SEEDS = fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));
const seed = (prefix: string): string | null => {
  if (!existsSync(SEEDS)) return null;
  const name = readdirSync(SEEDS).find((n) => n.startsWith(prefix));
  return name ? readFileSync(SEEDS + name, "utf8") : null;
};
const fixture = (dir: string) => ({
  text: readFileSync(new URL(`${dir}/article.txt`, FIXTURES), "utf8"),
  expected: JSON.parse(readFileSync(new URL(`${dir}/expected.json`, FIXTURES), "utf8")),
});

test("a copy's date wins and is marked as an estimate", () => {
  const got = estimatePublication("Officials met on Friday.", { copyDate: "2023-07-07" });
  assert.deepEqual(got && { date: got.date, precision: got.precision, estimated: got.estimated, source: got.source }, {
    date: "2023-07-07",
    precision: "day",
    estimated: true,
    source: "inferred",
  });
  assert.ok(got!.evidence!.some((e) => e.includes("2023-07-07")));
});

test("a role held for a known period dates the article; relative expressions resolve to its month", () => {
  const { text, expected } = fixture("time-undated");
  const { published, timexes } = tagWithPublication(text, null);
  assert.equal(published?.date, expected.published.date);
  assert.equal(published?.precision, expected.published.precision);
  assert.equal(published?.estimated, true);
  assert.ok(published!.evidence!.some((e) => e.includes("president-elect")));
  for (const r of expected.relative as { text: string; value: string }[]) {
    assert.equal(timexes.find((t) => t.text === r.text)?.value, r.value, r.text);
  }
});

test("a weekday written with a month-day picks the year it fits after the latest date mentioned", () => {
  const { text, expected } = fixture("time-weekday");
  const got = estimatePublication(text);
  assert.equal(got?.date, expected.published.date);
  assert.equal(got?.precision, expected.published.precision);
});

test("dates in future-tense sentences and bare year labels are not lower bounds", () => {
  const got = estimatePublication("The summit was held in March 2021. The next one will be held in June 2030. Election 2032: what to know.");
  assert.equal(got?.date, "2021-03");
  assert.equal(got?.precision, "month");
});

test("copyright year alone gives a year; nothing gives null", () => {
  assert.equal(estimatePublication("Storms hit the coast. © 2019 Example News")?.date, "2019");
  assert.equal(estimatePublication("Storms hit the coast on Friday."), null);
});

test("does not mutate the hints it is given", () => {
  const hints = Object.freeze({ copyDate: null, notAfter: "2030-01-01" });
  assert.doesNotThrow(() => estimatePublication("It happened in May 2020.", hints));
});

const seed004 = seed("004_");
test("seed 004 (no date line) is estimated to November or December 2024", { skip: !seed004 && "needs ../shared" }, () => {
  const got = estimatePublication(seed004!);
  assert.ok(got, "an estimate");
  assert.ok(got.date === "2024-11" || got.date === "2024-12", `got ${got.date}`);
  assert.equal(got.precision, "month");
  assert.equal(got.estimated, true);
  assert.ok(got.evidence!.some((e) => /president-elect/i.test(e)));
  assert.ok(got.evidence!.some((e) => e.includes("2023-11")));
});

const seed001 = seed("001_");
const seed000 = seed("000_");
test("seed 001 takes its date from its copy, seed 000", { skip: (!seed001 || !seed000) && "needs ../shared" }, () => {
  const copyDate = /\bdate\s+(\d{4}-\d{2}-\d{2})/.exec(seed000!)?.[1] ?? null;
  const { published, timexes } = tagWithPublication(seed001!, null, { copyDate });
  assert.equal(published?.date, "2023-07-07");
  assert.equal(timexes.find((t) => t.text === "last August")?.value, "2022-08");
});

test("a long role window overrides an older date mentioned, at year precision", () => {
  const got = estimatePublication("Secretary of State Antony Blinken recalled the talks held in March 2019.");
  assert.equal(got?.date, "2021");
  assert.equal(got?.precision, "year");
});
