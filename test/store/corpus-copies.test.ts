// The pipeline's copy stage keeps its index in the store (lsh rows, fingerprints read on demand, copies and
// copy_links tables): its groups must be exactly those of the in-memory CopyIndex fed the same articles in the
// same order, also after a crash between storing an article and grouping it, and after migrating a store
// written by the per-process index (schema 5).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { mulberry32 } from "../../src/core/random.ts";
import type { Article } from "../../src/core/types.ts";
import { CopyIndex } from "../../src/dedup/copy-index.ts";
import { wireCredits } from "../../src/dedup/credits.ts";
import { fingerprint } from "../../src/dedup/fingerprint.ts";
import { encodeFingerprint } from "../../src/dedup/serialize.ts";
import { CorpusStages } from "../../src/pipeline/corpus.ts";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import type { CopyRecord, Store } from "../../src/store/store.ts";
import { sampleArticle } from "./store-suite.ts";

const FIXTURES = new URL("../fixtures/dedup-harbor/", import.meta.url);
const NAMES = ["original", "verbatim", "wrapped", "trimmed", "edited", "spun", "distinct", "unrelated"];
// Some dated (one estimated, which does not count), some not: the original is picked by date, then content.
const DATES: Record<string, string | null> = { original: null, verbatim: "2024-03-06", wrapped: "2024-03-07", spun: "2024-03-05", distinct: "2024-03-01" };

function articles(): Article[] {
  return NAMES.map((n) => {
    const text = readFileSync(new URL(`${n}.txt`, FIXTURES), "utf8");
    const date = DATES[n] ?? null;
    return sampleArticle(text, {
      url: `https://example.org/${n}`,
      outlet: `Outlet ${n}`,
      published: date ? { date, precision: "day", source: "meta", estimated: n === "wrapped" } : null,
    });
  });
}

/** What the in-memory index says each article's record is, fed the articles in this order. */
function expected(order: Article[]): Map<string, CopyRecord> {
  const index = new CopyIndex();
  for (const a of order) {
    const date = a.published && !a.published.estimated ? a.published.date : null;
    index.addFingerprint(a.id, fingerprint(a.text), { date, outlet: a.outlet, credited: wireCredits(a.text).length > 0 });
  }
  const out = new Map<string, CopyRecord>();
  for (const g of index.groups({ singletons: true })) {
    for (const m of g.members) out.set(m.articleId, { articleId: m.articleId, group: g.id, original: m.articleId === g.original, kind: m.kind, similarity: m.similarity });
  }
  return out;
}

async function stored(store: Store, order: Article[]): Promise<Map<string, CopyRecord>> {
  const out = new Map<string, CopyRecord>();
  for (const a of order) {
    const mine = (await store.getCopyGroup(a.id)).find((r) => r.articleId === a.id);
    if (mine) out.set(a.id, mine);
  }
  return out;
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const rnd = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

test("the store-backed copy stage builds exactly the in-memory index's groups, in any arrival order", async () => {
  const all = articles();
  for (const order of [all, [...all].reverse(), shuffled(all, 1), shuffled(all, 2)]) {
    const store = openSqliteStore(":memory:");
    try {
      const stages = await CorpusStages.load(store);
      let last: CopyRecord[] = [];
      for (const a of order) {
        assert.equal((await store.putArticle(a, null, stages.signatureOf(a))).status, "added");
        last = await stages.addCopies(a);
      }
      const want = expected(order);
      assert.deepEqual(await stored(store, order), want);
      // addCopies returns the group as CopyIndex lists it: the original first, then by id.
      const groupOfLast = [...want.values()].filter((r) => r.group === want.get(order[order.length - 1]!.id)!.group);
      assert.deepEqual(last.map((r) => r.articleId), [groupOfLast.find((r) => r.original)!.articleId, ...groupOfLast.filter((r) => !r.original).map((r) => r.articleId).sort()]);
      // The wire story's six versions form one group.
      assert.equal(new Set([...want.values()].map((r) => r.group)).size, 3);
    } finally {
      await store.close();
    }
  }
});

test("an article stored without a signature is fingerprinted and grouped by addCopies", async () => {
  const all = articles();
  const store = openSqliteStore(":memory:");
  try {
    const stages = await CorpusStages.load(store);
    for (const a of all) {
      await store.putArticle(a, null);
      await stages.addCopies(a);
    }
    assert.deepEqual(await stored(store, all), expected(all));
  } finally {
    await store.close();
  }
});

test("articles stored but not grouped when the process stopped are grouped at the next start", async () => {
  const all = articles();
  const dir = mkdtempSync(join(tmpdir(), "dossier-copies-"));
  try {
    const path = join(dir, "crash.db");
    const first = openSqliteStore(path);
    const stages = await CorpusStages.load(first);
    for (const [i, a] of all.entries()) {
      await first.putArticle(a, null, stages.signatureOf(a));
      // The process dies after storing the last four articles (each with its signature, in one transaction).
      if (i < 4) await stages.addCopies(a);
    }
    assert.equal((await first.listSignatures(0, { pending: true })).length, 4);
    await first.close();
    const second = openSqliteStore(path);
    await CorpusStages.load(second);
    assert.equal((await second.listSignatures(0, { pending: true })).length, 0);
    assert.deepEqual(await stored(second, all), expected(all));
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a store written with per-process indexes (schema 5) is migrated and regrouped once", async () => {
  const all = articles();
  const dir = mkdtempSync(join(tmpdir(), "dossier-copies-"));
  try {
    const path = join(dir, "v5.db");
    const db = new Database(path);
    db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
    for (const [i, sql] of MIGRATIONS.slice(0, 5).entries()) {
      db.exec(sql);
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(i + 1);
    }
    // What schema-5 code stored: articles, signatures with meta, base-36 text band keys, copy records.
    for (const a of all) {
      db.prepare("INSERT INTO articles (id, source_id, origin, text, paragraphs_json, removed_json, ingested_at, words, outlet) VALUES (?, 's', 'test', ?, '[]', '[]', 'now', 1, ?)").run(a.id, a.text, a.outlet);
      const fp = fingerprint(a.text);
      const date = a.published && !a.published.estimated ? a.published.date : null;
      db.prepare("INSERT INTO signatures (article_id, sig, meta_json) VALUES (?, ?, ?)").run(a.id, Buffer.from(encodeFingerprint(fp)), JSON.stringify({ date, outlet: a.outlet, credited: wireCredits(a.text).length > 0 }));
      for (const k of fp.bands) db.prepare("INSERT OR IGNORE INTO lsh (band_key, article_id) VALUES (?, ?)").run(k.toString(36), a.id);
      db.prepare("INSERT INTO copies (article_id, group_id, original, kind, similarity) VALUES (?, ?, 1, NULL, 1)").run(a.id, a.id);
    }
    db.close();
    const store = openSqliteStore(path);
    assert.equal((await store.listSignatures(0, { pending: true })).length, all.length);
    const stages = await CorpusStages.load(store);
    assert.deepEqual(await stored(store, all), expected(all));
    // New articles find the migrated ones through the rebuilt lsh rows.
    const again = sampleArticle(all[0]!.text, { url: "https://example.org/again" });
    await store.putArticle(again, null, stages.signatureOf(again));
    const records = await stages.addCopies(again);
    assert.ok(records.some((r) => r.articleId === all[0]!.id), "the republished wire story joins its group");
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
