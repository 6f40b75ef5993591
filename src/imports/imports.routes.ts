// Brings the request.file() types; the multipart plugin is registered in app.ts.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type {} from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { type Actor, requireActor } from "../staff/actor.js";
import type { ImportSource } from "./import-item.types.js";
import type { ImportRunsService } from "./import-runs.service.js";
import { canImport, type ImportAction } from "./imports.policy.js";
import { ImportRunSchema, RedirectListQuery, RedirectSchema, RunParams } from "./imports.schemas.js";
import type { RedirectsService } from "./redirects.service.js";

const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  413: ErrorSchema,
  415: ErrorSchema,
};
const SOURCES = new Set<ImportSource>(["wordpress", "ghost", "feed"]);

export interface ImportRouteDeps {
  runs: ImportRunsService;
  redirects: RedirectsService;
  /** Where uploaded exports wait for their job (removed when it ends). */
  uploadDir: string;
  maxUploadBytes: number;
  editionExists: (code: string) => boolean;
}

function allow(request: FastifyRequest, action: ImportAction): Actor {
  const actor = requireActor(request);
  if (!canImport(actor, action))
    throw new AppError("forbidden", "Only editors, admins and owners may import archives and manage redirects.");
  return actor;
}

function fieldValue(fields: Record<string, unknown>, name: string): string | undefined {
  const field = fields[name] as { value?: unknown } | undefined;
  return typeof field?.value === "string" ? field.value.trim() : undefined;
}

function flag(fields: Record<string, unknown>, name: string): boolean {
  const value = fieldValue(fields, name);
  if (value === undefined || value === "" || value === "false" || value === "0") return false;
  if (value === "true" || value === "1" || value === "on") return true;
  throw new AppError("validation_failed", `The field ${name} must be true or false.`, { field: name });
}

/** The admin API of imports (runs) and of the old site's redirects. */
export function registerImportRoutes(app: FastifyInstance, deps: ImportRouteDeps): void {
  const { runs, redirects } = deps;

  app.post(
    "/admin/api/imports",
    {
      schema: {
        description:
          "multipart/form-data: the fields source (wordpress|ghost|feed), edition, media (fetch|skip), dryRun, overwrite, optionally language and category (only the items in that language or category), then the file.",
        response: { 202: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = allow(request, "runImports");
      if (!request.isMultipart()) {
        throw new AppError("unsupported_media_type", "Send the export as multipart/form-data with the field `file`.");
      }
      let file: Awaited<ReturnType<typeof request.file>>;
      try {
        file = await request.file({ limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 10 } });
      } catch {
        throw new AppError("validation_failed", "The upload could not be read as multipart/form-data.");
      }
      if (!file)
        throw new AppError("validation_failed", "Attach the export file in the field `file`.", { field: "file" });
      const fields = file.fields as Record<string, unknown>;
      const source = fieldValue(fields, "source") as ImportSource | undefined;
      if (!source || !SOURCES.has(source)) {
        file.file.resume();
        throw new AppError(
          "validation_failed",
          "The source must be wordpress, ghost or feed (send the fields before the file).",
          {
            field: "source",
          },
        );
      }
      const edition = fieldValue(fields, "edition") ?? "";
      if (!deps.editionExists(edition)) {
        file.file.resume();
        throw new AppError("validation_failed", `There is no edition "${edition}".`, { field: "edition" });
      }
      const media = fieldValue(fields, "media") || "fetch";
      if (media !== "fetch" && media !== "skip") {
        file.file.resume();
        throw new AppError("validation_failed", "media must be fetch or skip.", { field: "media" });
      }
      const dryRun = flag(fields, "dryRun");
      const overwrite = flag(fields, "overwrite");
      const language = fieldValue(fields, "language") || undefined;
      if (language !== undefined && !/^[A-Za-z]{2,3}$/.test(language)) {
        file.file.resume();
        throw new AppError("validation_failed", "language must be a language code such as uk or en.", {
          field: "language",
        });
      }
      const category = fieldValue(fields, "category")?.slice(0, 200) || undefined;
      fs.mkdirSync(deps.uploadDir, { recursive: true });
      const filePath = path.join(deps.uploadDir, `${randomBytes(12).toString("hex")}.upload`);
      await pipeline(file.file, fs.createWriteStream(filePath));
      if (file.file.truncated) {
        fs.rmSync(filePath, { force: true });
        throw new AppError(
          "payload_too_large",
          `The export is larger than ${Math.round(deps.maxUploadBytes / 1024 / 1024)} MB.`,
        );
      }
      const run = await runs.start({
        source,
        edition,
        filePath,
        options: {
          media,
          dryRun,
          overwrite,
          ...(language ? { language: language.toLowerCase() } : {}),
          ...(category ? { category } : {}),
        },
        by: { staffId: actor.staffId, tokenId: actor.tokenId, name: actor.name },
      });
      return reply.code(202).send({ id: run.id });
    },
  );

  app.get(
    "/admin/api/imports",
    { schema: { response: { 200: Type.Object({ items: Type.Array(ImportRunSchema) }), ...errors } } },
    async (request) => {
      allow(request, "viewImports");
      return { items: await runs.list() };
    },
  );

  app.get(
    "/admin/api/imports/:id",
    { schema: { params: RunParams, response: { 200: ImportRunSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allow(request, "viewImports");
      return runs.get(request.params.id);
    },
  );

  app.get(
    "/admin/api/redirects",
    {
      schema: {
        querystring: RedirectListQuery,
        response: {
          200: Type.Object({ items: Type.Array(RedirectSchema), next: Type.Union([Type.Integer(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (request: FastifyRequest<{ Querystring: { q?: string; before?: number; limit?: number } }>) => {
      allow(request, "manageRedirects");
      const { q, before, limit } = request.query;
      return redirects.list({
        ...(q?.trim() ? { search: q.trim() } : {}),
        ...(before !== undefined ? { beforeId: before } : {}),
        limit: limit ?? 50,
      });
    },
  );

  app.delete(
    "/admin/api/redirects/:id",
    { schema: { params: RunParams, response: { 204: Type.Null(), ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>, reply) => {
      allow(request, "manageRedirects");
      await redirects.remove(request.params.id);
      return reply.code(204).send();
    },
  );

  // Public, beside the sitemaps, so a CDN can serve the old addresses without asking this site.
  app.get(
    "/sitemaps/redirects.csv",
    { schema: { response: { 200: Type.String({ description: "CSV: old_path,new_url" }) } } },
    async (_request, reply) =>
      reply
        .type("text/csv; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .send(await redirects.publicExport()),
  );

  app.get(
    "/admin/api/redirects.csv",
    { schema: { response: { 200: Type.String({ description: "CSV: old_path,new_url" }), ...errors } } },
    async (request, reply) => {
      allow(request, "manageRedirects");
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="redirects.csv"')
        .send(await redirects.csv());
    },
  );
}
