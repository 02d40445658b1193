// Batch contracts used for evaluation (keep their output stable): one JSON line per input on stdout.

import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { groupCopies } from "../../dedup/copy-index.ts";
import { defaultTagger } from "../../nlp/ner/tagger.ts";
import { annotateText } from "../../pipeline/annotate.ts";
import { clusterBatch } from "../../stories/batch.ts";
import { buildTimeline } from "../../stories/timeline.ts";
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

// ---------------------------------------------------------------- rows of {id, text, ...}

interface TextRow {
  id: string;
  text: string;
  date?: string | null;
  dct?: string | null;
  title?: string | null;
  outlet?: string | null;
}

/** Reads `{"id","text",...}` rows; a malformed line is reported on stderr with its line number and skipped. */
function readTextRows(path: string): TextRow[] {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch {
    throw new DossierError("NOT_FOUND", path);
  }
  const rows: TextRow[] = [];
  raw.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const r = JSON.parse(line) as TextRow;
      if (typeof r.text !== "string") throw new Error('no "text" field');
      rows.push({ ...r, id: String(r.id ?? `${path}:${i + 1}`) });
    } catch (e) {
      process.stderr.write(`${new DossierError("BAD_JSONL", `${path}:${i + 1}`, (e as Error).message).message}\n`);
    }
  });
  return rows;
}

const NER_TYPE = { person: "PER", org: "ORG", place: "LOC", other: "MISC" } as const;

export async function runTimelineBatch(path: string, maxDates: number | undefined, _g: GlobalOptions): Promise<void> {
  const rows = readTextRows(path);
  const entries = buildTimeline(rows.map((r) => ({ id: r.id, date: r.date ?? null, text: r.text, outlet: r.outlet ?? null })), { maxDates });
  console.log(JSON.stringify({ entries: entries.map((e) => ({ date: e.date, text: e.summary, precision: e.precision, sources: [...new Set(e.citations.map((c) => c.articleId))] })) }));
}

export function registerRowBatchCommands(program: Command): void {
  program
    .command("dedup")
    .description('batch copy detection: one line per document {"id","group","original","kind","similarity"}')
    .requiredOption("--input-jsonl <file>", 'rows {"id","text","date"?,"outlet"?}')
    .option("--jsonl", "JSON lines output (the default)")
    .action((o: { inputJsonl: string }) => {
      const rows = readTextRows(o.inputJsonl);
      const { groups, groupOf } = groupCopies(rows.map((r) => ({ id: r.id, text: r.text, date: r.date ?? null, outlet: r.outlet ?? null })));
      const member = new Map<string, { kind: string | null; similarity: number; original: boolean }>();
      for (const g of groups) for (const m of g.members) member.set(m.articleId, { kind: m.kind, similarity: m.similarity, original: m.articleId === g.original });
      for (const r of rows) {
        const m = member.get(r.id);
        console.log(JSON.stringify({ id: r.id, group: groupOf.get(r.id) ?? r.id, original: m ? m.original : true, kind: m?.kind ?? null, similarity: m ? round(m.similarity) : 1 }));
      }
    });

  program
    .command("annotate")
    .description('batch annotation: entities, quotes with speakers, and time expressions per row, offsets into "text"')
    .requiredOption("--input-jsonl <file>", 'rows {"id","text","date"?} (date or dct is the reference for relative dates)')
    .option("--jsonl", "JSON lines output (the default)")
    .action((o: { inputJsonl: string }) => {
      const bar = progressBar("annotate", null);
      let n = 0;
      for (const r of readTextRows(o.inputJsonl)) {
        const date = r.date ?? r.dct ?? null;
        const a = annotateText({ text: r.text, published: date ? { date: date.slice(0, 10), precision: "day", source: "input" } : null });
        const names = new Map(a.entities.map((e) => [e.key, e.name]));
        console.log(JSON.stringify({
          id: r.id,
          entities: a.mentions.map((m) => ({ start: m.start, end: m.end, type: NER_TYPE[m.kind], entity: names.get(m.entity) ?? m.text })),
          quotes: a.quotes.map((q) => ({ content: [q.content.start, q.content.end], source: q.source ? [q.source.start, q.source.end] : null, speaker: q.speaker, cue: q.cue ? [q.cue.start, q.cue.end] : null, direct: q.direct, side: q.side })),
          timexes: a.timexes.map((t) => ({ start: t.start, end: t.end, type: t.type, value: t.value })),
        }));
        bar.update(++n);
      }
      bar.finish();
    });

  program
    .command("ner")
    .description("tag a CoNLL file: prints its tokens one a line with the predicted tag as the last column")
    .requiredOption("--conll <file>", "CoNLL-2003 style file (token first column, blank line between sentences)")
    .action((o: { conll: string }) => {
      let raw: string;
      try {
        raw = readFileSync(o.conll, "utf8");
      } catch {
        throw new DossierError("NOT_FOUND", o.conll);
      }
      const tagger = defaultTagger();
      // Tag a document's sentences together: the tagger shares evidence across a document
      // ("Donald Trump" … "Trump"). Output keeps the file's line structure.
      const lines = raw.split("\n");
      const out: string[] = [];
      let doc: { sentences: string[][]; layout: (number | string)[] } = { sentences: [], layout: [] };
      let sent: string[] = [];
      const endSentence = () => {
        if (sent.length) {
          doc.layout.push(doc.sentences.length);
          doc.sentences.push(sent);
        }
        sent = [];
      };
      const flushDoc = () => {
        endSentence();
        const tags = doc.sentences.length ? tagger.tagSentences(doc.sentences) : [];
        for (const item of doc.layout) {
          if (typeof item === "string") out.push(item);
          else doc.sentences[item]!.forEach((w, i) => out.push(`${w} ${tags[item]![i]}`));
        }
        doc = { sentences: [], layout: [] };
      };
      for (const line of lines) {
        const l = line.trim();
        if (l.startsWith("-DOCSTART-")) {
          flushDoc();
          out.push("-DOCSTART- O");
        } else if (!l) {
          endSentence();
          doc.layout.push("");
        } else sent.push(l.split(/\s+/)[0]!);
      }
      flushDoc();
      process.stdout.write(out.join("\n") + "\n");
    });

  program
    .command("cluster")
    .description('batch story clustering: one line per document {"id","story","storyline"}')
    .requiredOption("--input-jsonl <file>", 'rows {"id","text","date"?,"title"?}')
    .option("--online", "single pass, as during ingest (default: with batch refinement)")
    .option("--jsonl", "JSON lines output (the default)")
    .action((o: { inputJsonl: string; online?: boolean }) => {
      const rows = readTextRows(o.inputJsonl);
      const r = clusterBatch(rows.map((x) => ({ id: x.id, text: x.text, date: x.date ?? null, title: x.title ?? null })), { refine: !o.online });
      for (const a of r.assignments) console.log(JSON.stringify({ id: a.id, story: a.story, storyline: a.storyline }));
    });
}

const round = (x: number) => Math.round(x * 10000) / 10000;
