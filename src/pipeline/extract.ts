// The extraction stage: a Document becomes a clean ExtractedArticle, choosing the HTML extractor or the
// plain-text dump cleaner by media type (or the user's --mode).

import type { Document, ExtractedArticle } from "../core/types.ts";
import { DossierError } from "../core/errors.ts";
import type { Config } from "../core/config.ts";
import { extractHtml } from "../extract/html.ts";
import { extractTextDump } from "../extract/text-dump.ts";
import { defineStage } from "./stage.ts";

export type ExtractMode = "auto" | "html" | "text";

/** HTML when declared so, or when the text opens with markup (a .txt holding a saved page). */
export function looksLikeHtml(content: string): boolean {
  const head = content.slice(0, 2048).trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") || /^<(head|body|meta|div|article|p|title)[\s>]/.test(head) || /<\/(p|div|html|body)>/.test(content.slice(0, 65536).toLowerCase());
}

export function extractDocument(doc: Document, mode: ExtractMode, config: Readonly<Config>): ExtractedArticle {
  const html = mode === "html" || (mode === "auto" && (doc.mediaType === "text/html" || looksLikeHtml(doc.content)));
  let x: ExtractedArticle;
  try {
    x = html
      ? extractHtml(doc.content, { url: doc.url ?? null, maxDepth: config.limits.maxDepth })
      : extractTextDump(doc.content, { url: doc.url ?? null, title: doc.hints?.title ?? null });
  } catch (e) {
    // Extractors name what they saw; the user needs the input's own name in the message.
    if (e instanceof DossierError) throw new DossierError(e.code, doc.origin, e.detail);
    throw e;
  }
  if (!x.text.trim()) throw new DossierError("NO_CONTENT", doc.origin);
  return x;
}

export const extractStage = defineStage({
  name: "extract",
  version: "1",
  requires: ["document"],
  produces: ["article"],
  run: (i: { doc: Document; mode: ExtractMode; config: Readonly<Config> }) => extractDocument(i.doc, i.mode, i.config),
});
