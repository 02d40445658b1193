import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  anchorShingles,
  bandKeys,
  DEFAULT_FINGERPRINT_OPTIONS,
  estimateJaccard,
  fingerprint,
  intersectSize,
  minhashSignature,
  scanWords,
  shingleHashes,
  signatureOf,
  WORD_CAPITALIZED,
  WORD_HAS_DIGIT,
  WORD_STOP,
} from "../../src/dedup/fingerprint.ts";
import { bandKeysAsInt32, bandKeysFromInt32, decodeFingerprint, encodeFingerprint } from "../../src/dedup/serialize.ts";

test("scanWords finds words with offsets and flags, case-insensitively hashed", () => {
  const text = "Harbor master Anke said 140 ships, the HARBOR’s queue.";
  const s = scanWords(text);
  const words: string[] = [];
  for (let i = 0; i < s.length; i++) words.push(text.slice(s.starts[i]!, s.starts[i]! + (text.slice(s.starts[i]!).match(/^[\p{L}\p{N}]+/u)![0].length)));
  assert.deepEqual(words, ["Harbor", "master", "Anke", "said", "140", "ships", "the", "HARBOR", "s", "queue"]);
  assert.equal(s.hashes[0], s.hashes[7], "Harbor and HARBOR hash alike");
  assert.ok(s.flags[2]! & WORD_CAPITALIZED);
  assert.ok(s.flags[4]! & WORD_HAS_DIGIT);
  assert.ok(s.flags[6]! & WORD_STOP);
  assert.ok(!(s.flags[1]! & (WORD_CAPITALIZED | WORD_HAS_DIGIT | WORD_STOP)));
});

test("shingles ignore case, spacing, punctuation and dropped function words", () => {
  const a = shingleHashes(scanWords("The report comes in the wake of a documentary on dog breeding."));
  const b = shingleHashes(scanWords("THE REPORT comes in wake of documentary   on dog-breeding"));
  assert.deepEqual(a, b);
  assert.ok(a.length > 0);
  for (let i = 1; i < a.length; i++) assert.ok(a[i - 1]! < a[i]!, "sorted and unique");
});

test("a text shorter than one shingle still has a shingle; an empty one has none", () => {
  assert.equal(shingleHashes(scanWords("Rotterdam reopens")).length, 1);
  assert.equal(shingleHashes(scanWords(" .,; ")).length, 0);
});

test("MinHash agreement estimates Jaccard", () => {
  // Two sets of 3,000 with 1,500 shared: Jaccard 1500/4500 = 0.333.
  const shared = Array.from({ length: 1500 }, (_, i) => (i * 2654435761) >>> 0);
  const onlyA = Array.from({ length: 1500 }, (_, i) => ((i + 5000) * 2246822519) >>> 0);
  const onlyB = Array.from({ length: 1500 }, (_, i) => ((i + 9000) * 3266489917) >>> 0);
  const a = Uint32Array.from(new Set([...shared, ...onlyA])).sort();
  const b = Uint32Array.from(new Set([...shared, ...onlyB])).sort();
  const truth = intersectSize(a, b) / (a.length + b.length - intersectSize(a, b));
  const est = estimateJaccard(minhashSignature(a, 1024), minhashSignature(b, 1024));
  assert.ok(Math.abs(est - truth) < 0.06, `estimate ${est} vs ${truth}`);
  assert.equal(estimateJaccard(minhashSignature(a, 64), minhashSignature(a, 64)), 1);
});

test("densified signatures of small sets are deterministic and full", () => {
  const small = Uint32Array.from([3, 99, 12345]);
  const s1 = minhashSignature(small, 32);
  assert.deepEqual(s1, minhashSignature(Uint32Array.from(small), 32));
  assert.ok(!s1.includes(0xffffffff), "no empty bins left");
  assert.throws(() => minhashSignature(small, 24), RangeError);
});

test("band keys: one per band, equal for equal signatures, different per band index", () => {
  const f = fingerprint("Dock workers at the port began a strike on Monday over pay and automation, the union said.");
  const shingleBands = DEFAULT_FINGERPRINT_OPTIONS.bins / DEFAULT_FINGERPRINT_OPTIONS.bandRows;
  const anchorBands = DEFAULT_FINGERPRINT_OPTIONS.anchorBins / DEFAULT_FINGERPRINT_OPTIONS.anchorBandRows;
  assert.equal(f.bands.length, shingleBands + anchorBands);
  const same = new Uint32Array(8).fill(7);
  const keys = bandKeys(same, 1);
  assert.equal(new Set(keys).size, 8, "equal values in different bands give different keys");
  assert.deepEqual(signatureOf("Dock workers at the port began a strike on Monday over pay and automation, the union said.").bands, f.bands);
});

test("anchor pairs survive synonym swaps around names and numbers", () => {
  const a = anchorShingles(scanWords("Harbor master Anke de Vries said 140 ships waited near Maasvlakte on Tuesday."));
  const b = anchorShingles(scanWords("Harbour chief Anke de Vries stated 140 vessels queued near Maasvlakte on Tuesday."));
  assert.ok(intersectSize(a, b) / Math.max(a.length, b.length) >= 0.6);
});

test("fingerprints round-trip through the storage encoding", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom("Port", "of", "Rotterdam", "ships", "140", "wind", "the", "Anke", "said.", "\n\n", "closed", "2018"), { maxLength: 120 }), (words) => {
      const f = fingerprint(words.join(" "));
      const back = decodeFingerprint(encodeFingerprint(f));
      assert.deepEqual(back, f);
    }),
    { numRuns: 60 },
  );
  assert.throws(() => decodeFingerprint(new Uint8Array(40)), RangeError);
  const keys = fingerprint("Rotterdam reopened the harbor on Tuesday after storm Henk.").bands;
  assert.deepEqual(bandKeysFromInt32(bandKeysAsInt32(keys)), keys);
  for (const k of bandKeysAsInt32(keys)) assert.ok(k >= -(2 ** 31) && k < 2 ** 31);
});
