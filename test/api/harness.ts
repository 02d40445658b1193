// Shared set-up for the API and UI tests: a temporary SQLite store with the demo corpus ingested.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeConfig } from "../../src/core/config.ts";
import { readInputs } from "../../src/ingest/files.ts";
import { Dossier } from "../../src/pipeline/dossier.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";

export const DEMO_DIR = fileURLToPath(new URL("../../demo/corpus/", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
export const SHARED = fileURLToPath(new URL("../../../shared/", import.meta.url));
export const config = makeConfig({});

export interface TempDossier {
  dossier: Dossier;
  dir: string;
  close(): Promise<void>;
}

/** A fresh store in a temp directory, with `paths` (files or folders) ingested. */
export async function tempDossier(paths: string[] = []): Promise<TempDossier> {
  const dir = mkdtempSync(join(tmpdir(), "dossier-api-"));
  const store = openSqliteStore(join(dir, "test.db"));
  const dossier = new Dossier(store, config);
  if (paths.length) await dossier.ingest(readInputs(paths, config.limits));
  return {
    dossier,
    dir,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Start day of an ISO date of any precision, for order checks ("2023-07" ≤ "2023-07-07"). */
export function dayKey(d: string): string {
  return (d + "-01-01").slice(0, 10);
}
