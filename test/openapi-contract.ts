import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { FastifyInstance } from "fastify";

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
}

/**
 * Checks real answers against the API's own OpenAPI document: `check(path, status, body)` returns
 * the validator's complaints, an empty list when the body matches the documented schema.
 */
export async function openApiContract(app: FastifyInstance, prefix: string) {
  const response = await app.inject({ method: "GET", url: `${prefix}/openapi.json` });
  const document = response.json() as OpenApiDocument;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return {
    document,
    check(path: string, status: number, body: unknown): string[] {
      const schema = document.paths[path]?.get?.responses[String(status)]?.content?.["application/json"]?.schema;
      if (!schema) return [`the document has no JSON answer ${status} for GET ${path}`];
      const validate = ajv.compile(schema);
      if (validate(body)) return [];
      return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? "is not valid"}`);
    },
  };
}
