import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { type Actor, requireActor } from "../staff/actor.js";
import { canArticle, canNewsroom, requireArticleAccess } from "./articles.policy.js";
import { IdParams } from "./articles.schemas.js";
import { BannerStateSchema, BreakingBannerSchema, RaiseBannerBody } from "./breaking-banner.schemas.js";
import type { BreakingBannerService } from "./breaking-banner.service.js";
import type { EditionsService } from "./editions.service.js";
import {
  AddEntryBody,
  AddNoteBody,
  ArticleNoteSchema,
  EntryParams,
  LiveEntryRevisionListSchema,
  LiveEntrySchema,
  LiveStateSchema,
  NoteListSchema,
  UpdateEntryBody,
} from "./live-coverage.schemas.js";
import type { LiveCoverageService } from "./live-coverage.service.js";
import { PublishRefusalSchema } from "./publication-check/publication-check.schemas.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
/** Posting or editing an entry may meet the publication check: its 409 lists the findings. */
const refusals = { ...errors, 409: PublishRefusalSchema };
const EditionParams = Type.Object({ edition: Type.String({ minLength: 1, maxLength: 20 }) });

type WithId = { Params: { id: number } };
type WithEntry = { Params: { id: number; entryId: number } };

export interface LiveCoverageRouteDeps {
  live: LiveCoverageService;
  banners: BreakingBannerService;
  editions: EditionsService;
}

function author(actor: Actor) {
  return { staffId: actor.staffId, tokenId: actor.tokenId, name: actor.name };
}

/** Live blog entries, corrections/updates and the breaking banner: HTTP only. */
export function registerLiveCoverageRoutes(app: FastifyInstance, deps: LiveCoverageRouteDeps): void {
  const { live, banners, editions } = deps;

  /** Whoever may edit the article may write its live entries. */
  async function ensureMayEdit(request: FastifyRequest, articleId: number): Promise<Actor> {
    const actor = requireActor(request);
    const article = await live.article(articleId);
    if (!canArticle(actor, "edit", article)) {
      throw new AppError("forbidden", `Your role (${actor.role}) may not edit this live blog.`);
    }
    return actor;
  }

  function ensureNewsroom(actor: Actor, action: "raiseBanner" | "appendCorrection"): void {
    if (!canNewsroom(actor.role, action)) {
      throw new AppError(
        "forbidden",
        action === "raiseBanner"
          ? "Only editors may raise or lower the breaking banner."
          : "Only editors may append corrections and updates.",
      );
    }
  }

  function editionOf(code: string): string {
    if (!editions.byCode(code)) throw new AppError("not_found", `There is no "${code}" edition.`);
    return code;
  }

  app.get(
    "/admin/api/articles/:id/live/entries",
    { schema: { params: IdParams, response: { 200: LiveStateSchema, ...errors } } },
    async (request: FastifyRequest<WithId>) => {
      const actor = requireActor(request);
      const article = await live.article(request.params.id);
      requireArticleAccess(actor, "view", article);
      return { items: await live.listEntries(article.id), liveEndedAt: article.live_ended_at };
    },
  );

  app.post(
    "/admin/api/articles/:id/live/entries",
    { schema: { params: IdParams, body: AddEntryBody, response: { 201: LiveEntrySchema, ...refusals } } },
    async (request: FastifyRequest<WithId & { Body: AddEntryBody }>, reply) => {
      const actor = await ensureMayEdit(request, request.params.id);
      const entry = await live.addEntry(request.params.id, request.body, author(actor));
      return reply.code(201).send(entry);
    },
  );

  app.patch(
    "/admin/api/articles/:id/live/entries/:entryId",
    { schema: { params: EntryParams, body: UpdateEntryBody, response: { 200: LiveEntrySchema, ...refusals } } },
    async (request: FastifyRequest<WithEntry & { Body: UpdateEntryBody }>) => {
      const actor = await ensureMayEdit(request, request.params.id);
      return live.updateEntry(request.params.id, request.params.entryId, request.body, author(actor));
    },
  );

  app.get(
    "/admin/api/articles/:id/live/entries/:entryId/revisions",
    { schema: { params: EntryParams, response: { 200: LiveEntryRevisionListSchema, ...errors } } },
    async (request: FastifyRequest<WithEntry>) => {
      const actor = requireActor(request);
      const article = await live.article(request.params.id);
      requireArticleAccess(actor, "view", article);
      return { items: await live.listRevisions(article.id, request.params.entryId) };
    },
  );

  app.delete(
    "/admin/api/articles/:id/live/entries/:entryId",
    { schema: { params: EntryParams, response: { 204: Type.Null(), ...errors } } },
    async (request: FastifyRequest<WithEntry>, reply) => {
      await ensureMayEdit(request, request.params.id);
      await live.deleteEntry(request.params.id, request.params.entryId);
      return reply.code(204).send();
    },
  );

  app.post(
    "/admin/api/articles/:id/live/end",
    {
      schema: {
        params: IdParams,
        response: { 200: Type.Object({ liveEndedAt: Type.Union([Type.String(), Type.Null()]) }), ...errors },
      },
    },
    async (request: FastifyRequest<WithId>) => {
      await ensureMayEdit(request, request.params.id);
      const article = await live.end(request.params.id);
      return { liveEndedAt: article.live_ended_at };
    },
  );

  app.get(
    "/admin/api/articles/:id/notes",
    { schema: { params: IdParams, response: { 200: NoteListSchema, ...errors } } },
    async (request: FastifyRequest<WithId>) => {
      const actor = requireActor(request);
      const article = await live.article(request.params.id);
      requireArticleAccess(actor, "view", article);
      return { items: await live.listNotes(article.id) };
    },
  );

  app.post(
    "/admin/api/articles/:id/notes",
    { schema: { params: IdParams, body: AddNoteBody, response: { 201: ArticleNoteSchema, ...errors } } },
    async (request: FastifyRequest<WithId & { Body: AddNoteBody }>, reply) => {
      const actor = requireActor(request);
      ensureNewsroom(actor, "appendCorrection");
      const note = await live.addNote(request.params.id, request.body.kind, request.body.text, author(actor));
      return reply.code(201).send(note);
    },
  );

  app.get(
    "/admin/api/banners/:edition",
    { schema: { params: EditionParams, response: { 200: BannerStateSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string } }>) => {
      requireActor(request);
      const edition = editionOf(request.params.edition);
      const banner = await banners.stored(edition);
      return { banner, active: (await banners.current(edition)) !== null };
    },
  );

  app.put(
    "/admin/api/banners/:edition",
    { schema: { params: EditionParams, body: RaiseBannerBody, response: { 200: BreakingBannerSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string }; Body: RaiseBannerBody }>) => {
      ensureNewsroom(requireActor(request), "raiseBanner");
      return banners.raise(editionOf(request.params.edition), request.body);
    },
  );

  app.delete(
    "/admin/api/banners/:edition",
    { schema: { params: EditionParams, response: { 204: Type.Null(), ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string } }>, reply) => {
      ensureNewsroom(requireActor(request), "raiseBanner");
      await banners.lower(editionOf(request.params.edition));
      return reply.code(204).send();
    },
  );
}
