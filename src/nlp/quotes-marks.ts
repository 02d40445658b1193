// Quotation-mark spans: pairs curly, straight and guillemet marks (including mixed pairs such as
// “…" that rewritten copies produce, and the doubled apostrophes ''…'' of older wire copy) and joins multi-paragraph quotes: a paragraph that opens a
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
function straightOpens(text: string, i: number, width = 1): boolean {
  const prev = text[i - 1];
  const next = text[i + width];
  if (prev === undefined || /[\s(\[{—–-]/.test(prev)) return next !== undefined && !/\s/.test(next);
  return false;
}

/** Width of a straight double mark at i: `"` (1) or two apostrophes `''` as older wire copy writes them (2); 0 otherwise. */
function straightWidth(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return 1;
  if (c === "'" && text[i + 1] === "'") return 2;
  return 0;
}

/** All quotation spans in text, in order, marks included. */
export function findQuoteMarks(text: string): MarkSpan[] {
  const out: MarkSpan[] = [];
  let open = -1;
  const n = text.length;
  const close = (end: number, closed: boolean) => {
    if (!closed) while (end > open && /\s/.test(text[end - 1]!)) end--;
    out.push({ start: open, end, closed });
    open = -1;
  };
  // Visits only newlines and quotation characters; each visit says where the scan resumes.
  const visit = (i: number, c: string): number => {
    if (c === "\n") {
      if (open < 0) return i + 1;
      // End of a paragraph inside a quote: continue only when the next paragraph opens with a mark.
      let j = i;
      while (j < n && /\s/.test(text[j]!)) j++;
      const next = text[j];
      if (next !== undefined && (OPENERS.has(next) || straightWidth(text, j) > 0)) return j + Math.max(1, straightWidth(text, j));
      close(i, false);
      return i + 1;
    }
    const isOpen = OPENERS.has(c);
    const isClose = CLOSERS.has(c);
    const width = straightWidth(text, i);
    if (!isOpen && !isClose && !width) return i + 1; // a lone apostrophe
    if (open < 0) {
      // A closing curly mark used as an opener ("”Hello") happens in sloppy copies.
      if (isOpen || (width && straightOpens(text, i, width)) || (isClose && !isWordChar(text[i - 1]) && isWordChar(text[i + 1]))) open = i;
      return i + Math.max(1, width);
    }
    if (isOpen) {
      // An opener inside an open quote: the previous quote lost its closing mark; restart here.
      if (!isWordChar(text[i - 1])) {
        close(i, false);
        open = i;
      }
      return i + 1;
    }
    // Doubled apostrophes right after an inner single quote (three in a row): the mark is the last two.
    const end = i + Math.max(1, width) + (width === 2 && text[i + 2] === "'" ? 1 : 0);
    close(end, true);
    return end;
  };
  const CANDIDATE = /[\n“”«»„"']/g;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) CANDIDATE.lastIndex = visit(m.index, m[0]);
  if (open >= 0) close(n, false);
  return out.filter((s) => s.end - s.start > 2);
}
