// Invariants across the per-article and timeline stages (DESIGN.md convention 8), on random articles
// assembled from sentences written for this test.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { annotateText } from "../../src/pipeline/annotate.ts";
import { buildTimeline } from "../../src/stories/timeline.ts";

const SENTENCES = [
  "Port Minister Adela Brandt said on Tuesday that the harbor would reopen next week.",
  "“We will not accept these terms,” Brandt told reporters in Valdora.",
  "The union, according to its chairman Teo Marsh, rejected the offer last August.",
  "Shipping fell by a third in 2019, the ministry said.",
  "He said the talks would resume “as soon as the ships are moving again.”",
  "Officials in Norhaven declined to comment late last month.",
  "Two years ago, the council approved a plan to dredge the channel.",
  "Marsh added that workers had waited since March for an answer.",
  "",
  "“It is a fair deal,” she said, “and everyone knows it.”",
];

const article = fc.array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 12 }).map((xs) => xs.join(" ").replace(/  +/g, "\n\n"));
const date = fc.constantFrom("2023-07-07", "2024-01-30", "2021-11-15", null);

test("annotation offsets stay inside the text and point at what they name", () => {
  fc.assert(
    fc.property(article, date, (text, d) => {
      const a = annotateText({ text, published: d ? { date: d, precision: "day", source: "input" } : null });
      const inside = (s: { start: number; end: number }) => s.start >= 0 && s.end <= text.length && s.start < s.end;
      for (const s of a.sentences) assert.ok(inside(s));
      for (const m of a.mentions) {
        assert.ok(inside(m));
        assert.equal(text.slice(m.start, m.end), m.text);
        assert.ok(a.entities.some((e) => e.key === m.entity), `mention ${m.text} has its entity`);
      }
      for (const q of a.quotes) {
        assert.ok(inside(q.content));
        if (q.source) assert.ok(inside(q.source));
        if (q.cue) assert.ok(inside(q.cue));
      }
      for (const t of a.timexes) {
        assert.ok(inside(t));
        assert.equal(text.slice(t.start, t.end), t.text);
      }
    }),
    { numRuns: 60 },
  );
});

test("timelines are sorted by date, cite sentences of their articles, and never count a copy twice", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(article, date), { minLength: 1, maxLength: 6 }), (docs) => {
      const arts = docs.map(([text, d], i) => ({ id: `a${i}`, text, date: d }));
      // The last article is a verbatim copy of the first: it must not add an independent source.
      arts.push({ id: "copy", text: arts[0]!.text, date: arts[0]!.date, copyOf: "a0" } as (typeof arts)[number] & { copyOf: string });
      const entries = buildTimeline(arts);
      const dates = entries.map((e) => e.date);
      assert.deepEqual(dates, [...dates].sort());
      const byId = new Map(arts.map((a) => [a.id, a.text]));
      for (const e of entries) {
        for (const c of e.citations) {
          const t = byId.get(c.articleId)!;
          assert.ok(c.span.start >= 0 && c.span.end <= t.length && c.span.start < c.span.end);
        }
        assert.ok(e.sources >= 1 && e.sources <= arts.length - 1, `${e.sources} sources from ${arts.length - 1} originals`);
      }
    }),
    { numRuns: 60 },
  );
});
