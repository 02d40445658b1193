// The timeline as a picture: entries on a time axis (day-precision entries as dots sized by independent
// sources, month- and year-precision entries as spans covering their month or year), stacked in lanes so
// nothing overlaps, and below the axis a density strip of coverage (articles per month).

import type { StorylineView } from "./api.ts";
import { fmtDate, s, clip } from "./dom.ts";

type Entry = StorylineView["timeline"][number];

const W = 1000;
const PAD_X = 28;
const LANE_H = 20;
const TOP = 14;
const STRIP_H = 16;

/** Day number (UTC) of a date's first day, and of the day after its last day, for its precision. */
export function dateRange(d: string): [number, number] {
  const [y, m, day] = d.split("-").map(Number) as [number, number?, number?];
  const start = Date.UTC(y, (m ?? 1) - 1, day ?? 1);
  const end = day ? Date.UTC(y, m! - 1, day + 1) : m ? Date.UTC(y, m, 1) : Date.UTC(y + 1, 0, 1);
  return [start / 864e5, end / 864e5];
}

export function timelineSvg(view: StorylineView, onPick: (index: number) => void): SVGSVGElement {
  const entries = view.timeline;
  const spans = entries.map((e) => dateRange(e.date));
  const cov = view.coverage.map((c) => ({ ...c, range: dateRange(c.month) }));
  const all = [...spans.flat(), ...cov.flatMap((c) => c.range)];
  let lo = all.length ? Math.min(...all) : Date.UTC(2020, 0, 1) / 864e5;
  let hi = all.length ? Math.max(...all) : lo + 365;
  // Pad by ~3% each side (at least two weeks) so edge dots are not cut in half.
  const pad = Math.max(14, (hi - lo) * 0.03);
  lo -= pad;
  hi += pad;
  const x = (day: number) => PAD_X + ((day - lo) / (hi - lo)) * (W - 2 * PAD_X);

  // Greedy lane assignment in date order; each item reserves its drawn width plus a little air.
  const order = entries.map((_, i) => i).sort((a, b) => spans[a]![0] - spans[b]![0] || entries[a]!.date.localeCompare(entries[b]!.date));
  const laneEnd: number[] = [];
  const lane = new Array<number>(entries.length).fill(0);
  for (const i of order) {
    const e = entries[i]!;
    const [a, b] = spans[i]!;
    const x0 = e.precision === "day" ? x((a + b) / 2) - radius(e) : x(a);
    const x1 = e.precision === "day" ? x((a + b) / 2) + radius(e) : Math.max(x(b), x(a) + 6);
    let l = laneEnd.findIndex((end) => end + 4 <= x0);
    if (l < 0) l = laneEnd.length;
    laneEnd[l] = x1;
    lane[i] = l;
  }
  const lanes = Math.max(1, laneEnd.length);
  const axisY = TOP + lanes * LANE_H + 6;
  const stripY = axisY + 26;
  const H = stripY + STRIP_H + 22;

  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline-svg", role: "img", "aria-label": `Timeline of ${entries.length} dated entries and coverage per month` });
  svg.appendChild(s("title", {}, `Timeline: ${entries.length} entries, ${fmtDate(entries[0]?.date)} to ${fmtDate(entries[entries.length - 1]?.date)}`));

  // Year bands and ticks.
  const y0 = new Date(lo * 864e5).getUTCFullYear();
  const y1 = new Date(hi * 864e5).getUTCFullYear();
  const grid = s("g", { class: "tl-grid" });
  for (let y = y0; y <= y1; y++) {
    const [a, b] = dateRange(String(y));
    const xa = Math.max(x(a), PAD_X);
    const xb = Math.min(x(b), W - PAD_X);
    if (xb <= xa) continue;
    if (y % 2 === 0) grid.appendChild(s("rect", { x: xa, y: TOP - 8, width: xb - xa, height: axisY - TOP + 8, class: "tl-yearband" }));
    if (x(a) >= PAD_X) grid.appendChild(s("line", { x1: x(a), x2: x(a), y1: TOP - 8, y2: stripY + STRIP_H, class: "tl-yearline" }));
    // A year label needs ~36 units; partial years at the padded edges go unlabelled.
    if (xb - xa >= 36) grid.appendChild(s("text", { x: (xa + xb) / 2, y: axisY + 17, class: "tl-year", "text-anchor": "middle" }, String(y)));
    for (let m = 1; m < 12; m++) {
      const xm = x(dateRange(`${y}-${String(m + 1).padStart(2, "0")}`)[0]);
      if (xm > PAD_X && xm < W - PAD_X) grid.appendChild(s("line", { x1: xm, x2: xm, y1: axisY, y2: axisY + 4, class: "tl-tick" }));
    }
  }
  svg.appendChild(grid);
  svg.appendChild(s("line", { x1: PAD_X, x2: W - PAD_X, y1: axisY, y2: axisY, class: "tl-axis" }));

  // Entries.
  const marks = s("g", { class: "tl-marks" });
  entries.forEach((e, i) => {
    const [a, b] = spans[i]!;
    const cy = TOP + lane[i]! * LANE_H + LANE_H / 2 - 4;
    const label = `${fmtDate(e.date)}${e.precision === "day" ? "" : ` (${e.precision})`} — ${clip(e.summary, 160)} · ${e.sources} source${e.sources === 1 ? "" : "s"}`;
    const g = s("g", { class: `tl-entry tl-${e.precision}`, tabindex: 0, role: "button", "data-index": i, "data-date": e.date, "aria-label": label, onclick: () => onPick(i), onkeydown: ((ev: KeyboardEvent) => (ev.key === "Enter" || ev.key === " ") && (ev.preventDefault(), onPick(i))) as EventListener });
    g.appendChild(s("title", {}, label));
    if (e.precision === "day") {
      const cx = x((a + b) / 2);
      g.appendChild(s("line", { x1: cx, x2: cx, y1: cy, y2: axisY, class: "tl-stem" }));
      g.appendChild(s("circle", { cx, cy, r: radius(e), class: "tl-dot" }));
    } else {
      const xa = x(a);
      const w = Math.max(x(b) - xa, 6);
      g.appendChild(s("rect", { x: xa, y: cy - 6, width: w, height: 12, rx: 3, class: "tl-span" }));
    }
    marks.appendChild(g);
  });
  svg.appendChild(marks);

  // Coverage density strip: one cell per month, darker with more articles.
  const max = Math.max(1, ...cov.map((c) => c.articles));
  const strip = s("g", { class: "tl-strip" });
  strip.appendChild(s("rect", { x: PAD_X, y: stripY, width: W - 2 * PAD_X, height: STRIP_H, class: "tl-strip-bg" }));
  for (const c of cov) {
    const xa = x(c.range[0]);
    const w = Math.max(x(c.range[1]) - xa - 1, 2);
    const cell = s("rect", { x: xa, y: stripY, width: w, height: STRIP_H, class: "tl-cell", "fill-opacity": (0.25 + 0.75 * (c.articles / max)).toFixed(2), "data-month": c.month });
    cell.appendChild(s("title", {}, `${fmtDate(c.month)}: ${c.articles} article${c.articles === 1 ? "" : "s"}`));
    strip.appendChild(cell);
  }
  strip.appendChild(s("text", { x: PAD_X, y: stripY + STRIP_H + 15, class: "tl-caption" }, "Coverage: articles per month"));
  svg.appendChild(strip);
  return svg;
}

function radius(e: Entry): number {
  return Math.min(9, 4 + 1.5 * e.sources);
}
