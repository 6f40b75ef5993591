import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { isHostApplied, isRewritable, rewriteOrigin } from "../platform/http/host-rewrite.js";
import { type Actor, requireActor } from "../staff/actor.js";
import { canMirrors, type MirrorAction } from "./mirrors.policy.js";
import { CreateMirrorBody, MirrorParams, MirrorSchema, MirrorsOverviewSchema } from "./mirrors.schemas.js";
import { MIRRORS_KEY, type MirrorsService } from "./mirrors.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** Apps and readers fetch the list when the site is hard to reach: a minute fresh, then kept a day if the site fails. */
const LIST_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400";

export interface MirrorRouteDeps {
  mirrors: MirrorsService;
  /** The editions a mirror may serve, for the app's form. */
  editionCodes: () => string[];
  publicUrl: string;
}

/** The signed-in actor when the policy lets them `action`; a 403 otherwise. */
function allowed(request: FastifyRequest, action: MirrorAction, refusal: string): Actor {
  const actor = requireActor(request);
  if (!canMirrors(actor.role, action)) throw new AppError("forbidden", refusal);
  return actor;
}

/** The newsroom app's list of mirrors and the public, signed mirror list: HTTP only. */
export function registerMirrorRoutes(app: FastifyInstance, deps: MirrorRouteDeps): void {
  const { mirrors } = deps;

  app.get(
    "/admin/api/mirrors",
    { schema: { response: { 200: MirrorsOverviewSchema, ...errors } } },
    async (request) => {
      allowed(request, "viewMirrors", "Only admins and owners see the mirrors.");
      return {
        items: mirrors.list(),
        primary: deps.publicUrl,
        onionHost: mirrors.onionHost,
        publicKey: mirrors.publicKey,
        publicKeyPem: mirrors.publicKeyPem,
        editions: deps.editionCodes(),
      };
    },
  );

  app.post(
    "/admin/api/mirrors",
    { schema: { body: CreateMirrorBody, response: { 201: MirrorSchema, ...errors } } },
    async (request: FastifyRequest<{ Body: CreateMirrorBody }>, reply) => {
      const actor = allowed(request, "manageMirrors", "Only admins and owners add mirrors.");
      return reply.code(201).send(await mirrors.add(request.body, actor.staffId));
    },
  );

  app.delete(
    "/admin/api/mirrors/:id",
    { schema: { params: MirrorParams, response: { 200: MirrorSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allowed(request, "manageMirrors", "Only admins and owners remove mirrors.");
      return mirrors.remove(request.params.id);
    },
  );

  const sendList = (request: FastifyRequest, reply: FastifyReply, type: string, body: string, etag: string) => {
    reply
      .header("cache-control", LIST_CACHE_CONTROL)
      .header("etag", etag)
      .header("surrogate-key", MIRRORS_KEY)
      .header("cache-tag", MIRRORS_KEY)
      // Apps on other origins (a newsletter's web view, a reader app's web build) fetch it too.
      .header("access-control-allow-origin", "*");
    if (request.headers["if-none-match"]?.split(",").some((tag) => tag.trim() === etag)) return reply.code(304).send();
    return reply.type(type).send(body);
  };

  app.get(
    "/mirrors.json",
    { schema: { response: { 200: Type.String({ description: "The signed mirror list" }), 304: Type.Null() } } },
    (request, reply) => {
      const list = mirrors.signedList();
      return sendList(request, reply, "application/json; charset=utf-8", list.body, list.etag);
    },
  );

  app.get(
    "/mirrors.json.sig",
    {
      schema: {
        response: { 200: Type.String({ description: "Ed25519 signature of /mirrors.json, base64" }), 304: Type.Null() },
      },
    },
    (request, reply) => {
      const list = mirrors.signedList();
      // Its ETag follows the list's, so a cache never pairs a list with another list's signature.
      return sendList(request, reply, "text/plain; charset=utf-8", list.signature, `${list.etag.slice(0, -1)}.sig"`);
    },
  );
}

/**
 * What every response on a mirror or the onion address needs besides the reader routes' own copy:
 * a mirror of one edition opens at that edition; pages answered outside the page cache (forms,
 * error pages) and redirects point at the mirror; the clearnet site announces its onion address.
 */
export function registerMirrorHooks(app: FastifyInstance, mirrors: MirrorsService): void {
  app.addHook("onRequest", (request, reply, done) => {
    if ((request.method === "GET" || request.method === "HEAD") && request.url.split("?")[0] === "/") {
      const entry = mirrors.entryPath(request.host);
      if (entry) {
        reply.header("cache-control", "public, max-age=300").redirect(entry, 302);
        return;
      }
    }
    done();
  });

  // A callback hook, like the security headers: it runs on every response.
  app.addHook("onSend", (request, reply, payload, done) => {
    const served = mirrors.servedAs(request.host);
    const type = reply.getHeader("content-type");
    if (!served) {
      const onion = mirrors.onionHost;
      if (onion && request.host === mirrors.primaryHost && typeof type === "string" && type.startsWith("text/html")) {
        reply.header("onion-location", `http://${onion}${request.url}`);
      }
      return done(null, payload);
    }
    const location = reply.getHeader("location");
    if (typeof location === "string" && location.startsWith(served.mirrors)) {
      reply.header("location", served.origin + location.slice(served.mirrors.length));
    }
    const rewritable =
      !isHostApplied(request) &&
      typeof type === "string" &&
      isRewritable(type) &&
      !reply.hasHeader("content-encoding") &&
      (typeof payload === "string" || Buffer.isBuffer(payload));
    if (!rewritable) return done(null, payload);
    const text = typeof payload === "string" ? payload : payload.toString("utf8");
    done(null, rewriteOrigin(text, type, served.mirrors, served.origin));
  });
}
