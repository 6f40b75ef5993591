import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import { canNewsroom } from "./articles.policy.js";
import type { EditionsService } from "./editions.service.js";
import type { MediaService } from "./media.service.js";
import { MAX_UPLOAD_BYTES } from "./media-library.routes.js";
import { type PodcastService, type PodcastShow, PodcastShowInputSchema } from "./podcast.service.js";

const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  413: ErrorSchema,
  415: ErrorSchema,
};
const Params = Type.Object({ edition: Type.String({ minLength: 1, maxLength: 20 }) });

const ShowSchema = Type.Object({
  ...PodcastShowInputSchema.properties,
  edition: Type.String(),
  updatedAt: Type.String(),
  /** The 3000 px square served to podcast directories, or null without artwork. */
  artworkUrl: Type.Union([Type.String(), Type.Null()]),
});

function toDto(show: PodcastShow) {
  const { artwork, ...rest } = show;
  return { ...rest, artworkUrl: artwork ? `/media/${artwork.file_key}/artwork.jpg` : null };
}

/** The edition's podcast show: read by any staff member, edited by editors, artwork uploaded at 3000 px. */
export function registerPodcastRoutes(
  app: FastifyInstance,
  deps: { podcasts: PodcastService; media: MediaService; editions: EditionsService },
): void {
  const { podcasts, media, editions } = deps;
  function editionOf(code: string) {
    const edition = editions.byCode(code);
    if (!edition) throw new AppError("not_found", `There is no "${code}" edition.`);
    return edition;
  }

  app.get(
    "/admin/api/podcast/:edition",
    { schema: { params: Params, response: { 200: Type.Union([ShowSchema, Type.Null()]), ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string } }>) => {
      requireActor(request);
      const show = await podcasts.show(editionOf(request.params.edition).code);
      return show ? toDto(show) : null;
    },
  );

  app.put(
    "/admin/api/podcast/:edition",
    { schema: { params: Params, body: PodcastShowInputSchema, response: { 200: ShowSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string }; Body: unknown }>) => {
      const actor = requireActor(request);
      if (!canNewsroom(actor.role, "editPodcast"))
        throw new AppError("forbidden", "Only editors may change the podcast.");
      return toDto(await podcasts.saveShow(editionOf(request.params.edition).code, request.body));
    },
  );

  app.post(
    "/admin/api/podcast/:edition/artwork",
    {
      schema: {
        params: Params,
        consumes: ["multipart/form-data"],
        response: { 201: Type.Object({ id: Type.Integer(), artworkUrl: Type.String() }), ...errors },
      },
    },
    async (request: FastifyRequest<{ Params: { edition: string } }>, reply) => {
      const actor = requireActor(request);
      if (!canNewsroom(actor.role, "editPodcast"))
        throw new AppError("forbidden", "Only editors may change the podcast.");
      editionOf(request.params.edition);
      if (!request.isMultipart()) {
        throw new AppError("unsupported_media_type", "Send the artwork as multipart/form-data with the field `file`.");
      }
      const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }).catch(() => undefined);
      if (file?.fieldname !== "file") {
        throw new AppError("validation_failed", "Send the artwork in the multipart field `file`.", { field: "file" });
      }
      const buffer = await file.toBuffer().catch(() => {
        throw new AppError("payload_too_large", `The artwork is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
      });
      const row = await media.importArtwork(buffer, "Podcast artwork", {
        staffId: actor.staffId,
        tokenId: actor.tokenId,
      });
      return reply.code(201).send({ id: row.id, artworkUrl: `/media/${row.file_key}/artwork.jpg` });
    },
  );
}
