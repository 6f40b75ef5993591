// Brings the request.file() / isMultipart() types; the plugin is registered in app.ts.
import type {} from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import type { MediaRow } from "../platform/db/schema.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import { canEditMedia, canNewsroom } from "./articles.policy.js";
import { ArticleStatusSchema } from "./articles.schemas.js";
import type { MediaService } from "./media.service.js";
import { documentThumbnailUrlOf, fileUrlOf, mediaKindOf, sniffFileMime } from "./media-files.shared.js";

/** Largest upload accepted; a phone photo is 3–12 MB. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  413: ErrorSchema,
  415: ErrorSchema,
};

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const UsageSchema = Type.Object({
  /** Stories using the image, newest first, each with where: lead, body, pending (edits not yet live), live entry. */
  stories: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      edition: Type.String(),
      status: ArticleStatusSchema,
      places: Type.Array(
        Type.Union([Type.Literal("lead"), Type.Literal("body"), Type.Literal("pending"), Type.Literal("live entry")]),
      ),
      editUrl: Type.String(),
    }),
  ),
  profiles: Type.Array(Type.Object({ staffId: Type.Integer(), name: Type.String() })),
});

const MediaKindSchema = Type.Union([Type.Literal("image"), Type.Literal("audio"), Type.Literal("document")]);

const MediaSchema = Type.Object({
  id: Type.Integer(),
  /** An image, an audio clip (MP3, M4A, Ogg) or a PDF document; `alt` is a clip's or document's title. */
  kind: MediaKindSchema,
  mime: Type.String(),
  /** Audio and documents: the file's size in bytes. */
  byteSize: Type.Union([Type.Integer(), Type.Null()]),
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
  pageCount: Type.Union([Type.Integer(), Type.Null()]),
  url: Type.String(),
  thumbnailUrl: Type.String(),
  fileKey: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  alt: Type.String(),
  caption: Type.Union([Type.String(), Type.Null()]),
  credit: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

const MetaBody = Type.Object(
  {
    alt: Type.Optional(Type.String({ maxLength: 500 })),
    caption: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    credit: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  },
  { additionalProperties: false },
);

function toDto(row: MediaRow) {
  const kind = mediaKindOf(row.mime);
  return {
    id: row.id,
    kind,
    mime: row.mime,
    byteSize: row.byte_size,
    durationMs: row.duration_ms,
    pageCount: row.page_count,
    url: kind === "image" ? `/media/${row.file_key}/1200.jpg` : fileUrlOf(row),
    // A clip has no picture; a document shows its first page when one could be drawn.
    thumbnailUrl: kind === "image" ? `/media/${row.file_key}/320.jpg` : (documentThumbnailUrlOf(row) ?? ""),
    fileKey: row.file_key,
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    createdAt: row.created_at,
  };
}

function fieldValue(fields: Record<string, unknown>, name: string): string | undefined {
  const field = fields[name] as { value?: unknown } | undefined;
  return typeof field?.value === "string" ? field.value : undefined;
}

/** The media library: uploads (re-encoded, metadata stripped), search, caption edits, usage and deletion. */
export function registerMediaLibraryRoutes(
  app: FastifyInstance,
  media: MediaService,
  /** Largest audio clip or PDF (config `mediaFileMaxBytes`); images stay under MAX_UPLOAD_BYTES. */
  fileMaxBytes: number = MAX_UPLOAD_BYTES,
): void {
  const readLimit = Math.max(fileMaxBytes, MAX_UPLOAD_BYTES);
  app.post(
    "/admin/api/media",
    { schema: { consumes: ["multipart/form-data"], response: { 201: MediaSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!canNewsroom(actor.role, "uploadMedia")) throw new AppError("forbidden", "Your role may not upload images.");
      if (!request.isMultipart()) {
        throw new AppError("unsupported_media_type", "Send the image as multipart/form-data with the field `file`.");
      }
      let file: Awaited<ReturnType<typeof request.file>>;
      try {
        file = await request.file({ limits: { fileSize: readLimit, files: 1, fields: 10 } });
      } catch {
        throw new AppError("validation_failed", "The upload could not be read as multipart/form-data.");
      }
      if (file?.fieldname !== "file") {
        throw new AppError("validation_failed", "Send the image in the multipart field `file`.", { field: "file" });
      }
      let buffer: Buffer;
      try {
        buffer = await file.toBuffer();
      } catch {
        throw new AppError("payload_too_large", `The file is larger than ${readLimit / 1024 / 1024} MB.`, {
          maxBytes: readLimit,
        });
      }
      const fields = file.fields as Record<string, unknown>;
      const alt = (fieldValue(fields, "alt") ?? "").slice(0, 500);
      const uploader = { staffId: actor.staffId, tokenId: actor.tokenId };
      if (sniffFileMime(buffer)) {
        if (buffer.length > fileMaxBytes) {
          throw new AppError(
            "payload_too_large",
            `Audio and documents may be at most ${fileMaxBytes / 1024 / 1024} MB.`,
            {
              maxBytes: fileMaxBytes,
            },
          );
        }
        const title = alt.trim() || file.filename.replace(/\.[a-z0-9]{1,4}$/i, "").slice(0, 300) || "Untitled";
        return reply.code(201).send(toDto(await media.importFile(buffer, title, uploader)));
      }
      if (buffer.length > MAX_UPLOAD_BYTES) {
        throw new AppError("payload_too_large", `Images may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, {
          maxBytes: MAX_UPLOAD_BYTES,
        });
      }
      const row = await media.importImage(
        buffer,
        {
          alt,
          caption: fieldValue(fields, "caption")?.slice(0, 1000) || null,
          credit: fieldValue(fields, "credit")?.slice(0, 300) || null,
        },
        uploader,
      );
      return reply.code(201).send(toDto(row));
    },
  );

  app.get(
    "/admin/api/media",
    {
      schema: {
        querystring: Type.Object({
          /** Words of the alt text, caption or credit (any case), or an image number. */
          q: Type.Optional(Type.String({ maxLength: 200 })),
          /** Only images, only audio clips or only documents. */
          kind: Type.Optional(MediaKindSchema),
          cursor: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(MediaSchema), nextCursor: Type.Union([Type.Integer(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (
      request: FastifyRequest<{
        Querystring: { q?: string; kind?: "image" | "audio" | "document"; cursor?: number; limit?: number };
      }>,
    ) => {
      requireActor(request);
      const limit = request.query.limit ?? 40;
      const rows = await media.list(request.query.cursor ?? null, limit + 1, request.query.q, request.query.kind);
      const items = rows.slice(0, limit);
      return { items: items.map(toDto), nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  );

  app.get(
    "/admin/api/media/:id",
    { schema: { params: IdParams, response: { 200: MediaSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      requireActor(request);
      return toDto(await media.get(request.params.id));
    },
  );

  app.get(
    "/admin/api/media/:id/usage",
    { schema: { params: IdParams, response: { 200: UsageSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      requireActor(request);
      const usage = await media.usage(request.params.id);
      return {
        stories: usage.stories.map((story) => ({ ...story, editUrl: `/admin/articles/${story.id}` })),
        profiles: usage.profiles,
      };
    },
  );

  app.delete(
    "/admin/api/media/:id",
    { schema: { params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>, reply) => {
      const actor = requireActor(request);
      if (!canNewsroom(actor.role, "deleteMedia")) {
        throw new AppError("forbidden", "Only editors and above may delete images from the library.");
      }
      await media.delete(request.params.id);
      return reply.code(204).send();
    },
  );

  app.patch(
    "/admin/api/media/:id",
    {
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: MetaBody,
        response: { 200: MediaSchema, ...errors },
      },
    },
    async (
      request: FastifyRequest<{
        Params: { id: number };
        Body: { alt?: string; caption?: string | null; credit?: string | null };
      }>,
    ) => {
      const actor = requireActor(request);
      if (!canNewsroom(actor.role, "editMedia")) throw new AppError("forbidden", "Your role may not edit images.");
      const image = await media.get(request.params.id);
      if (!canEditMedia(actor, image)) {
        throw new AppError("forbidden", "You may edit only the images you uploaded; ask an editor to change this one.");
      }
      return toDto(await media.updateMeta(request.params.id, request.body));
    },
  );
}
