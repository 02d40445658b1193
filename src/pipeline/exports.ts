// Exports shared by the CLI and the API: Markdown briefing, JSON, CSV of quotes, TimelineJS JSON.

import type { Citation, TimelineEntry } from "../core/types.ts";
import type { QuoteRecord } from "../store/store.ts";
import type { StorylineView } from "./dossier.ts";

const PRECISION_NOTE = { day: "", month: " (month)", year: " (year)" } as const;

/**
 * "2 sources: AP, Reuters; republished by Sauk Valley Sentinel": independent sources (the first
 * citation of each copy group) apart from the copies that repeat them, outlet names once each.
 */
export function citedOutlets(e: TimelineEntry): string {
  const name = (c: Citation) => c.outlet ?? c.articleId.slice(0, 8);
  const seen = new Set<string>();
  const own = new Map<string, number>();
  const copies: string[] = [];
  for (const c of e.citations) {
    const group = c.copyOf ?? c.articleId;
    if (seen.has(group)) {
      if (!copies.includes(name(c))) copies.push(name(c));
    } else own.set(name(c), (own.get(name(c)) ?? 0) + 1);
    seen.add(group);
  }
  const named = [...own].map(([o, n]) => (n > 1 ? `${o} ×${n}` : o)).join(", ");
  const more = e.sources > seen.size ? `, +${e.sources - seen.size} more` : "";
  const rep = copies.filter((o) => !own.has(o));
  return `${e.sources} source${e.sources === 1 ? "" : "s"}: ${named}${more}${rep.length ? `; republished by ${rep.join(", ")}` : ""}`;
}

export function timelineText(entries: TimelineEntry[]): string {
  return entries
    .map((e) => {
      const sides = e.sides ? Object.entries(e.sides).map(([side, qs]) => `\n    ${side}: ${qs[0]}`).join("") : "";
      return `${e.date.padEnd(10)}${PRECISION_NOTE[e.precision]}  ${e.summary}  [${citedOutlets(e)}]${sides}`;
    })
    .join("\n");
}

export function timelineMarkdown(entries: TimelineEntry[]): string {
  return entries
    .map((e) => {
      const cites = e.citations.map((c) => `${c.outlet ?? "source"}${c.copyOf ? " (copy)" : ""} \`${c.articleId.slice(0, 12)}\``).join(", ");
      const sides = e.sides ? Object.entries(e.sides).map(([side, qs]) => `\n  - *${side}*: ${qs.map((q) => mdEscape(q)).join(" / ")}`).join("") : "";
      return `- **${e.date}**${PRECISION_NOTE[e.precision]} — ${mdEscape(e.summary)} _(${e.sources} independent source${e.sources === 1 ? "" : "s"}: ${cites})_${sides}`;
    })
    .join("\n");
}

export function reportMarkdown(v: StorylineView): string {
  const lines: string[] = [];
  lines.push(`# ${mdEscape(v.label)}`, "");
  lines.push(`${v.articles} articles in ${v.stories} stories, ${v.first ?? "undated"} – ${v.last ?? "undated"}. Key actors: ${v.keyActors.join(", ") || "—"}.`, "");
  lines.push("## Summary", "");
  const top = [...v.timeline].sort((a, b) => b.sources - a.sources).slice(0, 3).sort((a, b) => a.date.localeCompare(b.date));
  for (const e of top) lines.push(`- ${e.date}: ${mdEscape(e.summary)}`);
  lines.push("", "## Timeline", "", timelineMarkdown(v.timeline) || "_No dated entries._", "");
  lines.push("## Who said what, by side", "");
  for (const s of v.sides) {
    lines.push(`### ${s.side}`, "");
    for (const q of s.quotes.slice(0, 12)) {
      lines.push(`- ${q.date ?? "undated"} — **${q.speaker ?? "unattributed"}**${q.direct ? "" : " (reported)"}: ${mdEscape(clipText(q.text, 300))} _(${q.outlet ?? q.articleId.slice(0, 12)})_`);
    }
    lines.push("");
  }
  lines.push("## Stories", "");
  for (const s of v.storyList) lines.push(`- ${s.first ?? "undated"} — ${mdEscape(s.label)} (${s.originals} original${s.originals === 1 ? "" : "s"}${s.copies ? `, ${s.copies} cop${s.copies === 1 ? "y" : "ies"}` : ""})`);
  lines.push("", "## Sources", "");
  for (const a of v.articleList) lines.push(`- \`${a.id.slice(0, 12)}\` ${a.date ?? "undated"}${a.estimated ? " (est.)" : ""} — ${a.outlet ?? "unknown outlet"}: ${mdEscape(a.title ?? "(untitled)")}${a.url ? ` <${a.url}>` : ""}${a.original ? "" : " (copy)"}`);
  return lines.join("\n") + "\n";
}

export function quotesCsv(quotes: QuoteRecord[]): string {
  const head = ["date", "outlet", "speaker", "side", "direct", "quote", "article_id", "start", "end"];
  const rows = quotes.map((q) => [q.date ?? "", q.outlet ?? "", q.speaker ?? "", q.side ?? "", q.direct ? "direct" : "reported", q.text, q.articleId, String(q.content.start), String(q.content.end)]);
  return [head, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html). */
export function timelineJs(v: StorylineView): unknown {
  return {
    title: { text: { headline: v.label, text: `${v.articles} articles · key actors: ${v.keyActors.join(", ")}` } },
    events: v.timeline.map((e) => {
      const [year, month, day] = e.date.split("-");
      return {
        start_date: { year, ...(month ? { month: String(Number(month)) } : {}), ...(day ? { day: String(Number(day)) } : {}) },
        text: {
          headline: clipText(e.summary, 90),
          text: `<p>${htmlEscape(e.summary)}</p><p>Sources: ${e.citations.map((c) => htmlEscape(c.outlet ?? c.articleId.slice(0, 12))).join(", ")}</p>`,
        },
        group: e.precision === "day" ? undefined : `${e.precision} precision`,
      };
    }),
  };
}

function csvCell(s: string): string {
  // Cells starting with = + - @ are neutralized so spreadsheets do not run them as formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function mdEscape(s: string): string {
  return s.replace(/\s+/g, " ").replace(/([\\`*_[\]<>|])/g, "\\$1");
}

export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function clipText(s: string, n: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > n ? t.slice(0, n - 1) + "…" : t;
}
