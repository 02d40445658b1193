// `npm run bench [-- NAME...]`: speed and memory, each bench/<name>.ts in its own process (one core each,
// run one after another so they do not compete), side by side with the alternatives where there is one.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const ALL = ["extraction", "dedup", "ingest-copies", "annotate", "time", "clustering", "api"];
const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const chosen = names.length ? names : ALL;
let failed = 0;
for (const name of chosen) {
  const file = `bench/${name}.ts`;
  if (!existsSync(ROOT + file)) {
    console.log(`== ${name}: no ${file}`);
    continue;
  }
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", file, ...process.argv.slice(2).filter((a) => a.startsWith("-"))], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(`== ${name}: exited ${r.status}`);
  }
}
process.exitCode = failed ? 1 : 0;
