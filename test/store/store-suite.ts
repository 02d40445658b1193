// The shared store test suite (DESIGN.md convention 4): every backend runs exactly these tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Store } from "../../src/store/store.ts";
import type { Annotations, Article } from "../../src/core/types.ts";
import { articleId, paragraphSpans } from "../../src/pipeline/article.ts";
import { LSH_LIMITS, MemoryLshStorage } from "../../src/dedup/lsh.ts";

export function sampleArticle(text: string, over: Partial<Article> = {}): Article {
  const url = over.url ?? null;
  return {
    id: articleId(text, url),
    sourceId: "sample",
    origin: "test",
    url,
    outlet: "Harbor Ledger",
    title: "Port workers end strike",
    byline: "Ana Ruiz",
    published: { date: "2024-03-05", precision: "day", source: "meta" },
    dateline: null,
    language: "en",
    text,
    paragraphs: paragraphSpans(text),
    removed: [{ text: "Subscribe now", reason: "boilerplate" }],
    ingestedAt: "2024-03-06T00:00:00.000Z",
    ...over,
  };
}

export function runStoreSuite(name: string, makeStore: () => Promise<Store>): void {
  const withStore = (title: string, fn: (s: Store) => Promise<void>) =>
    test(`${name}: ${title}`, async () => {
      const s = await makeStore();
      try { await fn(s); } finally { await s.close(); }
    });

  withStore("stores and reads back an article, paragraphs and removals intact", async (s) => {
    const a = sampleArticle("Dock workers voted to end the strike.\n\nCranes resumed at dawn.");
    assert.deepEqual(await s.putArticle(a, "h1"), { status: "added", id: a.id });
    const b = await s.getArticle(a.id);
    assert.deepEqual(b, a);
    assert.equal(await s.seenInput("h1"), a.id);
    assert.equal(await s.seenInput("nope"), null);
    assert.equal(await s.resolveId(a.id.slice(0, 10)), a.id);
    const est = { date: "2024-11", precision: "month" as const, source: "inferred" as const, estimated: true, evidence: ["copy"] };
    await s.updatePublished(a.id, est);
    assert.deepEqual((await s.getArticle(a.id))!.published, est);
    assert.equal((await s.listArticles({ from: "2024-11" }))[0]!.estimated, true);
  });

  withStore("re-adding the same article is a duplicate and adds nothing", async (s) => {
    const a = sampleArticle("Same words twice.");
    await s.putArticle(a, "h1");
    assert.equal((await s.putArticle(a, "h2")).status, "duplicate");
    assert.equal(await s.countArticles(), 1);
    assert.equal(await s.seenInput("h2"), a.id);
  });

  withStore("lists with outlet and date filters, newest first", async (s) => {
    await s.putArticle(sampleArticle("One.", { outlet: "A Wire", published: { date: "2023-01-02", precision: "day", source: "meta" } }), null);
    await s.putArticle(sampleArticle("Two.", { outlet: "B Post", published: { date: "2023-07", precision: "month", source: "text" } }), null);
    await s.putArticle(sampleArticle("Three.", { outlet: "A Wire", published: null }), null);
    const all = await s.listArticles();
    assert.deepEqual(all.map((x) => x.date), ["2023-07", "2023-01-02", null]);
    assert.equal((await s.listArticles({ outlet: "a wire" })).length, 2);
    assert.deepEqual((await s.listArticles({ from: "2023-06", to: "2023-07" })).map((x) => x.date), ["2023-07"]);
    assert.deepEqual((await s.listArticles({ to: "2023-01" })).map((x) => x.date), ["2023-01-02"]);
    assert.equal(await s.countArticles({ outlet: "A Wire" }), 2);
  });

  withStore("full-text search ranks and returns snippets; hostile queries are safe", async (s) => {
    await s.putArticle(sampleArticle("The harbor strike ended after talks on wages.", { title: "Strike ends" }), null);
    await s.putArticle(sampleArticle("A festival of kites filled the beach.", { title: "Kites" }), null);
    const hits = await s.search("strike wages");
    assert.equal(hits.length, 1);
    assert.match(hits[0]!.snippet, /\[strike\]/i);
    assert.deepEqual(await s.search('"); DROP TABLE articles; --'), []);
    assert.equal((await s.search("kite* OR strike")).length, 2);
    assert.equal(await s.countArticles(), 2);
  });

  withStore("each search hit's snippet comes from its own article; pages follow the ranking", async (s) => {
    const towns = ["Ashford", "Brindle", "Caldwell", "Dunmore", "Easton", "Fairholm", "Glenrock"];
    for (const [i, t] of towns.entries()) {
      const ferry = "ferry ".repeat(i + 1).trim();
      await s.putArticle(sampleArticle(`The ${t} council voted on the ${ferry} timetable.`, { title: `${t} vote` }), null);
    }
    const hits = await s.search("ferry");
    assert.equal(hits.length, towns.length);
    for (const h of hits) assert.match(h.snippet, new RegExp(h.title!.split(" ")[0]!), `${h.title}: ${h.snippet}`);
    assert.deepEqual(hits.map((h) => h.rank), [...hits.map((h) => h.rank)].sort((a, b) => b - a));
    const paged = [...(await s.search("ferry", { limit: 3 })), ...(await s.search("ferry", { limit: 3, offset: 3 })), ...(await s.search("ferry", { limit: 3, offset: 6 }))];
    assert.deepEqual(paged.map((h) => h.id), hits.map((h) => h.id));
  });

  withStore("rejections are stored once per input and listed", async (s) => {
    await s.putRejection({ ok: false, code: "EMPTY_INPUT", reason: "x.txt: empty", origin: "x.txt" }, "hx");
    await s.putRejection({ ok: false, code: "EMPTY_INPUT", reason: "x.txt: empty", origin: "x.txt" }, "hx");
    const r = await s.listRejections();
    assert.equal(r.length, 1);
    assert.equal(r[0]!.code, "EMPTY_INPUT");
    assert.equal(await s.seenInput("hx"), "rejected");
  });

  withStore("annotations, quotes and entities round-trip and merge across articles", async (s) => {
    const text = "“We will sign,” said Mayor Lina Osei. Osei spoke at noon.";
    const a = sampleArticle(text);
    await s.putArticle(a, null);
    const ann: Annotations = {
      sentences: [{ start: 0, end: 37 }],
      mentions: [{ start: 26, end: 36, text: "Lina Osei", kind: "person", entity: "person:lina osei" }],
      entities: [{ key: "person:lina osei", name: "Lina Osei", kind: "person", aliases: ["Osei"], roles: ["Mayor"], side: "Portville" }],
      quotes: [{ content: { start: 1, end: 13 }, direct: true, cue: { start: 16, end: 20 }, source: { start: 21, end: 36 }, speaker: "Lina Osei", speakerEntity: "person:lina osei", side: "Portville" }],
      timexes: [],
    };
    await s.putAnnotations(a.id, ann, "test-1");
    assert.deepEqual(await s.getAnnotations(a.id), ann);
    const q = await s.listQuotes({ side: "portville" });
    assert.equal(q.length, 1);
    assert.equal(q[0]!.text, text.slice(1, 13));
    assert.equal((await s.listQuotes({ speaker: "Osei" })).length, 1);
    const e = await s.listEntities();
    assert.equal(e[0]!.name, "Lina Osei");
    assert.equal(e[0]!.articles, 1);
    // re-annotating replaces, not duplicates
    await s.putAnnotations(a.id, ann, "test-2");
    assert.equal((await s.listQuotes()).length, 1);
  });

  withStore("a person's side across the store is the one most articles give, on every quote of theirs", async (s) => {
    const key = "person:ana ruiz";
    const said = async (text: string, side: string | null) => {
      const a = sampleArticle(text);
      await s.putArticle(a, null);
      await s.putAnnotations(a.id, {
        sentences: [], timexes: [],
        mentions: [{ start: 0, end: 8, text: "Ana Ruiz", kind: "person", entity: key }],
        entities: [{ key, name: "Ana Ruiz", kind: "person", aliases: [], roles: [], side }],
        quotes: [{ content: { start: 14, end: 30 }, direct: false, cue: { start: 9, end: 13 }, source: { start: 0, end: 8 }, speaker: "Ana Ruiz", speakerEntity: key, side }],
      }, "t");
    };
    await said("Ana Ruiz said the border will reopen soon.", "Valdoria");
    await said("Ana Ruiz said the ferry would sail at dawn.", "Marenia"); // one article got her side wrong
    await said("Ana Ruiz said the bridge was safe to cross.", null); // one gave none
    await said("Ana Ruiz said the port had new cranes now.", "Valdoria");
    assert.deepEqual((await s.listQuotes({ speaker: key })).map((q) => q.side), ["Valdoria", "Valdoria", "Valdoria", "Valdoria"]);
    assert.equal((await s.listEntities()).find((e) => e.key === key)?.side, "Valdoria");
  });

  const sig = (bytes: number[], keys: number[], meta = {}) => ({ signature: new Uint8Array(bytes), bandKeys: Uint32Array.from(keys), meta });

  withStore("signatures, LSH candidates and copy groups", async (s) => {
    const a = sampleArticle("Original wire text.");
    const b = sampleArticle("Original wire text, reprinted.");
    // An article and its signature in one call (one transaction); the other backfilled.
    await s.putArticle(a, null, sig([1, 2, 3], [10, 0xfffffff0]));
    await s.putArticle(b, null);
    await s.putSignature(b.id, sig([1, 2, 4], [10, 30], { date: "2024-01-02", credited: true }));
    assert.deepEqual((await s.listSignatures()).map((x) => [x.articleId, x.meta, x.grouped]), [[a.id, {}, false], [b.id, { date: "2024-01-02", credited: true }, false]]);
    assert.deepEqual([...(await s.getSignature(a.id))!], [1, 2, 3]);
    assert.deepEqual((await s.getSignatures([b.id, "nope"])).map((x) => [x.articleId, [...x.signature]]), [[b.id, [1, 2, 4]]]);
    // Pending (not yet grouped) articles are no one's candidates.
    assert.deepEqual(await s.lshCandidates(Uint32Array.from([10])), []);
    await s.putCopyGroup(a.id, [], [{ articleId: a.id, group: a.id, original: true, kind: null, similarity: 1 }]);
    assert.deepEqual(await s.lshCandidates(Uint32Array.from([10, 0xfffffff0])), [a.id]);
    assert.deepEqual(await s.lshCandidates(Uint32Array.from([10]), a.id), []);
    const link = { a: a.id < b.id ? a.id : b.id, b: a.id < b.id ? b.id : a.id, kind: "partial" as const, similarity: 0.9 };
    await s.putCopyGroup(b.id, [link], [
      { articleId: a.id, group: "g1", original: true, kind: null, similarity: 1 },
      { articleId: b.id, group: "g1", original: false, kind: "partial", similarity: 0.9 },
    ]);
    assert.deepEqual((await s.listSignatures(0, { pending: true })).length, 0);
    assert.deepEqual(await s.lshCandidates(Uint32Array.from([10])), [a.id, b.id]);
    assert.deepEqual(await s.lshCandidates(Uint32Array.from([30, 7])), [b.id]);
    assert.deepEqual(await s.getCopyLinks([b.id]), [link]);
    assert.deepEqual(await s.getCopyLinks(["nope"]), []);
    const g = await s.getCopyGroup(b.id);
    assert.deepEqual(g.map((x) => x.articleId), [a.id, b.id]);
    assert.equal((await s.listArticles({ originalsOnly: true })).length, 1);
    assert.equal((await s.listArticles({ originalsOnly: true }))[0]!.copies, 1);
    // search shows each copy group once, as its original, with the copy count
    const hits = await s.search("wire");
    assert.deepEqual(hits.map((h) => [h.id, h.copies]), [[a.id, 1]]);
    // A duplicate article stores no second signature; a replaced signature drops the old band keys.
    assert.equal((await s.putArticle(a, null, sig([5], [99]))).status, "duplicate");
    assert.deepEqual([...(await s.getSignature(a.id))!], [1, 2, 3]);
    await s.putSignature(a.id, sig([7], [11]));
    await s.putCopyGroup(a.id, [], []);
    assert.deepEqual(await s.lshCandidates(Uint32Array.from([10, 0xfffffff0])), [b.id]);
    assert.deepEqual(await s.lshCandidates(Uint32Array.from([11])), [a.id]);
  });

  withStore("a band key shared by more articles than the cap is sampled, as in MemoryLshStorage", async (s) => {
    const n = LSH_LIMITS.maxPerKey + 3;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const a = sampleArticle(`Stock phrase article number ${i}.`);
      // Every article files key 5; article i also files its own key 1000 + i.
      await s.putArticle(a, null, sig([i & 255], [5, 1000 + i]));
      await s.putCopyGroup(a.id, [], []);
      ids.push(a.id);
    }
    const memory = new MemoryLshStorage();
    for (let i = 0; i < n; i++) memory.add(ids[i]!, Uint32Array.from([5, 1000 + i]));
    for (const keys of [[5], [5, 1000], [1000 + n - 1, 5], [1000 + 7]]) {
      assert.deepEqual(await s.lshCandidates(Uint32Array.from(keys)), memory.candidates(Uint32Array.from(keys)), `keys ${keys}`);
    }
    // The querying article is left out before the cap applies (MemoryLshStorage looks up before filing).
    const last = ids[LSH_LIMITS.maxPerKey - 1]!;
    const before = new MemoryLshStorage();
    for (let i = 0; i < LSH_LIMITS.maxPerKey - 1; i++) before.add(ids[i]!, Uint32Array.from([5, 1000 + i]));
    assert.deepEqual(await s.lshCandidates(Uint32Array.from([5]), last), before.candidates(Uint32Array.from([5])));
  });

  withStore("signatures list after a sequence number; the lock serializes callers", async (s) => {
    const a = sampleArticle("First signed.");
    const b = sampleArticle("Second signed.");
    await s.putArticle(a, null);
    await s.putArticle(b, null);
    await s.putSignature(a.id, sig([9], [1]));
    const first = await s.listSignatures();
    await s.putSignature(b.id, sig([8], [1]));
    const later = await s.listSignatures(first[first.length - 1]!.seq);
    assert.deepEqual(later.map((x) => x.articleId), [b.id]);
    await s.putCopyGroup(a.id, [], []);
    assert.deepEqual((await s.listSignatures(0, { pending: true })).map((x) => x.articleId), [b.id]);
    assert.deepEqual((await s.listSignatures(0, { limit: 1 })).map((x) => x.articleId), [a.id]);
    const order: string[] = [];
    const slow = (tag: string, ms: number) => s.withLock("t", async () => {
      order.push(`${tag}+`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${tag}-`);
      return tag;
    });
    assert.deepEqual(await Promise.all([slow("a", 30), slow("b", 1)]), ["a", "b"]);
    assert.deepEqual(order, ["a+", "a-", "b+", "b-"]);
  });

  withStore("stories and state blobs", async (s) => {
    const a = sampleArticle("Story text.");
    await s.putArticle(a, null);
    const b = sampleArticle("Story copy text.", { outlet: "B Post", published: { date: "2024-03-07", precision: "day", source: "meta" } });
    await s.putArticle(b, null);
    await s.putCopies([
      { articleId: a.id, group: "g", original: true, kind: null, similarity: 1 },
      { articleId: b.id, group: "g", original: false, kind: "verbatim", similarity: 1 },
    ]);
    await s.putStories([{ articleId: a.id, story: "s1", storyline: "l1" }, { articleId: b.id, story: "s1", storyline: "l1" }]);
    assert.deepEqual((await s.listStoryAssignments({ storyline: "l1" })).map((x) => x.articleId).sort(), [a.id, b.id].sort());
    assert.deepEqual(await s.listStoryAssignments({ storyline: "nope" }), []);
    const [row] = await s.listStoryRows();
    assert.equal(row!.story, "s1");
    assert.equal(row!.storyline, "l1");
    assert.equal(row!.articles, 2);
    assert.equal(row!.originals, 1);
    assert.equal(row!.first, "2024-03-05");
    assert.equal(row!.last, "2024-03-07");
    assert.deepEqual(row!.outlets.sort(), ["B Post", "Harbor Ledger"]);
    assert.deepEqual(row!.articleIds.sort(), [a.id, b.id].sort());
    assert.equal(row!.leadTitle, "Port workers end strike");
    assert.deepEqual((await s.getSummaries([b.id, "missing"])).map((x) => x.id), [b.id]);
    await s.putAnnotations(a.id, { sentences: [], mentions: [], timexes: [], quotes: [], entities: [{ key: "place:harbor", name: "Harbor", kind: "place", aliases: [], roles: [], side: null }] }, "t");
    assert.deepEqual(await s.storylineEntityCounts(), [{ storyline: "l1", key: "place:harbor", name: "Harbor", kind: "place", articles: 1 }]);
    assert.equal(await s.getState("x"), null);
    await s.putState("x", { n: 1, v: [1, 2] });
    assert.deepEqual(await s.getState("x"), { n: 1, v: [1, 2] });
  });
}
