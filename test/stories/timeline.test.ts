import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { buildTimeline, type TimelineArticle } from "../../src/stories/timeline.ts";
import { datedSentences, precisionOf } from "../../src/stories/dates.ts";
import { citedOutlets } from "../../src/pipeline/exports.ts";

const ARTICLES: TimelineArticle[] = JSON.parse(readFileSync(new URL("../fixtures/stories-timeline/articles.json", import.meta.url), "utf8"));
const byId = new Map(ARTICLES.map((a) => [a.id, a]));
const cited = (e: { citations: { articleId: string; span: { start: number; end: number } }[] }, i = 0) => {
  const c = e.citations[i]!;
  return byId.get(c.articleId)!.text.slice(c.span.start, c.span.end);
};

test("dates come from what articles say happened earlier, at the precision they say it", () => {
  const tl = buildTimeline(ARTICLES);
  const at = (d: string) => tl.find((e) => e.date === d);
  // "last August" in a March 2022 article is August 2021, month precision.
  assert.equal(at("2021-08")?.precision, "month");
  assert.match(at("2021-08")!.summary, /last August/);
  assert.equal(at("2019")?.precision, "year");
  // "on Sunday evening" (published Monday 2022-03-14) and "on March 13" are the same day.
  const collapse = at("2022-03-13")!;
  assert.equal(collapse.precision, "day");
  assert.deepEqual(collapse.citations.map((c) => c.articleId).sort(), ["b1", "b2", "b3", "b4"]);
});

test("copies are cited but count once; dates are ranked by independent sources", () => {
  const tl = buildTimeline(ARTICLES);
  const collapse = tl.find((e) => e.date === "2022-03-13")!;
  assert.equal(collapse.sources, 3, "b2 copies b1");
  assert.equal(tl.find((e) => e.date === "2019")!.sources, 2);
  assert.equal(tl.find((e) => e.date === "2021-08")!.sources, 1);
  assert.deepEqual(buildTimeline(ARTICLES, { maxDates: 2 }).map((e) => e.date), ["2019", "2022-03-13"]);
});

test("each entry's summary is one of its cited sentences, and every citation points at a sentence naming or reporting the date", () => {
  for (const e of buildTimeline(ARTICLES)) {
    assert.equal(e.summary, cited(e, 0));
    for (const c of e.citations) {
      const a = byId.get(c.articleId)!;
      assert.ok(c.span.start >= 0 && c.span.end <= a.text.length && c.span.start < c.span.end);
      assert.equal(c.outlet, a.outlet);
    }
  }
  const tl = buildTimeline(ARTICLES);
  assert.match(cited(tl.find((e) => e.date === "2019")!), /2019/);
});

test("entries are sorted by date and respect from/to and precision filters", () => {
  const tl = buildTimeline(ARTICLES);
  const dates = tl.map((e) => e.date);
  assert.deepEqual(dates, [...dates].sort());
  assert.deepEqual(buildTimeline(ARTICLES, { from: "2022-03", to: "2022-03-31" }).map((e) => e.date), ["2022-03-13", "2022-03-14", "2022-03-16"]);
  assert.ok(buildTimeline(ARTICLES, { precisions: ["day"] }).every((e) => e.precision === "day"));
  assert.deepEqual(buildTimeline(ARTICLES, { minSources: 2 }).map((e) => e.date), ["2019", "2022-03-13"]);
});

test("an estimated publication date anchors relative dates but its lead is not a dated event", () => {
  const text = "Commuters welcomed a temporary crossing over the Halden river this week. The old bridge collapsed on March 13, killing three drivers.";
  const a: TimelineArticle = { id: "x", date: "2022-05-02", dateEstimated: true, text };
  assert.deepEqual(buildTimeline([a]).map((e) => e.date), ["2022-03-13"]);
  assert.deepEqual(buildTimeline([{ ...a, dateEstimated: false }]).map((e) => e.date), ["2022-03-13", "2022-05-02"]);
});

test("datedSentences keeps only calendar dates, each inside its sentence", () => {
  const text = "The panel met on Friday. It meets every week. Its report is due in 2025.";
  const { sentences, mentions } = datedSentences(text, "2024-03-15");
  assert.deepEqual(mentions.map((m) => [m.value, m.precision]), [["2024-03-15", "day"], ["2025", "year"]]);
  for (const m of mentions) {
    const s = sentences[m.sentence]!;
    assert.ok(s.start <= m.start && m.end <= s.end);
  }
  assert.equal(precisionOf("2024-W11"), null);
});

test("no articles, no entries; undated articles contribute only what they mention", () => {
  assert.deepEqual(buildTimeline([]), []);
  const tl = buildTimeline([{ id: "u", text: "The dam was finished in 1998 after nine years of work by the state." }]);
  assert.deepEqual(tl.map((e) => [e.date, e.sources]), [["1998", 1]]);
});

test("property: timelines are sorted, spans stay inside their articles, sources never exceed articles", () => {
  const sentence = fc.constantFrom(
    "The council voted on Tuesday to close the harbor road for repairs.",
    "Work on the road began in 2019 and stopped last August.",
    "Residents protested outside the town hall on March 3.",
    "The mayor said the road would reopen in 2026.",
    "Nobody was hurt.",
    "Engineers inspected the road on Friday morning after heavy rain.",
  );
  const art = fc.record({
    sentences: fc.array(sentence, { minLength: 1, maxLength: 6 }),
    day: fc.integer({ min: 0, max: 700 }),
    copy: fc.boolean(),
  });
  fc.assert(
    fc.property(fc.array(art, { minLength: 1, maxLength: 8 }), fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }), (rows, maxDates) => {
      const articles: TimelineArticle[] = rows.map((r, i) => ({
        id: `a${i}`,
        text: r.sentences.join(" "),
        date: new Date(Date.UTC(2022, 0, 1) + r.day * 86_400_000).toISOString().slice(0, 10),
        copyOf: r.copy && i > 0 ? `a${i - 1}` : null,
      }));
      const tl = buildTimeline(articles, { maxDates });
      const dates = tl.map((e) => e.date);
      assert.deepEqual(dates, [...dates].sort());
      if (maxDates !== undefined) assert.ok(tl.length <= maxDates);
      for (const e of tl) {
        assert.ok(e.sources >= 1 && e.sources <= articles.length);
        assert.ok(e.citations.length >= 1);
        for (const c of e.citations) {
          const a = articles.find((x) => x.id === c.articleId)!;
          assert.ok(0 <= c.span.start && c.span.start < c.span.end && c.span.end <= a.text.length);
        }
      }
    }),
    { numRuns: 40 },
  );
});

test("citations name each independent source once, through its original, before the copies that repeat it", () => {
  const lead = "The harbor authority closed the northern pier on Monday after inspectors found cracks in two pillars.";
  const arts: TimelineArticle[] = [
    { id: "copy1", date: "2023-05-09", outlet: "Daily Echo", text: `${lead} Repairs are expected to take a month.`, copyOf: "wire" },
    { id: "wire", date: "2023-05-09", outlet: "Wire Service", text: `${lead} Repairs are expected to take a month.` },
    { id: "copy2", date: "2023-05-09", outlet: "Coast Times", text: `${lead} Repairs are expected to take a month.`, copyOf: "wire" },
    { id: "other", date: "2023-05-10", outlet: "Harbor News", text: "Fishermen said on Tuesday that the pier closed on Monday was their only safe mooring in winter storms." },
  ];
  const e = buildTimeline(arts).find((x) => x.date === "2023-05-08")!;
  assert.equal(e.sources, 2);
  assert.equal(e.citations[0]!.articleId, "wire", "the original, not a copy with the same sentence");
  assert.equal(e.citations[0]!.copyOf, undefined);
  assert.equal(e.citations[1]!.articleId, "other", "the other independent source before any copy");
  assert.deepEqual(e.citations.slice(2).map((c) => c.copyOf), ["wire", "wire"]);
  assert.equal(e.summary, lead);
  assert.equal(citedOutlets(e), "2 sources: Wire Service, Harbor News; republished by Daily Echo, Coast Times");
});

test("a quoted 'tomorrow' is relative to when the speaker spoke: not a dated event", () => {
  const a: TimelineArticle = {
    id: "q",
    date: "2023-07-07",
    text: "The minister opened the conference on Friday with a warning about synthetic drugs.\n“The crisis is here today. Tomorrow it may be something nobody has even named yet,” she told the delegates in the hall.",
  };
  assert.deepEqual(buildTimeline([a]).map((e) => e.date), ["2023-07-07"]);
});
