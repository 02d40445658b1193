// Plain-text rendering for the terminal: aligned tables, dates with their precision, wrapped paragraphs.

import type { ArticleSummary } from "../store/store.ts";

export function table(rows: string[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows;
  if (!all.length) return "";
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const out = all.map(line);
  if (header) out.splice(1, 0, widths.map((w) => "─".repeat(w)).join("  "));
  return out.join("\n");
}

export function clip(s: string | null | undefined, n: number): string {
  if (!s) return "";
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > n ? t.slice(0, n - 1) + "…" : t;
}

/** "2023-07-07", "2024-11 (est.)": precision is in the string's length; estimates are marked. */
export function showDate(date: string | null, estimated = false): string {
  if (!date) return "—";
  return estimated ? `${date} (est.)` : date;
}

export function articleRows(list: ArticleSummary[], idLen = 12): string[][] {
  return list.map((a) => [
    a.id.slice(0, idLen),
    showDate(a.date, a.estimated),
    clip(a.outlet ?? "", 18),
    clip(a.title ?? "(untitled)", 60),
    a.copies ? `+${a.copies} copies` : a.group && !a.original ? "copy" : "",
  ]);
}

export function wrap(text: string, width = 88): string {
  return text
    .split(/\n\n+/)
    .map((para) => {
      const words = para.split(/\s+/).filter(Boolean);
      const lines: string[] = [];
      let cur = "";
      for (const w of words) {
        if (cur && cur.length + 1 + w.length > width) {
          lines.push(cur);
          cur = w;
        } else cur = cur ? `${cur} ${w}` : w;
      }
      if (cur) lines.push(cur);
      return lines.join("\n");
    })
    .join("\n\n");
}
