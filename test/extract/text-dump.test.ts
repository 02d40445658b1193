import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { extractTextDump, classifyLines, parseDateText } from "../../src/extract/text-dump.ts";
import { DossierError } from "../../src/core/errors.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const SHARED = new URL("../../../shared/", import.meta.url);
const SEEDS = fileURLToPath(new URL("seeds/", SHARED));

const fixture = (name: string) => ({
  input: readFileSync(new URL(`${name}/input.txt`, FIXTURES), "utf8"),
  expected: JSON.parse(readFileSync(new URL(`${name}/expected.json`, FIXTURES), "utf8")),
});

// The 4-gram shingle F1 of ../shared/eval/score-extraction.mjs, for one page.
function shingleF1(gold: string, guess: string): number {
  const grams = (s: string) => {
    const w = s.match(/[\p{L}\p{N}_]+/gu) ?? [], m = new Map<string, number>();
    for (let i = 0; i < Math.max(1, w.length - 3); i++) {
      const k = w.slice(i, i + 4).join("\u0001");
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const T = grams(gold), P = grams(guess);
  let tp = 0, fp = 0, fn = 0;
  for (const k of new Set([...T.keys(), ...P.keys()])) {
    const t = T.get(k) ?? 0, p = P.get(k) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const pr = tp / (tp + fp), rc = tp / (tp + fn);
  return pr + rc ? (2 * pr * rc) / (pr + rc) : 0;
}

function assertOffsets(input: string, removed: { text: string; offset?: number }[]) {
  for (const r of removed) {
    assert.equal(typeof r.offset, "number", `removal without offset: ${r.text}`);
    assert.equal(input.slice(r.offset!, r.offset! + r.text.length), r.text, `offset ${r.offset} does not point at "${r.text.slice(0, 40)}"`);
  }
}

test("wire-page dump: captions, teasers and an interleaved Other news block are removed, the article stays whole", () => {
  const { input, expected } = fixture("text-wire-dump");
  const a = extractTextDump(input);
  for (const s of expected.with) assert.ok(a.text.includes(s), `missing: ${s}`);
  for (const s of expected.without) assert.ok(!a.text.includes(s), `should be removed: ${s}`);
  assert.equal(a.title, expected.title);
  assert.deepEqual(a.published, { date: expected.date, precision: "day", source: "header" });
  assert.equal(a.outlet, expected.outlet);
  assert.equal(a.dateline, expected.dateline);
  assert.equal(a.text.split("\n\n").length, 8);
  assert.equal(a.language, "en");
});

test("wire-page dump: every removal says why and points at the removed text", () => {
  const { input } = fixture("text-wire-dump");
  const a = extractTextDump(input);
  assertOffsets(input, a.removed);
  const reasonOf = (s: string) => a.removed.find((r) => r.text.startsWith(s))?.reason;
  assert.equal(reasonOf("date 2024-03-14"), "header-line");
  assert.equal(reasonOf("FILE - A cargo ship"), "caption");
  assert.equal(reasonOf("Other news"), "related");
  assert.equal(reasonOf("Farm groups returned"), "related");
  assert.equal(reasonOf("Share"), "share");
  assert.equal(reasonOf("Port delays pile up"), "trending");
  assert.equal(reasonOf("Swiss glacier monitors report"), "duplicate-title");
  // Removed and kept lines partition the page: nothing is lost silently.
  const kept = a.text.split("\n\n").length;
  assert.equal(kept + a.removed.length, classifyLines(input).length + 1);
});

test("content-farm copy: stray widget label, credit line, Source link and Leave a Comment are removed", () => {
  const { input, expected } = fixture("text-farm-copy");
  const a = extractTextDump(input);
  for (const s of expected.with) assert.ok(a.text.includes(s), `missing: ${s}`);
  for (const s of expected.without) assert.ok(!a.text.includes(s), `should be removed: ${s}`);
  assert.equal(a.outlet, "AP");
  assert.equal(a.dateline, "GENEVA");
  assert.equal(a.title, expected.title);
  assert.equal(a.published, null);
  const reasons = Object.fromEntries(a.removed.map((r) => [r.text.slice(0, 12), r.reason]));
  assert.equal(reasons["Copyright 20"], "copyright");
  assert.equal(reasons["Leave a Comm"], "comments");
  assertOffsets(input, a.removed);
});

test("a headline repeated as the first paragraph's opening becomes the title and leaves the text", () => {
  const head = "Regional rail operators agree on a shared timetable for cross-border trains";
  const input = [
    head,
    `(Bloomberg) — ${head}, ending years of disputes over connections at the border stations.`,
    "The agreement covers eleven lines and takes effect in December, officials said on Monday in a joint statement.",
    "Passenger groups welcomed the deal but said ticket prices remained the main obstacle for travellers.",
    "©2024 Bloomberg L.P.",
  ].join("\n");
  const a = extractTextDump(input);
  assert.equal(a.title, head);
  assert.ok(a.text.startsWith("(Bloomberg) —"));
  assert.equal(a.outlet, "Bloomberg");
  assert.equal(a.dateline, null);
  assert.equal(a.removed.find((r) => r.text === head)?.reason, "duplicate-title");
  assert.equal(a.removed.find((r) => r.text.startsWith("©"))?.reason, "copyright");
});

test("an empty or whitespace-only dump is rejected with NO_CONTENT", () => {
  for (const input of ["", "   \n\n\t  \n", "\u00a0\n \n"]) {
    assert.throws(() => extractTextDump(input, { url: "https://example.org/x" }), (e: unknown) => e instanceof DossierError && e.code === "NO_CONTENT");
  }
});

test("byline and a date line near the article are picked up when there is no header", () => {
  const input = [
    "Home", "News", "Science",
    "Lake levels recover after two dry summers",
    "By Maria Lindqvist and Tom Okafor",
    "Published: March 3, 2024",
    "Water levels in the region's largest lake have returned to their long-term average after a wet winter, the water authority said on Friday.",
    "The authority had restricted irrigation for two summers in a row, and farmers had warned of lost harvests if the drought continued.",
    "Officials said the restrictions would be lifted from April but asked households to keep saving water during the summer months.",
    "Related stories", "Drought hits farms", "Privacy policy", "© 2024 Example Media",
  ].join("\n");
  const a = extractTextDump(input);
  assert.equal(a.byline, "Maria Lindqvist, Tom Okafor");
  assert.deepEqual(a.published, { date: "2024-03-03", precision: "day", source: "text" });
  assert.equal(a.title, "Lake levels recover after two dry summers");
  assert.ok(a.text.startsWith("Water levels"));
  assert.ok(!a.text.includes("Related stories") && !a.text.includes("Privacy policy"));
});

test("parseDateText reads common written dates", () => {
  assert.equal(parseDateText("Updated : 19 November 2019, 09:01 AM"), "2019-11-19");
  assert.equal(parseDateText("By Jo Doe Published: Jan 29, 2025"), "2025-01-29");
  assert.equal(parseDateText("2023-07-07"), "2023-07-07");
  assert.equal(parseDateText("Sept. 4th, 2023"), "2023-09-04");
  assert.equal(parseDateText("no date here 2023"), null);
});

test("property: extraction never invents text, and removal offsets stay inside the input", () => {
  const pool = [
    "Share", "Home", "Menu", "Other news", "© 2024 Example Media. All rights reserved.", "FILE - A street in Lisbon, Portugal. (AP Photo/Ana Reis)",
    "The council voted on Tuesday to extend the night bus service to the outer districts, citing rising demand from shift workers.",
    "“We listened to people who finish work at midnight,” the transport chair said after the vote.",
    "Opposition members said the plan did not explain how the extra drivers would be paid for next year.",
    "A short line", "Read more", "Subscribe to our newsletter", "",
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 30 }), fc.boolean(), (lines, blanks) => {
      const input = lines.join(blanks ? "\n\n" : "\n");
      let a;
      try {
        a = extractTextDump(input);
      } catch (e) {
        assert.ok(e instanceof DossierError && e.code === "NO_CONTENT");
        return;
      }
      for (const p of a.text.split("\n\n")) assert.ok(input.includes(p), `invented: ${p}`);
      for (const r of a.removed) assert.ok(r.offset! >= 0 && r.offset! + r.text.length <= input.length);
    }),
    { numRuns: 150, seed: 42 },
  );
});

test("seeds: the raw AP dump (000) extracts to its clean body (001) with shingle F1 >= 0.97", { skip: !existsSync(SEEDS) && "needs ../shared" }, () => {
  const files = readdirSync(SEEDS).sort();
  const read = (p: string) => readFileSync(SEEDS + files.find((f) => f.startsWith(p))!, "utf8");
  const raw = read("000_");
  const a = extractTextDump(raw);
  assert.ok(shingleF1(read("001_"), a.text) >= 0.97, `F1 ${shingleF1(read("001_"), a.text)}`);
  assert.ok(a.title && /necessary conditions/.test(a.title));
  assert.deepEqual(a.published, { date: "2023-07-07", precision: "day", source: "header" });
  assert.equal(a.outlet, "AP");
  assert.equal(a.dateline, "BEIJING");
  assert.ok(!/AP Photo|Other news|Myanmar/.test(a.text));
  assertOffsets(raw, a.removed);
});

test("seeds: the content-farm copy, the Bloomberg syndication and the state-media story", { skip: !existsSync(SEEDS) && "needs ../shared" }, () => {
  const files = readdirSync(SEEDS).sort();
  const read = (p: string) => readFileSync(SEEDS + files.find((f) => f.startsWith(p))!, "utf8");
  const farm = extractTextDump(read("002_"));
  assert.equal(farm.outlet, "AP");
  assert.equal(farm.dateline, "BEIJING");
  for (const s of ["Source link", "Leave a Comment", "political cartoon", "All rights reserved"]) assert.ok(!farm.text.includes(s), s);
  assert.ok(farm.text.startsWith("BEIJING (AP)"));
  assert.equal(farm.title, "US and China begin talks on fentanyl trafficking in sign of cooperation amid differences");
  const bbg = extractTextDump(read("003_"));
  assert.equal(bbg.outlet, "Bloomberg");
  assert.equal(bbg.dateline, null);
  assert.ok(bbg.text.startsWith("(Bloomberg) —"));
  assert.ok(!/More stories like this|©2023|With assistance from/.test(bbg.text));
  assert.equal(bbg.removed[0]!.reason, "duplicate-title");
  const state = extractTextDump(read("004_"), { url: "https://english.news.cn/20241121/x.htm" });
  assert.equal(state.outlet, "Xinhua");
  assert.equal(state.text.split("\n\n").length, 7);
});

test("a long dump (5,000 lines) and a single huge line are handled without overflow", () => {
  const para = "The council voted on Tuesday to extend the night bus service to the outer districts, citing demand from shift workers.";
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) lines.push(i % 3 ? `${para} Item ${i}.` : `Menu item ${i}`);
  const input = lines.join("\n");
  const a = extractTextDump(input);
  assert.ok(a.text.length > 0);
  for (const r of a.removed) assert.ok(r.offset! >= 0 && r.offset! + r.text.length <= input.length);
  assert.throws(() => extractTextDump("x".repeat(300_000)), (e: unknown) => e instanceof DossierError && e.code === "NO_CONTENT");
});

test("a dump hard-wrapped at 72 columns (lynx -dump style) is unwrapped into paragraphs first", () => {
  const { input, expected } = fixture("text-wire-dump");
  const wrap = (line: string) => {
    const out: string[] = [];
    let cur = "";
    for (const word of line.split(" ")) {
      if (cur && `${cur} ${word}`.length > 72) {
        out.push(cur);
        cur = word;
      } else cur = cur ? `${cur} ${word}` : word;
    }
    return [...out, cur].join("\n");
  };
  const wrapped = input.split("\n").map(wrap).join("\n");
  const a = extractTextDump(wrapped);
  for (const s of expected.with) assert.ok(a.text.includes(s), `missing: ${s}`);
  for (const s of ["AP Photo", "Other news", "Farm groups returned", "Share"]) assert.ok(!a.text.includes(s), `should be removed: ${s}`);
  assert.equal(a.text.split("\n\n").length, 8);
  assert.equal(a.dateline, "GENEVA");
  // Removals still point at the input, newlines of the wrapped paragraph included.
  assertOffsets(wrapped, a.removed);
  // Article text differs from the input only where wrapped lines were joined.
  for (const p of a.text.split("\n\n")) assert.ok(wrapped.replace(/\n(?=\S)/g, " ").includes(p) || wrapped.includes(p));
});

test("a headline naming the US is not mistaken for a 'with us' call to action", () => {
  const dump = [
    " date 2024-03-01 Dock workers unload containers in Oakland, Calif., Feb. 27, 2024. (AP Photo/Lena Park)",
    "Port traffic",
    "World News",
    "",
    "Mexico reaches deal on cargo inspections with US after weeks of talks",
    "",
    "MEXICO CITY (AP) — Mexico agreed on Friday to run joint inspections of cargo crossing the northern border, officials said, ending weeks of talks that had slowed trucks at several crossings.",
    "",
    "The agreement sets up shared scanning stations at four crossings and a weekly exchange of inspection data, according to the economy ministry.",
    "",
    "Trucking groups on both sides welcomed the deal, saying waits of up to ten hours had cost drivers and shippers heavily since January.",
  ].join("\n");
  const x = extractTextDump(dump);
  assert.equal(x.title, "Mexico reaches deal on cargo inspections with US after weeks of talks");
});
