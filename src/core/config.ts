// Configuration is one typed object (DESIGN.md convention 5): defaults with a comment on every
// threshold, a user file merged over them, validated with zod, frozen, passed down explicitly.
// Library code never reads process.env; the edges (cli/, api/) build the config and pass it in.

import { z } from "zod";
import { DossierError } from "./errors.ts";

export const ConfigSchema = z.object({
  limits: z.object({
    /** Largest input accepted after decompression. 100 MB pages exist (inline images) and extract in ~12 s
     *  at ~600 MB RSS (measured on a 100 MB page); above 128 MB we refuse rather than risk memory. */
    maxInputBytes: z.number().int().positive().default(128 * 1024 * 1024),
    /** gzip may expand at most this many times before we call it a bomb (real HTML compresses ~5-10x). */
    maxGzipRatio: z.number().positive().default(200),
    /** Deepest element nesting we walk; deeper content is flattened (real pages stay under ~60). */
    maxDepth: z.number().int().positive().default(512),
  }).default({ maxInputBytes: 128 * 1024 * 1024, maxGzipRatio: 200, maxDepth: 512 }),
  fetch: z.object({
    /** Allow fetching private, loopback and link-local addresses (off: SSRF protection). */
    allowPrivate: z.boolean().default(false),
    timeoutMs: z.number().int().positive().default(15000),
    userAgent: z.string().default("Dossier/0.1 (+news research tool)"),
  }).default({ allowPrivate: false, timeoutMs: 15000, userAgent: "Dossier/0.1 (+news research tool)" }),
  server: z.object({
    host: z.string().default("127.0.0.1"),
    port: z.number().int().min(0).max(65535).default(4477),
    token: z.string().nullable().default(null),
  }).default({ host: "127.0.0.1", port: 4477, token: null }),
});

export type Config = z.infer<typeof ConfigSchema>;

export function makeConfig(user: unknown = {}, source = "config"): Readonly<Config> {
  const r = ConfigSchema.safeParse(user ?? {});
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new DossierError("BAD_CONFIG", source, detail);
  }
  return deepFreeze(r.data);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

export const defaultConfig = makeConfig();
