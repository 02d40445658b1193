// The demo corpus end to end against what demo/README.md promises: copy group, stories, dates, and who said
// what for whom (every speaker of the README's quote table, with their side).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readInputs } from "../../src/ingest/files.ts";
import { defaultConfig } from "../../src/core/config.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { Dossier } from "../../src/pipeline/dossier.ts";
import type { QuoteRecord } from "../../src/store/store.ts";

const DEMO = fileURLToPath(new URL("../../demo/corpus/", import.meta.url));
const US = "United States";

// [file prefix (a JSONL row is file:line), speaker, side (undefined: any), direct quote expected]
const SAID: [string, string, string | null | undefined, boolean][] = [
  ["01", "Wang Wenbin", "China", true],
  ["01", "Antony Blinken", US, false],
  ["02", "Brian Nelson", US, true],
  ["02", "Liu Pengyu", "China", false],
  ["03", "Merrick Garland", US, true],
  ["03", "Anne Milgram", US, true],
  ["04", "Antony Blinken", US, true],
  ["05", "Antony Blinken", US, true],
  ["05", "Mélanie Joly", "Canada", false],
  ["05", "Todd Robinson", US, true],
  ["05", "Wang Wenbin", "China", false],
  ["06", "Merrick Garland", US, true],
  ["06", "Liu Pengyu", "China", true],
  ["06", "Mao Ning", "China", false],
  ["07", "Joe Biden", US, true],
  ["07", "Xi Jinping", "China", false],
  ["08", "Mao Ning", "China", true],
  ["09", "Wang Xiaohong", "China", true],
  ["09", "Jen Daskal", US, true],
  ["10", "Jen Daskal", US, false],
  ["11", "Lin Jian", "China", true],
  ["11", "Rahul Gupta", US, false],
  ["12", "Rahul Gupta", US, true],
  ["12", "Mao Ning", "China", false],
  ["13", "Liu Pengyu", "China", true],
  ["13", "Donald Trump", US, false],
  // A county sheriff in "the Sauk Valley": nothing in the text names her country.
  ["16", "Dolores Mertens", undefined, true],
  ["15-wire-rows.jsonl:2", "Wang Xiaohong", "China", true],
];

test("demo corpus: every speaker the demo README lists is found, with their side", { timeout: 180_000 }, async () => {
  const store = openSqliteStore(":memory:");
  try {
    const d = new Dossier(store, defaultConfig);
    const s = await d.ingest(readInputs([DEMO], defaultConfig.limits));
    assert.equal(s.added, 18, JSON.stringify(s.rejections));
    const list = await store.listArticles({ limit: 50 });
    const fileOf = (origin: string) => origin.split("/").pop()!;
    const quotes = await store.listQuotes({ limit: 2000 });
    const byArticle = new Map<string, QuoteRecord[]>();
    for (const q of quotes) byArticle.set(q.articleId, [...(byArticle.get(q.articleId) ?? []), q]);
    const missing: string[] = [];
    for (const [file, speaker, side, direct] of SAID) {
      const arts = list.filter((a) => (file.includes(":") ? fileOf(a.origin) === file : fileOf(a.origin).startsWith(`${file}-`)));
      assert.ok(arts.length >= 1, `no article for ${file} among ${list.map((a) => a.origin).join(", ")}`);
      const qs = arts.flatMap((a) => byArticle.get(a.id) ?? []);
      const ok = qs.some((q) => (q.speaker ?? "").endsWith(speaker) && (side === undefined || q.side === side) && (!direct || q.direct));
      if (!ok) {
        const got = qs.filter((q) => (q.speaker ?? "").includes(speaker.split(" ").pop()!)).map((q) => `${q.speaker} (${q.side ?? "no side"}${q.direct ? ", direct" : ""})`);
        missing.push(`${file}: ${speaker} (${side}${direct ? ", direct" : ""}) — found ${got.join("; ") || "nothing"}`);
      }
    }
    assert.deepEqual(missing, []);

    // A year-dated article (12, "2024") must not stretch a story over the whole year: the tariff story
    // (13 and its copies, November 2024) holds nothing from January or July.
    const tariff = list.find((a) => fileOf(a.origin).startsWith("13-"))!;
    const story = (await d.stories()).find((st) => st.articleIds.includes(tariff.id))!;
    const dates = list.filter((a) => story.articleIds.includes(a.id)).map((a) => a.date ?? "");
    assert.ok(dates.every((x) => x.startsWith("2024-11") || x === "2024"), dates.join(", "));
    // One storyline; its label's topic words are not the places it already names, and a generic body among
    // the key actors says whose it is.
    const lines = await d.storylines();
    assert.equal(lines.length, 1);
    const [places, topic] = lines[0]!.label.split(": ");
    assert.match(places!, /China/);
    assert.doesNotMatch(topic ?? "", /beijing|washington|chinese|american/i, lines[0]!.label);
    assert.ok(!lines[0]!.keyActors.includes("Foreign Ministry"), lines[0]!.keyActors.join(", "));
    // The undated analysis (12) is its own story: "2024" is not close in time to any one day of 2024.
    const analysis = list.find((a) => fileOf(a.origin).startsWith("12-"))!;
    assert.deepEqual((await d.stories()).find((st) => st.articleIds.includes(analysis.id))!.articleIds, [analysis.id]);
  } finally {
    await store.close();
  }
});
