import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { runStoreSuite } from "./store-suite.ts";

runStoreSuite("sqlite :memory:", async () => openSqliteStore(":memory:"));

const dir = mkdtempSync(join(tmpdir(), "dossier-store-"));
let n = 0;
runStoreSuite("sqlite file", async () => openSqliteStore(join(dir, `t${n++}.db`)));
after(() => rmSync(dir, { recursive: true, force: true }));
