import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "./actor.js";
import type { AuthService } from "./auth.service.js";
import { allow, requireStaffSession, withRetryAfter } from "./staff.guards.js";
import { canStaff, requiresTwoFactor } from "./staff.policy.js";
import {
  EmailSchema,
  IdParams,
  IdSchema,
  NameSchema,
  NoContent,
  PasswordSchema,
  RoleSchema,
  StaffSchema,
  StaffSettingsSchema,
  StatusSchema,
} from "./staff.schemas.js";
import type { StaffService } from "./staff.service.js";
import type { StaffSettingsService } from "./staff-settings.service.js";
import type { TokensService } from "./tokens.service.js";

export interface StaffRouteDeps {
  auth: AuthService;
  staff: StaffService;
  tokens: TokensService;
  staffSettings: StaffSettingsService;
}

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

const TokenSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: RoleSchema,
  effectiveRole: Type.Union([RoleSchema, Type.Null()]),
  status: Type.Union([
    Type.Literal("active"),
    Type.Literal("limited"),
    Type.Literal("creator_disabled"),
    Type.Literal("creator_unknown"),
  ]),
  creator: Type.Union([
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      email: Type.String(),
      role: RoleSchema,
      status: StatusSchema,
    }),
    Type.Null(),
  ]),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});

/** Staff management and integration tokens (admin and up). */
export function registerStaffRoutes(instance: FastifyInstance, deps: StaffRouteDeps): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { auth, staff, tokens, staffSettings } = deps;

  app.get(
    "/admin/api/staff/settings",
    { schema: { response: { 200: StaffSettingsSchema, ...errors } } },
    async (request) => {
      allow(canStaff(requireActor(request).role, "viewSettings"));
      return staffSettings.get();
    },
  );

  app.put(
    "/admin/api/staff/settings",
    { schema: { body: StaffSettingsSchema, response: { 200: StaffSettingsSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      allow(canStaff(actor.role, "changeSettings"), "Only an owner can change the newsroom's sign-in rules.");
      // An owner who required what they lack would be shut out of everything, this setting included.
      if (
        actor.kind === "staff" &&
        actor.staffId !== null &&
        requiresTwoFactor(request.body.requireTwoFactor, actor.role) &&
        !(await auth.currentStaff(actor.staffId)).twoFactor
      ) {
        throw new AppError(
          "invalid_state",
          "Turn on two-factor sign-in for your own account (under My account) before you require it of owners.",
        );
      }
      return staffSettings.update(request.body, actor.staffId);
    },
  );

  app.get(
    "/admin/api/staff",
    { schema: { response: { 200: Type.Object({ items: Type.Array(StaffSchema) }) } } },
    async (request) => {
      allow(canStaff(requireActor(request).role, "viewStaff"));
      return { items: await staff.list() };
    },
  );

  app.post(
    "/admin/api/staff/invitations",
    {
      schema: {
        body: Type.Object({ email: EmailSchema, role: RoleSchema }),
        response: { 201: Type.Object({ id: Type.Integer(), expiresAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      allow(canStaff(actor.role, "invite"));
      allow(
        canStaff(actor.role, "invite", { grantedRole: request.body.role }),
        `Your role cannot invite ${request.body.role}s.`,
      );
      const invitation = await staff.invite({ ...request.body, inviter: actor.name });
      return reply.code(201).send(invitation);
    },
  );

  app.patch(
    "/admin/api/staff/:id",
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          { role: Type.Optional(RoleSchema), status: Type.Optional(StatusSchema) },
          { minProperties: 1, additionalProperties: false },
        ),
        response: { 200: StaffSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { role, status } = request.body;
      // Checked before the lookup, so a role without the right learns nothing about which ids exist.
      if (role !== undefined) allow(canStaff(actor.role, "changeRole"));
      if (status !== undefined) allow(canStaff(actor.role, "changeStatus"));
      const target = await staff.targetFacts(request.params.id);
      const facts = { currentRole: target.staff.role, otherOwners: target.otherOwners };
      if (role !== undefined) allow(canStaff(actor.role, "changeRole", { ...facts, grantedRole: role }));
      if (status !== undefined) allow(canStaff(actor.role, "changeStatus", { ...facts, status }));
      return staff.update(request.params.id, { ...(role ? { role } : {}), ...(status ? { status } : {}) });
    },
  );

  app.post(
    "/admin/api/staff/transfer-ownership",
    {
      schema: {
        body: Type.Object({ staffId: IdSchema, password: PasswordSchema }),
        response: { 200: StaffSchema },
      },
    },
    async (request, reply) => {
      const { actor, staffId } = requireStaffSession(request);
      allow(canStaff(actor.role, "transferOwnership"), "Only an owner can hand over ownership.");
      await withRetryAfter(reply, () => auth.confirmPassword(staffId, request.body.password));
      return staff.transferOwnership(staffId, request.body.staffId);
    },
  );

  app.get(
    "/admin/api/tokens",
    { schema: { response: { 200: Type.Object({ items: Type.Array(TokenSchema) }) } } },
    async (request) => {
      allow(canStaff(requireActor(request).role, "manageTokens"));
      return { items: await tokens.list() };
    },
  );

  app.post(
    "/admin/api/tokens",
    {
      schema: {
        body: Type.Object({ name: NameSchema, role: RoleSchema }),
        response: {
          201: Type.Object({ id: Type.Integer(), name: Type.String(), role: RoleSchema, token: Type.String() }),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      allow(canStaff(actor.role, "manageTokens"));
      if (!canStaff(actor.role, "manageTokens", { grantedRole: request.body.role })) {
        throw new AppError("role_above_own", `A token cannot have a higher role than yours (${actor.role}).`);
      }
      const created = await tokens.create({ ...request.body, createdBy: actor.staffId });
      return reply.code(201).send({ id: created.id, name: created.name, role: created.role, token: created.token });
    },
  );

  app.delete(
    "/admin/api/tokens/:id",
    { schema: { params: IdParams, response: { 204: NoContent } } },
    async (request, reply) => {
      allow(canStaff(requireActor(request).role, "manageTokens"));
      await tokens.revoke(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
