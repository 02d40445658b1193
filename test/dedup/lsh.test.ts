import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { MemoryLshStorage, candidatesFromPostings } from "../../src/dedup/lsh.ts";

const keys = (...k: number[]): Uint32Array => Uint32Array.from(k);

test("finds articles sharing any band key, each once", () => {
  const lsh = new MemoryLshStorage();
  lsh.add("a", keys(1, 2, 3));
  lsh.add("b", keys(3, 4, 5));
  lsh.add("c", keys(6, 7, 8));
  assert.deepEqual([...lsh.candidates(keys(3, 9))], ["a", "b"]);
  assert.deepEqual([...lsh.candidates(keys(2, 3, 1))], ["a", "b"]);
  assert.deepEqual([...lsh.candidates(keys(10, 11))], []);
  assert.equal(lsh.size, 3);
  assert.ok(lsh.has("b") && !lsh.has("z"));
});

test("adding an id twice is a no-op", () => {
  const lsh = new MemoryLshStorage();
  lsh.add("a", keys(1, 2));
  lsh.add("a", keys(3, 4));
  assert.equal(lsh.size, 1);
  assert.deepEqual([...lsh.candidates(keys(3))], []);
  assert.equal([...lsh.entries()].length, 2);
});

test("a key shared by more than maxPerKey articles returns only a sample", () => {
  const lsh = new MemoryLshStorage({ maxPerKey: 5, saturatedSample: 2 });
  for (let i = 0; i < 9; i++) lsh.add(`d${i}`, keys(42, 100 + i));
  const got = [...lsh.candidates(keys(42))];
  assert.equal(got.length, 2, "saturated key gives a sample");
  for (const id of got) assert.match(id, /^d[0-4]$/, "from the articles filed before it saturated");
  assert.deepEqual([...lsh.candidates(keys(107))], ["d7"], "other keys still work");
  assert.equal(lsh.saturatedKeys, 1);
  assert.equal([...lsh.entries()].filter((e) => e.key === 42).length, 5, "nothing filed past the cap");
});

test("keeps every posting while growing far past its initial size", () => {
  const lsh = new MemoryLshStorage({ expectedArticles: 1, bandsPerArticle: 1 });
  const n = 5000;
  for (let i = 0; i < n; i++) lsh.add(`a${i}`, keys(i * 7, i * 7 + 1, 999_999_000 + (i % 50)));
  for (let i = 0; i < n; i += 97) assert.deepEqual([...lsh.candidates(keys(i * 7 + 1))], [`a${i}`]);
  // 999_999_000 + r is shared by the 100 articles with i % 50 == r.
  assert.equal([...lsh.candidates(keys(999_999_007))].length, 100);
  const mem = lsh.memoryBytes();
  assert.ok(mem.postings >= n * 3 * 12);
  assert.ok(mem.total / n < 1024, `${mem.total / n} bytes per article`);
});

test("a table of postings read through candidatesFromPostings answers as MemoryLshStorage does", () => {
  const limits = { maxPerKey: 4, saturatedSample: 2 };
  fc.assert(
    fc.property(fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 14 }), fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }), (docs, query) => {
      const lsh = new MemoryLshStorage(limits);
      // The table a store keeps: a row per (key, doc) until the key holds maxPerKey rows.
      const rows: { key: number; doc: number; value: string }[] = [];
      docs.forEach((ks, doc) => {
        lsh.add(`d${doc}`, Uint32Array.from(ks));
        for (const key of ks) if (rows.filter((r) => r.key === key).length < limits.maxPerKey) rows.push({ key, doc, value: `d${doc}` });
      });
      const looked = rows.filter((r) => query.includes(r.key)).reverse();
      assert.deepEqual(candidatesFromPostings(looked, limits), lsh.candidates(Uint32Array.from(query)));
    }),
  );
});
