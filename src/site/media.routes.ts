import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
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
          file: Type.String({
            pattern:
              "^(?:[0-9]{2,4}\\.(?:avif|webp|jpg)|[0-9]{3,4}x[0-9]{3,4}\\.jpg|audio\\.(?:mp3|m4a|ogg)|document\\.pdf|page-1\\.jpg|artwork\\.jpg)$",
          }),
        }),
        response: { 200: Type.Any({ description: "image bytes" }) },
      },
    },
    async (request: FastifyRequest<{ Params: { key: string; file: string } }>, reply) => {
      if (/^(?:audio|document|page-1|artwork)\./.test(request.params.file)) {
        const stored = await media.file(request.params.key, request.params.file);
        if (!stored) throw new AppError("not_found", "No such file.");
        reply
          .header("cache-control", "public, max-age=31536000, immutable")
          .header("surrogate-key", `media-file:${request.params.key}`)
          .header("cache-tag", `media-file:${request.params.key}`)
          .header("x-content-type-options", "nosniff")
          .type(stored.mime);
        if (stored.mime === "application/pdf") {
          // A PDF can carry script and forms: the browser downloads it, and if one renders it
          // anyway, the sandbox keeps it away from our origin's cookies and pages.
          reply
            .header("content-disposition", 'attachment; filename="document.pdf"')
            .header("content-security-policy", "sandbox");
        }
        const range = byteRange(request.headers.range, stored.data.length);
        if (range === null) return reply.send(stored.data);
        if (range === "unsatisfiable") {
          return reply.code(416).header("content-range", `bytes */${stored.data.length}`).send();
        }
        // Players seek in a clip by asking for the bytes they need.
        return reply
          .code(206)
          .header("accept-ranges", "bytes")
          .header("content-range", `bytes ${range[0]}-${range[1]}/${stored.data.length}`)
          .send(stored.data.subarray(range[0], range[1] + 1));
      }
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

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; null serves the whole file (no header, or several ranges). */
export function byteRange(header: string | undefined, size: number): [number, number] | "unsatisfiable" | null {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const start = match[1] === "" ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === "" || match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start > end || start >= size ? "unsatisfiable" : [start, end];
}
