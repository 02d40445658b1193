// The five seed documents (../shared/seeds): one storyline, the January 2024 and November 2024
// stories on their own, and a timeline that holds the dates the articles talk about.
// Publication dates: 000 from its "date" header line (extraction), 001 is the same article (a
// copy, so the same date), the others estimated from their text (estimatePublication).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { clusterBatch } from "../../src/stories/batch.ts";
import { describeBatch } from "../../src/stories/labels.ts";
import { buildTimeline, type TimelineArticle } from "../../src/stories/timeline.ts";
import { extractTextDump } from "../../src/extract/text-dump.ts";
import { estimatePublication } from "../../src/nlp/time/index.ts";

const SEEDS = fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));
const skip = !existsSync(SEEDS) && "needs ../shared";

function seedArticles(): (TimelineArticle & { title?: string | null })[] {
  const raw = (p: string) => readFileSync(SEEDS + readdirSync(SEEDS).find((f) => f.startsWith(p))!, "utf8");
  const a0 = extractTextDump(raw("000"));
  const d0 = a0.published!.date;
  const estimated = (id: string) => ({ id, text: raw(id), date: estimatePublication(raw(id))?.date ?? null, dateEstimated: true });
  return [
    { id: "000", text: a0.text, title: a0.title, date: d0, outlet: "AP" },
    { id: "001", text: raw("001"), date: estimatePublication(raw("001"), { copyDate: d0 })!.date, copyOf: "000", outlet: "AP" },
    estimated("002"),
    estimated("003"),
    estimated("004"),
  ];
}

test("seeds: one storyline holds all five; 002 (Jan 2024) and 004 (Nov 2024) are stories of their own", { skip }, () => {
  const docs = seedArticles();
  assert.equal(docs[0]!.date, "2023-07-07");
  const r = clusterBatch(docs);
  const story = new Map(r.assignments.map((a) => [a.id, a.story]));
  assert.equal(new Set(r.assignments.map((a) => a.storyline)).size, 1);
  assert.equal(story.get("000"), story.get("001"), "a copy is in its original's story");
  for (const own of ["002", "004"]) {
    assert.deepEqual(docs.filter((d) => story.get(d.id) === story.get(own)).map((d) => d.id), [own]);
  }
  const { storylines } = describeBatch(docs, r);
  assert.match(storylines[0]!.label, /fentanyl|drug/i);
  assert.ok(storylines[0]!.keyActors.some((a) => /China|Beijing/.test(a)), storylines[0]!.keyActors.join("; "));
});

test("seeds: the timeline holds 2019, 2022-08, 2023-06, 2023-07-07 and 2023-11 with the right citations", { skip }, () => {
  const docs = seedArticles();
  const byId = new Map(docs.map((d) => [d.id, d]));
  const tl = buildTimeline(docs);
  const dates = tl.map((e) => e.date);
  assert.deepEqual(dates, [...dates].sort());
  const expect: [string, string, RegExp][] = [
    ["2019", "year", /2019/],
    ["2022-08", "month", /last August/],
    ["2023-06", "month", /last month/],
    ["2023-07-07", "day", /China on Friday insisted/],
    ["2023-11", "month", /November/],
  ];
  for (const [date, precision, cue] of expect) {
    const e = tl.find((x) => x.date === date);
    assert.ok(e, `timeline has ${date}: ${dates.join(", ")}`);
    assert.equal(e.precision, precision);
    for (const c of e.citations) {
      const text = byId.get(c.articleId)!.text.slice(c.span.start, c.span.end);
      assert.match(text, cue, `${date} cites ${c.articleId}: ${text}`);
    }
  }
  // 2019 is reported by two independent articles (002 and 004); the AP copy 001 never adds a source.
  assert.equal(tl.find((e) => e.date === "2019")!.sources, 2);
  assert.equal(tl.find((e) => e.date === "2022-08")!.sources, 1);
  assert.deepEqual(tl.find((e) => e.date === "2022-08")!.citations.map((c) => c.articleId).sort(), ["000", "001"]);
});
