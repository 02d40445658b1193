// Publication dates for undated articles: the time module's estimate from the text, refined by the date
// of a dated copy once copy grouping has placed the article.

import type { PublishedDate } from "../core/types.ts";
import { estimatePublication } from "../nlp/time/index.ts";

export function estimateDate(text: string, copyDate?: string | null): PublishedDate | null {
  return estimatePublication(text, { copyDate: copyDate ?? null });
}

/** Whether a date should be replaced by one a copy gives: missing, or estimated less precisely. */
export function improvableBy(current: PublishedDate | null, copy: PublishedDate | null): boolean {
  if (!copy || copy.estimated) return false;
  if (!current) return true;
  if (!current.estimated) return false;
  const rank = { year: 0, month: 1, day: 2 } as const;
  return rank[copy.precision] >= rank[current.precision];
}
