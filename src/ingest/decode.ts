// Bytes → text: gzip with a bomb guard, binary sniffing, and charset detection
// (BOM, then <meta charset>/XML declaration, then strict UTF-8, then GBK vs Windows-1252 by plausibility).

import { gunzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { DossierError } from "../core/errors.ts";

export interface DecodeLimits {
  maxInputBytes: number;
  maxGzipRatio: number;
}

export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

/** Gunzips with a hard output cap: a bomb stops at the cap instead of filling memory. */
export function gunzipLimited(buf: Uint8Array, input: string, limits: DecodeLimits): Buffer {
  const cap = Math.min(limits.maxInputBytes, Math.max(1 << 20, buf.length * limits.maxGzipRatio));
  try {
    return gunzipSync(buf, { maxOutputLength: cap });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ERR_BUFFER_TOO_LARGE" || /maxOutputLength|Cannot create a Buffer larger|buffer.*too large/i.test(err.message)) {
      throw new DossierError("GZIP_BOMB", input, `${buf.length} compressed bytes expand past ${cap} bytes`);
    }
    throw new DossierError("GZIP_CORRUPT", input, err.message);
  }
}

/** True when the bytes are not text: NUL bytes (outside UTF-16) or many control characters in the head. */
export function looksBinary(buf: Uint8Array): string | null {
  const n = Math.min(buf.length, 8192);
  if (n === 0) return null;
  // Known binary signatures give a precise message.
  const sig = (bytes: number[]) => bytes.every((b, i) => buf[i] === b);
  if (sig([0x25, 0x50, 0x44, 0x46])) return "a PDF file";
  if (sig([0x89, 0x50, 0x4e, 0x47])) return "a PNG image";
  if (sig([0xff, 0xd8, 0xff])) return "a JPEG image";
  if (sig([0x47, 0x49, 0x46, 0x38])) return "a GIF image";
  if (sig([0x50, 0x4b, 0x03, 0x04])) return "a ZIP archive (or .docx/.xlsx)";
  if (sig([0x7f, 0x45, 0x4c, 0x46])) return "an executable";
  let control = 0;
  let nul = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (nul > 0 && !utf16Bom(buf) && !looksUtf16(buf)) return `${nul} NUL bytes in the first ${n} bytes`;
  if (control / n > 0.05) return `${control} control bytes in the first ${n} bytes`;
  return null;
}

function utf16Bom(buf: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (buf[0] === 0xff && buf[1] === 0xfe) return "utf-16le";
  if (buf[0] === 0xfe && buf[1] === 0xff) return "utf-16be";
  return null;
}

/** UTF-16 without BOM: ASCII text has a zero in every other byte. */
function looksUtf16(buf: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 16) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero / half > 0.6 && evenZero / half < 0.1) return "utf-16le";
  if (evenZero / half > 0.6 && oddZero / half < 0.1) return "utf-16be";
  return null;
}

const CHARSET_RE = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)/i;

function declaredCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.subarray(0, 4096)).toString("latin1");
  const m = head.match(CHARSET_RE);
  if (!m) return null;
  const name = (m[1] ?? m[2] ?? "").toLowerCase();
  if (!name) return null;
  // WHATWG: pages declaring latin1/ascii are decoded as windows-1252; gb2312 as gbk.
  if (["iso-8859-1", "latin1", "us-ascii", "ascii"].includes(name)) return "windows-1252";
  if (name === "gb2312" || name === "x-gbk") return "gbk";
  return iconv.encodingExists(name) ? name : null;
}

function validUtf8(buf: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** Decodes bytes to a string; returns the text and the charset used. */
export function decodeText(buf: Uint8Array, input: string): { text: string; charset: string } {
  const bom = utf16Bom(buf);
  if (bom) return { text: iconv.decode(Buffer.from(buf.subarray(2)), bom), charset: bom };
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: Buffer.from(buf.subarray(3)).toString("utf8"), charset: "utf-8" };
  const u16 = looksUtf16(buf);
  if (u16) return { text: iconv.decode(Buffer.from(buf), u16), charset: u16 };
  const declared = declaredCharset(buf);
  if (validUtf8(buf)) return { text: Buffer.from(buf).toString("utf8"), charset: "utf-8" };
  if (declared && declared !== "utf-8" && declared !== "utf8") {
    return { text: iconv.decode(Buffer.from(buf), declared), charset: declared };
  }
  // Undeclared and not UTF-8: GBK when most high bytes pair up as GBK double-byte characters, else Windows-1252.
  const charset = gbkLikely(buf) ? "gbk" : "windows-1252";
  const text = iconv.decode(Buffer.from(buf), charset);
  if (!text.trim()) throw new DossierError("DECODE_FAILED", input, "no text after decoding");
  return { text, charset };
}

function gbkLikely(buf: Uint8Array): boolean {
  let pairs = 0;
  let high = 0;
  for (let i = 0; i < buf.length && i < 65536; i++) {
    const b = buf[i]!;
    if (b < 0x80) continue;
    high++;
    const c = buf[i + 1];
    // GB2312 core (common hanzi and CJK punctuation): both bytes in 0xA1-0xFE. Windows-1252 smart quotes
    // (0x91-0x94) and accented letters followed by ASCII never form such pairs.
    if (b >= 0xa1 && b <= 0xfe && c !== undefined && c >= 0xa1 && c <= 0xfe) {
      pairs++;
      i++;
    }
  }
  // In GBK text nearly every high byte is part of a pair; in Windows-1252 text high bytes are isolated (é, ’).
  return high >= 4 && (pairs * 2) / high > 0.9;
}
