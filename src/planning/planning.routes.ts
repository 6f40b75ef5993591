import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { type Actor, requireActor } from "../staff/actor.js";
import { canPlan } from "./planning.policy.js";
import {
  CreateItemBody,
  FromArticleBody,
  ItemParams,
  ListQuery,
  MoveItemBody,
  PeopleSchema,
  PlanningItemSchema,
  PlanningListSchema,
  UpdateItemBody,
} from "./planning.schemas.js";
import type { PlanningActor, PlanningService } from "./planning.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const DraftStarted = Type.Object({ item: PlanningItemSchema, articleId: Type.Integer() });

/** Turns a policy answer into a 403. */
function allow(allowed: boolean, message = "Your role does not allow this."): void {
  if (!allowed) throw new AppError("forbidden", message);
}

function by(actor: Actor): PlanningActor {
  return { staffId: actor.staffId, tokenId: actor.tokenId, name: actor.name };
}

/** The story budget's admin API: HTTP and policy checks only. */
export function registerPlanningRoutes(instance: FastifyInstance, deps: { planning: PlanningService }): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { planning } = deps;

  app.get(
    "/admin/api/planning",
    { schema: { querystring: ListQuery, response: { 200: PlanningListSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      allow(canPlan(actor, "viewBudget"), "Your role sees only your own assignments.");
      return { items: await planning.list(request.query) };
    },
  );

  app.get(
    "/admin/api/planning/mine",
    { schema: { response: { 200: PlanningListSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      allow(canPlan(actor, "viewOwn"));
      return { items: await planning.assignmentsOf(actor.staffId) };
    },
  );

  app.get("/admin/api/planning/people", { schema: { response: { 200: PeopleSchema, ...errors } } }, async (request) => {
    const actor = requireActor(request);
    allow(canPlan(actor, "viewBudget"), "Your role sees only your own assignments.");
    return { items: await planning.people() };
  });

  app.post(
    "/admin/api/planning",
    { schema: { body: CreateItemBody, response: { 201: PlanningItemSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      allow(canPlan(actor, "plan"), "Only editors plan the budget.");
      return reply.code(201).send(await planning.create(request.body, by(actor)));
    },
  );

  app.post(
    "/admin/api/planning/from-article",
    { schema: { body: FromArticleBody, response: { 201: PlanningItemSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      allow(canPlan(actor, "plan"), "Only editors plan the budget.");
      return reply.code(201).send(await planning.createFromArticle(request.body, by(actor)));
    },
  );

  app.get(
    "/admin/api/planning/:id",
    { schema: { params: ItemParams, response: { 200: PlanningItemSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const subject = await planning.subject(request.params.id);
      allow(canPlan(actor, "viewBudget") || canPlan(actor, "setStatus", subject), "This item is not yours.");
      return planning.get(request.params.id);
    },
  );

  app.patch(
    "/admin/api/planning/:id",
    { schema: { params: ItemParams, body: UpdateItemBody, response: { 200: PlanningItemSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const onlyStatus = Object.keys(request.body).every((key) => key === "status");
      if (onlyStatus) {
        allow(canPlan(actor, "setStatus", await planning.subject(request.params.id)), "This item is not yours.");
      } else {
        allow(canPlan(actor, "plan"), "Only editors plan the budget.");
      }
      return planning.update(request.params.id, request.body, by(actor));
    },
  );

  app.post(
    "/admin/api/planning/:id/move",
    { schema: { params: ItemParams, body: MoveItemBody, response: { 200: PlanningItemSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      allow(canPlan(actor, "plan"), "Only editors plan the budget.");
      return planning.update(request.params.id, { day: request.body.day }, by(actor));
    },
  );

  app.post(
    "/admin/api/planning/:id/draft",
    {
      schema: {
        params: ItemParams,
        response: { 200: DraftStarted, 201: DraftStarted, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      allow(canPlan(actor, "startDraft", await planning.subject(request.params.id)), "This item is not yours.");
      const { item, articleId, created } = await planning.startDraft(request.params.id, by(actor));
      // 201 for the draft made now; 200 for the one the item already had, to open again.
      return reply.code(created ? 201 : 200).send({ item, articleId });
    },
  );

  app.delete(
    "/admin/api/planning/:id",
    { schema: { params: ItemParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      allow(canPlan(actor, "plan"), "Only editors plan the budget.");
      await planning.remove(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
