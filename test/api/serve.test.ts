// `dossier serve` from the command line: a public bind without a token is refused before anything starts.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ERRORS } from "../../src/core/errors.ts";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

test("dossier serve --host 0.0.0.0 without a token exits with BAD_CONFIG and says why", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", MAIN, "--db", ":memory:", "serve", "--host", "0.0.0.0", "--port", "0", "--no-ui"], { encoding: "utf8", timeout: 60_000, env: { ...process.env, DOSSIER_TOKEN: "" } });
  assert.equal(r.status, ERRORS.BAD_CONFIG.exit, r.stderr);
  assert.match(r.stderr, /refusing to listen on a non-loopback address without a token/);
  assert.match(r.stderr, /--token/);
});
