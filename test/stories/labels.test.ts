import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { namesIn, taggedNames, describeGroups, describeBatch } from "../../src/stories/labels.ts";
import { clusterBatch, resultOf } from "../../src/stories/batch.ts";
import { StoryClusterer, type ClusterDoc } from "../../src/stories/clustering.ts";

const ARTICLES: (ClusterDoc & { event: string })[] = JSON.parse(
  readFileSync(new URL("../fixtures/stories-events/articles.json", import.meta.url), "utf8"),
);

test("namesIn finds multi-word names, drops possessives, sentence-initial words and weekdays", () => {
  const names = namesIn("Officials said Governor Dariush Kamali's office in Seyran opened on Tuesday. Rescue teams from the U.S. arrived. The Red Crescent helped.");
  assert.ok(names.includes("Governor Dariush Kamali"));
  assert.ok(names.includes("Seyran"));
  assert.ok(names.includes("U.S."));
  assert.ok(names.includes("Red Crescent"));
  assert.ok(!names.includes("Officials") && !names.includes("Rescue"));
  assert.ok(!names.some((n) => /Tuesday/.test(n)));
});

test("describeGroups: key actors and terms are what sets a group apart", () => {
  const groups = ["quake-arvand", "quake-tolmezzo", "rehab-2023"].map((e) => ARTICLES.filter((a) => a.event === e));
  const [arvand, tolmezzo, rehab] = describeGroups(groups, { names: namesIn });
  assert.ok(arvand!.keyActors.some((n) => /Kamali/.test(n)), arvand!.keyActors.join("; "));
  assert.ok(arvand!.keyActors.includes("Seyran") || arvand!.keyActors.includes("Red Crescent"));
  assert.ok(tolmezzo!.keyActors.some((n) => /Ferrante|Ovaro|Tolmezzo/.test(n)), tolmezzo!.keyActors.join("; "));
  assert.ok(rehab!.keyActors.some((n) => /Linden|Crestview|Varga/.test(n)), rehab!.keyActors.join("; "));
  for (const d of [arvand!, tolmezzo!, rehab!]) {
    assert.ok(d.label.length > 0);
    assert.ok(d.keyActors.length <= 5);
  }
});

test("describeBatch turns a batch clustering into Story and Storyline records", () => {
  const docs = ARTICLES.map(({ event: _e, ...d }) => d);
  const r = clusterBatch(docs);
  const { stories, storylines } = describeBatch(docs, r, { names: namesIn });
  assert.equal(stories.length, r.stories.length);
  assert.deepEqual(stories.flatMap((s) => s.articleIds).sort(), docs.map((d) => d.id).sort());
  for (const s of stories) {
    assert.ok(storylines.some((l) => l.id === s.storylineId && l.storyIds.includes(s.id)));
    assert.ok(s.label);
    assert.ok(s.firstSeen && s.lastSeen && s.firstSeen <= s.lastSeen);
  }
  const rehabLine = storylines.find((l) => l.storyIds.includes(stories.find((s) => s.articleIds.includes("r1a"))!.id))!;
  assert.ok(rehabLine.keyActors.some((n) => /Mara Linden|Linden/.test(n)), rehabLine.keyActors.join("; "));
});

test("resultOf turns the online clusterer's state into records describeBatch can label", () => {
  const docs = ARTICLES.map(({ event: _e, ...d }) => d);
  const c = new StoryClusterer();
  for (const d of docs) c.add(d);
  const r = resultOf(c);
  assert.deepEqual(r.assignments.map((a) => a.id).sort(), docs.map((d) => d.id).sort());
  const { stories, storylines } = describeBatch(docs, r, { names: namesIn });
  assert.equal(stories.length, 4);
  assert.ok(storylines.every((l) => l.storyIds.length >= 1));
  assert.ok(stories.find((s) => s.articleIds.includes("q2a"))!.keyEntities.some((n) => /Ferrante|Ovaro|Tolmezzo|Comeglians/.test(n)));
});

test("a surname folds into the full name; a country does not fold into a longer official name", () => {
  const docs: ClusterDoc[] = [
    { id: "a", text: "The envoy met Rahul Gupta in Delhi. Officials said Gupta praised China. Later Gupta left for China." },
    { id: "b", text: "Reporters asked Gupta about the People's Republic of China. Gupta declined to comment on China." },
  ];
  const [d] = describeGroups([docs], { names: namesIn });
  assert.ok(d!.keyActors.includes("Rahul Gupta"), d!.keyActors.join("; "));
  assert.ok(!d!.keyActors.includes("Gupta"));
  assert.ok(d!.keyActors.includes("China"), d!.keyActors.join("; "));
});

test("by default names come from the entity tagger (src/nlp/ner)", () => {
  const names = taggedNames("Foreign Ministry spokesperson Wang Wenbin spoke in Beijing on Friday.");
  assert.ok(names.includes("Wang Wenbin"), names.join("; "));
  assert.ok(names.includes("Beijing"), names.join("; "));
});
