// Online story clustering throughput and memory on a synthetic stream.
// Usage: NODE_OPTIONS=--expose-gc npx tsx bench/clustering.ts [--n 100000] [--quick]
// (--expose-gc lets it collect garbage before reading the heap; without it the heap figure includes garbage.)
// The stream: 100 articles a day over n/100 days; each day a few new events start (a subject from a
// pool, two or three named actors, a place and a number), and each article reports one event of
// the last two weeks in ~150 words mixing the event's terms with general vocabulary (Zipf-distributed,
// as in real text). Seeded, so
// runs are comparable. Reports articles/s (single thread), stories, storylines, heap and RSS, and the
// BCubed F1 of stories against the generating events as a sanity check (not a quality figure).

import { mulberry32 } from "../src/core/random.ts";
import { StoryClusterer } from "../src/stories/clustering.ts";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const nIdx = argv.indexOf("--n");
const N = nIdx >= 0 ? Number(argv[nIdx + 1]) : quick ? 10_000 : 100_000;

const rand = mulberry32(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const syll = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "dan", "ri", "os", "bel", "ma", "nu", "pra", "zen", "quo", "hal", "fi"];
const word = (k: number) => Array.from({ length: k }, () => pick(syll)).join("");
const general = Array.from({ length: 3000 }, () => word(2 + Math.floor(rand() * 2)));
// General vocabulary follows Zipf's law (the r-th commonest word has frequency ~ 1/r), as real text does.
const zipfCdf: number[] = [];
for (let r = 1, acc = 0; r <= general.length; r++) zipfCdf.push((acc += 1 / r));
const pickGeneral = (): string => {
  const x = rand() * zipfCdf[zipfCdf.length - 1]!;
  let lo = 0, hi = zipfCdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (zipfCdf[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return general[lo]!;
};
const subjects = Array.from({ length: 2000 }, () => Array.from({ length: 12 }, () => word(3)));
const names = Array.from({ length: 5000 }, () => word(2).replace(/^./, (c) => c.toUpperCase()) + " " + word(3).replace(/^./, (c) => c.toUpperCase()));
const places = Array.from({ length: 800 }, () => word(3).replace(/^./, (c) => c.toUpperCase()));

interface Ev { id: number; subject: string[]; actors: string[]; place: string; number: string; day: number }
const events: Ev[] = [];
const day0 = Date.UTC(2020, 0, 1);
const iso = (day: number) => new Date(day0 + day * 86_400_000).toISOString().slice(0, 10);

function article(ev: Ev): string {
  const out: string[] = [];
  for (let s = 0; s < 10; s++) {
    const w: string[] = [];
    for (let i = 0; i < 15; i++) {
      const r = rand();
      if (r < 0.3) w.push(pick(ev.subject));
      else if (r < 0.36) w.push(pick(ev.actors));
      else if (r < 0.39) w.push(ev.place);
      else if (r < 0.41) w.push(ev.number);
      else w.push(pickGeneral());
    }
    out.push(w.join(" ").replace(/^./, (c) => c.toUpperCase()) + ".");
  }
  return out.join(" ");
}

const docs: { id: string; text: string; date: string; event: number }[] = [];
for (let i = 0; i < N; i++) {
  const day = Math.floor(i / 100);
  if (i % 100 === 0) {
    for (let k = 0; k < 8; k++) {
      events.push({
        id: events.length,
        subject: pick(subjects),
        actors: [pick(names), pick(names), pick(names)],
        place: pick(places),
        number: String(Math.floor(rand() * 900) + 10),
        day,
      });
    }
  }
  const recent = events.filter((e) => e.day >= day - 14);
  const ev = pick(recent);
  docs.push({ id: `a${i}`, text: article(ev), date: iso(day), event: ev.id });
}

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const c = new StoryClusterer();
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
for (const d of docs) c.add(d);
const cpu = process.cpuUsage(cpu0);
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
// CPU time of this (single-threaded) process: the per-core figure, unaffected by other load on the machine.
const secs = (cpu.user + cpu.system) / 1e6;
gc?.();
const after = process.memoryUsage();

// Sanity check: BCubed F1 of stories against generating events.
const story = docs.map((d) => c.storyOf(d.id)!);
const joint = new Map<string, number>(), P = new Map<string, number>(), G = new Map<number, number>();
docs.forEach((d, i) => {
  joint.set(`${d.event}|${story[i]}`, (joint.get(`${d.event}|${story[i]}`) ?? 0) + 1);
  P.set(story[i]!, (P.get(story[i]!) ?? 0) + 1);
  G.set(d.event, (G.get(d.event) ?? 0) + 1);
});
let bp = 0, br = 0;
docs.forEach((d, i) => {
  const j = joint.get(`${d.event}|${story[i]}`)!;
  bp += j / P.get(story[i]!)!;
  br += j / G.get(d.event)!;
});
bp /= docs.length;
br /= docs.length;
const mb = (x: number) => (x / 1048576).toFixed(0) + " MB";
console.log(`articles: ${N} (${iso(0)} .. ${iso(Math.floor((N - 1) / 100))}), events generated: ${events.length}`);
console.log(`clustering: ${secs.toFixed(2)} s CPU (${wall.toFixed(2)} s wall), ${Math.round(N / secs)} articles/s per core`);
console.log(`stories: ${c.stories.length} (${c.stories.filter((s) => !s.closed).length} open), storylines: ${c.storylines.length}`);
console.log(`memory: heap ${mb(after.heapUsed)} (was ${mb(before.heapUsed)} with the generated articles), rss ${mb(after.rss)}`);
console.log(`sanity: story BCubed P ${bp.toFixed(3)} R ${br.toFixed(3)} F1 ${((2 * bp * br) / (bp + br)).toFixed(3)} against generating events`);
console.log(JSON.stringify({ bench: "clustering", articles: N, cpuSeconds: Number(secs.toFixed(3)), wallSeconds: Number(wall.toFixed(3)), articlesPerSecond: Math.round(N / secs), heapMB: Math.round(after.heapUsed / 1048576), rssMB: Math.round(after.rss / 1048576), stories: c.stories.length }));
