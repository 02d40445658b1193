import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { decodeText, gunzipLimited, looksBinary } from "../../src/ingest/decode.ts";
import { DossierError } from "../../src/core/errors.ts";

const limits = { maxInputBytes: 1 << 20, maxGzipRatio: 50 };

test("decodes Windows-1252 bytes declared in a meta tag", () => {
  const html = '<html><head><meta charset="windows-1252"></head><body><p>“Café” — naïve</p></body></html>';
  const bytes = iconv.encode(html, "windows-1252");
  assert.equal(decodeText(bytes, "x").text, html);
});

test("decodes undeclared Windows-1252 and GBK by plausibility", () => {
  const latin = "The mayor’s “plan” for the café was approved on Monday, officials said.";
  assert.equal(decodeText(iconv.encode(latin, "windows-1252"), "x").text, latin);
  const chinese = "外交部发言人表示，中方愿同美方加强禁毒合作。这是双方共同的责任。";
  const r = decodeText(iconv.encode(chinese, "gbk"), "x");
  assert.equal(r.charset, "gbk");
  assert.equal(r.text, chinese);
});

test("decodes UTF-16 with a BOM, both byte orders, and UTF-8 with a BOM", () => {
  const s = "Beijing — “talks resumed”";
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, "utf-16le")]), "x").text, s);
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, "utf-16be")]), "x").text, s);
  assert.equal(decodeText(Buffer.from("\ufeff" + s, "utf8"), "x").text, s);
});

test("flags binary data with a reason, but not UTF-16 text", () => {
  assert.match(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))!, /PNG/);
  assert.match(looksBinary(Buffer.from([1, 2, 3, 0, 0, 0, 5, 6, 7, 8, 0, 0]))!, /NUL/);
  assert.equal(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("plain text here", "utf-16le")])), null);
  assert.equal(looksBinary(Buffer.from("ordinary text\n")), null);
});

test("gzip bombs stop at the cap with GZIP_BOMB; corrupt gzip is GZIP_CORRUPT", () => {
  const bomb = gzipSync(Buffer.alloc(8 << 20, 0x20));
  assert.throws(() => gunzipLimited(bomb, "bomb.html.gz", limits), (e: unknown) => e instanceof DossierError && e.code === "GZIP_BOMB" && /bomb\.html\.gz/.test(e.message));
  const ok = gzipSync(Buffer.from("<p>hello</p>"));
  assert.equal(gunzipLimited(ok, "ok.gz", limits).toString(), "<p>hello</p>");
  assert.throws(() => gunzipLimited(ok.subarray(0, ok.length - 6), "cut.gz", limits), (e: unknown) => e instanceof DossierError && e.code === "GZIP_CORRUPT");
});
