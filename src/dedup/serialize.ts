// Persisting fingerprints and band keys. A fingerprint is one little-endian blob of uint32s (store it in a
// BLOB / BYTEA column next to FINGERPRINT_VERSION); band keys are uint32s, one row per (key, article) in a
// table indexed on key. Both decode without loss: decodeFingerprint(encodeFingerprint(f)) deep-equals f.

import type { CopyFingerprint, SentenceSketch } from "./fingerprint.ts";

const MAGIC = 0x31464344; // "DCF1"

/** Encodes a fingerprint as one byte array (about 4 bytes per shingle, word and sentence word). */
export function encodeFingerprint(fp: CopyFingerprint): Uint8Array {
  let n = 8 + fp.shingles.length + fp.signature.length + fp.bands.length + fp.vocabulary.length;
  for (const s of fp.sentences) n += 2 + s.words.length + s.anchors.length;
  const out = new Uint8Array(n * 4);
  const view = new DataView(out.buffer);
  let at = 0;
  const put = (v: number): void => {
    view.setUint32(at, v >>> 0, true);
    at += 4;
  };
  const putAll = (a: Uint32Array): void => {
    for (let i = 0; i < a.length; i++) put(a[i]!);
  };
  put(MAGIC);
  put(fp.version);
  put(fp.words);
  put(fp.shingles.length);
  put(fp.signature.length);
  put(fp.bands.length);
  put(fp.vocabulary.length);
  put(fp.sentences.length);
  putAll(fp.shingles);
  putAll(fp.signature);
  putAll(fp.bands);
  putAll(fp.vocabulary);
  for (const s of fp.sentences) {
    put(s.words.length);
    put(s.anchors.length);
    putAll(s.words);
    putAll(s.anchors);
  }
  return out;
}

/** Decodes encodeFingerprint's output; throws RangeError on a blob that is not one. */
export function decodeFingerprint(bytes: Uint8Array): CopyFingerprint {
  if (bytes.byteLength % 4 !== 0 || bytes.byteLength < 32) throw new RangeError("not a fingerprint blob: bad length");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const get = (): number => {
    if (at + 4 > bytes.byteLength) throw new RangeError("not a fingerprint blob: truncated");
    const v = view.getUint32(at, true);
    at += 4;
    return v;
  };
  const getAll = (len: number): Uint32Array => {
    if (at + len * 4 > bytes.byteLength) throw new RangeError("not a fingerprint blob: truncated");
    const a = new Uint32Array(len);
    for (let i = 0; i < len; i++) a[i] = get();
    return a;
  };
  if (get() !== MAGIC) throw new RangeError("not a fingerprint blob: bad magic");
  const version = get();
  const words = get();
  const ns = get();
  const nsig = get();
  const nb = get();
  const nv = get();
  const nsent = get();
  const shingles = getAll(ns);
  const signature = getAll(nsig);
  const bands = getAll(nb);
  const vocabulary = getAll(nv);
  const sentences: SentenceSketch[] = [];
  for (let i = 0; i < nsent; i++) {
    const w = get();
    const a = get();
    sentences.push({ words: getAll(w), anchors: getAll(a) });
  }
  return { version, words, shingles, signature, bands, vocabulary, sentences };
}

/** Band keys as signed 32-bit integers, for databases without an unsigned type (PostgreSQL int4). */
export function bandKeysAsInt32(bands: Uint32Array): number[] {
  return Array.from(bands, (k) => k | 0);
}

/** The reverse of bandKeysAsInt32. */
export function bandKeysFromInt32(keys: readonly number[]): Uint32Array {
  return Uint32Array.from(keys, (k) => k >>> 0);
}
