import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import { canNewsroom } from "./articles.policy.js";
import type { SocialCardsService } from "./social-cards.service.js";
import { SOCIAL_PLATFORMS } from "./social-url.shared.js";

/** The attributes of a `socialPost` body block, ready to insert. */
const SocialCardSchema = Type.Object({
  platform: Type.Union(SOCIAL_PLATFORMS.map((platform) => Type.Literal(platform))),
  url: Type.String(),
  author: Type.String(),
  text: Type.String(),
  postedAt: Type.String(),
  mediaId: Type.Union([Type.Integer(), Type.Null()]),
  quotedOn: Type.String(),
  source: Type.Union([Type.Literal("fetched"), Type.Literal("manual")]),
});

/**
 * The editor calls this when a post's address is pasted: the server fetches the card (and stores
 * its image) then and there, so the block the editor inserts, and then saves, is already static.
 * A failure answers 502 `social_fetch_failed` and the editor offers the manual fields instead.
 */
export function registerSocialCardRoutes(app: FastifyInstance, cards: SocialCardsService): void {
  app.post(
    "/admin/api/social-cards",
    {
      schema: {
        body: Type.Object({ url: Type.String({ minLength: 1, maxLength: 2048 }) }, { additionalProperties: false }),
        response: { 200: SocialCardSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 502: ErrorSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      // The card's image goes into the media library: the same right as uploading one.
      if (!canNewsroom(actor.role, "uploadMedia"))
        throw new AppError("forbidden", "Your role may not add social posts.");
      const { url } = request.body as { url: string };
      return cards.fetchCard(url, { staffId: actor.staffId, tokenId: actor.tokenId });
    },
  );
}
