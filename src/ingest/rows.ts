// JSONL and CSV rows → Documents. A row carries `html` or `text` plus optional id, url, date, outlet, title.

import type { Document } from "../core/types.ts";
import { DossierError } from "../core/errors.ts";

export type RowResult = { ok: true; doc: Document; raw: string } | { ok: false; error: DossierError; raw: string };

export function rowToDocument(row: unknown, origin: string, fallbackId: string): Document {
  if (!row || typeof row !== "object" || Array.isArray(row)) {
    throw new DossierError("BAD_ROW", origin, "expected a JSON object");
  }
  const r = row as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === "string" && (r[k] as string).trim() ? (r[k] as string) : undefined);
  const html = str("html");
  const text = str("text");
  if (!html && !text) throw new DossierError("BAD_ROW", origin, 'no non-empty "html" or "text" field');
  const id = r.id != null && String(r.id).trim() ? String(r.id) : fallbackId;
  const hints: Document["hints"] = {};
  const date = str("date") ?? str("dct");
  if (date) hints.date = date;
  if (str("outlet")) hints.outlet = str("outlet");
  if (str("title")) hints.title = str("title");
  return {
    sourceId: id,
    origin,
    mediaType: html ? "text/html" : "text/plain",
    content: (html ?? text)!,
    url: str("url"),
    hints,
  };
}

/** Parses JSONL text line by line; a malformed line becomes an error result, the rest carry on. */
export function* jsonlRows(text: string, path: string): Generator<RowResult> {
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, "");
    lineNo++;
    start = end + 1;
    if (!line.trim()) {
      if (end >= text.length) break;
      continue;
    }
    const origin = `${path}:${lineNo}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      yield { ok: false, error: new DossierError("BAD_JSONL", origin, (e as Error).message), raw: line };
      continue;
    }
    try {
      yield { ok: true, doc: rowToDocument(parsed, origin, `${baseId(path)}-${lineNo}`), raw: line };
    } catch (e) {
      yield { ok: false, error: e as DossierError, raw: line };
    }
  }
}

/** RFC 4180 CSV: quoted fields with doubled quotes and embedded newlines; header row names the columns. */
export function* csvRows(text: string, path: string): Generator<RowResult> {
  const records = parseCsv(text.replace(/^\uFEFF/, ""));
  const header = records.next();
  if (header.done) return;
  const cols = header.value.fields.map((c) => c.trim().toLowerCase());
  if (!cols.includes("html") && !cols.includes("text")) {
    yield { ok: false, error: new DossierError("BAD_CSV", path, `header has no html or text column (found: ${cols.join(", ")})`), raw: "" };
    return;
  }
  let n = 0;
  for (const rec of records) {
    n++;
    const origin = `${path}:${rec.line}`;
    if (rec.error) {
      yield { ok: false, error: new DossierError("BAD_CSV", origin, rec.error), raw: rec.raw };
      continue;
    }
    if (rec.fields.length === 1 && rec.fields[0] === "") continue;
    const obj: Record<string, string> = {};
    cols.forEach((c, i) => (obj[c] = rec.fields[i] ?? ""));
    try {
      yield { ok: true, doc: rowToDocument(obj, origin, `${baseId(path)}-${n}`), raw: rec.raw };
    } catch (e) {
      yield { ok: false, error: e as DossierError, raw: rec.raw };
    }
  }
}

interface CsvRecord {
  fields: string[];
  line: number;
  raw: string;
  error?: string;
}

function* parseCsv(text: string): Generator<CsvRecord> {
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const startIdx = i;
    const fields: string[] = [];
    let field = "";
    let error: string | undefined;
    for (;;) {
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        if (!closed) error = "a quoted field is never closed";
        // Anything between the closing quote and the separator is kept, as most readers do.
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
      } else {
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
      }
      fields.push(field);
      field = "";
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") {
        i++;
        line++;
      }
      break;
    }
    yield { fields, line: startLine, raw: text.slice(startIdx, i), error };
  }
}

export function baseId(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/(\.(html?|txt|jsonl|csv|gz|json))+$/i, "");
}
