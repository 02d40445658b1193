// The storyline/story views and GET responses are cached per store generation: computed once, recomputed
// after an ingest through the API (bump) or when another process changes the store (fingerprint re-read).

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StoreGeneration, ViewCache } from "../../src/api/view-cache.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import type { Store } from "../../src/store/store.ts";

const tick = () => new Promise((r) => setImmediate(r));

test("computes a view once per generation; bump and store changes invalidate", async () => {
  let fp = "a";
  let reads = 0;
  let clock = 0;
  const gen = new StoreGeneration({ kind: "postgres" } as unknown as Store, { checkEveryMs: 1000, now: () => clock, fingerprint: async () => (reads++, fp) });
  const cache = new ViewCache(gen);
  let computed = 0;
  const view = () => cache.get("line:l1", async () => ++computed);
  assert.equal(await view(), 1);
  assert.equal(await view(), 1);
  assert.equal((await Promise.all([view(), view(), view()])).join(), "1,1,1");
  assert.equal(computed, 1);
  assert.equal(reads, 1, "the store fingerprint is read at most once per interval");

  gen.bump();
  assert.equal(await view(), 2, "an ingest through the API invalidates at once");

  fp = "b"; // another process wrote to the store
  assert.equal(await view(), 2, "not seen before the re-check interval");
  clock += 1000;
  await view(); // starts the background re-read
  await tick();
  assert.equal(await view(), 3, "seen once the re-read finished");
  clock += 1000;
  await view();
  await tick();
  assert.equal(await view(), 3, "an unchanged store keeps the cache");
});

test("a failed computation is not cached; the oldest entries are dropped past maxEntries", async () => {
  const gen = new StoreGeneration({ kind: "postgres" } as unknown as Store, { fingerprint: async () => "x" });
  const cache = new ViewCache(gen, { maxEntries: 2 });
  let n = 0;
  await assert.rejects(cache.get("k", async () => { n++; throw new Error("boom"); }));
  assert.equal(await cache.get("k", async () => ++n), 2);
  await cache.get("k2", async () => 0);
  await cache.get("k", async () => -1); // touch k: k2 is now the least recently used
  await cache.get("k3", async () => 0);
  assert.equal(await cache.get("k", async () => -1), 2, "recently used entry kept");
  assert.equal(await cache.get("k2", async () => 99), 99, "least recently used entry dropped");
});

test("on SQLite a commit by another connection changes the generation (PRAGMA data_version)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dossier-gen-"));
  const a = openSqliteStore(join(dir, "g.db"));
  const b = openSqliteStore(join(dir, "g.db"));
  try {
    let clock = 0;
    const gen = new StoreGeneration(a, { checkEveryMs: 10, now: () => clock });
    const g1 = await gen.current();
    await b.putRejection({ ok: false, code: "EMPTY_INPUT", reason: "empty", origin: "other-process.txt" }, null);
    clock += 10;
    await gen.current();
    await tick();
    assert.notEqual(await gen.current(), g1);
  } finally {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
