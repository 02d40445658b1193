// `dossier demo`: ingests the demo corpus shipped in demo/ into ./demo.db and prints what Dossier found.

import type { Command } from "commander";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readInputs } from "../../ingest/files.ts";
import { Dossier } from "../../pipeline/dossier.ts";
import { startServer } from "../../api/server.ts";
import { openSqliteStore } from "../../store/sqlite/sqlite-store.ts";
import { loadConfig, type GlobalOptions } from "../context.ts";
import { articleRows, clip, table } from "../format.ts";

function section(title: string): void {
  console.log(`\n${title}\n${"─".repeat(Math.min(88, title.length))}`);
}
import { printSummary } from "./ingest.ts";

export const DEMO_DIR = fileURLToPath(new URL("../../../demo/corpus/", import.meta.url));

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("build a fresh demo database from the bundled corpus (demo/corpus) and show what Dossier finds")
    .option("--keep", "keep an existing demo database instead of rebuilding it")
    .option("--no-serve", "exit after printing instead of serving the web UI on the demo database")
    .option("--port <port>", "port for the web UI", "4477")
    .action(async (o: { keep?: boolean; serve: boolean; port: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const db = g.db ?? "demo.db";
      if (!o.keep) for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) rmSync(f);
      const config = loadConfig(g.config);
      const store = openSqliteStore(db);
      try {
        console.log(`Ingesting the demo corpus (${DEMO_DIR}) into ${db} …`);
        const d = new Dossier(store, config);
        const s = await d.ingest(readInputs([DEMO_DIR], config.limits));
        printSummary(s);
        const list = await store.listArticles({ limit: 100 });
        section("Clean articles (newest first; est. = date estimated from the text)");
        console.log(table(articleRows(list), ["id", "date", "outlet", "title", ""]));

        section("Copy groups (the same story as it travels)");
        const seen = new Set<string>();
        for (const a of list) {
          if (!a.group || seen.has(a.group) || a.copies === 0) continue;
          seen.add(a.group);
          const group = await store.getCopyGroup(a.id);
          for (const m of group) {
            const art = list.find((x) => x.id === m.articleId);
            console.log(`  ${m.original ? "original " : `${(m.kind ?? "copy").padEnd(9)}`} ${m.original ? "    " : m.similarity.toFixed(2)}  ${clip(art?.outlet ?? "", 20).padEnd(20)} ${clip(art?.title ?? "", 60)}`);
          }
        }

        const lines = await d.storylines();
        section(`Storylines and stories (${lines.length} storyline${lines.length === 1 ? "" : "s"})`);
        const stories = await d.stories();
        for (const l of lines) {
          console.log(`  ${l.label}  [${l.first ?? "?"} … ${l.last ?? "?"}; key actors: ${l.keyActors.join(", ")}]`);
          for (const st of stories.filter((x) => (x.storyline ?? x.id) === l.id).sort((a, b) => (a.first ?? "9").localeCompare(b.first ?? "9"))) {
            console.log(`    ${(st.first ?? "undated").padEnd(10)}  ${clip(st.label, 64)}${st.copies ? `  (+${st.copies} copies)` : ""}${st.originals > 1 ? `  [${st.originals} articles]` : ""}`);
          }
        }

        if (lines[0]) {
          const v = await d.storyline(lines[0].id);
          section("Who said what, by side");
          for (const side of v.sides.slice(0, 4)) {
            console.log(`  ${side.side}`);
            for (const q of side.quotes.filter((q) => q.direct).slice(0, 4)) console.log(`    ${q.date ?? "undated"}  ${q.speaker}: ${clip(q.text, 90)}`);
          }
          section("Timeline (what happened when, with sources)");
          for (const e of v.timeline.slice(0, 25)) {
            console.log(`  ${e.date.padEnd(10)} ${clip(e.summary, 100)}  [${e.sources} source${e.sources === 1 ? "" : "s"}]`);
          }
        }
        console.log(`\nTry: npx dossier --db ${db} show ${list[0]?.id.slice(0, 12) ?? "ID"} --removed  ·  npx dossier --db ${db} report 1  ·  npx dossier --db ${db} search fentanyl`);
        if (o.serve) {
          const { ensureWebBuilt } = await import("../../../web/build.ts");
          const webRoot = await ensureWebBuilt();
          const running = await startServer({ dossier: d, config, port: Number(o.port), webRoot, prewarm: true });
          console.log(`\nThe web UI is up: ${running.url}/  (API: ${running.url}/openapi.json) — Ctrl-C to stop`);
          await new Promise<void>((resolve) => {
            process.once("SIGINT", resolve);
            process.once("SIGTERM", resolve);
          });
          await running.close();
        }
      } finally {
        await store.close();
      }
    });
}
