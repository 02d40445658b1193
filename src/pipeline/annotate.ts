// The per-article NLP stage: sentences, entities (tagger + canonical entities with sides), quotes with
// speakers, and time expressions resolved against the publication date. A pure function of one article.

import type { Annotations, PublishedDate } from "../core/types.ts";
import { resolveEntities } from "../nlp/entities.ts";
import { extractQuotes } from "../nlp/quotes.ts";
import { splitSentences } from "../nlp/sentences.ts";
import { tagTimexes } from "../nlp/time/index.ts";
import { defineStage } from "./stage.ts";

export interface AnnotateInput {
  text: string;
  published: PublishedDate | null;
  dateline?: string | null;
}

export function annotateText(a: AnnotateInput): Annotations {
  const sentences = splitSentences(a.text);
  const { mentions, entities } = resolveEntities(a.text, undefined, { dateline: a.dateline ?? null });
  const quotes = extractQuotes(a.text, { entities: { mentions, entities } });
  const timexes = tagTimexes(a.text, a.published?.date ?? null);
  return { sentences, mentions, entities, quotes, timexes };
}

export const annotateStage = defineStage({
  name: "annotate",
  version: "1",
  requires: ["article"],
  produces: ["sentences", "entities", "quotes", "timexes"],
  run: annotateText,
});
