// Renders a parsed page into text blocks: one block per run of inline content inside a
// block-level element, with the element that owns it and how much of it is link text.
// Paragraphs, headings, list items and table cells each become their own block.

import { BLOCK_TAGS } from "./dom.ts";
import type { HtmlElement, HtmlNode } from "./dom.ts";

export interface Block {
  /** Whitespace-collapsed text; single "\n" where the page had a <br>. */
  text: string;
  /** Innermost block-level element holding the text. */
  owner: HtmlElement;
  /** Characters of the text that sit inside <a> elements. */
  linkChars: number;
  /** Position in document order. */
  index: number;
}

/**
 * Splits the subtree under `root` into blocks, skipping elements in `skip` (iterative walk).
 * `isBlock` decides which elements break paragraphs (BLOCK_TAGS by default).
 */
export function renderBlocks(root: HtmlElement, skip: ReadonlySet<HtmlElement> = new Set()): Block[] {
  const blocks: Block[] = [];
  const owners: HtmlElement[] = [root];
  let parts: string[] = [];
  let linkParts = 0;
  let anchorDepth = 0;

  const flush = () => {
    if (parts.length === 0) return;
    const text = collapseParts(parts);
    if (text) blocks.push({ text, owner: owners[owners.length - 1]!, linkChars: Math.min(linkParts, text.length), index: blocks.length });
    parts = [];
    linkParts = 0;
  };

  // Explicit stack; `leaving[i]` marks an entry that closes its element (avoids one wrapper
  // object per element).
  const stack: HtmlNode[] = [root];
  const leaving: boolean[] = [false];
  while (stack.length) {
    const item = stack.pop()!;
    const exit = leaving.pop()!;
    if (typeof item === "string") {
      parts.push(item);
      if (anchorDepth > 0) linkParts += collapsedLength(item);
      continue;
    }
    if (exit) {
      if (item.tag === "a") anchorDepth--;
      if (BLOCK_TAGS.has(item.tag)) {
        flush();
        owners.pop();
      }
      continue;
    }
    const el = item;
    if (skip.size > 0 && skip.has(el)) continue;
    if (el.tag === "br") {
      parts.push("\u0000");
      continue;
    }
    if (el.tag === "img" || el.tag === "input" || el.tag === "hr") continue;
    if (el.tag === "a") anchorDepth++;
    if (BLOCK_TAGS.has(el.tag)) {
      flush();
      owners.push(el);
    } else if (INLINE_SPACING.has(el.tag)) {
      parts.push(" ");
    }
    stack.push(el);
    leaving.push(true);
    for (let i = el.children.length - 1; i >= 0; i--) {
      stack.push(el.children[i]!);
      leaving.push(false);
    }
  }
  flush();
  return blocks;
}

/** Inline-ish elements that browsers render with visible separation (table-like cells, labels). */
const INLINE_SPACING = new Set(["td", "th", "label", "option"]);

/**
 * Whitespace (JavaScript's \s, and zero-width spaces) of the rendered text: runs become one
 * space, runs holding our <br> marker (U+0000) one "\n", and none is kept at either end.
 * One pass over the parts, slicing the runs between whitespace: this is what every block pays.
 */
function collapseParts(parts: readonly string[]): string {
  let out = "";
  // Pending separator before the next visible character: 0 none, 1 space, 2 line break.
  let gap = 0;
  for (const s of parts) {
    const n = s.length;
    // Start of the run of s copied as it is (visible characters and single inner spaces).
    let start = -1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 32 && (c < 0xa0 || !isWideSpace(c))) {
        if (start < 0) {
          if (gap !== 0 && out.length > 0) out += gap === 2 ? "\n" : " ";
          gap = 0;
          start = i;
        }
        continue;
      }
      if (c === 32) {
        // One plain space between visible characters stays as it is.
        if (start >= 0 && i + 1 < n) {
          const d = s.charCodeAt(i + 1);
          if (d > 32 && (d < 0xa0 || !isWideSpace(d))) continue;
        }
      } else if (c < 32 && c !== 0 && !(c >= 9 && c <= 13)) {
        // Another control character: visible, like any text.
        if (start < 0) {
          if (gap !== 0 && out.length > 0) out += gap === 2 ? "\n" : " ";
          gap = 0;
          start = i;
        }
        continue;
      }
      if (start >= 0) {
        out += s.slice(start, i);
        start = -1;
      }
      if (c === 0) gap = 2;
      else if (gap === 0) gap = 1;
    }
    if (start >= 0) out += start === 0 ? s : s.slice(start);
  }
  return out;
}

/** Length of s with \s runs collapsed to one space and trimmed (link text in a block). */
function collapsedLength(s: string): number {
  let n = 0;
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x200b && isSpace(c)) {
      gap = true;
    } else {
      if (gap && n > 0) n++;
      gap = false;
      n++;
    }
  }
  return n;
}

/** What JavaScript's \s matches, plus U+200B (zero-width space). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c >= 0xa0 && isWideSpace(c);
}

/** The characters from U+00A0 up that isSpace matches. */
function isWideSpace(c: number): boolean {
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
