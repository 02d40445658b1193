// The five seed documents (../shared/seeds): one storyline, the January 2024 and November 2024
// stories on their own, and a timeline that holds the dates the articles talk about.
// 000 is the raw text dump of an AP page and 001 the clean body of that same article: the stories
// layer works on clean articles, so 001 stands for the article and 000 (unextracted, boilerplate and
// all) is marked as its copy, as the dedup stage would. Publication dates: the AP article's from the
// dump's "date" header line (read here with a regex, as extraction does); the others estimated from
// their text (estimatePublication), marked as estimates.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { clusterBatch } from "../../src/stories/batch.ts";
import { describeBatch } from "../../src/stories/labels.ts";
import { buildTimeline, type TimelineArticle } from "../../src/stories/timeline.ts";
import { estimatePublication } from "../../src/nlp/time/index.ts";

const SEEDS = fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));
const skip = !existsSync(SEEDS) && "needs ../shared";

function seedArticles(): (TimelineArticle & { title?: string | null })[] {
  const raw = (p: string) => readFileSync(SEEDS + readdirSync(SEEDS).find((f) => f.startsWith(p))!, "utf8");
  const header = /^\s*date (\d{4}-\d{2}-\d{2})/m.exec(raw("000"));
  const apDate = header ? header[1]! : null;
  const estimated = (id: string) => ({ id, text: raw(id), date: estimatePublication(raw(id))?.date ?? null, dateEstimated: true });
  return [
    { id: "001", text: raw("001"), date: apDate, outlet: "AP" },
    { id: "000", text: raw("000"), date: apDate, copyOf: "001", outlet: "AP" },
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
  // The clean articles (the raw dump would need extraction first: its photo captions carry dates too).
  const docs = seedArticles().filter((d) => d.id !== "000");
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
  // 2019 is reported by two independent articles (002 and 004); "last August" only by the AP story.
  assert.equal(tl.find((e) => e.date === "2019")!.sources, 2);
  assert.deepEqual(tl.find((e) => e.date === "2022-08")!.citations.map((c) => c.articleId), ["001"]);
  assert.deepEqual(tl.find((e) => e.date === "2023-07-07")!.citations.map((c) => c.articleId), ["001"]);
});

test("seeds: a copy is cited but never adds a source", { skip }, () => {
  const clean = seedArticles().filter((d) => d.id !== "000");
  const ap = clean.find((d) => d.id === "001")!;
  const tl = buildTimeline([...clean, { ...ap, id: "001-copy", copyOf: "001", outlet: "Some Wire" }]);
  const august = tl.find((e) => e.date === "2022-08")!;
  assert.equal(august.sources, 1);
  assert.deepEqual(august.citations.map((c) => c.articleId).sort(), ["001", "001-copy"]);
});
