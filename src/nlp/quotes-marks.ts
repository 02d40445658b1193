// Quotation-mark spans: pairs curly, straight and guillemet marks (including mixed pairs such as
// “…" that rewritten copies produce) and joins multi-paragraph quotes: a paragraph that opens a
// quote without closing it continues in the next paragraph when that one opens with a quote mark.

import type { Span } from "../core/types.ts";

export interface MarkSpan extends Span {
  /** False when the quote never closed (it then ends at its paragraph's end). */
  closed: boolean;
}

const OPENERS = new Set(["“", "«", "„"]);
const CLOSERS = new Set(["”", "»"]);

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Whether the straight quote at i opens (true) or closes (false) a quote, judged by its neighbours. */
function straightOpens(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  if (prev === undefined || /[\s(\[{—–-]/.test(prev)) return next !== undefined && !/\s/.test(next);
  return false;
}

/** All quotation spans in text, in order, marks included. */
export function findQuoteMarks(text: string): MarkSpan[] {
  const out: MarkSpan[] = [];
  let open = -1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (c === "\n") {
      if (open < 0) continue;
      // End of a paragraph inside a quote: continue only when the next paragraph opens with a mark.
      let j = i;
      while (j < n && /\s/.test(text[j]!)) j++;
      const next = text[j];
      if (next !== undefined && (OPENERS.has(next) || next === '"')) {
        i = j; // the continuation mark is part of the same quote
        continue;
      }
      let end = i;
      while (end > open && /\s/.test(text[end - 1]!)) end--;
      out.push({ start: open, end, closed: false });
      open = -1;
      continue;
    }
    const isOpen = OPENERS.has(c);
    const isClose = CLOSERS.has(c);
    const isStraight = c === '"';
    if (!isOpen && !isClose && !isStraight) continue;
    if (open < 0) {
      // A closing curly mark used as an opener ("”Hello") happens in sloppy copies.
      if (isOpen || (isStraight && straightOpens(text, i)) || (isClose && !isWordChar(text[i - 1]) && isWordChar(text[i + 1]))) open = i;
      continue;
    }
    if (isOpen) {
      // An opener inside an open quote: the previous quote lost its closing mark; restart here.
      if (!isWordChar(text[i - 1])) {
        let end = i;
        while (end > open && /\s/.test(text[end - 1]!)) end--;
        out.push({ start: open, end, closed: false });
        open = i;
      }
      continue;
    }
    if (isStraight && straightOpens(text, i) && !/[,.!?;:]/.test(text[i - 1] ?? "")) {
      // A straight mark that looks like an opener right after another opener: treat as close anyway
      // only when it cannot open (handled above); here it opens a new quote.
      let end = i;
      while (end > open && /\s/.test(text[end - 1]!)) end--;
      if (i - open <= 1) continue;
      out.push({ start: open, end: i + 1, closed: true });
      open = -1;
      continue;
    }
    out.push({ start: open, end: i + 1, closed: true });
    open = -1;
  }
  if (open >= 0) {
    let end = n;
    while (end > open && /\s/.test(text[end - 1]!)) end--;
    out.push({ start: open, end, closed: false });
  }
  return out.filter((s) => s.end - s.start > 2);
}
