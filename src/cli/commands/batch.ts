// Batch contracts used for evaluation (keep their output stable): one JSON line per input on stdout.

import type { Command } from "commander";
import { DossierError, asDossierError } from "../../core/errors.ts";
import { readInputs, readJsonlInput, type InputItem } from "../../ingest/files.ts";
import { baseId } from "../../ingest/rows.ts";
import { extractDocument, type ExtractMode } from "../../pipeline/extract.ts";
import { loadConfig, type GlobalOptions } from "../context.ts";
import { progressBar } from "../progress.ts";

function* batchItems(paths: string[], inputJsonl: string | undefined, limits: { maxInputBytes: number; maxGzipRatio: number }): Generator<InputItem> {
  if (inputJsonl) yield* readJsonlInput(inputJsonl, limits);
  if (paths.length) yield* readInputs(paths, limits);
}

function itemId(item: InputItem): string {
  if (item.ok) return item.doc.sourceId;
  return /:\d+$/.test(item.origin) ? item.origin : baseId(item.origin);
}

export function registerBatchCommands(program: Command): void {
  program
    .command("extract")
    .description("batch extraction: one JSON line per input {id, ok, title, author, date, outlet, text} (nothing is stored)")
    .argument("[paths...]", "files or directories")
    .option("--input-jsonl <file>", 'JSONL rows {"id","html"} or {"id","text"}')
    .option("--mode <mode>", "auto, html, or text (plain-text page dump)", "auto")
    .option("--jsonl", "JSON lines output (the default; kept for the batch contract)")
    .action(async (paths: string[], o: { inputJsonl?: string; mode: ExtractMode }, cmd: Command) => {
      if (!["auto", "html", "text"].includes(o.mode)) throw new DossierError("BAD_REQUEST", "--mode", `must be auto, html or text, not "${o.mode}"`);
      if (!paths.length && !o.inputJsonl) throw new DossierError("BAD_REQUEST", "extract", "give files or directories, or --input-jsonl FILE");
      const config = loadConfig((cmd.optsWithGlobals() as GlobalOptions).config);
      const bar = progressBar("extract", null);
      let n = 0;
      for (const item of batchItems(paths, o.inputJsonl, config.limits)) {
        const id = itemId(item);
        let line: Record<string, unknown>;
        if (!item.ok) line = { id, ok: false, code: item.error.code, reason: item.error.message };
        else {
          try {
            const x = extractDocument(item.doc, o.mode, config);
            line = { id, ok: true, title: x.title, author: x.byline, date: x.published?.precision === "day" ? x.published.date : null, outlet: x.outlet, text: x.text };
          } catch (e) {
            const err = asDossierError(e, item.doc.origin);
            line = { id, ok: false, code: err.code, reason: err.message };
          }
        }
        process.stdout.write(JSON.stringify(line) + "\n");
        bar.update(++n);
      }
      bar.finish();
    });
}
