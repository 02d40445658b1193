// The one error catalogue (DESIGN.md convention 3). Every rejection and user-facing failure
// has a code here, a message template that names the input and says what to do, an HTTP
// status for the API and an exit code for the CLI.

export interface ErrorSpec {
  message: (input: string, detail?: string) => string;
  http: number;
  exit: number;
}

const spec = (http: number, exit: number, message: ErrorSpec["message"]): ErrorSpec => ({ http, exit, message });
const d = (detail?: string) => (detail ? `: ${detail}` : "");

export const ERRORS = {
  EMPTY_INPUT: spec(422, 65, (i) => `${i}: the input is empty (0 bytes or only whitespace); nothing to extract — check that the file was saved completely`),
  BINARY_INPUT: spec(415, 65, (i, x) => `${i}: looks like binary data, not HTML or text${d(x)} — pass .html, .htm, .txt, .jsonl or .csv files (optionally gzipped)`),
  UNSUPPORTED_TYPE: spec(415, 65, (i, x) => `${i}: unsupported file type${d(x)} — Dossier reads .html, .htm, .txt, .jsonl, .csv and their .gz versions`),
  DECODE_FAILED: spec(422, 65, (i, x) => `${i}: could not decode the text${d(x)} — re-save it as UTF-8 or declare its charset in a <meta charset> tag`),
  TOO_LARGE: spec(413, 65, (i, x) => `${i}: input is too large${d(x)} — raise limits.maxInputBytes in the config if this page is genuine`),
  GZIP_BOMB: spec(413, 65, (i, x) => `${i}: gzip expands beyond the size limit${d(x)} — this looks like a decompression bomb; unpack it yourself if it is genuine`),
  GZIP_CORRUPT: spec(422, 65, (i, x) => `${i}: the gzip data is corrupt or truncated${d(x)} — re-download the file`),
  TOO_DEEP: spec(422, 65, (i, x) => `${i}: HTML nesting is too deep${d(x)} — the page is malformed or hostile; raise limits.maxDepth if it is genuine`),
  NO_CONTENT: spec(422, 65, (i, x) => `${i}: no article text found${d(x)} — the page may be an index page, a paywall, or rendered by script; try --mode text on a saved text version`),
  BAD_JSONL: spec(422, 65, (i, x) => `${i}: not a valid JSON line${d(x)} — each line must be one JSON object such as {"id":"a1","html":"..."}`),
  BAD_ROW: spec(422, 65, (i, x) => `${i}: the row has no usable content${d(x)} — each row needs an "html" or a "text" field`),
  BAD_CSV: spec(422, 65, (i, x) => `${i}: could not parse the CSV${d(x)} — the first line must be a header with an html or text column`),
  NOT_FOUND: spec(404, 66, (i) => `${i}: not found — check the path or id (\`dossier articles\` lists ids)`),
  READ_FAILED: spec(422, 66, (i, x) => `${i}: could not be read${d(x)}`),
  URL_REFUSED: spec(403, 77, (i, x) => `${i}: refused to fetch${d(x)} — private, loopback and non-http(s) addresses are blocked unless fetch.allowPrivate is set`),
  FETCH_FAILED: spec(502, 69, (i, x) => `${i}: fetch failed${d(x)}`),
  BAD_CONFIG: spec(400, 78, (i, x) => `${i}: invalid configuration${d(x)}`),
  BAD_REQUEST: spec(400, 64, (i, x) => `${i}: bad request${d(x)}`),
  UNAUTHORIZED: spec(401, 77, (i, x) => `${i}: a valid token is required${d(x)} — send "Authorization: Bearer <token>" (set with --token or DOSSIER_TOKEN)`),
  STAGE_FAILED: spec(500, 70, (i, x) => `${i}: the article was stored, but a later stage failed${d(x)} — the rest of the batch went on; please report this with the input`),
  INTERNAL: spec(500, 70, (i, x) => `${i}: internal error${d(x)} — please report this with the input that caused it`),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** The single error type thrown across Dossier. `input` names what failed (a path, an id, a URL). */
export class DossierError extends Error {
  readonly code: ErrorCode;
  readonly input: string;
  readonly detail?: string;
  constructor(code: ErrorCode, input: string, detail?: string) {
    super(ERRORS[code].message(input, detail));
    this.name = "DossierError";
    this.code = code;
    this.input = input;
    this.detail = detail;
  }
  get http(): number {
    return ERRORS[this.code].http;
  }
  get exit(): number {
    return ERRORS[this.code].exit;
  }
}

export function isDossierError(e: unknown): e is DossierError {
  return e instanceof DossierError;
}

/** Turns anything thrown into a DossierError, keeping the input name. */
export function asDossierError(e: unknown, input: string): DossierError {
  if (e instanceof DossierError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new DossierError("INTERNAL", input, msg);
}
