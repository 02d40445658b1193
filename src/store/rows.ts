// Row → record helpers both stores share (SQLite hands JSON columns back as text, PostgreSQL as objects;
// the callers parse before calling).

import type { DatePrecision, PublishedDate } from "../core/types.ts";
import type { ArticleSummary } from "./store.ts";

type Row = Record<string, any>;

/** An article list row (articles joined with copies, `copies` = other members of its group). */
export function summaryFromRow(r: Row, published: PublishedDate | null): ArticleSummary {
  return {
    id: r.id,
    title: r.title,
    outlet: r.outlet,
    byline: r.byline,
    date: r.published_date,
    precision: (r.published_precision as DatePrecision | null) ?? null,
    estimated: !!published?.estimated,
    url: r.url,
    origin: r.origin,
    words: r.words,
    group: r.group_id ?? null,
    original: r.group_id == null ? true : !!r.original,
    copies: Math.max(0, Number(r.copies ?? 0)),
  };
}

/** Words in a text, as the article lists count them. */
export function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}
