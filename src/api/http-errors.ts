// The one place where errors become HTTP responses (DESIGN.md convention 3): every failure leaves the API as
// JSON {error:{code,message}} with the status the catalogue gives its code.

import type { Context } from "hono";
import type { ZodError } from "zod";
import { DossierError, ERRORS, asDossierError, type ErrorCode } from "../core/errors.ts";

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function statusFor(code: ErrorCode): number {
  return ERRORS[code].http;
}

export function errorBody(e: DossierError): ErrorBody {
  return { error: { code: e.code, message: e.message } };
}

/** Anything thrown by a handler → the catalogue's JSON error and status. */
export function errorResponse(c: Context, e: unknown): Response {
  const err = asDossierError(e, `${c.req.method} ${c.req.path}`);
  // Internal errors keep their detail out of the response body: it may hold paths or SQL.
  const body = err.code === "INTERNAL" ? { error: { code: err.code, message: new DossierError("INTERNAL", err.input).message } } : errorBody(err);
  return c.json(body, statusFor(err.code) as 400);
}

/** A zod failure on a request's query or path → BAD_REQUEST naming each bad parameter. */
export function validationError(where: string, e: ZodError): DossierError {
  const detail = e.issues.map((i) => `${i.path.join(".") || "(value)"}: ${i.message}`).join("; ");
  return new DossierError("BAD_REQUEST", where, detail);
}
