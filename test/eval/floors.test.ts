// Quality floors (DESIGN.md convention 7): the quick eval subset must not drop below eval/floors.json.
// Reads ../shared/bench; skips where it is absent (a user's clone).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHARED = fileURLToPath(new URL("../../../shared/bench", import.meta.url));

test("quick eval figures stay above eval/floors.json", { skip: !existsSync(SHARED) && "needs ../shared/bench", timeout: 900_000 }, () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "eval/run.ts", "--quick", "--check"], { cwd: ROOT, encoding: "utf8" });
  const out = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, out.slice(-6000));
  assert.doesNotMatch(out, /^LOW /m, out.slice(-4000));
});
