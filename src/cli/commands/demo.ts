// `dossier demo`: ingests the demo corpus shipped in demo/ into ./demo.db and prints what Dossier found.

import type { Command } from "commander";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readInputs } from "../../ingest/files.ts";
import { Dossier } from "../../pipeline/dossier.ts";
import { openSqliteStore } from "../../store/sqlite/sqlite-store.ts";
import { loadConfig, type GlobalOptions } from "../context.ts";
import { articleRows, table } from "../format.ts";
import { printSummary } from "./ingest.ts";

export const DEMO_DIR = fileURLToPath(new URL("../../../demo/corpus/", import.meta.url));

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("build a fresh demo database from the bundled corpus (demo/corpus) and show what Dossier finds")
    .option("--keep", "keep an existing demo database instead of rebuilding it")
    .action(async (o: { keep?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const db = g.db ?? "demo.db";
      if (!o.keep) for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) rmSync(f);
      const config = loadConfig(g.config);
      const store = openSqliteStore(db);
      try {
        console.log(`Ingesting the demo corpus (${DEMO_DIR}) into ${db} …`);
        const s = await new Dossier(store, config).ingest(readInputs([DEMO_DIR], config.limits));
        printSummary(s);
        const list = await store.listArticles({ limit: 100 });
        console.log("\nArticles:\n" + table(articleRows(list), ["id", "date", "outlet", "title", ""]));
        console.log(`\nTry: dossier --db ${db} show ${list[0]?.id.slice(0, 12) ?? "ID"} --removed   ·   dossier --db ${db} search fentanyl`);
      } finally {
        await store.close();
      }
    });
}
