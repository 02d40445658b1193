import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import type { CopyGroup } from "../../src/core/types.ts";
import { CopyIndex, findCopyLinks, groupCopies, groupFingerprints } from "../../src/dedup/copy-index.ts";
import { wireCredits } from "../../src/dedup/credits.ts";
import { fingerprint } from "../../src/dedup/fingerprint.ts";
import { decodeFingerprint, encodeFingerprint } from "../../src/dedup/serialize.ts";
import { MemoryLshStorage } from "../../src/dedup/lsh.ts";
import type { CopyDoc } from "../../src/dedup/copy-index.ts";

const FIXTURES = new URL("../fixtures/dedup-harbor/", import.meta.url);
const read = (name: string): string => readFileSync(new URL(`${name}.txt`, FIXTURES), "utf8");
const NAMES = ["original", "verbatim", "wrapped", "trimmed", "edited", "spun", "distinct", "unrelated"];
const DOCS: CopyDoc[] = NAMES.map((id) => ({ id, text: read(id) }));

function partition(groups: CopyGroup[]): string[] {
  return groups.map((g) => g.members.map((m) => m.articleId).sort().join(",")).sort();
}

test("groups the wire story's copies and keeps other stories apart", () => {
  const { groups, groupOf } = groupCopies(DOCS);
  assert.deepEqual(partition(groups), ["distinct", "edited,original,spun,trimmed,verbatim,wrapped", "unrelated"]);
  const story = groups.find((g) => g.members.length > 1)!;
  assert.equal(story.original, "original", "undated: the most complete credited text with no page furniture and nothing extra");
  assert.equal(groupOf.get("spun"), "original");
  const kinds = Object.fromEntries(story.members.map((m) => [m.articleId, m.kind]));
  assert.deepEqual(kinds, { original: null, verbatim: "verbatim", wrapped: "partial", trimmed: "partial", edited: "edited", spun: "rewritten" });
  for (const m of story.members) assert.ok(m.similarity > 0 && m.similarity <= 1);
});

test("the earliest dated member is the original", () => {
  const dated = DOCS.map((d) => ({ ...d, date: d.id === "spun" ? "2024-03-04" : d.id === "original" ? "2024-03-05" : null }));
  const { groups } = groupCopies(dated);
  const story = groups.find((g) => g.members.length > 1)!;
  assert.equal(story.original, "spun");
  assert.equal(story.id, "spun");
});

test("add() reports the group, the original and the relations found", () => {
  const index = new CopyIndex();
  const first = index.add({ id: "original", text: read("original") });
  assert.deepEqual(first, { group: "original", original: true, kind: null, similarity: 1, relations: [] });
  const copy = index.add({ id: "trimmed", text: read("trimmed") });
  assert.equal(copy.group, "original");
  assert.equal(copy.original, false);
  assert.equal(copy.kind, "partial");
  assert.deepEqual(copy.relations.map((r) => [r.id, r.kind]), [["original", "partial"]]);
  const other = index.add({ id: "distinct", text: read("distinct") });
  assert.deepEqual([other.group, other.original, other.relations.length], ["distinct", true, 0]);
  // Adding a known id again changes nothing.
  const again = index.add({ id: "trimmed", text: "anything" });
  assert.equal(again.group, "original");
  assert.equal(index.size, 3);
  assert.equal(index.groupOf("nope"), null);
  assert.equal(index.groups().length, 1);
  assert.equal(index.groups({ singletons: true }).length, 2);
});

test("two articles with the same text are verbatim copies", () => {
  const { groups } = groupCopies([
    { id: "x", text: read("original") },
    { id: "y", text: read("original") },
  ]);
  assert.equal(groups.length, 1);
  assert.deepEqual(groups[0]!.members.map((m) => m.kind).sort(), ["verbatim", null].sort());
});

test("a story copied by more outlets than a band key holds still forms one group", () => {
  const index = new CopyIndex({ storage: new MemoryLshStorage({ maxPerKey: 4 }) });
  const text = read("original");
  for (let i = 0; i < 30; i++) index.add({ id: `copy${String(i).padStart(2, "0")}`, text: i % 3 === 0 ? text + `\nRepublished by outlet ${i}.` : text });
  const groups = index.groups({ singletons: true });
  assert.equal(groups.length, 1);
  assert.equal(groups[0]!.members.length, 30);
});

test("does not mutate its input", () => {
  const input = DOCS.map((d) => ({ ...d }));
  const copy = JSON.parse(JSON.stringify(input));
  groupCopies(input);
  assert.deepEqual(input, copy);
});

// Generated stories: each a few sentences with names and numbers, plus derived copies.
const VOCAB = "port ships harbor storm wind cargo workers union strike talks cranes terminal freight delays week shifts roofs claims power rail ferry bridge council budget".split(" ");
const NAMES_POOL = "Rotterdam Antwerp Hamburg Vries Bakker Maasvlakte Zeeland Henk Utrecht Delft".split(" ");
function story(seed: number): string {
  let x = seed >>> 0;
  const next = (): number => (x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0);
  const out: string[] = [];
  for (let s = 0; s < 8; s++) {
    const ws: string[] = [];
    for (let w = 0; w < 12; w++) {
      const r = next() % 10;
      ws.push(r < 7 ? VOCAB[next() % VOCAB.length]! : r < 9 ? NAMES_POOL[next() % NAMES_POOL.length]! : String(next() % 1000));
    }
    out.push(ws.join(" ") + ".");
  }
  return out.join(" ");
}

const corpusArb = fc.array(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: 2, maxLength: 5 }).map((seeds) => {
  const docs: CopyDoc[] = [];
  seeds.forEach((seed, i) => {
    const t = story(seed);
    docs.push({ id: `s${i}`, text: t });
    docs.push({ id: `s${i}-trim`, text: t.split(". ").slice(0, 5).join(". ") + "." });
    docs.push({ id: `s${i}-wrap`, text: "Home. Sport. Weather. " + t + " Share this. Privacy policy." });
  });
  docs.push(...DOCS.slice(0, 3));
  return docs;
});

test("property: shuffled input gives the same partition and the same originals", () => {
  fc.assert(
    fc.property(corpusArb.chain((docs) => fc.tuple(fc.constant(docs), fc.shuffledSubarray(docs, { minLength: docs.length, maxLength: docs.length }))), ([docs, shuffled]) => {
      const a = groupCopies(docs).groups;
      const b = groupCopies(shuffled).groups;
      assert.deepEqual(b, a);
      // The incremental index, fed in either order, agrees too (no sorting inside groupCopies to help it).
      const i1 = new CopyIndex();
      for (const d of docs) i1.add(d);
      const i2 = new CopyIndex();
      for (const d of shuffled) i2.add(d);
      assert.deepEqual(i2.groups({ singletons: true }), i1.groups({ singletons: true }));
      assert.deepEqual(partition(i1.groups({ singletons: true })), partition(a));
    }),
    { numRuns: 25 },
  );
});

test("property: every article's group contains it, and copies of one story share a group", () => {
  fc.assert(
    fc.property(corpusArb, (docs) => {
      const { groups, groupOf } = groupCopies(docs);
      for (const d of docs) {
        const g = groups.find((x) => x.id === groupOf.get(d.id))!;
        assert.ok(g.members.some((m) => m.articleId === d.id));
      }
      for (const d of docs) if (/^s\d+$/.test(d.id)) {
        assert.equal(groupOf.get(`${d.id}-trim`), groupOf.get(d.id));
        assert.equal(groupOf.get(`${d.id}-wrap`), groupOf.get(d.id));
      }
    }),
    { numRuns: 25 },
  );
});

test("stored fingerprints regroup to the same groups as the texts", () => {
  const stored = DOCS.map((d) => ({ id: d.id, fp: decodeFingerprint(encodeFingerprint(fingerprint(d.text))), credited: wireCredits(d.text).length > 0 }));
  assert.deepEqual(groupFingerprints(stored).groups, groupCopies(DOCS).groups);
  const links = findCopyLinks(stored[0]!.fp, stored.slice(1));
  assert.deepEqual(links.map((l) => l.id), ["edited", "spun", "trimmed", "verbatim", "wrapped"]);
});
