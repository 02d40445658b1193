// Publication-date estimation for undated articles (wired to the time module's estimator).

import type { PublishedDate } from "../core/types.ts";

export function estimateDate(_text: string): PublishedDate | null {
  return null;
}
