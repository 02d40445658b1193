// Scaling out: two workers (separate store connections and story-clustering state, as on two machines) take the
// demo corpus from a Redis queue into one PostgreSQL store; the copy groups must equal the embedded run's.
// Needs DOSSIER_TEST_PG and DOSSIER_TEST_REDIS (CI sets both).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readInputs } from "../../src/ingest/files.ts";
import { defaultConfig } from "../../src/core/config.ts";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { Dossier } from "../../src/pipeline/dossier.ts";
import { drained, enqueue, ingestQueue, redisConnection, startWorker, type IngestJobData } from "../../src/pipeline/queue.ts";
import type { Store } from "../../src/store/store.ts";

const PG = process.env.DOSSIER_TEST_PG;
const REDIS = process.env.DOSSIER_TEST_REDIS;
const DEMO = fileURLToPath(new URL("../../demo/corpus/", import.meta.url));

async function groupsOf(store: Store): Promise<string[]> {
  const list = await store.listArticles({ limit: 1000 });
  const out = new Set<string>();
  for (const a of list) {
    const g = await store.getCopyGroup(a.id);
    if (g.length > 1) out.add(g.map((m) => m.articleId).sort().join(","));
  }
  return [...out].sort();
}

test("two workers on a shared queue and store build the same copy groups as one embedded process", { skip: !(PG && REDIS) && "set DOSSIER_TEST_PG and DOSSIER_TEST_REDIS", timeout: 180_000 }, async () => {
  const schema = `dossier_dist_${process.pid}`;
  const prefix = `dossier-test-${process.pid}`;
  const connection = redisConnection(REDIS!);
  const [s1, s2, reader] = await Promise.all([openPostgresStore(PG!, schema), openPostgresStore(PG!, schema), openPostgresStore(PG!, schema)]);
  const queue = ingestQueue(connection, prefix);
  const workers = [startWorker({ connection, store: s1, config: defaultConfig, prefix }), startWorker({ connection, store: s2, config: defaultConfig, prefix })];
  const embedded = openSqliteStore(":memory:");
  try {
    const jobs: IngestJobData[] = [];
    for (const item of readInputs([DEMO], defaultConfig.limits)) if (item.ok) jobs.push({ doc: item.doc, inputHash: item.inputHash, mode: "auto" });
    assert.ok(jobs.length >= 15);
    await enqueue(queue, jobs);
    await enqueue(queue, jobs); // the same inputs again: no new jobs while they wait
    await drained(queue);
    assert.equal(await reader.countArticles(), jobs.length);
    const done = await Promise.all(workers.map(async (w) => (await queue.getCompleted()).filter((j) => j.processedOn).length));
    assert.ok(done[0]! > 0);

    await new Dossier(embedded, defaultConfig).ingest(readInputs([DEMO], defaultConfig.limits));
    const shared = await groupsOf(reader);
    assert.ok(shared.length >= 1, "the demo's wire story forms a copy group");
    assert.deepEqual(shared, await groupsOf(embedded));
    const failures = (await queue.getCompleted()).flatMap((j) => j.returnvalue?.rejections ?? []);
    assert.deepEqual(failures, []);
    const stories = await reader.listStoryAssignments();
    assert.equal(new Set(stories.map((s) => s.articleId)).size, jobs.length, "every article has a story");
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await queue.obliterate({ force: true });
    await queue.close();
    await reader.dropSchema();
    await Promise.all([s1.close(), s2.close(), reader.close(), embedded.close()]);
  }
});
