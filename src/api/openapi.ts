// /openapi.json: an OpenAPI 3.1 document generated from the route table in app.ts (the zod schemas that
// validate each request are the ones described here, through zod 4's z.toJSONSchema).

import { z } from "zod";
import type { RouteSpec } from "./app.ts";

const str = { type: "string" };
const strOrNull = { type: ["string", "null"] };
const int = { type: "integer" };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: "object", properties, required });
const arr = (items: unknown) => ({ type: "array", items });
const page = (item: string) => obj({ items: arr(ref(item)), total: int, limit: int, offset: int });
const span = obj({ start: int, end: int });

/** Response shapes (hand-written from src/core/types.ts, src/store/store.ts and src/pipeline/dossier.ts). */
const SCHEMAS: Record<string, unknown> = {
  ArticleSummary: obj({ id: str, title: strOrNull, outlet: strOrNull, byline: strOrNull, date: strOrNull, precision: { enum: ["day", "month", "year", null] }, estimated: { type: "boolean" }, url: strOrNull, origin: str, words: int, group: strOrNull, original: { type: "boolean" }, copies: int }),
  SearchHit: { allOf: [ref("ArticleSummary"), obj({ snippet: { type: "string", description: "matched words in [brackets]" }, rank: { type: "number" }, matchedCopies: { type: "integer", description: "other members of this copy group that matched" } })] },
  StorylineSummary: obj({ id: str, label: str, keyActors: arr(str), stories: int, articles: int, first: strOrNull, last: strOrNull }),
  StorySummary: obj({ id: str, storyline: strOrNull, label: str, articles: int, originals: int, copies: int, first: strOrNull, last: strOrNull, outlets: arr(str), articleIds: arr(str) }),
  Citation: obj({ articleId: str, outlet: strOrNull, span, copyOf: { type: "string", description: "set when the cited article is a copy: the id of the original it repeats" } }, ["articleId", "outlet", "span"]),
  TimelineEntry: obj({ date: { type: "string", description: "YYYY-MM-DD, YYYY-MM or YYYY by precision" }, precision: { enum: ["day", "month", "year"] }, summary: str, citations: arr(ref("Citation")), sources: int, sides: { type: "object", additionalProperties: arr(str) } }, ["date", "precision", "summary", "citations", "sources"]),
  QuoteRecord: obj({ articleId: str, text: str, date: strOrNull, outlet: strOrNull, content: span, direct: { type: "boolean" }, cue: { oneOf: [span, { type: "null" }] }, source: { oneOf: [span, { type: "null" }] }, speaker: strOrNull, speakerEntity: strOrNull, side: strOrNull }),
  StorylineView: {
    allOf: [
      ref("StorylineSummary"),
      obj({ storyList: arr(ref("StorySummary")), timeline: arr(ref("TimelineEntry")), sides: arr(obj({ side: str, quotes: arr(ref("QuoteRecord")) })), coverage: arr(obj({ month: str, articles: int })), articleList: arr(ref("ArticleSummary")) }),
    ],
  },
  CopyMember: obj({ articleId: str, group: str, original: { type: "boolean" }, kind: { enum: ["verbatim", "partial", "edited", "rewritten", null] }, similarity: { type: "number" }, title: strOrNull, outlet: strOrNull, date: strOrNull, estimated: { type: "boolean" }, url: strOrNull }),
  ArticleView: obj({
    article: { type: "object", description: "the Article (clean text, paragraphs, published {date, precision, source, estimated, evidence}, …); `removed` [{text, reason}] only with ?removed=1", properties: { id: str, text: str, removedCount: int } },
    annotations: { type: ["object", "null"], description: "sentences, mentions, entities, quotes, timexes (offsets into article.text)" },
    copies: arr(ref("CopyMember")),
    story: { oneOf: [obj({ id: str, label: str, storyline: str }), { type: "null" }] },
  }),
  Entity: obj({ key: str, name: str, kind: { enum: ["person", "org", "place", "other"] }, aliases: arr(str), roles: arr(str), side: strOrNull, articles: int, mentions: int }),
  Rejection: obj({ id: int, ok: { const: false }, code: str, reason: str, origin: str, inputHash: strOrNull, at: str }),
  IngestSummary: obj({ added: int, duplicates: int, rejected: int, rejections: arr(obj({ origin: str, code: str, reason: str })), articleIds: arr(str), seconds: { type: "number" } }),
  ArticlePage: page("ArticleSummary"),
  SearchPage: { allOf: [page("SearchHit"), obj({ q: str })] },
  StoryPage: page("StorySummary"),
  QuotePage: page("QuoteRecord"),
  EntityPage: page("Entity"),
  RejectionPage: page("Rejection"),
  StorylineList: obj({ items: arr(ref("StorylineSummary")) }),
  Timeline: obj({ id: str, label: str, entries: arr(ref("TimelineEntry")) }),
  CopyGroup: obj({ article: str, group: arr(ref("CopyMember")) }),
};

const ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } },
};

function jsonSchema(s: z.ZodType): Record<string, any> {
  const out = z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Record<string, any>;
  delete out.$schema;
  return out;
}

function parameters(schema: z.ZodObject | undefined, where: "path" | "query"): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema);
  const required = new Set<string>(js.required ?? []);
  return Object.entries(js.properties ?? {}).map(([name, prop]: [string, any]) => {
    const { description, ...rest } = prop;
    return { name, in: where, required: where === "path" || (required.has(name) && rest.default === undefined), ...(description ? { description } : {}), schema: rest };
  });
}

export function openApiDocument(routes: readonly RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, "{$1}");
    const op: Record<string, unknown> = {
      operationId: `${r.method}${path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? "").toUpperCase())}`,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
      responses: {
        "200": { description: "OK", content: { [r.produces]: { schema: r.response ? ref(r.response) : r.produces === "application/json" ? { type: "object" } : { type: "string" } } } },
        "400": { description: "Invalid parameters", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ...(r.params ? { "404": { description: "Not found", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } } : {}),
        ...(r.write
          ? {
              "401": { description: "Missing or wrong bearer token", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
              "413": { description: "Body over the upload limit", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
            }
          : {}),
      },
    };
    if (r.body) {
      const content: Record<string, unknown> = { "application/json": { schema: jsonSchema(r.body.schema) } };
      if (r.body.multipart) content["multipart/form-data"] = { schema: { type: "object", properties: { files: { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" } } } } };
      op.requestBody = { required: true, content };
    }
    if (r.write) op.security = [{ bearer: [] }];
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Dossier API", version: "0.1.0", description: "Clean articles, copy groups, stories, quotes with speakers and a dated timeline. Errors are JSON {error:{code,message}}." },
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA, ...SCHEMAS },
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Required for writes when the server has a token (--token or DOSSIER_TOKEN)" } },
    },
  };
}
