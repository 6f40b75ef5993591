import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { LOGO_SVG, logoPng } from "./publisher-logo.js";
import { distributionUrls } from "./urls.js";

// Not content-hashed (the URL is written into structured data and feeds), so cached for a day only.
const CACHE = "public, max-age=86400";

/** The publisher logo that structured data, feeds and social cards point at. */
export function registerPublisherLogoRoutes(app: FastifyInstance): void {
  app.get(distributionUrls.logoSvg(), { schema: { response: { 200: Type.String() } } }, (_request, reply) =>
    reply.header("cache-control", CACHE).type("image/svg+xml").send(LOGO_SVG),
  );
  app.get(
    distributionUrls.logoPng(),
    { schema: { response: { 200: Type.Any({ description: "PNG bytes" }) } } },
    async (_request, reply) =>
      reply
        .header("cache-control", CACHE)
        .type("image/png")
        .send(await logoPng()),
  );
}
