// Turns an extraction result into a stored Article: content-hash id, paragraph spans.

import { createHash } from "node:crypto";
import type { Article, Document, ExtractedArticle, Span } from "../core/types.ts";

/** sha256 of the clean text plus the URL: the same article at the same address is the same id. */
export function articleId(text: string, url: string | null | undefined): string {
  return createHash("sha256").update(text).update("\u0000").update(url ?? "").digest("hex");
}

export function paragraphSpans(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]+)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

export function toArticle(doc: Document, x: ExtractedArticle, now: Date = new Date()): Article {
  const url = x.url ?? doc.url ?? null;
  return {
    ...x,
    url,
    title: x.title ?? doc.hints?.title ?? null,
    outlet: x.outlet ?? doc.hints?.outlet ?? null,
    published:
      x.published ??
      (doc.hints?.date && /^\d{4}(-\d{2}(-\d{2})?)?/.test(doc.hints.date)
        ? inputDate(doc.hints.date)
        : null),
    id: articleId(x.text, url),
    sourceId: doc.sourceId,
    origin: doc.origin,
    ingestedAt: now.toISOString(),
    paragraphs: paragraphSpans(x.text),
  };
}

function inputDate(d: string): Article["published"] {
  const m = d.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/)!;
  const precision = m[3] ? "day" : m[2] ? "month" : "year";
  return { date: m[0], precision, source: "input" };
}
