// `npm run eval [-- --quick] [--only NAME,...] [--check]`: runs every eval/<name>.ts over ../shared/bench,
// prints each scorer's figures and a summary table; with --check, fails when a figure drops below
// eval/floors.json (DESIGN.md convention 7). Raising a floor is a normal commit; lowering one needs a reason.

import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));

/** Every eval script, in the order they run. */
export const EVALS = ["extraction-html", "extraction-text", "dedup", "ner", "quotes", "time", "clustering", "timeline"] as const;

interface Floor {
  eval: string;
  /** Which scorer line of that script (0-based, in print order). */
  line: number;
  /** Dotted path into that line's JSON ("pairwise.f1"). */
  path: string;
  min: number;
  /** What the figure is, for the table. */
  label: string;
}

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const check = argv.includes("--check");
const onlyArg = argv.indexOf("--only");
const only = onlyArg >= 0 ? argv[onlyArg + 1]!.split(",") : null;
const jsonOut = argv.indexOf("--json-out") >= 0 ? argv[argv.indexOf("--json-out") + 1] : null;

function run(name: string): Promise<{ lines: Record<string, unknown>[]; code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", `eval/${name}.ts`, ...(quick ? ["--quick"] : [])], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (b) => {
      out += b;
      if (!quick) process.stdout.write(b);
    });
    child.stderr.on("data", (b) => (out += b));
    child.on("close", (code) => {
      const lines = out
        .split("\n")
        .filter((l) => l.startsWith("{") && l.includes('"scorer"'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ lines, code: code ?? 1, output: out });
    });
  });
}

function at(o: unknown, path: string): number | null {
  let cur: any = o;
  for (const k of path.split(".")) cur = cur?.[k];
  return typeof cur === "number" ? cur : null;
}

async function main(): Promise<void> {
  if (!existsSync(SHARED)) {
    console.log(`skipped: ${SHARED} is absent (the evaluation data ships with the team's shared folder)`);
    return;
  }
  const floors: Floor[] = JSON.parse(readFileSync(new URL("./floors.json", import.meta.url), "utf8")).floors;
  const results: Record<string, Record<string, unknown>[]> = {};
  let failed = false;
  for (const name of EVALS) {
    if (only && !only.includes(name)) continue;
    if (!existsSync(`${ROOT}eval/${name}.ts`)) {
      console.log(`${name}: no eval script yet`);
      continue;
    }
    const t0 = performance.now();
    const r = await run(name);
    results[name] = r.lines;
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (r.code !== 0 || !r.lines.length) {
      failed = true;
      console.log(`${name}: FAILED (exit ${r.code}, ${r.lines.length} scorer lines) after ${secs} s\n${r.output.slice(-2000)}`);
      continue;
    }
    console.log(`${name}: ${r.lines.length} scorer line(s) in ${secs} s`);
  }
  const rows: string[] = [];
  for (const f of floors) {
    if (only && !only.includes(f.eval)) continue;
    const line = results[f.eval]?.[f.line];
    const v = line ? at(line, f.path) : null;
    const ok = v != null && v >= f.min;
    if (!ok && check) failed = true;
    rows.push(`${ok ? "ok  " : "LOW "} ${f.eval.padEnd(16)} ${f.label.padEnd(44)} ${v == null ? "missing" : v.toFixed(4)}  (floor ${f.min})`);
  }
  console.log(`\n${quick ? "quick subset" : "full sets"}:\n` + rows.join("\n"));
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
  if (failed && check) {
    console.log("\neval check failed: a figure is below its floor in eval/floors.json (or an eval script failed)");
    process.exitCode = 1;
  }
}

await main();
