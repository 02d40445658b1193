import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { StoryClusterer, dampOver, dayNumber, dayRange, gapDays, type ClusterDoc } from "../../src/stories/clustering.ts";
import { clusterBatch } from "../../src/stories/batch.ts";
import { termCounts, stem } from "../../src/stories/features.ts";

interface Fixture extends ClusterDoc {
  event: string;
}
const ARTICLES: Fixture[] = JSON.parse(readFileSync(new URL("../fixtures/stories-events/articles.json", import.meta.url), "utf8"));
const strip = ({ event: _e, ...d }: Fixture): ClusterDoc => d;

/** Articles grouped by the cluster the function gives them, as sorted lists of ids. */
function partition(ids: readonly string[], clusterOf: (id: string) => string): string[][] {
  const m = new Map<string, string[]>();
  for (const id of ids) m.set(clusterOf(id), [...(m.get(clusterOf(id)) ?? []), id]);
  return [...m.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}
const goldEvents = partition(ARTICLES.map((a) => a.id), (id) => ARTICLES.find((a) => a.id === id)!.event);

test("features: names, years and numbers become typed terms; plurals and verb endings fold", () => {
  const c = termCounts("Rescuers reached Seyran in 2024 after the 6.1 quake. Quakes struck Seyran again.", null, null, { leadWeight: 1 });
  assert.ok(c["P:seyran"]! > 0, "a capitalized word inside a sentence is a name");
  assert.equal(c["P:rescuers"], undefined, "a sentence-initial word is not taken for a name");
  assert.ok(c["Y:2024"]! > 0);
  assert.ok(c["N:6.1"]! > 0);
  assert.equal(c["quake"], 2, "quake and Quakes meet");
  assert.equal(stem("checked"), "check");
  assert.equal(stem("stories"), "story");
});

test("online: look-alike events stay apart (two quakes, two rehab stays of one singer) and each event is one story", () => {
  const c = new StoryClusterer();
  for (const a of ARTICLES) c.add(strip(a));
  assert.deepEqual(partition(ARTICLES.map((a) => a.id), (id) => c.storyOf(id)!), goldEvents);
});

test("batch: same stories, and the singer's two rehab stays share a storyline while the quakes do not join it", () => {
  const r = clusterBatch(ARTICLES.map(strip));
  const story = new Map(r.assignments.map((a) => [a.id, a.story]));
  const line = new Map(r.assignments.map((a) => [a.id, a.storyline]));
  assert.deepEqual(partition(ARTICLES.map((a) => a.id), (id) => story.get(id)!), goldEvents);
  assert.equal(line.get("r1a"), line.get("r2a"));
  assert.notEqual(line.get("q1a"), line.get("r1a"));
  assert.notEqual(line.get("q2a"), line.get("r1a"));
  assert.equal(r.stories.length, 4);
  const rehab1 = r.stories.find((s) => s.articleIds.includes("r1a"))!;
  assert.deepEqual([rehab1.first, rehab1.last], ["2023-02-10", "2023-02-11"]);
});

test("time separates look-alikes: the later rehab stay joins the earlier one only when the articles are undated", () => {
  const docs = ARTICLES.map(strip);
  const dated = new StoryClusterer();
  for (const a of docs) dated.add(a);
  assert.notEqual(dated.storyOf("r1a"), dated.storyOf("r2a"));
  const undated = new StoryClusterer();
  for (const a of docs) undated.add({ ...a, date: null });
  assert.equal(undated.storyOf("r1a"), undated.storyOf("r2a"), "the texts alone are close enough to merge");
});

test("copies join the original's story and count once (the centroid does not move)", () => {
  const c = new StoryClusterer();
  const q1a = strip(ARTICLES.find((a) => a.id === "q1a")!);
  c.add(q1a);
  const before = c.toJSON();
  const r = c.add({ ...q1a, id: "q1a-copy", text: q1a.text + "\nCopyright Some Wire.", copyOf: "q1a" });
  assert.equal(r.story, c.storyOf("q1a"));
  assert.equal(r.created, false);
  const after = c.toJSON();
  const s = after.stories[r.story]!;
  assert.deepEqual(s.sum, before.stories[r.story]!.sum);
  assert.equal(s.size, 1, "size counts independent articles");
  assert.deepEqual(s.docIds, ["q1a", "q1a-copy"]);
  assert.equal(after.idf.docs, before.idf.docs, "a copy does not change document frequencies");
});

test("adding the same article twice is a no-op", () => {
  const c = new StoryClusterer();
  const a = strip(ARTICLES[0]!);
  const first = c.add(a);
  const again = c.add(a);
  assert.equal(again.story, first.story);
  assert.equal(c.toJSON().stories[first.story]!.size, 1);
});

test("state is plain data: a clusterer resumed from JSON continues exactly like an uninterrupted one", () => {
  const docs = ARTICLES.map(strip);
  const whole = new StoryClusterer();
  for (const d of docs) whole.add(d);
  const first = new StoryClusterer();
  for (const d of docs.slice(0, 4)) first.add(d);
  const saved = JSON.parse(JSON.stringify(first.toJSON()));
  const resumed = new StoryClusterer({}, saved);
  for (const d of docs.slice(4)) resumed.add(d);
  assert.deepEqual(resumed.toJSON(), whole.toJSON());
});

test("inputs are never mutated", () => {
  const docs = ARTICLES.map(strip);
  const copy = structuredClone(docs);
  clusterBatch(docs);
  const c = new StoryClusterer();
  for (const d of docs) c.add(d);
  assert.deepEqual(docs, copy);
});

test("old stories close and leave the index, keeping their articles", () => {
  const c = new StoryClusterer({ closeAfterDays: 30 });
  const q1 = ARTICLES.filter((a) => a.event === "quake-arvand").map(strip);
  for (const d of q1) c.add(d);
  // Six months later the same text cannot reopen the closed story.
  const late = c.add({ ...q1[0]!, id: "late", date: "2024-09-20" });
  c.add({ ...q1[1]!, id: "later", date: "2024-10-20" });
  assert.notEqual(late.story, c.storyOf("q1a"));
  const old = c.stories.find((s) => s.id === c.storyOf("q1a"))!;
  assert.equal(old.closed, true);
  assert.deepEqual(old.docIds, ["q1a", "q1b", "q1c"]);
});

test("dayNumber reads days, months and years", () => {
  assert.equal(dayNumber("1970-01-02"), 1);
  assert.equal(dayNumber("1970-01"), 14);
  assert.equal(dayNumber("1970"), dayNumber("1970-07-01"));
  assert.equal(dayNumber("soon"), null);
  assert.equal(dayNumber(null), null);
});

test("a month or year date covers its whole period: no time gap to a day inside it", () => {
  assert.deepEqual(dayRange("1970-02"), [31, 58]);
  assert.equal(gapDays(dayRange("2024-11"), dayRange("2024-11-29")), 0);
  assert.equal(gapDays(dayRange("2024-11-29"), dayRange("2024-12-03")), 4);
  assert.equal(gapDays(dayRange("2024"), dayRange("2024-06-01")), 0);
  assert.equal(gapDays(dayRange("2023"), null), 0);
});

test("property: every article gets exactly one story, stories partition the articles, storylines contain stories", () => {
  const word = fc.constantFrom("harbor", "strike", "vote", "flood", "Mara", "Kestria", "bridge", "council", "2021", "7.2", "fire", "Tolmezzo");
  const doc = fc.record({
    words: fc.array(word, { minLength: 3, maxLength: 25 }),
    day: fc.integer({ min: 0, max: 400 }),
  });
  fc.assert(
    fc.property(fc.array(doc, { minLength: 1, maxLength: 25 }), (rows) => {
      const docs = rows.map((r, i) => ({
        id: `d${i}`,
        text: r.words.join(" ") + ".",
        date: new Date(Date.UTC(2021, 0, 1) + r.day * 86_400_000).toISOString().slice(0, 10),
      }));
      const c = new StoryClusterer();
      for (const d of docs) c.add(d);
      const st = c.toJSON();
      const seen = st.stories ? Object.values(st.stories).flatMap((s) => s.docIds) : [];
      assert.deepEqual([...seen].sort(), docs.map((d) => d.id).sort());
      for (const s of Object.values(st.stories)) {
        assert.ok(st.storylines[s.parent!]!.children.includes(s.id));
      }
      const b = clusterBatch(docs);
      assert.equal(b.assignments.length, docs.length);
      assert.deepEqual(b.stories.flatMap((s) => s.articleIds).sort(), docs.map((d) => d.id).sort());
    }),
    { numRuns: 40 },
  );
});

test("batch: a copy whose original is not in the batch stands for it; copies of present originals follow them", () => {
  const docs = ARTICLES.map(strip);
  const q2a = docs.find((d) => d.id === "q2a")!;
  const r = clusterBatch([
    ...docs.filter((d) => d.id !== "q1a"),
    { ...docs.find((d) => d.id === "q1b")!, id: "orphan", copyOf: "not-here" },
    { ...q2a, id: "q2a-copy", copyOf: "q2a" },
  ]);
  const a = new Map(r.assignments.map((x) => [x.id, x]));
  assert.ok(a.get("orphan")!.storyline, "every article gets a storyline");
  assert.equal(a.get("orphan")!.story, a.get("q1b")!.story);
  assert.equal(a.get("q2a-copy")!.story, a.get("q2a")!.story);
});

test("batch refinement keeps the time damping: the same texts a year apart stay in different stories", () => {
  const rehab = ARTICLES.filter((a) => a.event === "rehab-2023").map(strip);
  const later = rehab.map((d) => ({ ...d, id: d.id + "-later", date: d.date!.replace("2023", "2024") }));
  const r = clusterBatch([...ARTICLES.map(strip), ...later]);
  const a = new Map(r.assignments.map((x) => [x.id, x.story]));
  assert.notEqual(a.get("r1a"), a.get("r1a-later"));
  assert.equal(a.get("r1a-later"), a.get("r1b-later"));
});

test("empty or wordless articles get a story of their own instead of failing", () => {
  const c = new StoryClusterer();
  const a = c.add({ id: "e1", text: "" });
  const b = c.add({ id: "e2", text: "— … —", date: "2024-01-01" });
  assert.ok(a.created && b.created);
  assert.notEqual(a.story, b.story);
});

test("entities from the entity stage replace the capitalized-word guess", () => {
  const withEntities = termCounts("officials in the capital met the envoy.", null, ["Wang Wenbin", "Beijing"]);
  assert.ok(withEntities["P:wang wenbin"]! > 0 && withEntities["P:beijing"]! > 0);
  const guessed = termCounts("Officials met Wang Wenbin in Beijing.", null, ["Wang Wenbin"]);
  assert.equal(guessed["P:beijing"], undefined, "with entities given, capitalized words are not guessed as names");
});

test("a year-dated article is not every day of its year: it gets the time damping expected over its days", () => {
  const day = dayRange("2024-11-26")!;
  const year = dayRange("2024")!;
  assert.equal(dampOver(day, [day[0], day[0] + 1], 3, 10), 1, "a day inside the span");
  assert.equal(dampOver(dayRange("2024-12-06"), day, 3, 10), Math.exp(-7 / 10), "ten days on: plain damping");
  const yearVsDay = dampOver(year, day, 3, 10);
  assert.ok(yearVsDay > 0 && yearVsDay < 0.1, `${yearVsDay}`);
  // A story dated only by such an estimate is as uncertain, whichever side the year is on.
  assert.ok(Math.abs(dampOver(day, year, 3, 10, true) - yearVsDay) < 0.02);
  assert.equal(dampOver(day, year, 3, 10, false), 1, "a dated story spanning the year overlaps every day");
});
