import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import { canProfile } from "./profiles.policy.js";
import { PROFILE_LIMITS, type ProfileChanges, type ProfilesService } from "./profiles.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const Text = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const PerLanguage = (max: number) => Type.Object({ uk: Text(max), ru: Text(max), en: Text(max) });
const PartialPerLanguage = (max: number) =>
  Type.Object(
    { uk: Type.Optional(Text(max)), ru: Type.Optional(Text(max)), en: Type.Optional(Text(max)) },
    { additionalProperties: false },
  );
const LinkSchema = Type.Object(
  {
    label: Type.String({ maxLength: PROFILE_LIMITS.label }),
    url: Type.String({ maxLength: PROFILE_LIMITS.url }),
  },
  { additionalProperties: false },
);

const ProfileSchema = Type.Object({
  staffId: Type.Integer(),
  names: PerLanguage(PROFILE_LIMITS.name),
  bios: PerLanguage(PROFILE_LIMITS.bio),
  photoMediaId: Type.Union([Type.Integer(), Type.Null()]),
  links: Type.Array(LinkSchema),
  bylines: Type.Array(
    Type.Object({ edition: Type.String(), personId: Type.Integer(), slug: Type.String(), name: Type.String() }),
  ),
  updatedAt: Type.String(),
});

const UpdateBody = Type.Object(
  {
    names: Type.Optional(PartialPerLanguage(PROFILE_LIMITS.name)),
    bios: Type.Optional(PartialPerLanguage(PROFILE_LIMITS.bio)),
    photoMediaId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    links: Type.Optional(Type.Array(LinkSchema, { maxItems: PROFILE_LIMITS.links })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const Params = Type.Object({ staffId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/** Staff profiles: every member's byline identity, seen by the newsroom, edited by its owner or an editor. */
export function registerProfileRoutes(app: FastifyInstance, deps: { profiles: ProfilesService }): void {
  const { profiles } = deps;

  app.get(
    "/admin/api/profiles",
    { schema: { response: { 200: Type.Object({ items: Type.Array(ProfileSchema) }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      if (!canProfile(actor, "viewProfiles")) throw new AppError("forbidden", "Your role may not see profiles.");
      return { items: await profiles.list() };
    },
  );

  app.get(
    "/admin/api/profiles/:staffId",
    { schema: { params: Params, response: { 200: ProfileSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { staffId: number } }>) => {
      const actor = requireActor(request);
      if (!canProfile(actor, "viewProfiles")) throw new AppError("forbidden", "Your role may not see profiles.");
      return profiles.get(request.params.staffId);
    },
  );

  app.patch(
    "/admin/api/profiles/:staffId",
    { schema: { params: Params, body: UpdateBody, response: { 200: ProfileSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { staffId: number }; Body: ProfileChanges }>) => {
      const actor = requireActor(request);
      if (!canProfile(actor, "editProfile", { staffId: request.params.staffId })) {
        throw new AppError("forbidden", "You may edit your own profile; editors edit everyone's.");
      }
      return profiles.update(request.params.staffId, request.body);
    },
  );
}
