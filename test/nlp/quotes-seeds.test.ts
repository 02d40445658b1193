// Direct quotes in the real seed articles (../shared/seeds, read by path, never copied here):
// each must be attributed to the right canonical person, and with the entities module's output,
// to the right side. Skips when ../shared is absent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extractQuotes } from "../../src/nlp/quotes.ts";
import { resolveEntities } from "../../src/nlp/entities.ts";

const SHARED = new URL("../../../shared/", import.meta.url);
const SEEDS = fileURLToPath(new URL("seeds/", SHARED));
const skip = !existsSync(SEEDS) && "needs ../shared";

// Speakers of the direct quotes, in text order, with their side.
const EXPECTED: Record<string, [string, string][]> = {
  "001": [["Wang Wenbin", "China"], ["Wang Wenbin", "China"]],
  "002": [["Wang Xiaohong", "China"], ["Jen Daskal", "United States"], ["Wang Yi", "China"], ["Matthew Miller", "United States"]],
  "003": [["Todd Robinson", "United States"], ["Todd Robinson", "United States"], ["Wang Wenbin", "China"], ["Wang Wenbin", "China"], ["Antony Blinken", "United States"]],
  "004": [["Lin Jian", "China"], ["Lin Jian", "China"], ["Lin Jian", "China"]],
};

function seedText(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix + "_"));
  assert.ok(name, `seed ${prefix} not found`);
  return readFileSync(SEEDS + name, "utf8");
}

for (const [prefix, expected] of Object.entries(EXPECTED)) {
  test(`seed ${prefix}: direct quotes attributed to the right person (own name heuristics)`, { skip }, () => {
    const quotes = extractQuotes(seedText(prefix)).filter((q) => q.direct);
    assert.deepEqual(quotes.map((q) => q.speaker), expected.map(([name]) => name));
  });

  test(`seed ${prefix}: with the entities module, right person and side`, { skip }, () => {
    const text = seedText(prefix);
    const quotes = extractQuotes(text, { entities: resolveEntities(text) }).filter((q) => q.direct);
    assert.deepEqual(quotes.map((q) => [q.speaker, q.side]), expected);
  });
}
