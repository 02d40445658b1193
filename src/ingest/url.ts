// The URL fetcher. Secure by default: only http(s), and every address a name resolves to — checked in the
// socket's own DNS lookup, so a rebinding name cannot swap in a private address after the check — must be
// public unless fetch.allowPrivate is set. Redirects are followed by hand (each hop checked), bodies are capped.

import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Config } from "../core/config.ts";
import { DossierError } from "../core/errors.ts";
import type { Document } from "../core/types.ts";
import { decodeText, gunzipLimited, isGzip, looksBinary } from "./decode.ts";
import { sha256 } from "./files.ts";

/** True for loopback, private, link-local, CGNAT, unique-local, multicast, unspecified and mapped-private addresses. */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) {
    const [a, b] = ip.split(".").map(Number) as [number, number, number, number];
    return (
      a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) || a >= 224
    );
  }
  if (v === 6) {
    const x = ip.toLowerCase().replace(/^\[|\]$/g, "");
    if (x === "::" || x === "::1") return true;
    const mapped = x.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped) return isPrivateAddress(mapped[1]!);
    if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(x)) return true; // mapped IPv4 in hex form: refuse rather than parse
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(x) || x.startsWith("64:ff9b:") || x.startsWith("2001:db8");
  }
  return true;
}

/** Parses and checks a URL before any network traffic. */
export function checkUrl(raw: string, allowPrivate: boolean): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new DossierError("URL_REFUSED", raw, "not a valid absolute URL");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new DossierError("URL_REFUSED", raw, `scheme ${u.protocol} is not http or https`);
  if (u.username || u.password) throw new DossierError("URL_REFUSED", raw, "URLs with credentials are not fetched");
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) throw new DossierError("URL_REFUSED", raw, `${host} is a private or loopback address`);
  if (!allowPrivate && /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i.test(host)) throw new DossierError("URL_REFUSED", raw, `${host} is a local name`);
  return u;
}

function guardedLookup(allowPrivate: boolean, url: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as unknown as LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate) return callback(new DossierError("URL_REFUSED", url, `${hostname} resolves to the private address ${bad.address}`), "", 0);
      if ((options as { all?: boolean }).all) return (callback as any)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export interface FetchOptions {
  fetch: Config["fetch"];
  limits: Config["limits"];
  maxRedirects?: number;
}

/** Fetches a page and returns it as a Document with its raw-input hash. */
export async function fetchUrl(raw: string, o: FetchOptions): Promise<{ doc: Document; inputHash: string }> {
  let url = checkUrl(raw, o.fetch.allowPrivate);
  for (let hop = 0; hop <= (o.maxRedirects ?? 5); hop++) {
    const res = await request(url, o);
    if (res.status >= 300 && res.status < 400 && res.location) {
      url = checkUrl(new URL(res.location, url).toString(), o.fetch.allowPrivate);
      continue;
    }
    if (res.status >= 400) throw new DossierError("FETCH_FAILED", raw, `HTTP ${res.status}`);
    let body = res.body;
    const inputHash = sha256(body);
    if (isGzip(body)) body = gunzipLimited(body, raw, o.limits);
    if (!body.length) throw new DossierError("EMPTY_INPUT", raw);
    const bin = looksBinary(body);
    if (bin) throw new DossierError("BINARY_INPUT", raw, bin);
    const ctype = res.contentType.toLowerCase();
    const { text } = decodeText(body, raw);
    return {
      doc: {
        sourceId: url.toString(),
        origin: url.toString(),
        mediaType: ctype.includes("text/plain") ? "text/plain" : "text/html",
        content: text,
        url: url.toString(),
        fetchedAt: new Date().toISOString(),
      },
      inputHash,
    };
  }
  throw new DossierError("FETCH_FAILED", raw, "too many redirects");
}

function request(url: URL, o: FetchOptions): Promise<{ status: number; location?: string; contentType: string; body: Buffer }> {
  const mod = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.get(
      url,
      {
        lookup: guardedLookup(o.fetch.allowPrivate, url.toString()),
        headers: { "user-agent": o.fetch.userAgent, accept: "text/html,text/plain;q=0.9,*/*;q=0.1" },
        timeout: o.fetch.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > o.limits.maxInputBytes) {
            req.destroy(new DossierError("TOO_LARGE", url.toString(), `response exceeds ${o.limits.maxInputBytes} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            contentType: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new DossierError("FETCH_FAILED", url.toString(), `no answer within ${o.fetch.timeoutMs} ms`)));
    req.on("error", (e) => reject(e instanceof DossierError ? e : new DossierError("FETCH_FAILED", url.toString(), e.message)));
  });
}
