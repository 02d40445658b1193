// The five real seed documents in ../shared/seeds (read by path, never copied): 000 is a raw dump of an AP page
// whose article is 001; 002 is a spun copy of a different AP story; 003 and 004 are other stories.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compareCopies } from "../../src/dedup/compare.ts";
import { groupCopies } from "../../src/dedup/copy-index.ts";

const SEEDS = fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));
const available = existsSync(SEEDS);

function seeds(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort()) out.set(f.slice(0, 3), readFileSync(SEEDS + f, "utf8"));
  return out;
}

test("seeds: the page dump and its article form one group; the other three stay apart", { skip: !available && "needs ../shared" }, () => {
  const s = seeds();
  const { groupOf } = groupCopies([...s].map(([id, text]) => ({ id, text })));
  assert.equal(groupOf.get("000"), groupOf.get("001"));
  const others = new Set(["000", "002", "003", "004"].map((id) => groupOf.get(id)));
  assert.equal(others.size, 4);
  // The dump holds the article plus its page furniture: a partial copy, found by containment.
  assert.equal(compareCopies(s.get("000")!, s.get("001")!)?.kind, "partial");
  // The spun AP story is about the same people and drug, but a different story.
  assert.equal(compareCopies(s.get("002")!, s.get("001")!), null);
  assert.equal(compareCopies(s.get("002")!, s.get("000")!), null);
});
