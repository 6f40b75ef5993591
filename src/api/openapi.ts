import type { TSchema } from "typebox";

/** One documented operation: the same schemas Fastify validates and serializes with. */
export interface ApiOperation {
  method: "get";
  /** Fastify's path, with `:name` parameters. */
  path: string;
  summary: string;
  description?: string;
  params?: TSchema;
  querystring?: TSchema;
  /** Status → what it means, and the JSON schema of its body (none for 304). */
  responses: Record<number, { description: string; schema?: TSchema; contentType?: string }>;
  /** Needs an API key. */
  secured: boolean;
  tag: string;
}

interface ObjectSchema {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
}

/** A plain JSON copy: TypeBox keeps its bookkeeping in non-enumerable keys, which this drops. */
function plain(schema: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
}

function parameters(schema: TSchema | undefined, where: "path" | "query"): unknown[] {
  if (!schema) return [];
  const object = plain(schema) as ObjectSchema;
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (object.required ?? []).includes(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

/**
 * Collects the Content API's operations as routes register them, and writes the OpenAPI 3.1
 * document from them: the document cannot drift from what the server checks and sends.
 */
export class OpenApiCollector {
  private readonly operations: ApiOperation[] = [];

  add(operation: ApiOperation): void {
    this.operations.push(operation);
  }

  document(info: { title: string; version: string; description: string; serverUrl: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const operation of this.operations) {
      const path = operation.path.replace(/:([A-Za-z]+)/g, "{$1}");
      const responses: Record<string, unknown> = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        responses[status] = {
          description: response.description,
          ...(response.schema
            ? { content: { [response.contentType ?? "application/json"]: { schema: plain(response.schema) } } }
            : {}),
        };
      }
      paths[path] ??= {};
      paths[path][operation.method] = {
        operationId: operationId(operation),
        summary: operation.summary,
        ...(operation.description ? { description: operation.description } : {}),
        tags: [operation.tag],
        parameters: [...parameters(operation.params, "path"), ...parameters(operation.querystring, "query")],
        responses,
        security: operation.secured ? [{ bearerKey: [] }, { queryKey: [] }] : [],
      };
    }
    return {
      openapi: "3.1.0",
      info: { title: info.title, version: info.version, description: info.description },
      servers: [{ url: info.serverUrl }],
      paths,
      components: {
        securitySchemes: {
          bearerKey: { type: "http", scheme: "bearer", description: "Authorization: Bearer <key>" },
          queryKey: {
            type: "apiKey",
            in: "query",
            name: "key",
            description: "?key=<key>, where a header cannot be set",
          },
        },
      },
    };
  }

  list(): readonly ApiOperation[] {
    return this.operations;
  }
}

function operationId(operation: ApiOperation): string {
  const words = operation.path
    .split("/")
    .filter((part) => part !== "" && part !== "api" && part !== "v1")
    .map((part) => (part.startsWith(":") ? `by-${part.slice(1)}` : part))
    .join("-")
    .split(/[^A-Za-z0-9]+/);
  return [operation.method, ...words]
    .map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join("");
}
