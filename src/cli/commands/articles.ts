// Reading the store: `articles`, `show`, `search`, `rejects`.

import type { Command } from "commander";
import { DossierError } from "../../core/errors.ts";
import type { Store } from "../../store/store.ts";
import { withStore, type GlobalOptions } from "../context.ts";
import { articleRows, clip, showDate, table, wrap } from "../format.ts";

interface ListOpts {
  outlet?: string;
  from?: string;
  to?: string;
  originals?: boolean;
  limit: string;
  offset: string;
  json?: boolean;
}

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function listFilter(o: ListOpts) {
  for (const [flag, v] of [["--from", o.from], ["--to", o.to]] as const) {
    if (v && !DATE_RE.test(v)) throw new DossierError("BAD_REQUEST", flag, `"${v}" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD`);
  }
  const limit = Number(o.limit);
  const offset = Number(o.offset);
  if (!Number.isInteger(limit) || limit < 1) throw new DossierError("BAD_REQUEST", "--limit", "must be a positive integer");
  if (!Number.isInteger(offset) || offset < 0) throw new DossierError("BAD_REQUEST", "--offset", "must be a non-negative integer");
  return { outlet: o.outlet, from: o.from, to: o.to, originalsOnly: !!o.originals, limit, offset };
}

export async function resolveArticle(store: Store, idOrPrefix: string): Promise<string> {
  if (await store.getArticle(idOrPrefix)) return idOrPrefix;
  const full = await store.resolveId(idOrPrefix);
  if (!full) throw new DossierError("NOT_FOUND", `article ${idOrPrefix}`);
  return full;
}

export function registerArticleCommands(program: Command): void {
  const filters = (c: Command) =>
    c
      .option("--outlet <name>", "only this outlet (case-insensitive)")
      .option("--from <date>", "published on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
      .option("--to <date>", "published on or before")
      .option("--originals", "hide copies of other articles")
      .option("--limit <n>", "how many", "50")
      .option("--offset <n>", "skip this many", "0")
      .option("--json", "JSON output");

  filters(program.command("articles").description("list stored articles, newest first")).action(async (o: ListOpts, cmd: Command) => {
    await withStore(cmd.optsWithGlobals() as GlobalOptions, async (store) => {
      const f = listFilter(o);
      const [list, total] = await Promise.all([store.listArticles(f), store.countArticles(f)]);
      if (o.json) return console.log(JSON.stringify({ total, articles: list }));
      if (!list.length) return console.log(total ? "no articles on this page" : "no articles match (dossier ingest PATH adds some)");
      console.log(table(articleRows(list), ["id", "date", "outlet", "title", ""]));
      console.log(`\n${list.length} of ${total} articles${total > f.offset + list.length ? ` (--offset ${f.offset + list.length} for more)` : ""}`);
    });
  });

  filters(program.command("search").description("full-text search (words, \"exact phrases\", OR), ranked, with snippets").argument("<query...>"))
    .action(async (query: string[], o: ListOpts, cmd: Command) => {
      await withStore(cmd.optsWithGlobals() as GlobalOptions, async (store) => {
        const f = listFilter({ ...o, limit: o.limit === "50" ? "20" : o.limit });
        const hits = await store.search(query.join(" "), f);
        if (o.json) return console.log(JSON.stringify({ query: query.join(" "), hits }));
        if (!hits.length) return console.log(`no matches for "${query.join(" ")}"`);
        for (const h of hits) {
          const copies = h.copies ? `  (+${h.copies} copies)` : "";
          console.log(`${h.id.slice(0, 12)}  ${showDate(h.date, h.estimated)}  ${h.outlet ?? ""}  ${clip(h.title ?? "(untitled)", 70)}${copies}`);
          console.log(`    ${clip(h.snippet, 160)}`);
        }
      });
    });

  program
    .command("show")
    .description("one article: metadata and clean text")
    .argument("<id>", "article id or a unique prefix of it")
    .option("--removed", "also list the page parts removed as boilerplate, with the reason")
    .option("--json", "JSON output")
    .action(async (id: string, o: { removed?: boolean; json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals() as GlobalOptions, async (store) => {
        const full = await resolveArticle(store, id);
        const a = (await store.getArticle(full))!;
        const ann = await store.getAnnotations(full);
        const group = await store.getCopyGroup(full);
        if (o.json) {
          const { removed, ...rest } = a;
          return console.log(JSON.stringify({ ...rest, ...(o.removed ? { removed } : {}), annotations: ann, copies: group }));
        }
        const pub = a.published;
        console.log(a.title ?? "(untitled)");
        console.log("─".repeat(Math.min(88, (a.title ?? "(untitled)").length)));
        const meta: [string, string | null][] = [
          ["id", a.id],
          ["outlet", a.outlet],
          ["byline", a.byline],
          ["published", pub ? `${showDate(pub.date, pub.estimated)} (${pub.precision}, from ${pub.source}${pub.evidence?.length ? `: ${pub.evidence.join("; ")}` : ""})` : null],
          ["dateline", a.dateline],
          ["language", a.language],
          ["url", a.url ?? null],
          ["source", a.origin],
        ];
        for (const [k, v] of meta) if (v) console.log(`${k.padEnd(10)} ${v}`);
        if (group.length > 1) {
          const me = group.find((g) => g.articleId === full);
          console.log(`copies     ${me?.original ? "original of" : "in"} a group of ${group.length} (dossier copies ${full.slice(0, 12)})`);
        }
        console.log("\n" + wrap(a.text));
        if (ann?.timexes.length) {
          console.log("\nDates mentioned:");
          for (const t of ann.timexes.filter((t) => t.type === "DATE")) console.log(`  ${t.value.padEnd(12)} “${t.text}”`);
        }
        if (o.removed) {
          console.log(`\nRemoved (${a.removed.length}):`);
          for (const r of a.removed) console.log(`  [${r.reason}] ${clip(r.text, 100)}`);
        } else if (a.removed.length) console.log(`\n(${a.removed.length} page parts removed as boilerplate; --removed lists them)`);
      });
    });

  program
    .command("rejects")
    .description("inputs that could not be used, with the reason")
    .option("--limit <n>", "how many", "100")
    .option("--json", "JSON output")
    .action(async (o: { limit: string; json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals() as GlobalOptions, async (store) => {
        const list = await store.listRejections({ limit: Number(o.limit) || 100 });
        if (o.json) return console.log(JSON.stringify({ rejections: list }));
        if (!list.length) return console.log("no rejected inputs");
        for (const r of list) console.log(`${r.at.slice(0, 19)}  ${r.code.padEnd(16)} ${r.reason}`);
      });
    });
}
