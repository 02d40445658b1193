// End-to-end ingest: every kind of bad input gets a one-line rejection naming it, the batch goes on,
// re-ingesting adds nothing, and a kill mid-ingest leaves a consistent database.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { spawn, spawnSync } from "node:child_process";
import iconv from "iconv-lite";
import Database from "better-sqlite3";
import { readInputs } from "../../src/ingest/files.ts";
import { ingestItems } from "../../src/pipeline/ingest.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { defaultConfig } from "../../src/core/config.ts";

const dir = mkdtempSync(join(tmpdir(), "dossier-ingest-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, data);
  return p;
};
const BIN = new URL("../../bin/dossier.mjs", import.meta.url).pathname;

const para = (topic: string, i: number) =>
  `<p>Harbor officials in ${topic} said on Tuesday that the new customs scanners had cut inspection times by a third in the first month of use, and that inspectors would now look at every container arriving from ports flagged by the shipping agency, item ${i}.</p>`;
const page = (title: string, topic: string, extra = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>${extra}<article><h1>${title}</h1>${[1, 2, 3, 4].map((i) => para(topic, i)).join("")}</article><footer>© 2024 Harbor Ledger</footer></body></html>`;

test("a mixed batch: good pages in any encoding are added, each bad input is rejected with its name and reason", async () => {
  const files = {
    good: put("batch/good.html", page("Scanners speed up port checks", "Valparaíso")),
    cp1252: put("batch/cp1252.html", iconv.encode(page("Café owners welcome “faster” checks", "Cádiz").replace('charset="utf-8"', 'charset="windows-1252"'), "windows-1252")),
    gbk: put("batch/gbk.html", iconv.encode(`<html><head><meta charset="gbk"><title>海关扫描仪</title></head><body><article>${"<p>港口官员周二表示，新的海关扫描仪在使用的第一个月内将检查时间缩短了三分之一。检查人员今后将查看每一个来自被标记港口的集装箱，并公布每周的检查数据。</p>".repeat(4)}</article></body></html>`, "gbk")),
    utf16: put("batch/utf16.html", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page("Customs scanners arrive", "Durban"), "utf-16le")])),
    truncated: put("batch/truncated.html", page("Cut off mid-page", "Mombasa").slice(0, 900)),
    deep: put("batch/deep.html", "<html><body>" + "<div>".repeat(100000) + para("Tema", 1) + para("Tema", 2) + "</div>".repeat(100000) + "</body></html>"),
    scripts: put("batch/scripts.html", page("Page with scripts", "Lagos", `<script>document.write("INJECTED")</script><img src=x onerror="alert('x')">`)),
    empty: put("batch/empty.html", ""),
    binary: put("batch/binary.txt", Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0, 1, 2, 3])),
    bomb: put("batch/bomb.html.gz", gzipSync(Buffer.alloc(64 << 20, 0x3c))),
    jsonl: put("batch/rows.jsonl", [JSON.stringify({ id: "row-1", text: "Dock cranes stood idle for a second day as the strike over night-shift pay went on.\n\nUnion leaders said talks would resume on Friday." }), "{not json", JSON.stringify({ id: "row-3" })].join("\n")),
  };
  const store = openSqliteStore(":memory:");
  try {
    const s = await ingestItems(store, defaultConfig, readInputs([join(dir, "batch")], defaultConfig.limits));
    const codes = Object.fromEntries(s.rejections.map((r) => [r.origin, r.code]));
    assert.equal(codes[files.empty], "EMPTY_INPUT");
    assert.equal(codes[files.binary], "BINARY_INPUT");
    assert.equal(codes[files.bomb], "GZIP_BOMB");
    assert.equal(codes[`${files.jsonl}:2`], "BAD_JSONL");
    assert.equal(codes[`${files.jsonl}:3`], "BAD_ROW");
    for (const r of s.rejections) {
      assert.ok(r.reason.includes(r.origin), `reason names the input: ${r.reason}`);
      assert.ok(!r.reason.includes("\n"), "one line");
    }
    const list = await store.listArticles({ limit: 100 });
    const bySource = new Map(list.map((a) => [a.origin, a]));
    for (const f of [files.good, files.cp1252, files.gbk, files.utf16, files.truncated, files.deep, files.scripts]) {
      assert.ok(bySource.has(f), `added: ${f} (rejections: ${JSON.stringify(s.rejections)})`);
    }
    const cp = (await store.getArticle(bySource.get(files.cp1252)!.id))!;
    assert.match(cp.text + cp.title, /Cádiz/);
    assert.match(cp.title!, /Café owners welcome “faster” checks/);
    const zh = (await store.getArticle(bySource.get(files.gbk)!.id))!;
    assert.match(zh.text, /海关扫描仪/);
    const sc = (await store.getArticle(bySource.get(files.scripts)!.id))!;
    assert.doesNotMatch(sc.text, /INJECTED|alert/);
    assert.equal(s.added, 8);
    assert.equal((await store.listRejections()).length, s.rejected);

    // Re-ingesting the same inputs adds nothing and stores no new rejections.
    const again = await ingestItems(store, defaultConfig, readInputs([join(dir, "batch")], defaultConfig.limits));
    assert.equal(again.added, 0);
    assert.equal(again.rejected, 0);
    assert.equal(await store.countArticles(), 8);
  } finally {
    await store.close();
  }
});

test("a 100 MB page is extracted, not refused", async () => {
  const p = "<p>" + "The council debated the port budget for hours before the vote on Thursday night. ".repeat(12) + "</p>\n";
  const big = put("big/huge.html", "<html><head><title>Budget night</title></head><body><article>" + p.repeat(Math.ceil(100e6 / p.length)) + "</article></body></html>");
  const store = openSqliteStore(":memory:");
  try {
    const s = await ingestItems(store, defaultConfig, readInputs([big], defaultConfig.limits));
    assert.equal(s.added, 1, JSON.stringify(s.rejections));
  } finally {
    await store.close();
  }
});

test("killing the process mid-ingest leaves a consistent database, and a re-run completes it", { timeout: 120_000 }, async () => {
  const n = 400;
  for (let i = 0; i < n; i++) put(`many/${String(i).padStart(4, "0")}.html`, page(`Port bulletin number ${i}`, `harbor ${i}`));
  const db = join(dir, "kill.db");
  const child = spawn(process.execPath, [BIN, "--db", db, "ingest", join(dir, "many")], { stdio: "ignore" });
  // Kill as soon as some articles are committed.
  const deadline = Date.now() + 60_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 150));
    if (existsSync(db)) {
      try {
        const c = new Database(db, { readonly: true });
        const k = (c.prepare("SELECT count(*) AS k FROM articles").get() as { k: number }).k;
        c.close();
        if (k >= 20) break;
      } catch { /* schema not there yet */ }
    }
    if (Date.now() > deadline) break;
  }
  child.kill("SIGKILL");
  await new Promise((r) => child.on("exit", r));
  const c = new Database(db);
  assert.equal((c.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check, "ok");
  const k = (c.prepare("SELECT count(*) AS k FROM articles").get() as { k: number }).k;
  assert.ok(k > 0 && k < n, `killed mid-way (had ${k})`);
  // every stored article has its input recorded and its full-text row (one transaction each)
  const orphans = (c.prepare("SELECT count(*) AS k FROM articles a WHERE NOT EXISTS (SELECT 1 FROM inputs i WHERE i.article_id = a.id)").get() as { k: number }).k;
  assert.equal(orphans, 0);
  const fts = (c.prepare("SELECT count(*) AS k FROM articles_fts WHERE articles_fts MATCH 'bulletin'").get() as { k: number }).k;
  assert.equal(fts, k);
  c.close();
  const r = spawnSync(process.execPath, [BIN, "--db", db, "ingest", "--json", join(dir, "many")], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.added + s.duplicates, n);
  assert.equal(s.added, n - k);
});
