// Builds the web UI into web/dist with Vite's JS API (no npm script needed: `npx tsx web/build.ts`, and
// `dossier serve` calls ensureWebBuilt() on start-up when web/dist is missing).

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const WEB_ROOT = fileURLToPath(new URL("./", import.meta.url));
export const WEB_DIST = fileURLToPath(new URL("./dist/", import.meta.url));

export function webBuilt(dist: string = WEB_DIST): boolean {
  return existsSync(new URL("index.html", `file://${dist.endsWith("/") ? dist : dist + "/"}`));
}

/** Runs `vite build` on web/ into `outDir` (default web/dist). Quiet unless `log` is set. */
export async function buildWeb(opts: { outDir?: string; log?: boolean } = {}): Promise<string> {
  const { build } = await import("vite");
  const outDir = opts.outDir ?? WEB_DIST;
  await build({
    configFile: false,
    root: WEB_ROOT,
    base: "/",
    logLevel: opts.log ? "info" : "error",
    publicDir: fileURLToPath(new URL("./public/", import.meta.url)),
    build: {
      outDir,
      emptyOutDir: true,
      // Everything is an external file: the CSP allows no inline script or style, and data: only for images.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      target: "es2022",
      sourcemap: false,
    },
  });
  return outDir;
}

/** Builds web/dist when it is missing; returns its path. */
export async function ensureWebBuilt(opts: { log?: boolean } = {}): Promise<string> {
  if (!webBuilt()) await buildWeb(opts);
  return WEB_DIST;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildWeb({ log: true });
  process.stdout.write(`built the web UI into ${out}\n`);
}
