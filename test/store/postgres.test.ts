// The shared store suite on PostgreSQL. Runs when DOSSIER_TEST_PG is set (CI sets it), e.g.
// DOSSIER_TEST_PG=postgres://postgres@127.0.0.1:5432/test npm test -- store
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPostgresStore, toTsQuery, type PostgresStore } from "../../src/store/postgres/postgres-store.ts";
import { runStoreSuite } from "./store-suite.ts";

const url = process.env.DOSSIER_TEST_PG;

test("user queries become safe tsquery text", () => {
  assert.equal(toTsQuery('fentanyl "working group" OR talks'), "fentanyl & (working <-> group) | talks");
  assert.equal(toTsQuery("'); DROP TABLE x; --"), "DROP & TABLE & x");
  assert.equal(toTsQuery("  "), "");
});

if (!url) {
  test("postgres store suite", { skip: "set DOSSIER_TEST_PG=postgres://… to run it" }, () => {});
} else {
  let n = 0;
  const opened: PostgresStore[] = [];
  runStoreSuite("postgres", async () => {
    const s = await openPostgresStore(url, `dossier_test_${process.pid}_${n++}`);
    opened.push(s);
    // Each test gets a fresh schema; drop it when the test closes the store.
    const close = s.close.bind(s);
    s.close = async () => {
      await s.dropSchema();
      await close();
    };
    return s;
  });
}
