import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";

// Reader pages load nothing from other hosts; only the video player frames, after a click, and
// our own /embed/social page (it frames a social platform's embed, under its own policy).
const csp = (formActionSources: readonly string[], imgSources: readonly string[], inlineStyles: readonly string[]) =>
  [
    "default-src 'self'",
    ["img-src 'self' data:", ...imgSources].join(" "),
    "script-src 'self'",
    ["style-src 'self'", ...inlineStyles.map(styleHash)].join(" "),
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formActionSources].join(" "),
    "frame-ancestors 'self'",
  ].join("; ");

/** A CSP source that allows one exact inline `<style>` text and nothing else inline. */
export function styleHash(css: string): string {
  return `'sha256-${createHash("sha256").update(css).digest("base64")}'`;
}

const COMMON = { "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" };
export interface SecurityHeaderOptions {
  /**
   * Origins a form may lead to besides the site. Browsers apply `form-action` to the redirect
   * after a submission too, so a form answered with a 303 to a payment page needs its origin here.
   */
  formActionSources?: readonly string[];
  /** Other hosts pages may load images from (a map tile server the site configures). */
  imgSources?: readonly string[];
  /**
   * Send Strict-Transport-Security (a year): only when the site's PUBLIC_URL is https, since a
   * browser that saw it would refuse a plain-http site. Without includeSubDomains, as the outlet's
   * other subdomains (mail, a legacy site) are not the app's to promise https for.
   */
  hsts?: boolean;
  /**
   * Hosts served over plain http whatever PUBLIC_URL's scheme (the onion address, where Tor
   * encrypts): they get no Strict-Transport-Security, which would make Tor Browser refuse them.
   */
  plainHttp?: (host: string) => boolean;
  /** The exact texts of inline `<style>` elements pages may carry (the lite pages' one stylesheet). */
  inlineStyles?: readonly string[];
}

export const HSTS_VALUE = "max-age=31536000";

export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions = {}): void {
  const HTML_ONLY = {
    "content-security-policy": csp(
      options.formActionSources ?? [],
      options.imgSources ?? [],
      options.inlineStyles ?? [],
    ),
    "x-frame-options": "SAMEORIGIN",
  };
  const common = options.hsts ? { ...COMMON, "strict-transport-security": HSTS_VALUE } : COMMON;
  const plainHttp = options.plainHttp ?? (() => false);
  // A callback hook, not an async one: it runs on every response, cache hits included.
  app.addHook("onSend", (request, reply, payload, done) => {
    reply.headers(options.hsts && plainHttp(request.host) ? COMMON : common);
    const type = reply.getHeader("content-type");
    // A route that set its own policy keeps it (the sandboxed email preview needs inline styles).
    if (typeof type === "string" && type.startsWith("text/html") && !reply.hasHeader("content-security-policy")) {
      reply.headers(HTML_ONLY);
    }
    done(null, payload);
  });
}
