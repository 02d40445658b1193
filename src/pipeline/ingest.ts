// The ingest runner: input items → extraction → stored articles (+ the per-article and corpus stages
// registered in `afterStore`). Rejections are data: each is stored with its code and reason and the batch
// carries on (DESIGN.md convention 2). Re-ingesting the same input is a no-op (raw-input hash).

import type { Config } from "../core/config.ts";
import type { Article } from "../core/types.ts";
import { DossierError, asDossierError } from "../core/errors.ts";
import type { InputItem } from "../ingest/files.ts";
import type { SignatureRecord, Store } from "../store/store.ts";
import { toArticle } from "./article.ts";
import { extractDocument, type ExtractMode } from "./extract.ts";

export interface IngestProgress {
  done: number;
  added: number;
  duplicates: number;
  rejected: number;
  current: string;
}

export interface IngestSummary {
  added: number;
  /** Inputs already ingested before (same bytes) or whose clean article was already stored. */
  duplicates: number;
  rejected: number;
  rejections: { origin: string; code: string; reason: string }[];
  articleIds: string[];
  seconds: number;
}

export interface IngestOptions {
  mode?: ExtractMode;
  failFast?: boolean;
  onProgress?: (p: IngestProgress) => void;
  /** Last pure step before storing (e.g. estimating a missing publication date). */
  prepare?: (article: Article) => Article;
  /** A copy signature stored with the article in its transaction (CorpusStages.signatureOf). */
  signatureOf?: (article: Article) => SignatureRecord;
  /** Called for each newly stored article (annotation, copies, stories hook in here). */
  afterStore?: (article: Article) => Promise<void>;
  now?: () => Date;
}

export async function ingestItems(
  store: Store,
  config: Readonly<Config>,
  items: Iterable<InputItem> | AsyncIterable<InputItem>,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const t0 = performance.now();
  const s: IngestSummary = { added: 0, duplicates: 0, rejected: 0, rejections: [], articleIds: [], seconds: 0 };
  let done = 0;
  const reject = async (err: DossierError, origin: string, hash: string | null) => {
    s.rejected++;
    s.rejections.push({ origin, code: err.code, reason: err.message });
    await store.putRejection({ ok: false, code: err.code, reason: err.message, origin }, hash);
    if (opts.failFast) throw err;
  };
  for await (const item of items) {
    done++;
    const origin = item.ok ? item.doc.origin : item.origin;
    if (item.inputHash) {
      const seen = await store.seenInput(item.inputHash);
      if (seen) {
        s.duplicates++;
        opts.onProgress?.({ done, added: s.added, duplicates: s.duplicates, rejected: s.rejected, current: origin });
        continue;
      }
    }
    if (!item.ok) {
      await reject(item.error, item.origin, item.inputHash);
    } else {
      let article: Article | null = null;
      let signature: SignatureRecord | undefined;
      try {
        const x = extractDocument(item.doc, opts.mode ?? "auto", config);
        article = toArticle(item.doc, x, opts.now?.() ?? new Date());
        if (opts.prepare) article = opts.prepare(article);
        signature = opts.signatureOf?.(article);
      } catch (e) {
        await reject(asDossierError(e, item.doc.origin), item.doc.origin, item.inputHash);
      }
      if (article) {
        const r = await store.putArticle(article, item.inputHash, signature);
        if (r.status === "added") {
          s.added++;
          s.articleIds.push(r.id);
          if (opts.afterStore) {
            try {
              await opts.afterStore(article);
            } catch (e) {
              // The article is stored (its own transaction); a failing later stage must not stop the batch.
              const err = new DossierError("STAGE_FAILED", item.doc.origin, e instanceof Error ? e.message : String(e));
              s.rejections.push({ origin: item.doc.origin, code: err.code, reason: err.message });
              if (opts.failFast) throw err;
            }
          }
        } else s.duplicates++;
      }
    }
    opts.onProgress?.({ done, added: s.added, duplicates: s.duplicates, rejected: s.rejected, current: origin });
  }
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}
