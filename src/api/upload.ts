// Request bodies → ingest input items. Uploaded files go through the same checks as files on disk (size,
// gzip bomb guard, binary sniffing, charset detection, JSONL/CSV rows); JSON bodies are rows like JSONL's.
// Both go through src/ingest (bytesToItems, rowToDocument), exactly as files on disk do.

import { DossierError, asDossierError } from "../core/errors.ts";
import type { DecodeLimits } from "../ingest/decode.ts";
import { bytesToItems, inputKind, sha256, type InputItem } from "../ingest/files.ts";
import { rowToDocument } from "../ingest/rows.ts";

/** Items from one uploaded file (one for a page, one per row for JSONL/CSV). `name` picks the kind. */
export function fileItems(name: string, bytes: Uint8Array, limits: DecodeLimits): InputItem[] {
  const origin = `upload:${name}`;
  const kind = inputKind(name);
  if (!kind) return [{ ok: false, error: new DossierError("UNSUPPORTED_TYPE", origin, name.includes(".") ? name.slice(name.lastIndexOf(".")) : "no extension"), inputHash: null, origin }];
  return [...bytesToItems(bytes, { origin, name, kind }, limits)];
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
