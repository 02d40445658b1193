// `dossier ingest PATH...`: files and directories into the store, with a progress bar and a summary.

import type { Command } from "commander";
import { DossierError } from "../../core/errors.ts";
import { readInputs } from "../../ingest/files.ts";
import type { IngestSummary } from "../../pipeline/ingest.ts";
import { Dossier } from "../../pipeline/dossier.ts";
import { progressBar } from "../progress.ts";
import { withStore, type GlobalOptions } from "../context.ts";
import { clip } from "../format.ts";

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("ingest .html/.htm/.txt/.jsonl/.csv files (and .gz of each), or directories of them")
    .argument("<paths...>", "files or directories (searched recursively)")
    .option("--mode <mode>", "extraction: auto (by file type), html, or text (plain-text page dump)", "auto")
    .option("--fail-fast", "stop at the first rejected input (for debugging)")
    .option("--json", "print the summary as JSON")
    .action(async (paths: string[], o: { mode: "auto" | "html" | "text"; failFast?: boolean; json?: boolean }, cmd: Command) => {
      if (!["auto", "html", "text"].includes(o.mode)) throw new DossierError("BAD_REQUEST", "--mode", `must be auto, html or text, not "${o.mode}"`);
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const summary = await withStore(g, async (store, config) => {
        const bar = progressBar("ingest", null);
        const s = await new Dossier(store, config).ingest(readInputs(paths, config.limits), {
          mode: o.mode,
          failFast: o.failFast,
          onProgress: (p) => bar.update(p.done, clip(p.current, 40)),
        });
        bar.finish();
        return s;
      });
      if (o.json) console.log(JSON.stringify(summary));
      else printSummary(summary);
      if (summary.added === 0 && summary.duplicates === 0 && summary.rejected > 0) process.exitCode = 65;
    });
}

export function printSummary(s: IngestSummary): void {
  const rate = s.seconds > 0 ? ` in ${s.seconds.toFixed(1)} s` : "";
  console.log(`added ${s.added}, skipped ${s.duplicates} already ingested, rejected ${s.rejected}${rate}`);
  for (const r of s.rejections.slice(0, 20)) console.log(`  rejected ${r.code}: ${r.reason}`);
  if (s.rejections.length > 20) console.log(`  … and ${s.rejections.length - 20} more (dossier rejects)`);
}
