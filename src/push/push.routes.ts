import fs from "node:fs";
import path from "node:path";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import type { RateLimiter } from "../platform/rate-limit/rate-limiter.js";
import { requireActor } from "../staff/actor.js";
import { canPush } from "./push.policy.js";
import {
  PublicKeySchema,
  PushOverviewSchema,
  PushSendSchema,
  SendArticleBody,
  SendParams,
  SubscribeBody,
  UnsubscribeBody,
} from "./push.schemas.js";
import type { PushService } from "./push.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
/** A browser subscribes once; a burst from one address is a script. */
const SUBSCRIBES_PER_MINUTE = 20;

export interface PushRouteDeps {
  push: PushService;
  rateLimiter: RateLimiter;
  /** The built service worker (dist/client/…); null when assets are not built. */
  workerFile: string | null;
}

/** Readers' subscriptions, the service worker, and the newsroom's alerts: HTTP only. */
export function registerPushRoutes(instance: FastifyInstance, deps: PushRouteDeps): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { push, rateLimiter } = deps;
  const worker = deps.workerFile && fs.existsSync(deps.workerFile) ? fs.readFileSync(deps.workerFile, "utf8") : null;

  app.get(
    "/push-sw.js",
    { schema: { response: { 200: Type.String(), 404: ErrorSchema } } },
    async (_request, reply) => {
      if (!worker) throw new AppError("not_found", "Push alerts' service worker is not built (run npm run build).");
      // Browsers check a service worker for updates on their own; a short cache keeps that cheap.
      return reply
        .header("content-type", "text/javascript; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .header("x-content-type-options", "nosniff")
        .send(worker);
    },
  );

  app.get("/push/key", { schema: { response: { 200: PublicKeySchema } } }, async (_request, reply) => {
    reply.header("cache-control", "public, max-age=3600");
    return { publicKey: push.publicKey() };
  });

  app.post(
    "/push/subscriptions",
    {
      schema: {
        body: SubscribeBody,
        response: { 201: Type.Object({ ok: Type.Boolean() }), ...errors, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const decision = await rateLimiter.hit(`push:${request.ip}`, SUBSCRIBES_PER_MINUTE, 60);
      if (!decision.allowed) {
        reply.header("retry-after", String(decision.retryAfterSeconds));
        throw new AppError("rate_limited", "Too many requests; please try again in a minute.");
      }
      await push.subscribe(request.body.edition, { endpoint: request.body.endpoint, keys: request.body.keys });
      return reply.code(201).send({ ok: true });
    },
  );

  app.delete(
    "/push/subscriptions",
    { schema: { body: UnsubscribeBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await push.unsubscribe(request.body.edition, request.body.endpoint);
      return reply.code(204).send(null);
    },
  );

  app.get("/admin/api/push", { schema: { response: { 200: PushOverviewSchema, ...errors } } }, async (request) => {
    const actor = requireActor(request);
    if (!canPush(actor, "viewPush")) throw new AppError("forbidden", "Your role may not see push alerts.");
    return { subscribers: await push.subscriberCounts(), sends: await push.listSends() };
  });

  app.post(
    "/admin/api/push/sends",
    { schema: { body: SendArticleBody, response: { 202: PushSendSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!canPush(actor, "sendPush")) throw new AppError("forbidden", "Only editors may send push alerts.");
      const send = await push.sendArticle(request.body.articleId, { staffId: actor.staffId, name: actor.name });
      return reply.code(202).send(send);
    },
  );

  app.get(
    "/admin/api/push/sends/:id",
    { schema: { params: SendParams, response: { 200: PushSendSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      if (!canPush(actor, "viewPush")) throw new AppError("forbidden", "Your role may not see push alerts.");
      return push.getSend(request.params.id);
    },
  );
}

/** Where the built service worker is, from the asset manifest's entry. */
export function pushWorkerFile(assets: { dir: string; pushWorker?: string }): string | null {
  return assets.pushWorker ? path.join(assets.dir, assets.pushWorker) : null;
}
