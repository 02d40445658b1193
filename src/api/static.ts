// The built web UI (web/dist) served from memory: files are read once, hashed assets cached for a year,
// index.html revalidated, any other non-API path answered with index.html (client-side routing).

import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { Hono } from "hono";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Dossier</title><p>The web UI is not built yet. Run <code>npx tsx web/build.ts</code> (or start <code>dossier serve</code>, which builds it) and reload.</p>`;

export function staticFiles(app: Hono, root: string): void {
  const base = resolve(root);
  const files = new Map<string, { body: Uint8Array; type: string } | null>();
  const load = (rel: string) => {
    if (files.has(rel)) return files.get(rel)!;
    const full = normalize(join(base, rel));
    let hit: { body: Uint8Array; type: string } | null = null;
    if ((full === base || full.startsWith(base + sep)) && existsSync(full) && statSync(full).isFile()) {
      hit = { body: readFileSync(full), type: TYPES[extname(full)] ?? "application/octet-stream" };
    }
    // index.html is not memoized while missing, so a build finishing after start-up is picked up.
    if (hit || rel !== "index.html") files.set(rel, hit);
    return hit;
  };
  app.get("*", (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path).replace(/^\/+/, "");
    } catch {
      rel = "";
    }
    const file = rel && !rel.endsWith("/") ? load(rel) : null;
    if (file) {
      c.header("Content-Type", file.type);
      c.header("Cache-Control", rel.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      return c.body(file.body as Uint8Array<ArrayBuffer>);
    }
    if (extname(rel) && rel !== "index.html") return c.text("not found", 404);
    const index = load("index.html");
    c.header("Cache-Control", "no-cache");
    return c.html(index ? new TextDecoder().decode(index.body) : NOT_BUILT);
  });
}
