import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import { canNewsroom } from "./articles.policy.js";
import type { EditionsService } from "./editions.service.js";
import type { TaxonomyService, VocabularyKind } from "./taxonomy.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const TermSchema = Type.Object({
  id: Type.Integer(),
  edition: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  role: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  bio: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  staffId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});

const CreateBody = Type.Object(
  {
    edition: Type.String({ minLength: 1, maxLength: 20 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    slug: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    role: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    bio: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

const UpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    slug: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    role: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    bio: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

type CreateBody = { edition: string; name: string; slug?: string; role?: string | null; bio?: string | null };
type UpdateBody = { name?: string; slug?: string; role?: string | null; bio?: string | null };

const PATHS: Record<VocabularyKind, string> = { section: "sections", tag: "tags", person: "people" };

/** Sections, tags and people: listed by anyone in the newsroom, changed by editors and above. */
export function registerTaxonomyRoutes(
  app: FastifyInstance,
  deps: { taxonomy: TaxonomyService; editions: EditionsService },
): void {
  const { taxonomy, editions } = deps;

  for (const [kind, path] of Object.entries(PATHS) as [VocabularyKind, string][]) {
    app.get(
      `/admin/api/${path}`,
      {
        schema: {
          querystring: Type.Object({ edition: Type.String({ minLength: 1, maxLength: 20 }) }),
          response: { 200: Type.Object({ items: Type.Array(TermSchema) }), ...errors },
        },
      },
      async (request: FastifyRequest<{ Querystring: { edition: string } }>) => {
        requireActor(request);
        return { items: await taxonomy.list(kind, request.query.edition) };
      },
    );

    app.post(
      `/admin/api/${path}`,
      { schema: { body: CreateBody, response: { 201: TermSchema, ...errors } } },
      async (request: FastifyRequest<{ Body: CreateBody }>, reply) => {
        const actor = requireActor(request);
        if (!canNewsroom(actor.role, "manageTaxonomy"))
          throw new AppError("forbidden", `Your role may not add ${path}.`);
        if (!editions.byCode(request.body.edition)) {
          throw new AppError("validation_failed", `There is no "${request.body.edition}" edition.`, {
            field: "edition",
          });
        }
        return reply.code(201).send(await taxonomy.create(kind, request.body));
      },
    );

    app.patch(
      `/admin/api/${path}/:id`,
      {
        schema: {
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
          body: UpdateBody,
          response: { 200: TermSchema, ...errors },
        },
      },
      async (request: FastifyRequest<{ Params: { id: number }; Body: UpdateBody }>) => {
        const actor = requireActor(request);
        if (!canNewsroom(actor.role, "manageTaxonomy"))
          throw new AppError("forbidden", `Your role may not change ${path}.`);
        return taxonomy.update(kind, request.params.id, request.body);
      },
    );

    app.delete(
      `/admin/api/${path}/:id`,
      {
        schema: {
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request: FastifyRequest<{ Params: { id: number } }>, reply) => {
        const actor = requireActor(request);
        if (!canNewsroom(actor.role, "manageTaxonomy"))
          throw new AppError("forbidden", `Your role may not delete ${path}.`);
        await taxonomy.remove(kind, request.params.id);
        return reply.code(204).send();
      },
    );
  }
}
