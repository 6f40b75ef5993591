import type { FastifyInstance } from "fastify";
import type { SiteFetch } from "./static-export.service.js";

/**
 * The snapshot's fetch over the application itself: each page is rendered in-process by the same
 * routes that serve readers, with the primary host's Host header (edition hosts resolve by it).
 */
export function injectFetch(app: FastifyInstance, host: string): SiteFetch {
  return async (pathWithQuery) => {
    const response = await app.inject({ method: "GET", url: pathWithQuery, headers: { host } });
    const location = response.headers.location;
    return {
      status: response.statusCode,
      contentType: String(response.headers["content-type"] ?? ""),
      ...(typeof location === "string" ? { location } : {}),
      body: response.rawPayload,
    };
  };
}
