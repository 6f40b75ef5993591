import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { parseSocialUrl, SOCIAL_PLATFORM_NAMES } from "../newsroom/social-url.shared.js";
import { styleHash } from "../platform/http/security-headers.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
// The values come from a parsed address (a narrow alphabet), escaped all the same.
const escapeAttribute = (text: string) => text.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);

const CSS = "html,body,iframe{margin:0;width:100%;height:100%;border:0;background:#fff}";

/**
 * The page a social-post facade frames once the reader clicks "Show the original". A page's
 * Content-Security-Policy is fixed when it loads, so the article page cannot open up to the
 * platform on a click; instead it only ever frames this page of our own, whose policy allows the
 * one platform origin of the one post, and which frames the platform's embed page in a sandbox
 * (scripts and pop-ups, never navigating the reader's page). The embed address is rebuilt from the
 * parsed post, never copied from the query.
 */
export function registerSocialEmbedRoutes(app: FastifyInstance): void {
  app.get(
    "/embed/social",
    {
      schema: {
        querystring: Type.Object({ url: Type.String({ maxLength: 2048 }) }),
        response: { 200: Type.String() },
      },
    },
    async (request, reply) => {
      const ref = parseSocialUrl((request.query as { url: string }).url);
      if (!ref) throw new AppError("social_url_unsupported", "This is not the address of a post Gazette can embed.");
      const title = `${SOCIAL_PLATFORM_NAMES[ref.platform]}: ${ref.url}`;
      return reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "public, max-age=86400")
        .header(
          "content-security-policy",
          [
            "default-src 'none'",
            `style-src ${styleHash(CSS)}`,
            `frame-src ${ref.embedOrigin}`,
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'self'",
          ].join("; "),
        )
        .header("referrer-policy", "no-referrer")
        .send(
          `<!doctype html><html><head><meta charset="utf-8"><title>${escapeAttribute(title)}</title><style>${CSS}</style></head>` +
            `<body><iframe src="${escapeAttribute(ref.embedUrl)}" title="${escapeAttribute(title)}" ` +
            'sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox" ' +
            'allow="encrypted-media; fullscreen; picture-in-picture" referrerpolicy="no-referrer"></iframe></body></html>',
        );
    },
  );
}
