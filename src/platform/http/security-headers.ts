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
export interface SecurityHeaderOptions {
  /**
   * Origins a form may lead to besides the site. Browsers apply `form-action` to the redirect
   * after a submission too, so a form answered with a 303 to a payment page needs its origin here.
   */
  formActionSources?: readonly string[];
}

export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions = {}): void {
  const sources = options.formActionSources ?? [];
  const csp = sources.length ? CSP.replace("form-action 'self'", `form-action 'self' ${sources.join(" ")}`) : CSP;
  const HTML_ONLY = { "content-security-policy": csp, "x-frame-options": "SAMEORIGIN" };
  // A callback hook, not an async one: it runs on every response, cache hits included.
  app.addHook("onSend", (_request, reply, payload, done) => {
    reply.headers(COMMON);
    const type = reply.getHeader("content-type");
    if (typeof type === "string" && type.startsWith("text/html")) reply.headers(HTML_ONLY);
    done(null, payload);
  });
}
