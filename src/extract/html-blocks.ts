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
    const text = collapse(parts.join(""));
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
      if (anchorDepth > 0) linkParts += item.replace(/\s+/g, " ").trim().length;
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

/** Collapses whitespace; our <br> marker becomes "\n", blank lines inside a block are dropped. */
function collapse(s: string): string {
  let t = s.replace(/[\s\u200b]+/g, " ");
  if (t.includes("\u0000")) t = t.replace(/ ?\u0000[ \u0000]*/g, "\n");
  return t.trim();
}
