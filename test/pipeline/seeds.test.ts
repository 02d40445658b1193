// The five seed documents (../shared/seeds) through the whole pipeline, as a user would ingest them:
// the bars the issues set on them, end to end. Skips where ../shared is absent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readInputs } from "../../src/ingest/files.ts";
import { defaultConfig } from "../../src/core/config.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { Dossier } from "../../src/pipeline/dossier.ts";

const SEEDS = fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));

test("seeds end to end: copies, dates, stories, one storyline, timeline, quotes by side", { skip: !existsSync(SEEDS) && "needs ../shared/seeds", timeout: 120_000 }, async () => {
  const store = openSqliteStore(":memory:");
  try {
    const d = new Dossier(store, defaultConfig);
    const s = await d.ingest(readInputs([SEEDS], defaultConfig.limits));
    assert.equal(s.added, 5, JSON.stringify(s.rejections));
    const list = await store.listArticles({ limit: 10 });
    const by = (prefix: string) => list.find((a) => a.origin.split("/").pop()!.startsWith(prefix))!;
    const [s0, s1, s2, s3, s4] = ["000", "001", "002", "003", "004"].map(by);

    // Extraction: the raw AP dump has its title, date and outlet.
    const a0 = (await store.getArticle(s0!.id))!;
    assert.match(a0.title ?? "", /necessary conditions/);
    assert.equal(a0.published?.date, "2023-07-07");
    assert.equal(a0.outlet, "AP");

    // Copies: 000 and 001 are one group; 002 (a different AP story, spun) and the others stand alone.
    assert.equal(s0!.group, s1!.group);
    for (const x of [s2, s3, s4]) assert.ok(x!.group !== s0!.group && x!.copies === 0, x!.origin);

    // Dates: 001 takes its copy's date; 004 is estimated to late 2024; estimates are marked.
    const a1 = (await store.getArticle(s1!.id))!;
    assert.equal(a1.published?.date, "2023-07-07");
    const a4 = (await store.getArticle(s4!.id))!;
    assert.ok(a4.published?.estimated && /^2024-1[12]/.test(a4.published.date), JSON.stringify(a4.published));

    // Stories and storylines: one storyline holds all five; 002 and 004 have stories of their own.
    const stories = await d.stories();
    const storyOf = (id: string) => stories.find((st) => st.articleIds.includes(id))!;
    assert.equal(storyOf(s2!.id).articleIds.length, 1);
    assert.equal(storyOf(s4!.id).articleIds.length, 1);
    // 004 has no title: its story is labelled with the start of its first sentence.
    assert.ok(a4.text.replace(/\s+/g, " ").startsWith(storyOf(s4!.id).label.replace(/ …$/, "")), storyOf(s4!.id).label);
    const lines = await d.storylines();
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.articles, 5);

    // Timeline: what happened when, including what articles say happened earlier, with citations.
    const v = await d.storyline(lines[0]!.id);
    const dates = v.timeline.map((e) => e.date);
    for (const want of ["2019", "2022-08", "2023-06", "2023-07-07", "2023-11"]) assert.ok(dates.includes(want), `${want} in ${dates.join(", ")}`);
    assert.deepEqual(dates, [...dates].sort());
    const cited = async (date: string, phrase: RegExp) => {
      const e = v.timeline.find((x) => x.date === date)!;
      const texts = await Promise.all(e.citations.map(async (c) => (await store.getArticle(c.articleId))!.text.slice(c.span.start, c.span.end)));
      assert.ok(texts.some((t) => phrase.test(t)), `${date}: ${texts.join(" | ")}`);
    };
    await cited("2022-08", /last August/);
    await cited("2023-06", /late last month/);
    await cited("2019", /2019/);

    // Who said what: direct quotes attributed to the canonical person, with the right side.
    const quotes = await store.listQuotes({ limit: 500 });
    const saidBy = (name: string, side: string) => quotes.some((q) => q.direct && q.speaker === name && q.side === side);
    assert.ok(saidBy("Wang Wenbin", "China"), "Wang Wenbin (China)");
    assert.ok(saidBy("Todd Robinson", "United States"), "Todd Robinson (United States)");
    assert.ok(saidBy("Lin Jian", "China"), "Lin Jian (China)");
    assert.ok(saidBy("Wang Xiaohong", "China"), "Wang Xiaohong (China)");
    assert.ok(v.sides.some((x) => x.side === "China") && v.sides.some((x) => x.side === "United States"));
  } finally {
    await store.close();
  }
});
