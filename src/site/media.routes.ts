import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { MediaService } from "../newsroom/media.service.js";

const CONTENT_TYPE = { avif: "image/avif", webp: "image/webp", jpg: "image/jpeg" } as const;

/**
 * Image variants for `srcset` ("800.webp") and fixed crops for structured data and social cards
 * ("1200x675.jpg"), made by a job at upload, or here if a reader asks first. Their URLs never change content, so they cache forever.
 */
export function registerMediaRoutes(app: FastifyInstance, media: MediaService): void {
  app.get(
    "/media/:key/:file",
    {
      schema: {
        params: Type.Object({
          key: Type.String({ pattern: "^[a-z0-9]{4,40}$" }),
          file: Type.String({ pattern: "^(?:[0-9]{2,4}\\.(?:avif|webp|jpg)|[0-9]{3,4}x[0-9]{3,4}\\.jpg)$" }),
        }),
        response: { 200: Type.Any({ description: "image bytes" }) },
      },
    },
    async (request: FastifyRequest<{ Params: { key: string; file: string } }>, reply) => {
      const [size, format] = request.params.file.split(".") as [string, keyof typeof CONTENT_TYPE];
      const [width, height] = size.split("x").map(Number) as [number, number | undefined];
      const data =
        height === undefined
          ? await media.variant(request.params.key, width, format)
          : await media.crop(request.params.key, width, height);
      return reply
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("surrogate-key", `media-file:${request.params.key}`)
        .header("cache-tag", `media-file:${request.params.key}`)
        .type(CONTENT_TYPE[format])
        .send(data);
    },
  );
}
