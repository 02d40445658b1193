// The storyline/story views are cached per store generation: computed once, recomputed after an ingest
// through the API (bump) or when another process changes the store (fingerprint re-read).

import { test } from "node:test";
import assert from "node:assert/strict";
import { ViewCache } from "../../src/api/view-cache.ts";
import type { Store } from "../../src/store/store.ts";

function fakeStore(state: { articles: number; lastRejection: number; reads: number }): Store {
  return {
    countArticles: async () => {
      state.reads++;
      return state.articles;
    },
    listRejections: async () => (state.lastRejection ? [{ id: state.lastRejection }] : []),
  } as unknown as Store;
}

test("computes a view once per generation; bump and store changes invalidate", async () => {
  const state = { articles: 10, lastRejection: 0, reads: 0 };
  let clock = 0;
  const cache = new ViewCache(fakeStore(state), { checkEveryMs: 1000, now: () => clock });
  let computed = 0;
  const view = () => cache.get("line:l1", async () => ++computed);
  assert.equal(await view(), 1);
  assert.equal(await view(), 1);
  assert.equal(await Promise.all([view(), view(), view()]).then((r) => r.join()), "1,1,1");
  assert.equal(computed, 1);
  assert.equal(state.reads, 1, "the store fingerprint is read at most once per interval");

  cache.bump();
  assert.equal(await view(), 2, "an ingest through the API invalidates at once");

  state.articles = 11; // another process ingested
  assert.equal(await view(), 2, "not seen before the re-check interval");
  clock += 1000;
  assert.equal(await view(), 3, "seen after the interval");
  state.lastRejection = 7;
  clock += 1000;
  assert.equal(await view(), 4, "a new rejection also changes the generation");
  clock += 1000;
  assert.equal(await view(), 4, "unchanged store keeps the cache");
});

test("a failed computation is not cached", async () => {
  const cache = new ViewCache(fakeStore({ articles: 1, lastRejection: 0, reads: 0 }));
  let n = 0;
  await assert.rejects(cache.get("k", async () => { n++; throw new Error("boom"); }));
  assert.equal(await cache.get("k", async () => ++n), 2);
});
