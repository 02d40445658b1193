// Request parameter schemas (zod): the same objects validate requests and describe them in /openapi.json.

import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

export const pagination = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("page size (1-500)"),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).describe("items to skip"),
};

export const IdParam = z.object({ id: z.string().min(1).max(128).describe("id (articles: full id or a unique prefix of at least 4 hex digits)") });

export const RangeQuery = z.object({
  from: isoDate.optional().describe("inclusive lower bound on dates"),
  to: isoDate.optional().describe("inclusive upper bound on dates (a month or year includes all its days)"),
});

export const ArticlesQuery = z.object({
  outlet: z.string().min(1).max(200).optional().describe("outlet name (case-insensitive, exact)"),
  from: isoDate.optional().describe("published on or after"),
  to: isoDate.optional().describe("published on or before"),
  originals: flag.optional().describe("1: hide articles that are copies of another article"),
  entity: z.string().min(1).max(200).optional().describe("entity key (person:wang wenbin) or name mentioned in the article"),
  side: z.string().min(1).max(200).optional().describe("articles quoting someone who speaks for this side (China, United States)"),
  ...pagination,
});

export const ArticleQuery = z.object({
  removed: flag.optional().describe("1: include the boilerplate extraction removed, with reasons"),
});

export const QuotesQuery = z.object({
  speaker: z.string().min(1).max(200).optional().describe("speaker name (part of it) or entity key"),
  side: z.string().min(1).max(200).optional().describe("side such as China or United States"),
  article: z.string().min(1).max(128).optional().describe("article id or unique prefix"),
  ...pagination,
});

export const QuotesCsvQuery = QuotesQuery.omit({ limit: true, offset: true });

export const EntitiesQuery = z.object({
  kind: z.enum(["person", "org", "place", "other"]).optional().describe("entity kind"),
  ...pagination,
});

export const SearchQuery = z.object({
  q: z.string().trim().min(1, "q is required: the words to search for").max(500).describe("full-text query"),
  outlet: z.string().min(1).max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pagination,
});

export const PageQuery = z.object({ ...pagination });

export const DownloadQuery = z.object({ download: flag.optional().describe("1: send as an attachment") });

export const IngestRow = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  url: z.string().max(4000).optional(),
  date: z.string().max(100).optional(),
  outlet: z.string().max(200).optional(),
  title: z.string().max(2000).optional(),
});

export const IngestBody = z.object({
  items: z.array(IngestRow).min(1, "items must hold at least one {html|text} row").max(10_000),
});
