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

  // Stack items: a node to enter, or an element to leave (marked by the exit wrapper).
  type Item = HtmlNode | { exit: HtmlElement };
  const stack: Item[] = [root];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === "string") {
      parts.push(item);
      if (anchorDepth > 0) linkParts += item.replace(/\s+/g, " ").trim().length;
      continue;
    }
    if ("exit" in item) {
      const el = item.exit;
      if (el.tag === "a") anchorDepth--;
      if (BLOCK_TAGS.has(el.tag)) {
        flush();
        owners.pop();
      }
      continue;
    }
    const el = item;
    if (skip.has(el)) continue;
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
    stack.push({ exit: el });
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  flush();
  return blocks;
}

/** Inline-ish elements that browsers render with visible separation (table-like cells, labels). */
const INLINE_SPACING = new Set(["td", "th", "label", "option"]);

/** Collapses whitespace; our <br> marker becomes "\n", blank lines inside a block are dropped. */
function collapse(s: string): string {
  return s.replace(/[\s\u200b]+/g, " ").replace(/ ?\u0000[ \u0000]*/g, "\n").trim();
}
