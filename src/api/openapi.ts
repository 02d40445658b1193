// /openapi.json: an OpenAPI 3.1 document generated from the route table in app.ts (the zod schemas that
// validate each request are the ones described here, through zod 4's z.toJSONSchema).

import { z } from "zod";
import type { RouteSpec } from "./app.ts";

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
        "200": { description: "OK", content: { [r.produces]: { schema: r.produces === "application/json" ? { type: "object" } : { type: "string" } } } },
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
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Required for writes when the server has a token (--token or DOSSIER_TOKEN)" } },
    },
  };
}
