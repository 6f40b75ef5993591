import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { AppError } from "../errors.js";
import { readClickLink } from "../newsletters/click-links.js";
import type { LinkSigner } from "../platform/security/link-signer.js";
import type { ConversionsService } from "./conversions.service.js";

/**
 * GET /n/c/{token}: a click on a sent newsletter issue's link. The token is checked, the click is
 * counted for the issue and link, and the reader goes on to the link's target, which comes from
 * the signed token only: a forged or damaged token is a 404 page, never a redirect.
 */
export function registerClickRoutes(
  instance: FastifyInstance,
  deps: { signer: LinkSigner; conversions: ConversionsService },
): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    // A wildcard: the token (about 250 characters with its target) is longer than a route parameter
    // may be. No params schema: TypeBox's compiler cannot name the "*" key; the token is checked by
    // its signature instead, whatever it contains.
    "/n/c/*",
    async (request, reply) => {
      const link = readClickLink(deps.signer, (request.params as { "*": string })["*"]);
      if (!link) throw new AppError("not_found", "This link is not valid.");
      // A reader is sent on even if the count could not be written.
      await deps.conversions
        .countClick(link.issueId, link.linkIndex, link.url)
        .catch((error: unknown) => request.log.error({ err: error }, "a newsletter click was not counted"));
      return reply.header("cache-control", "no-store").redirect(link.url, 302);
    },
  );
}
