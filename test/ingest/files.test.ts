import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readInputs, readJsonlInput, type InputItem } from "../../src/ingest/files.ts";
import { csvRows } from "../../src/ingest/rows.ts";

const limits = { maxInputBytes: 4 << 20, maxGzipRatio: 100 };
const dir = mkdtempSync(join(tmpdir(), "dossier-files-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, data);
  return p;
};
const summary = (items: InputItem[]) => items.map((i) => (i.ok ? `ok ${i.doc.sourceId} ${i.doc.mediaType}` : `${i.error.code} ${i.origin}`));

test("walks directories recursively, reads each kind, gunzips, and names ids after files", () => {
  put("a/one.html", "<html><body><p>One</p></body></html>");
  put("a/b/two.txt", "Two\n");
  put("a/b/three.html.gz", gzipSync("<p>Three</p>"));
  put("a/.hidden.html", "<p>skip</p>");
  put("a/notes.md", "# not ours");
  const items = [...readInputs([join(dir, "a")], limits)];
  assert.deepEqual(summary(items).sort(), ["ok one text/html", "ok three text/html", "ok two text/plain"]);
});

test("each bad input becomes an error naming it, and the batch goes on", () => {
  const empty = put("bad/empty.txt", "");
  const blank = put("bad/blank.html", "  \n\t ");
  const bin = put("bad/photo.html", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  const fakeGz = put("bad/fake.html.gz", "<p>not gzip</p>");
  const big = put("bad/huge.html", Buffer.alloc(5 << 20, 0x61));
  const good = put("bad/good.txt", "A fine article body.\n");
  const items = [...readInputs([empty, blank, bin, fakeGz, big, join(dir, "missing.html"), good], limits)];
  assert.deepEqual(summary(items), [
    `EMPTY_INPUT ${empty}`,
    `EMPTY_INPUT ${blank}`,
    `BINARY_INPUT ${bin}`,
    `GZIP_CORRUPT ${fakeGz}`,
    `TOO_LARGE ${big}`,
    `NOT_FOUND ${join(dir, "missing.html")}`,
    "ok good text/plain",
  ]);
  for (const i of items) if (!i.ok) assert.ok(i.error.message.includes(i.origin), i.error.message);
});

test("JSONL: a malformed line is rejected with its line number, the other rows carry on", () => {
  const p = put("rows.jsonl", [
    JSON.stringify({ id: "r1", html: "<p>first</p>", url: "https://example.org/a", date: "2024-01-30", outlet: "Wire" }),
    '{"id": "r2", "text": "unterminated',
    "",
    JSON.stringify({ id: "r3", text: "third row" }),
    JSON.stringify({ id: "r4", title: "no body" }),
    "[1,2]",
  ].join("\n"));
  const items = [...readJsonlInput(p, limits)];
  assert.deepEqual(summary(items), ["ok r1 text/html", `BAD_JSONL ${p}:2`, "ok r3 text/plain", `BAD_ROW ${p}:5`, `BAD_ROW ${p}:6`]);
  const first = items[0]!;
  assert.ok(first.ok && first.doc.url === "https://example.org/a" && first.doc.hints?.date === "2024-01-30" && first.doc.hints?.outlet === "Wire");
});

test("CSV: quoted fields with commas, doubled quotes and newlines", () => {
  const csv = 'id,title,text\nc1,"Talks, resumed","He said ""yes"".\nThen left."\nc2,Plain,Second body\n';
  const rows = [...csvRows(csv, "f.csv")];
  assert.equal(rows.length, 2);
  assert.ok(rows[0]!.ok && rows[0]!.doc.content === 'He said "yes".\nThen left.' && rows[0]!.doc.hints?.title === "Talks, resumed");
  assert.ok(rows[1]!.ok && rows[1]!.doc.sourceId === "c2");
  const noBody = [...csvRows("id,title\n1,x\n", "g.csv")];
  assert.equal(noBody.length, 1);
  assert.ok(!noBody[0]!.ok && noBody[0]!.error.code === "BAD_CSV");
});
