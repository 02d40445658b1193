// Request bodies → ingest input items. Uploaded files go through the same checks as files on disk (size,
// gzip bomb guard, binary sniffing, charset detection, JSONL/CSV rows); JSON bodies are rows like JSONL's.
// (src/ingest/files.ts reads from paths only; this is its in-memory twin for bytes that arrive over HTTP.)

import type { MediaType } from "../core/types.ts";
import { DossierError, asDossierError } from "../core/errors.ts";
import { decodeText, gunzipLimited, isGzip, looksBinary, type DecodeLimits } from "../ingest/decode.ts";
import { inputKind, sha256, type InputItem } from "../ingest/files.ts";
import { baseId, csvRows, jsonlRows, rowToDocument } from "../ingest/rows.ts";

/** Items from one uploaded file (one for a page, one per row for JSONL/CSV). `name` picks the kind. */
export function fileItems(name: string, bytes: Uint8Array, limits: DecodeLimits): InputItem[] {
  const origin = `upload:${name}`;
  const kind = inputKind(name);
  if (!kind) return [{ ok: false, error: new DossierError("UNSUPPORTED_TYPE", origin, name.includes(".") ? name.slice(name.lastIndexOf(".")) : "no extension"), inputHash: null, origin }];
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
    return [{ ok: false, error: asDossierError(e, origin), inputHash: hash, origin }];
  }
  if (kind === "jsonl" || kind === "csv") {
    const rows = kind === "jsonl" ? jsonlRows(text, origin) : csvRows(text, origin);
    return [...rows].map((r): InputItem => {
      const h = sha256(r.raw);
      return r.ok ? { ok: true, doc: r.doc, inputHash: h } : { ok: false, error: r.error, inputHash: r.raw ? h : null, origin: r.error.input };
    });
  }
  const mediaType: MediaType = kind === "html" ? "text/html" : "text/plain";
  return [{ ok: true, doc: { sourceId: baseId(name), origin, mediaType, content: text }, inputHash: hash }];
}

/** Items from a JSON body's rows ({id?, html|text, url?, date?, outlet?, title?}). */
export function rowItems(rows: readonly Record<string, unknown>[]): InputItem[] {
  return rows.map((row, i): InputItem => {
    const origin = `api#${i + 1}`;
    const hash = sha256(JSON.stringify(row));
    try {
      return { ok: true, doc: rowToDocument(row, origin, `api-${hash.slice(0, 12)}`), inputHash: hash };
    } catch (e) {
      return { ok: false, error: asDossierError(e, origin), inputHash: hash, origin };
    }
  });
}
