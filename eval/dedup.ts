// Copy detection on ../shared/bench/dedup/t17-dev, scored by ../shared/eval/score-dedup.mjs, plus the seed check.
//   npx tsx eval/dedup.ts            all 679 documents
//   npx tsx eval/dedup.ts --quick    a fixed third of the gold groups (chosen by a hash of their ids)
// Also prints what the scorer does not: kind accuracy (our kind vs the bench kind) and original selection.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { groupCopies } from "../src/dedup/copy-index.ts";

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const BENCH = join(SHARED, "bench/dedup/t17-dev");
const quick = process.argv.includes("--quick");

interface Label {
  id: string;
  group: string;
  kind: string;
  topic: string;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

// Quick subset: whole gold groups chosen by a hash of the group's document ids, so the subset is fixed,
// keeps every copy with its original, and does not look at topic names or kinds.
function inQuickSubset(ids: string[]): boolean {
  const h = createHash("sha1").update([...ids].sort().join("\n")).digest();
  return h[0]! % 3 === 0;
}

function main(): void {
  if (!existsSync(BENCH)) {
    console.log(`dedup: ${BENCH} not found; skipping (needs ../shared)`);
    return;
  }
  let docs = readJsonl<{ id: string; text: string }>(join(BENCH, "docs.jsonl"));
  let labels = readJsonl<Label>(join(BENCH, "labels.jsonl"));
  if (quick) {
    const byGroup = new Map<string, string[]>();
    for (const l of labels) byGroup.set(l.group, [...(byGroup.get(l.group) ?? []), l.id]);
    const keep = new Set<string>();
    for (const ids of byGroup.values()) if (inQuickSubset(ids)) for (const id of ids) keep.add(id);
    docs = docs.filter((d) => keep.has(d.id));
    labels = labels.filter((l) => keep.has(l.id));
  }
  const t0 = performance.now();
  const { groups, groupOf } = groupCopies(docs.map((d) => ({ id: d.id, text: d.text })));
  const ms = performance.now() - t0;

  const dir = mkdtempSync(join(tmpdir(), "dossier-dedup-"));
  const predPath = join(dir, "pred.jsonl");
  const labelPath = join(dir, "labels.jsonl");
  writeFileSync(predPath, docs.map((d) => JSON.stringify({ id: d.id, group: groupOf.get(d.id) ?? d.id })).join("\n") + "\n");
  writeFileSync(labelPath, labels.map((l) => JSON.stringify(l)).join("\n") + "\n");
  console.log(`dedup: ${docs.length} documents${quick ? " (quick subset)" : ""}, ${groups.filter((g) => g.members.length > 1).length} copy groups, ${ms.toFixed(0)} ms`);
  const out = execFileSync(process.execPath, [join(SHARED, "eval/score-dedup.mjs"), "--labels", labelPath, "--pred", predPath], { encoding: "utf8" });

  // Extra figures the scorer does not print.
  const label = new Map(labels.map((l) => [l.id, l]));
  const expectKind: Record<string, string> = { verbatim: "verbatim", wrapped: "partial", trimmed: "partial", edited: "edited", spun: "rewritten", spun_trimmed: "rewritten" };
  let kindOk = 0;
  let kindN = 0;
  let origOk = 0;
  let origN = 0;
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of groups) {
    if (g.members.length < 2) continue;
    const goldGroups = new Set(g.members.map((m) => label.get(m.articleId)!.group));
    const orig = label.get(g.original)!;
    if (goldGroups.size === 1) {
      origN++;
      if (orig.kind === "original") origOk++;
    }
    if (orig.kind !== "original") continue;
    for (const m of g.members) {
      if (m.kind === null) continue;
      const gold = label.get(m.articleId)!.kind;
      const row = (confusion[gold] ??= {});
      row[m.kind] = (row[m.kind] ?? 0) + 1;
      kindN++;
      if (expectKind[gold] === m.kind) kindOk++;
    }
  }
  console.log(`dedup original_selected_correctly: ${(origOk / Math.max(1, origN)).toFixed(4)} (${origOk}/${origN} pure groups)`);
  console.log(`dedup kind_accuracy: ${(kindOk / Math.max(1, kindN)).toFixed(4)} (gold kind -> our kind: ${JSON.stringify(confusion)})`);
  const seeds = seedCheck();
  console.log(seeds);
  if (seeds.includes("FAILED")) process.exitCode = 1;
  process.stdout.write(out);
}

/** Seeds: 000 (raw page dump) and 001 (its clean text) together; 002, 003, 004 each alone. */
function seedCheck(): string {
  const dir = join(SHARED, "seeds");
  if (!existsSync(dir)) return "dedup seeds: skipped (needs ../shared/seeds)";
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
  const docs = files.map((f) => ({ id: f.slice(0, 3), text: readFileSync(join(dir, f), "utf8") }));
  const { groupOf } = groupCopies(docs);
  const g = (id: string): string => groupOf.get(id) ?? id;
  const ok = g("000") === g("001") && new Set([g("000"), g("002"), g("003"), g("004")]).size === 4;
  const shown = docs.map((d) => `${d.id}->${g(d.id)}`).join(" ");
  return `dedup seeds: ${ok ? "ok" : "FAILED"} (${shown})`;
}

main();
