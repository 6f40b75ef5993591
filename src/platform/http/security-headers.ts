import type { FastifyInstance } from "fastify";

// Reader pages load nothing from other hosts; only the video player frames, after a click.
const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

const COMMON = { "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" };
const HTML_ONLY = { "content-security-policy": CSP, "x-frame-options": "SAMEORIGIN" };

export function registerSecurityHeaders(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every response, cache hits included.
  app.addHook("onSend", (_request, reply, payload, done) => {
    reply.headers(COMMON);
    const type = reply.getHeader("content-type");
    // A route that set its own policy keeps it (the sandboxed email preview needs inline styles).
    if (typeof type === "string" && type.startsWith("text/html") && !reply.hasHeader("content-security-policy")) {
      reply.headers(HTML_ONLY);
    }
    done(null, payload);
  });
}
