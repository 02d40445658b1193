// The built UI is served from web/dist: files by path, index.html for client routes, nothing outside the folder.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/api/app.ts";
import { config, tempDossier } from "./harness.ts";

test("static files: assets, index fallback, no escape from the web root, CSP on pages", async () => {
  const base = mkdtempSync(join(tmpdir(), "dossier-static-"));
  const root = join(base, "dist");
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<!doctype html><title>Dossier</title><div id=app></div>");
  writeFileSync(join(root, "assets", "app-1234.js"), "console.log(1)");
  writeFileSync(join(base, "secret.txt"), "do not serve");
  const t = await tempDossier();
  try {
    const app = createApp({ dossier: t.dossier, config, token: null, webRoot: root });
    const js = await app.request("/assets/app-1234.js");
    assert.equal(js.status, 200);
    assert.match(js.headers.get("content-type")!, /javascript/);
    assert.match(js.headers.get("cache-control")!, /immutable/);
    const page = await app.request("/");
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Dossier/);
    assert.match(page.headers.get("content-security-policy")!, /script-src 'self'/);
    assert.equal((await app.request("/storyline/l1")).status, 200, "client routes get index.html");
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/assets/%2e%2e%2f%2e%2e%2fsecret.txt", "/..%5csecret.txt"]) {
      const r = await app.request(path);
      assert.doesNotMatch(await r.text(), /do not serve/, path);
    }
    assert.equal((await app.request("/assets/missing.js")).status, 404);
    assert.equal((await app.request("/api/unknown")).status, 404, "API paths never fall back to the page");
  } finally {
    await t.close();
    rmSync(base, { recursive: true, force: true });
  }
});
