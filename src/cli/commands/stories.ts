// Copies, quotes, entities, stories, storylines, the timeline and the report.

import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { DossierError } from "../../core/errors.ts";
import { Dossier } from "../../pipeline/dossier.ts";
import { quotesCsv, reportMarkdown, timelineJs, timelineMarkdown, timelineText } from "../../pipeline/exports.ts";
import { withStore, type GlobalOptions } from "../context.ts";
import { clip, showDate, table } from "../format.ts";
import { resolveArticle } from "./articles.ts";
import { runTimelineBatch } from "./batch.ts";

const g = (cmd: Command) => cmd.optsWithGlobals() as GlobalOptions;

/** Accepts a storyline id, or a 1-based position in `dossier storylines`. */
async function resolveStoryline(d: Dossier, ref: string): Promise<string> {
  const lines = await d.storylines();
  if (lines.some((l) => l.id === ref)) return ref;
  const n = Number(ref);
  if (Number.isInteger(n) && n >= 1 && n <= lines.length) return lines[n - 1]!.id;
  throw new DossierError("NOT_FOUND", `storyline ${ref}`, undefined);
}

export function registerStoryCommands(program: Command): void {
  program
    .command("copies")
    .description("an article's copy group: the original and every copy with its kind and similarity")
    .argument("<id>", "article id or unique prefix")
    .option("--json", "JSON output")
    .action(async (id: string, o: { json?: boolean }, cmd: Command) => {
      await withStore(g(cmd), async (store) => {
        const full = await resolveArticle(store, id);
        const group = await store.getCopyGroup(full);
        if (o.json) return console.log(JSON.stringify({ article: full, group }));
        if (group.length <= 1) return console.log("no copies: this article stands alone");
        const rows = [];
        for (const m of group) {
          const a = await store.getArticle(m.articleId);
          rows.push([m.articleId.slice(0, 12), m.original ? "original" : m.kind ?? "copy", m.original ? "" : m.similarity.toFixed(2), showDate(a?.published?.date ?? null, a?.published?.estimated), clip(a?.outlet ?? "", 18), clip(a?.title ?? "(untitled)", 50)]);
        }
        console.log(table(rows, ["id", "kind", "sim", "date", "outlet", "title"]));
      });
    });

  program
    .command("quotes")
    .description("who said what: direct and reported quotes with speaker and side")
    .option("--speaker <name>", "speaker name (part of it) or entity key")
    .option("--side <side>", 'side such as "China" or "United States"')
    .option("--article <id>", "only this article")
    .option("--limit <n>", "how many", "100")
    .option("--format <fmt>", "text, json or csv", "text")
    .option("--json", "same as --format json")
    .action(async (o: { speaker?: string; side?: string; article?: string; limit: string; format: string; json?: boolean }, cmd: Command) => {
      await withStore(g(cmd), async (store) => {
        const articleId = o.article ? await resolveArticle(store, o.article) : undefined;
        const quotes = await store.listQuotes({ speaker: o.speaker, side: o.side, articleId, limit: Number(o.limit) || 100 });
        const fmt = o.json ? "json" : o.format;
        if (fmt === "json") return console.log(JSON.stringify({ quotes }));
        if (fmt === "csv") return process.stdout.write(quotesCsv(quotes));
        if (!quotes.length) return console.log("no quotes match");
        for (const q of quotes) {
          console.log(`${showDate(q.date)}  ${q.speaker ?? "(unattributed)"}${q.side ? ` [${q.side}]` : ""}${q.direct ? "" : " (reported)"}  — ${q.outlet ?? q.articleId.slice(0, 12)}`);
          console.log(`    ${clip(q.text, 200)}`);
        }
      });
    });

  program
    .command("entities")
    .description("people, organizations and places across the store, with aliases, roles and sides")
    .option("--kind <kind>", "person, org, place or other")
    .option("--limit <n>", "how many", "50")
    .option("--json", "JSON output")
    .action(async (o: { kind?: string; limit: string; json?: boolean }, cmd: Command) => {
      await withStore(g(cmd), async (store) => {
        const list = await store.listEntities({ kind: o.kind, limit: Number(o.limit) || 50 });
        if (o.json) return console.log(JSON.stringify({ entities: list }));
        console.log(table(list.map((e) => [e.name, e.kind, e.side ?? "", String(e.articles), clip(e.roles.join("; "), 40), clip(e.aliases.filter((a) => a !== e.name).join(", "), 30)]), ["name", "kind", "side", "articles", "roles", "aliases"]));
      });
    });

  program
    .command("stories")
    .description("stories (one event each) with their articles and copy counts")
    .option("--json", "JSON output")
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withStore(g(cmd), async (store, config) => {
        const stories = await new Dossier(store, config).stories();
        if (o.json) return console.log(JSON.stringify({ stories }));
        if (!stories.length) return console.log("no stories yet (dossier ingest PATH)");
        console.log(table(stories.map((s) => [s.id, `${showDate(s.first)}${s.last && s.last !== s.first ? ` … ${s.last}` : ""}`, String(s.originals), s.copies ? `+${s.copies}` : "", clip(s.outlets.join(", "), 24), clip(s.label, 60)]), ["story", "dates", "articles", "copies", "outlets", "label"]));
      });
    });

  program
    .command("storylines")
    .description("storylines (long-running issues) linking stories across months")
    .option("--json", "JSON output")
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withStore(g(cmd), async (store, config) => {
        const lines = await new Dossier(store, config).storylines();
        if (o.json) return console.log(JSON.stringify({ storylines: lines }));
        if (!lines.length) return console.log("no storylines yet (dossier ingest PATH)");
        console.log(table(lines.map((l, i) => [String(i + 1), l.id, `${showDate(l.first)} … ${showDate(l.last)}`, String(l.stories), String(l.articles), clip(l.label, 50), clip(l.keyActors.join(", "), 40)]), ["#", "id", "dates", "stories", "articles", "label", "key actors"]));
      });
    });

  program
    .command("timeline")
    .description("a storyline's dated timeline with citations; or, with --input-jsonl, the batch timeline of one topic")
    .argument("[storyline]", "storyline id or its number in `dossier storylines`")
    .option("--from <date>", "entries on or after")
    .option("--to <date>", "entries on or before")
    .option("--format <fmt>", "text, md or json", "text")
    .option("--input-jsonl <file>", 'batch: rows {"id","date","text"} of one topic; prints {"entries":[...]}')
    .option("--max-dates <n>", "keep the best N dates")
    .option("--jsonl", "batch output as one JSON line")
    .action(async (ref: string | undefined, o: { from?: string; to?: string; format: string; inputJsonl?: string; maxDates?: string; jsonl?: boolean }, cmd: Command) => {
      const maxDates = o.maxDates ? Number(o.maxDates) : undefined;
      if (o.inputJsonl) return runTimelineBatch(o.inputJsonl, maxDates, g(cmd));
      if (!ref) throw new DossierError("BAD_REQUEST", "timeline", "name a storyline (dossier storylines lists them) or give --input-jsonl");
      await withStore(g(cmd), async (store, config) => {
        const d = new Dossier(store, config);
        const v = await d.storyline(await resolveStoryline(d, ref), { from: o.from, to: o.to, maxDates });
        if (o.format === "json" || o.jsonl) return console.log(JSON.stringify({ storyline: v.id, label: v.label, entries: v.timeline }));
        if (o.format === "md") return console.log(`# ${v.label}\n\n${timelineMarkdown(v.timeline)}`);
        console.log(`${v.label}\n`);
        console.log(timelineText(v.timeline) || "no dated entries");
      });
    });

  program
    .command("report")
    .description("a Markdown briefing on a storyline: summary, timeline, who said what by side, sources")
    .argument("<storyline>", "storyline id or its number in `dossier storylines`")
    .option("-o, --out <file>", "write to this file instead of standard output")
    .option("--format <fmt>", "md (briefing), json (everything), timelinejs", "md")
    .action(async (ref: string, o: { out?: string; format: string }, cmd: Command) => {
      await withStore(g(cmd), async (store, config) => {
        const d = new Dossier(store, config);
        const v = await d.storyline(await resolveStoryline(d, ref));
        const text = o.format === "json" ? JSON.stringify(v, null, 2) + "\n" : o.format === "timelinejs" ? JSON.stringify(timelineJs(v), null, 2) + "\n" : reportMarkdown(v);
        if (o.out) {
          writeFileSync(o.out, text);
          console.error(`wrote ${o.out} (${text.length} bytes)`);
        } else process.stdout.write(text);
      });
    });
}
