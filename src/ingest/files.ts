// Files and directories → input items. Each item is a Document ready for extraction or an error naming
// the input; the raw-input hash makes re-ingesting the same content a no-op.

import { createHash } from "node:crypto";
import { openSync, readSync, closeSync, fstatSync, readdirSync, statSync } from "node:fs";
import { join, extname } from "node:path";
import type { Document, MediaType } from "../core/types.ts";
import { DossierError, asDossierError } from "../core/errors.ts";
import { decodeText, gunzipLimited, isGzip, looksBinary, type DecodeLimits } from "./decode.ts";
import { baseId, csvRows, jsonlRows } from "./rows.ts";

export type InputItem =
  | { ok: true; doc: Document; inputHash: string }
  | { ok: false; error: DossierError; inputHash: string | null; origin: string };

const KINDS: Record<string, "html" | "text" | "jsonl" | "csv"> = {
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".txt": "text",
  ".text": "text",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".csv": "csv",
};

export function inputKind(path: string): InputKind | null {
  const p = path.toLowerCase().replace(/\.gz$/, "");
  return KINDS[extname(p)] ?? null;
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A directory's inputs in name order (files and subdirectories interleaved by name), hidden entries skipped. */
function* walkDir(dir: string): Generator<{ path: string; error?: DossierError }> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walkDir(full);
    else if (e.isFile() && inputKind(full)) yield { path: full };
  }
}

/** Expands paths: files as given, directories recursively (sorted, hidden entries skipped). */
export function* walkPaths(paths: string[]): Generator<{ path: string; error?: DossierError }> {
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      yield { path: p, error: new DossierError("NOT_FOUND", p) };
      continue;
    }
    if (st.isDirectory()) yield* walkDir(p);
    else yield { path: p };
  }
}

function readCapped(path: string, cap: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size > cap) throw new DossierError("TOO_LARGE", path, `${size} bytes, the limit is ${cap}`);
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/** Reads one file into input items (one for a page, one per row for JSONL/CSV). */
export function* readFileItems(path: string, limits: DecodeLimits, as?: InputKind): Generator<InputItem> {
  const kind = as ?? inputKind(path);
  if (!kind) {
    yield { ok: false, error: new DossierError("UNSUPPORTED_TYPE", path, extname(path) || "no extension"), inputHash: null, origin: path };
    return;
  }
  let bytes: Buffer;
  try {
    bytes = readCapped(path, limits.maxInputBytes);
  } catch (e) {
    yield { ok: false, error: asDossierError(e, path), inputHash: null, origin: path };
    return;
  }
  yield* bytesToItems(bytes, { origin: path, name: path, kind }, limits);
}

export type InputKind = "html" | "text" | "jsonl" | "csv";

/**
 * Raw bytes of one input (a file read from disk, or uploaded) → items: the size cap, the gzip bomb guard,
 * binary sniffing and charset detection, then one item for a page or one per JSONL/CSV row.
 * `name` gives the id (file name without extensions) and says whether the bytes claim to be gzip.
 */
export function* bytesToItems(bytes: Uint8Array, input: { origin: string; name: string; kind: InputKind }, limits: DecodeLimits): Generator<InputItem> {
  const { origin, name, kind } = input;
  const hash = sha256(bytes);
  let text: string;
  try {
    if (bytes.length > limits.maxInputBytes) throw new DossierError("TOO_LARGE", origin, `${bytes.length} bytes, the limit is ${limits.maxInputBytes}`);
    let raw = bytes;
    if (isGzip(raw)) raw = gunzipLimited(raw, origin, limits);
    else if (name.toLowerCase().endsWith(".gz")) throw new DossierError("GZIP_CORRUPT", origin, "the file ends in .gz but is not gzip data");
    if (raw.length === 0) throw new DossierError("EMPTY_INPUT", origin);
    const bin = looksBinary(raw);
    if (bin) throw new DossierError("BINARY_INPUT", origin, bin);
    text = decodeText(raw, origin).text;
    if (!text.trim()) throw new DossierError("EMPTY_INPUT", origin);
  } catch (e) {
    yield { ok: false, error: asDossierError(e, origin), inputHash: hash, origin };
    return;
  }
  if (kind === "jsonl" || kind === "csv") {
    const rows = kind === "jsonl" ? jsonlRows(text, origin) : csvRows(text, origin);
    for (const r of rows) {
      const h = sha256(r.raw);
      if (r.ok) yield { ok: true, doc: r.doc, inputHash: h };
      else yield { ok: false, error: r.error, inputHash: r.raw ? h : null, origin: r.error.input };
    }
    return;
  }
  const mediaType: MediaType = kind === "html" ? "text/html" : "text/plain";
  yield { ok: true, doc: { sourceId: baseId(name), origin, mediaType, content: text }, inputHash: hash };
}

/** All items for a list of paths (files and directories). */
export function* readInputs(paths: string[], limits: DecodeLimits): Generator<InputItem> {
  for (const w of walkPaths(paths)) {
    if (w.error) yield { ok: false, error: w.error, inputHash: null, origin: w.path };
    else yield* readFileItems(w.path, limits);
  }
}

/** Items from a JSONL file given with --input-jsonl ({"id","html"} or {"id","text"} rows), whatever its name. */
export function* readJsonlInput(path: string, limits: DecodeLimits): Generator<InputItem> {
  try {
    statSync(path);
  } catch {
    yield { ok: false, error: new DossierError("NOT_FOUND", path), inputHash: null, origin: path };
    return;
  }
  yield* readFileItems(path, limits, "jsonl");
}
