import type { FastifyInstance, FastifyRequest } from "fastify";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import { allowOrForbid } from "./api-guards.js";
import { canApiKeys } from "./api-keys.policy.js";
import {
  ApiKeyListSchema,
  ApiKeyParams,
  ApiKeySchema,
  CreateApiKeyBody,
  CreatedApiKeySchema,
} from "./api-keys.schemas.js";
import type { ApiKeysService } from "./api-keys.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** The newsroom app's screen of Content API keys: HTTP only. */
export function registerApiKeyAdminRoutes(app: FastifyInstance, deps: { keys: ApiKeysService }): void {
  const { keys } = deps;

  app.get("/admin/api/api-keys", { schema: { response: { 200: ApiKeyListSchema, ...errors } } }, async (request) => {
    allowOrForbid(canApiKeys(requireActor(request).role, "viewKeys"), "Only admins and owners see API keys.");
    return { items: await keys.list() };
  });

  app.post(
    "/admin/api/api-keys",
    { schema: { body: CreateApiKeyBody, response: { 201: CreatedApiKeySchema, ...errors } } },
    async (request: FastifyRequest<{ Body: CreateApiKeyBody }>, reply) => {
      allowOrForbid(canApiKeys(requireActor(request).role, "manageKeys"), "Only admins and owners create API keys.");
      return reply.code(201).send(await keys.create(request.body.name));
    },
  );

  app.delete(
    "/admin/api/api-keys/:id",
    { schema: { params: ApiKeyParams, response: { 200: ApiKeySchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allowOrForbid(canApiKeys(requireActor(request).role, "manageKeys"), "Only admins and owners revoke API keys.");
      return keys.revoke(request.params.id);
    },
  );
}
