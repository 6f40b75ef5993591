import type { FastifyInstance } from "fastify";

// Reader pages load nothing from other hosts; only the video player frames, after a click.
const csp = (imgSources: readonly string[]) =>
  [
    "default-src 'self'",
    ["img-src 'self' data:", ...imgSources].join(" "),
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
/** `imgSources`: other hosts pages may load images from (a map tile server the site configures). */
export function registerSecurityHeaders(app: FastifyInstance, imgSources: readonly string[] = []): void {
  const HTML_ONLY = { "content-security-policy": csp(imgSources), "x-frame-options": "SAMEORIGIN" };
  // A callback hook, not an async one: it runs on every response, cache hits included.
  app.addHook("onSend", (_request, reply, payload, done) => {
    reply.headers(COMMON);
    const type = reply.getHeader("content-type");
    if (typeof type === "string" && type.startsWith("text/html")) reply.headers(HTML_ONLY);
    done(null, payload);
  });
}
