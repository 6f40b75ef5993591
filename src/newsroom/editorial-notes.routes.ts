import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { type Actor, requireActor } from "../staff/actor.js";
import { canNote, type NoteAction } from "./editorial-notes.policy.js";
import {
  CreateNoteBody,
  NoteArticleParams,
  NotesListSchema,
  NoteThreadParams,
  NoteThreadSchema,
  ReplyBody,
} from "./editorial-notes.schemas.js";
import type { EditorialNotesService, NoteActor } from "./editorial-notes.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

function by(actor: Actor): NoteActor {
  return { staffId: actor.staffId, tokenId: actor.tokenId, name: actor.name };
}

/** Editorial notes' admin API: HTTP and the policy check only (the rules are the service's). */
export function registerEditorialNotesRoutes(instance: FastifyInstance, deps: { notes: EditorialNotesService }): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { notes } = deps;

  /** The actor, once the policy lets them act on the article's notes (404 before 403 for a missing story). */
  async function authorize(request: FastifyRequest, articleId: number, action: NoteAction): Promise<Actor> {
    const actor = requireActor(request);
    if (!canNote(actor, action, await notes.subject(articleId))) {
      throw new AppError("forbidden", "Only those who may edit this story see and write its notes.");
    }
    return actor;
  }

  app.get(
    "/admin/api/articles/:id/editorial-notes",
    { schema: { params: NoteArticleParams, response: { 200: NotesListSchema, ...errors } } },
    async (request) => {
      await authorize(request, request.params.id, "view");
      return notes.list(request.params.id);
    },
  );

  app.post(
    "/admin/api/articles/:id/editorial-notes",
    { schema: { params: NoteArticleParams, body: CreateNoteBody, response: { 201: NoteThreadSchema, ...errors } } },
    async (request, reply) => {
      const actor = await authorize(request, request.params.id, "comment");
      return reply.code(201).send(await notes.create(request.params.id, request.body, by(actor)));
    },
  );

  app.post(
    "/admin/api/articles/:id/editorial-notes/:threadId/replies",
    { schema: { params: NoteThreadParams, body: ReplyBody, response: { 201: NoteThreadSchema, ...errors } } },
    async (request, reply) => {
      const actor = await authorize(request, request.params.id, "comment");
      const { id, threadId } = request.params;
      return reply.code(201).send(await notes.reply(id, threadId, request.body.body, by(actor)));
    },
  );

  app.post(
    "/admin/api/articles/:id/editorial-notes/:threadId/resolve",
    { schema: { params: NoteThreadParams, response: { 200: NoteThreadSchema, ...errors } } },
    async (request) => {
      const actor = await authorize(request, request.params.id, "resolve");
      return notes.resolve(request.params.id, request.params.threadId, by(actor));
    },
  );

  app.post(
    "/admin/api/articles/:id/editorial-notes/:threadId/reopen",
    { schema: { params: NoteThreadParams, response: { 200: NoteThreadSchema, ...errors } } },
    async (request) => {
      await authorize(request, request.params.id, "resolve");
      return notes.reopen(request.params.id, request.params.threadId);
    },
  );
}
