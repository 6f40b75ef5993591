import type { FastifyRequest, FastifyServerOptions } from "fastify";

// Query parameters that carry a credential (the Content API's `?key=`): never written to a log.
const SECRET_PARAMS = /([?&](?:key|token)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, "$1[redacted]");
}

/**
 * Fastify's request log line without secrets: the URL with credential parameters masked. Headers
 * (Authorization among them) are not logged at all.
 */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function loggerOptions(level: string): Exclude<FastifyServerOptions["logger"], boolean | undefined> {
  return { level, serializers: { req: serializeRequest as never } };
}
