#!/usr/bin/env node
// Runs every test file under test/ with Node's test runner through tsx (Node 20 has no --test globs).
// Usage: npm test [-- FILTER...]   (FILTER keeps test files whose path contains it)
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";

const filters = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== "fixtures") walk(p); }
    else if (/\.test\.ts$/.test(name) && (!filters.length || filters.some((f) => p.includes(f)))) files.push(p);
  }
})("test");
if (!files.length) { console.error("no test files matched"); process.exit(1); }
const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=2", ...files], { stdio: ["ignore", "pipe", "inherit"] });
let tail = "";
child.stdout.on("data", (b) => { process.stdout.write(b); tail = (tail + b.toString()).slice(-4000); });
child.on("close", (code) => {
  const n = (k) => Number((tail.match(new RegExp(`ℹ ${k} (\\d+)`)) || [0, 0])[1]);
  // The plain closing line CI and people read: "N passed, N failed, N skipped".
  console.log(`\n${n("pass")} passed, ${n("fail") + n("cancelled")} failed, ${n("skipped")} skipped`);
  process.exit(code ?? 1);
});
