import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { describeTimex, timexToDateRange } from "../../src/nlp/time/index.ts";

test("values map to the days they cover", () => {
  const cases: [string, string, string, string, string][] = [
    ["2023-07-07", "2023-07-07", "2023-07-07", "day", "day"],
    ["2022-08", "2022-08-01", "2022-08-31", "month", "month"],
    ["2024-02", "2024-02-01", "2024-02-29", "month", "month"],
    ["2019", "2019-01-01", "2019-12-31", "year", "year"],
    ["2013-W11", "2013-03-11", "2013-03-17", "day", "week"],
    ["2020-W53", "2020-12-28", "2021-01-03", "day", "week"],
    ["1989-W43-WE", "1989-10-28", "1989-10-29", "day", "week"],
    ["2013-Q1", "2013-01-01", "2013-03-31", "month", "quarter"],
    ["1990-H2", "1990-07-01", "1990-12-31", "month", "half"],
    ["2013-SU", "2013-06-01", "2013-08-31", "month", "season"],
    ["1994-WI", "1994-12-01", "1995-02-28", "month", "season"],
    ["199", "1990-01-01", "1999-12-31", "year", "decade"],
    ["19", "1900-01-01", "1999-12-31", "year", "century"],
    ["1998-08-07T10:35", "1998-08-07", "1998-08-07", "day", "time"],
  ];
  for (const [value, start, end, precision, granularity] of cases) {
    assert.deepEqual(timexToDateRange(value), { start, end, precision, granularity }, value);
  }
});

test("references, durations and underspecified values have no range unless anchored", () => {
  for (const v of ["P1M", "PXY", "PAST_REF", "FUTURE_REF", "XXXX-08", "XXXX-WXX-5", "2023-13", "nonsense"]) {
    assert.equal(timexToDateRange(v), null, v);
  }
  assert.equal(timexToDateRange("PRESENT_REF"), null);
  assert.deepEqual(timexToDateRange("PRESENT_REF", "2023-07-07"), { start: "2023-07-07", end: "2023-07-07", precision: "day", granularity: "day" });
  assert.equal(timexToDateRange("PRESENT_REF", "2024-11")?.precision, "month");
});

test("ranges never end before they start (property)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 53 }), (y, m, w) => {
      for (const v of [String(y), `${y}-${String(m).padStart(2, "0")}`, `${y}-W${String(w).padStart(2, "0")}`, `${y}-Q${((m - 1) % 4) + 1}`]) {
        const r = timexToDateRange(v);
        assert.ok(r && r.start <= r.end, v);
      }
    }),
  );
});

test("describeTimex gives short English labels", () => {
  assert.equal(describeTimex("2023-07-07"), "7 July 2023");
  assert.equal(describeTimex("2022-08"), "August 2022");
  assert.equal(describeTimex("2013-Q1"), "Q1 2013");
  assert.equal(describeTimex("199"), "the 1990s");
  assert.equal(describeTimex("P2Y"), "2 years");
  assert.equal(describeTimex("PT5H30M"), "5 hours 30 minutes");
  assert.equal(describeTimex("PRESENT_REF"), "the present");
  assert.equal(describeTimex("XXXX-WXX-5"), "a Friday");
  assert.equal(describeTimex("2013-SU"), "summer 2013");
});
