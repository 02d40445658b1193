import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { checkUrl, fetchUrl, isPrivateAddress } from "../../src/ingest/url.ts";
import { defaultConfig } from "../../src/core/config.ts";
import { DossierError } from "../../src/core/errors.ts";

test("private, loopback and odd addresses are recognized", () => {
  for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "100.64.0.1"]) {
    assert.equal(isPrivateAddress(ip), true, ip);
  }
  for (const ip of ["8.8.8.8", "93.184.216.34", "2606:4700::1111"]) assert.equal(isPrivateAddress(ip), false, ip);
});

test("hostile URLs are refused before any traffic", () => {
  const refused = (u: string) => assert.throws(() => checkUrl(u, false), (e: unknown) => e instanceof DossierError && e.code === "URL_REFUSED");
  refused("file:///etc/passwd");
  refused("javascript:alert(1)");
  refused("http://127.0.0.1/admin");
  refused("http://[::1]:8080/");
  refused("http://169.254.169.254/latest/meta-data/");
  refused("http://localhost/");
  refused("http://user:pass@example.com/");
  refused("not a url");
  assert.equal(checkUrl("https://example.com/a?b=1", false).hostname, "example.com");
});

test("the fetcher refuses a loopback server by default and fetches it when allowed", async () => {
  const server = createServer((req, res) => {
    if (req.url === "/hop") {
      res.writeHead(302, { location: "/page" });
      return res.end();
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<html><body><article><p>Local page text.</p></article></body></html>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  try {
    await assert.rejects(fetchUrl(`http://127.0.0.1:${port}/page`, defaultConfig), (e: unknown) => e instanceof DossierError && e.code === "URL_REFUSED");
    const cfg = { ...defaultConfig, fetch: { ...defaultConfig.fetch, allowPrivate: true } };
    const { doc, inputHash } = await fetchUrl(`http://127.0.0.1:${port}/hop`, cfg);
    assert.equal(doc.mediaType, "text/html");
    assert.match(doc.content, /Local page text/);
    assert.equal(doc.url, `http://127.0.0.1:${port}/page`);
    assert.match(inputHash, /^[0-9a-f]{64}$/);
  } finally {
    server.close();
  }
});
