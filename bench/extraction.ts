// Extraction speed: our HTML extractor vs @mozilla/readability on linkedom, same page strings,
// same run, one core (sequential, single thread), both warmed up, rounds alternating between
// them. Prints pages/s and MB/s for both (CPU time and wall clock), the ratio, and peak RSS.
//
//   npx tsx bench/extraction.ts [--pages N] [--rounds R] [--no-warmup] [--big]
//
// --big  also times one synthetic ~100 MB page (linear-time check) and one with 100,000 nested divs.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gunzipSync } from "node:zlib";
import { extractHtml } from "../src/extract/html.ts";

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const DIR = join(SHARED, "bench/extraction/scrapinghub/pages");
const argv = process.argv.slice(2);
const opt = (n: string) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

let peakRss = 0;
const sampleRss = () => {
  const r = process.memoryUsage.rss();
  if (r > peakRss) peakRss = r;
};

// A full collection before each timed phase, so neither side pays for the other's garbage
// (the warm-up leaves hundreds of MB of linkedom DOMs behind).
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** CPU seconds (user + system) and wall seconds of one pass of `fn` over the pages. */
async function pass(pages: string[], fn: (html: string) => unknown): Promise<{ cpu: number; wall: number }> {
  collect();
  // The collection's sweeping and unmapping go on in V8's background threads, whose CPU time
  // process.cpuUsage() counts: let them finish (readability's DOMs leave hundreds of MB), else
  // the next pass is charged for the previous one's garbage (ours measured 15-20% slower).
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const html of pages) {
    try {
      fn(html);
    } catch {
      // Rejections (NO_CONTENT) are part of the workload.
    }
    sampleRss();
  }
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 };
}

function report(name: string, n: number, mb: number, cpu: number, wall: number): void {
  console.log(
    `${name.padEnd(22)} ${n} pages: ${(n / cpu).toFixed(1)} pages/s on cpu time (${cpu.toFixed(2)} s), ` +
      `${(n / wall).toFixed(1)} pages/s wall (${wall.toFixed(2)} s), ${(mb / cpu).toFixed(1)} MB/s cpu`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(DIR)) {
    console.log("needs ../shared/bench/extraction/scrapinghub — skipped");
    return;
  }
  const limit = Number(opt("pages") ?? Infinity);
  const rounds = Number(opt("rounds") ?? 3);
  const files = readdirSync(DIR).filter((f) => f.endsWith(".html.gz")).sort().slice(0, limit);
  const pages = files.map((f) => gunzipSync(readFileSync(join(DIR, f))).toString("utf8"));
  const mb = pages.reduce((s, p) => s + Buffer.byteLength(p), 0) / 1e6;
  console.log(`scrapinghub: ${pages.length} pages, ${mb.toFixed(1)} MB of HTML, ${rounds} alternating round(s), one core`);
  sampleRss();

  const { Readability } = await import("@mozilla/readability");
  const { parseHTML } = await import("linkedom");
  // Warm-up: one untimed pass over every page for each side, so that both are measured with
  // their code paths compiled (the first pass is dominated by JIT work, ~2x slower for ours).
  const readability = (h: string) => new Readability(parseHTML(h).document as unknown as Document).parse();
  if (!argv.includes("--no-warmup")) {
    for (const p of pages) {
      try {
        extractHtml(p);
      } catch {
        // NO_CONTENT pages are part of the workload.
      }
      try {
        readability(p);
      } catch {
        // Same for readability.
      }
    }
  }
  // The bench machine is shared by several people: wall-clock time swings with their load, so
  // throughput is reported on process CPU time (user + system) as well, and the ratio uses it.
  // Rounds alternate between the two extractors, so that a change of load during the run
  // weighs on both alike; totals are summed over the rounds.
  const ours = { cpu: 0, wall: 0 };
  const theirs = { cpu: 0, wall: 0 };
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const a = await pass(pages, (h) => extractHtml(h));
    const b = await pass(pages, readability);
    ours.cpu += a.cpu;
    ours.wall += a.wall;
    theirs.cpu += b.cpu;
    theirs.wall += b.wall;
    ratios.push(b.cpu / a.cpu);
  }
  const n = pages.length * rounds;
  report("dossier extractHtml", n, mb * rounds, ours.cpu, ours.wall);
  report("readability+linkedom", n, mb * rounds, theirs.cpu, theirs.wall);
  const spread = rounds > 1 ? ` (rounds: ${ratios.map((x) => x.toFixed(1)).join(", ")})` : "";
  console.log(`speed ratio (cpu time): ${(theirs.cpu / ours.cpu).toFixed(1)}x readability${spread}; wall clock: ${(theirs.wall / ours.wall).toFixed(1)}x`);
  console.log(`peak rss: ${(peakRss / 1e6).toFixed(0)} MB (process, both extractors and all pages in memory)`);

  if (argv.includes("--big")) {
    const para = "<p>Paragraph text with commas, clauses, and enough words to look like an article body here.</p>";
    // Distinct paragraphs (a counter in each): identical short blocks would be dropped as repeats.
    let n = 0;
    const parts: string[] = [];
    for (let size = 0; size < 100e6; ) {
      let unit = '<div class="block">';
      for (let k = 0; k < 20; k++) unit += `<p>Paragraph ${n++} of the body, with commas, clauses, and enough words to read as an article.</p>`;
      unit += '<ul><li><a href="/x">a link</a></li></ul></div>';
      parts.push(unit);
      size += unit.length;
    }
    const big = `<html><body><article>${parts.join("")}</article></body></html>`;
    parts.length = 0;
    let t0 = performance.now();
    const a = extractHtml(big);
    sampleRss();
    console.log(`${(big.length / 1e6).toFixed(0)} MB page: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(a.text.length / 1e6).toFixed(0)} M chars out, peak rss ${(peakRss / 1e6).toFixed(0)} MB`);
    const deep = `<html><body>${"<div>".repeat(100_000)}${para}${"</div>".repeat(100_000)}</body></html>`;
    t0 = performance.now();
    extractHtml(deep);
    console.log(`100,000 nested divs: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  }
}

await main();
