// Scaling out: inputs go on a Redis queue (BullMQ); workers on any number of machines take them, run the
// per-article stages in parallel and the corpus stages one at a time under the shared store's lock.
// The job id is the raw-input hash, so enqueuing the same input twice while it waits is a no-op.

import { Queue, Worker, type ConnectionOptions, type Job } from "bullmq";
import type { Config } from "../core/config.ts";
import type { Document } from "../core/types.ts";
import type { Store } from "../store/store.ts";
import { Dossier } from "./dossier.ts";
import type { ExtractMode } from "./extract.ts";
import type { IngestSummary } from "./ingest.ts";

export const QUEUE_NAME = "dossier-ingest";

export interface IngestJobData {
  doc: Document;
  inputHash: string;
  mode: ExtractMode;
}

/** redis://[user:pass@]host:port[/db] → BullMQ connection options. */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") throw new Error(`not a redis:// URL: ${url}`);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === "rediss:" ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

export function ingestQueue(connection: ConnectionOptions, prefix?: string): Queue<IngestJobData> {
  return new Queue<IngestJobData>(QUEUE_NAME, { connection, prefix });
}

export async function enqueue(queue: Queue<IngestJobData>, jobs: IngestJobData[]): Promise<number> {
  if (!jobs.length) return 0;
  await queue.addBulk(
    jobs.map((data) => ({
      name: "ingest",
      data,
      // attempts: a worker killed mid-job leaves the job stalled; BullMQ hands it to another worker.
      opts: { jobId: data.inputHash, attempts: 3, backoff: { type: "exponential", delay: 1000 }, removeOnComplete: 10_000, removeOnFail: 10_000 },
    })),
  );
  return jobs.length;
}

/** Waits until no job is waiting, delayed or active. */
export async function drained(queue: Queue<IngestJobData>, onTick?: (left: number) => void, pollMs = 250): Promise<void> {
  for (;;) {
    const c = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
    const left = Object.values(c).reduce((s, n) => s + n, 0);
    onTick?.(left);
    if (left === 0) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export interface WorkerOptions {
  connection: ConnectionOptions;
  store: Store;
  config: Readonly<Config>;
  concurrency?: number;
  prefix?: string;
  onDone?: (job: Job<IngestJobData>, summary: IngestSummary) => void;
}

/** A worker process's consumer: each job is one input through every stage, against the shared store. */
export function startWorker(o: WorkerOptions): Worker<IngestJobData, IngestSummary> {
  const dossier = new Dossier(o.store, o.config);
  const worker = new Worker<IngestJobData, IngestSummary>(
    QUEUE_NAME,
    async (job) => {
      const { doc, inputHash, mode } = job.data;
      return dossier.ingest([{ ok: true, doc, inputHash }], { mode, shared: true });
    },
    { connection: o.connection, concurrency: o.concurrency ?? 1, prefix: o.prefix },
  );
  if (o.onDone) worker.on("completed", (job, summary) => o.onDone!(job, summary));
  return worker;
}
