// `dossier ingest PATH...`: files and directories into the store, with a progress bar and a summary.

import type { Command } from "commander";
import { DossierError } from "../../core/errors.ts";
import { readInputs } from "../../ingest/files.ts";
import type { IngestSummary } from "../../pipeline/ingest.ts";
import { Dossier } from "../../pipeline/dossier.ts";
import { progressBar } from "../progress.ts";
import { loadConfig, openStore, withStore, type GlobalOptions } from "../context.ts";
import { drained, enqueue, ingestQueue, redisConnection, startWorker, type IngestJobData } from "../../pipeline/queue.ts";
import type { ExtractMode } from "../../pipeline/extract.ts";
import { clip } from "../format.ts";

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("ingest .html/.htm/.txt/.jsonl/.csv files (and .gz of each), or directories of them")
    .argument("<paths...>", "files or directories (searched recursively)")
    .option("--mode <mode>", "extraction: auto (by file type), html, or text (plain-text page dump)", "auto")
    .option("--fail-fast", "stop at the first rejected input (for debugging)")
    .option("--json", "print the summary as JSON")
    .option("--queue <redis-url>", "scale out: put the inputs on this Redis queue for `dossier worker`s instead of processing here (env DOSSIER_QUEUE)")
    .option("--wait", "with --queue: wait until the workers have processed everything")
    .action(async (paths: string[], o: { mode: "auto" | "html" | "text"; failFast?: boolean; json?: boolean; queue?: string; wait?: boolean }, cmd: Command) => {
      if (!["auto", "html", "text"].includes(o.mode)) throw new DossierError("BAD_REQUEST", "--mode", `must be auto, html or text, not "${o.mode}"`);
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const queueUrl = o.queue ?? process.env.DOSSIER_QUEUE;
      if (queueUrl) return enqueueInputs(paths, o.mode, queueUrl, !!o.wait, g);
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

async function enqueueInputs(paths: string[], mode: ExtractMode, url: string, wait: boolean, g: GlobalOptions): Promise<void> {
  await withStore(g, async (store, config) => {
    const queue = ingestQueue(redisConnection(url));
    try {
      const jobs: IngestJobData[] = [];
      let rejected = 0;
      let skipped = 0;
      for (const item of readInputs(paths, config.limits)) {
        if (item.inputHash && (await store.seenInput(item.inputHash))) skipped++;
        else if (!item.ok) {
          rejected++;
          await store.putRejection({ ok: false, code: item.error.code, reason: item.error.message, origin: item.origin }, item.inputHash);
          console.log(`  rejected ${item.error.code}: ${item.error.message}`);
        } else jobs.push({ doc: item.doc, inputHash: item.inputHash, mode });
      }
      await enqueue(queue, jobs);
      console.log(`queued ${jobs.length} inputs on ${url.replace(/\/\/[^@/]*@/, "//…@")}, skipped ${skipped} already ingested, rejected ${rejected}`);
      if (wait) {
        const bar = progressBar("waiting for workers", jobs.length);
        await drained(queue, (left) => bar.update(jobs.length - left));
        bar.finish();
        console.log(`done: the store now holds ${await store.countArticles()} articles`);
      }
    } finally {
      await queue.close();
    }
  });
}

export function registerWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description("scale out: process inputs from a Redis queue into the shared store (use with --pg); run one per core, on any machine")
    .requiredOption("--queue <redis-url>", "Redis holding the queue (env DOSSIER_QUEUE)", process.env.DOSSIER_QUEUE)
    .option("--concurrency <n>", "jobs at once in this process (extraction is CPU-bound: 1 per core is best)", "1")
    .action(async (o: { queue: string; concurrency: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const config = loadConfig(g.config);
      const store = await openStore(g);
      if (store.kind === "sqlite") console.error("note: the store is SQLite; workers on other machines need --pg (a shared PostgreSQL)");
      let n = 0;
      const worker = startWorker({
        connection: redisConnection(o.queue),
        store,
        config,
        concurrency: Math.max(1, Number(o.concurrency) || 1),
        onDone: (job, s) => {
          n++;
          const what = s.added ? "added" : s.duplicates ? "duplicate" : "rejected";
          console.log(`${new Date().toISOString()}  ${String(n).padStart(6)}  ${what.padEnd(9)} ${job.data.doc.origin}${s.rejections.length ? `  (${s.rejections[0]!.reason})` : ""}`);
        },
      });
      worker.on("failed", (job, err) => console.error(`failed ${job?.data.doc.origin ?? "?"}: ${err.message}`));
      console.error(`worker ready on ${o.queue.replace(/\/\/[^@/]*@/, "//…@")} (${store.kind} store); Ctrl-C to stop`);
      const stop = async () => {
        await worker.close();
        await store.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      await new Promise(() => {});
    });
}

export function printSummary(s: IngestSummary): void {
  const rate = s.seconds > 0 ? ` in ${s.seconds.toFixed(1)} s` : "";
  console.log(`added ${s.added}, skipped ${s.duplicates} already ingested, rejected ${s.rejected}${rate}`);
  for (const r of s.rejections.slice(0, 20)) console.log(`  rejected ${r.code}: ${r.reason}`);
  if (s.rejections.length > 20) console.log(`  … and ${s.rejections.length - 20} more (dossier rejects)`);
}
