import type { FastifyInstance, FastifyRequest } from "fastify";
import type { BeaconHeaders, BeaconService } from "./beacon.service.js";

/** A beacon is under 300 bytes; anything much larger is not one. */
export const BEACON_BODY_LIMIT = 2048;

/** The smallest transparent GIF: 1×1, one transparent colour. */
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

function headersOf(request: FastifyRequest): BeaconHeaders {
  const one = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { userAgent: one("user-agent"), gpc: one("sec-gpc"), dnt: one("dnt") };
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * POST /beacon and GET /beacon.gif (issue #21). A reader's page must never suffer for counting:
 * whatever arrives (bad JSON, text/plain, a huge body, an unknown edition) the answer is an
 * empty 204, in their own scope with their own body parser and error handler, so no 4xx or 5xx
 * and no session cookie ever comes back. The body is read as text whatever its declared type,
 * since navigator.sendBeacon sends a string as text/plain.
 */
export async function registerBeaconRoutes(app: FastifyInstance, deps: { beacons: BeaconService }): Promise<void> {
  const { beacons } = deps;
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string", bodyLimit: BEACON_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((_error, _request, reply) => {
      reply.code(204).header("cache-control", "no-store").send();
    });

    scope.post("/beacon", async (request, reply) => {
      beacons.record(text(request.body), headersOf(request));
      return reply.code(204).header("cache-control", "no-store").send();
    });

    scope.get("/beacon.gif", async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const article = text(query.a);
      const articleId = /^\d{1,10}$/.test(article) ? Number(article) : 0;
      if (articleId <= 2_147_483_647) beacons.recordPixel(text(query.e), articleId, headersOf(request));
      return reply.code(200).header("cache-control", "no-store").type("image/gif").send(PIXEL);
    });
  });
}
