// What every command needs: the config (defaults, then the user's file, then flags), the store, and how
// to exit with the catalogue's code. Only the edges read process.env, argv or the terminal.

import { existsSync, readFileSync } from "node:fs";
import { makeConfig, type Config } from "../core/config.ts";
import { DossierError, asDossierError } from "../core/errors.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import { openPostgresStore } from "../store/postgres/postgres-store.ts";
import type { Store } from "../store/store.ts";

export interface GlobalOptions {
  db?: string;
  pg?: string;
  config?: string;
}

export function loadConfig(path?: string): Readonly<Config> {
  const p = path ?? process.env.DOSSIER_CONFIG ?? (existsSync("dossier.config.json") ? "dossier.config.json" : undefined);
  if (!p) return makeConfig({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(p, "utf8"));
  } catch (e) {
    throw new DossierError("BAD_CONFIG", p, (e as Error).message);
  }
  return makeConfig(raw, p);
}

export function dbPath(g: GlobalOptions): string {
  return g.db ?? process.env.DOSSIER_DB ?? "dossier.db";
}

/** SQLite by default; PostgreSQL with --pg URL (or DOSSIER_PG) for a store shared by several machines. */
export async function openStore(g: GlobalOptions): Promise<Store> {
  const pgUrl = g.pg ?? process.env.DOSSIER_PG;
  if (pgUrl) {
    try {
      return await openPostgresStore(pgUrl);
    } catch (e) {
      throw new DossierError("BAD_CONFIG", "--pg", `cannot open PostgreSQL at ${pgUrl.replace(/\/\/[^@/]*@/, "//…@")}: ${(e as Error).message}`);
    }
  }
  return openSqliteStore(dbPath(g));
}

export async function withStore<T>(g: GlobalOptions, fn: (store: Store, config: Readonly<Config>) => Promise<T>): Promise<T> {
  const config = loadConfig(g.config);
  const store = await openStore(g);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/** Prints a DossierError as one line and sets the exit code from the catalogue. */
export function fail(e: unknown, input = "dossier"): never {
  const err = asDossierError(e, input);
  process.stderr.write(`error: ${err.message}\n`);
  if (err.code === "INTERNAL" && process.env.DOSSIER_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(err.exit);
}
