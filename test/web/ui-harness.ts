// Set-up for the UI tests and the screenshot script: the web UI built once into a temp folder, a server on
// a free loopback port over a temp store with the demo corpus, and headless Chromium.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { startServer, type RunningServer } from "../../src/api/server.ts";
import { buildWeb } from "../../web/build.ts";
import { DEMO_DIR, config, tempDossier, type TempDossier } from "../api/harness.ts";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
export const CHROMIUM = CANDIDATES.find((p) => existsSync(p)) ?? null;
export const NO_CHROMIUM = CHROMIUM ? false : `no Chromium found (tried ${CANDIDATES.join(", ")}); install it with apt-get install -y chromium`;

export interface Ui {
  url: string;
  browser: Browser;
  demo: TempDossier;
  server: RunningServer;
  close(): Promise<void>;
}

export async function startUi(): Promise<Ui> {
  const out = mkdtempSync(join(tmpdir(), "dossier-web-"));
  await buildWeb({ outDir: out });
  const demo = await tempDossier([DEMO_DIR]);
  const server = await startServer({ dossier: demo.dossier, config, host: "127.0.0.1", port: 0, token: null, webRoot: out });
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM!,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  return {
    url: server.url,
    browser,
    demo,
    server,
    close: async () => {
      await browser.close();
      await server.close();
      await demo.close();
      rmSync(out, { recursive: true, force: true });
    },
  };
}
