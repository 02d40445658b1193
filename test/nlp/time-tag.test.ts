import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { tagTimexes } from "../../src/nlp/time/index.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const SHARED = new URL("../../../shared/", import.meta.url);
const seed = (prefix: string): string | null => {
  const dir = fileURLToPath(new URL("seeds/", SHARED));
  if (!existsSync(dir)) return null;
  const name = readdirSync(dir).find((n) => n.startsWith(prefix));
  return name ? readFileSync(dir + name, "utf8") : null;
};

interface Expected {
  dct: string;
  timexes: { text: string; type: string; value: string }[];
}

const find = (timexes: ReturnType<typeof tagTimexes>, text: string) => timexes.find((t) => t.text === text);

test("fixture article: every expected expression is found with its type and value", () => {
  const text = readFileSync(new URL("time-news/article.txt", FIXTURES), "utf8");
  const exp = JSON.parse(readFileSync(new URL("time-news/expected.json", FIXTURES), "utf8")) as Expected;
  const got = tagTimexes(text, exp.dct);
  for (const e of exp.timexes) {
    const t = find(got, e.text);
    assert.ok(t, `missing "${e.text}"`);
    assert.equal(t.value, e.value, `value of "${e.text}"`);
    assert.equal(t.type, e.type, `type of "${e.text}"`);
  }
  assert.equal(got.length, exp.timexes.length, `unexpected extra timexes: ${got.map((t) => t.text).join(" | ")}`);
});

test("a weekday follows the tense of its sentence", () => {
  // 2023-07-07 is a Friday.
  assert.equal(find(tagTimexes("The minister met the envoy on Tuesday.", "2023-07-07"), "Tuesday")?.value, "2023-07-04");
  assert.equal(find(tagTimexes("The minister will meet the envoy on Tuesday.", "2023-07-07"), "Tuesday")?.value, "2023-07-11");
  assert.equal(find(tagTimexes("The talks ended Friday.", "2023-07-07"), "Friday")?.value, "2023-07-07");
  assert.equal(find(tagTimexes("They met last Friday.", "2023-07-07"), "last Friday")?.value, "2023-06-30");
});

test("a month without a year is the previous one in a past-tense sentence", () => {
  assert.equal(find(tagTimexes("Prices rose in November.", "2024-01-15"), "November")?.value, "2023-11");
  assert.equal(find(tagTimexes("The deal must close by March.", "2023-11-02"), "March")?.value, "2024-03");
  // "May" the month needs month context; the modal verb is not a month.
  assert.equal(find(tagTimexes("Talks will resume in May.", "2023-11-02"), "May")?.value, "2024-05");
  assert.equal(tagTimexes("The ban may be lifted. May it rain.", "2023-11-02").length, 0);
});

test("quarters, years ago and decades", () => {
  const text = "Profit fell in the third quarter, from $5 million a year earlier. Sales peaked in the 1990s.";
  const got = tagTimexes(text, "1989-10-30");
  assert.equal(find(got, "the third quarter")?.value, "1989-Q3");
  assert.equal(find(got, "a year earlier")?.value, "1988-Q3");
  assert.equal(find(got, "the 1990s")?.value, "199");
  assert.equal(find(tagTimexes("The plant closed two years ago.", "2023-07-07"), "two years ago")?.value, "2021");
});

test("durations, sets and clock times", () => {
  const got = tagTimexes("The strike lasted five months. Flights leave daily at 10:35 a.m. after a 16-hour wait.", "1998-08-07");
  assert.equal(find(got, "five months")?.value, "P5M");
  assert.equal(find(got, "five months")?.type, "DURATION");
  assert.equal(find(got, "daily")?.type, "SET");
  assert.equal(find(got, "10:35 a.m.")?.value, "1998-08-07T10:35");
  assert.equal(find(got, "16-hour")?.value, "PT16H");
  // Ages are not time expressions.
  assert.equal(tagTimexes("The 45-year-old driver and a man, 30 years old, were hurt.", "1998-08-07").length, 0);
});

test("an anchor known only to the month resolves day-level expressions to that month", () => {
  const got = tagTimexes("The ministry said on Friday that talks stalled yesterday; they resume next month.", "2024-11");
  assert.equal(find(got, "Friday")?.value, "2024-11");
  assert.equal(find(got, "yesterday")?.value, "2024-11");
  assert.equal(find(got, "next month")?.value, "2024-12");
});

test("without an anchor relative expressions stay underspecified and absolute ones resolve", () => {
  const got = tagTimexes("On Friday, officials recalled the floods of Aug. 7, 1998 and of June 2001.", null);
  assert.equal(find(got, "Friday")?.value, "XXXX-WXX-5");
  assert.equal(find(got, "Aug. 7, 1998")?.value, "1998-08-07");
  assert.equal(find(got, "June 2001")?.value, "2001-06");
});

test("offsets are inside the text, ordered, non-overlapping and match the text field (property)", () => {
  const words = ["Friday", "last", "week", "in", "November", "2019", "the", "third", "quarter", "two", "years", "ago", "now", "May", " ", ", ", ". ", "\n", "daily", "a", "1990s", "10:35 a.m.", "Sept.", "30"];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), fc.constantFrom("2023-07-07", "1998-02", null), (parts, dct) => {
      const text = parts.join(" ");
      const got = tagTimexes(text, dct);
      let prevEnd = 0;
      for (const t of got) {
        assert.ok(t.start >= prevEnd && t.end > t.start && t.end <= text.length);
        assert.equal(text.slice(t.start, t.end), t.text);
        assert.ok(t.value.length > 0);
        prevEnd = t.end;
      }
    }),
    { numRuns: 200 },
  );
});

const seed001 = seed("001_");
const seed000 = seed("000_");
test("seed 001 resolves against its copy's date (seed 000 header)", { skip: (!seed001 || !seed000) && "needs ../shared" }, () => {
  const dct = /\bdate\s+(\d{4}-\d{2}-\d{2})/.exec(seed000!)?.[1] ?? null;
  assert.equal(dct, "2023-07-07");
  const got = tagTimexes(seed001!, dct);
  assert.equal(find(got, "last August")?.value, "2022-08");
  assert.equal(find(got, "late last month")?.value, "2023-06");
  const fridays = got.filter((t) => t.text === "Friday");
  assert.ok(fridays.length > 0);
  for (const f of fridays) assert.equal(f.value, "2023-07-07");
});
