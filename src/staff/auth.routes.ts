import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { SESSION_COOKIE } from "./auth.plugin.js";
import type { AuthService, NewSession, SignedIn } from "./auth.service.js";
import { clientInfo, requireStaffSession, withRetryAfter } from "./staff.guards.js";
import {
  EmailSchema,
  LinkTokenSchema,
  NameSchema,
  NoContent,
  PasswordSchema,
  SignedInSchema,
} from "./staff.schemas.js";

function signedInBody(signedIn: SignedIn) {
  return {
    staff: signedIn.staff,
    csrfToken: signedIn.session.csrfToken,
    twoFactorSetupRequired: signedIn.twoFactorSetupRequired,
  };
}

export interface AuthRouteDeps {
  auth: AuthService;
  publicUrl: string;
}

/** Signing in and out, the first owner, invitations, password reset, sessions and two-factor. */
export function registerAuthRoutes(instance: FastifyInstance, deps: AuthRouteDeps): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { auth } = deps;
  const publicIsHttps = deps.publicUrl.startsWith("https:");

  function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: NewSession): void {
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: publicIsHttps || request.protocol === "https",
      expires: new Date(session.expiresAt),
    });
  }

  app.get("/admin/api/auth/session", { schema: { response: { 200: SignedInSchema } } }, async (request) => {
    const { staffId, session } = requireStaffSession(request);
    return {
      staff: await auth.currentStaff(staffId),
      csrfToken: session.csrfToken,
      twoFactorSetupRequired: request.twoFactorSetupRequired,
    };
  });

  app.post(
    "/admin/api/auth/login",
    {
      schema: {
        body: Type.Object({
          email: Type.String({ minLength: 1, maxLength: 254 }),
          password: PasswordSchema,
          totp: Type.Optional(Type.String({ maxLength: 40 })),
        }),
        response: { 200: SignedInSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await withRetryAfter(reply, () => auth.login(request.body, clientInfo(request)));
      setSessionCookie(request, reply, signedIn.session);
      return signedInBody(signedIn);
    },
  );

  app.post("/admin/api/auth/logout", { schema: { response: { 204: NoContent } } }, async (request, reply) => {
    if (request.staffSession) await auth.logout(request.staffSession.id);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.code(204).send(null);
  });

  app.post(
    "/admin/api/auth/setup",
    {
      schema: {
        body: Type.Object({ token: LinkTokenSchema, email: EmailSchema, name: NameSchema, password: PasswordSchema }),
        response: { 201: SignedInSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await auth.setupOwner(request.body, clientInfo(request));
      setSessionCookie(request, reply, signedIn.session);
      return reply.code(201).send(signedInBody(signedIn));
    },
  );

  app.post(
    "/admin/api/auth/invitations/accept",
    {
      schema: {
        body: Type.Object({ token: LinkTokenSchema, name: NameSchema, password: PasswordSchema }),
        response: { 201: SignedInSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await auth.acceptInvitation(request.body, clientInfo(request));
      setSessionCookie(request, reply, signedIn.session);
      return reply.code(201).send(signedInBody(signedIn));
    },
  );

  app.post(
    "/admin/api/auth/password-reset",
    {
      schema: { body: Type.Object({ email: EmailSchema }), response: { 202: Type.Object({ message: Type.String() }) } },
    },
    async (request, reply) => {
      await auth.requestPasswordReset(request.body.email);
      return reply
        .code(202)
        .send({ message: "If this address belongs to an account, a link to choose a new password is on its way." });
    },
  );

  app.post(
    "/admin/api/auth/password-reset/complete",
    {
      schema: { body: Type.Object({ token: LinkTokenSchema, password: PasswordSchema }), response: { 204: NoContent } },
    },
    async (request, reply) => {
      await auth.completePasswordReset(request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/admin/api/auth/sessions",
    {
      schema: {
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                createdAt: Type.String(),
                lastSeenAt: Type.String(),
                userAgent: Type.Union([Type.String(), Type.Null()]),
                current: Type.Boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { staffId, session } = requireStaffSession(request);
      return { items: await auth.listSessions(staffId, session.id) };
    },
  );

  app.delete(
    "/admin/api/auth/sessions/:id",
    {
      schema: {
        params: Type.Object({ id: Type.String({ pattern: "^[0-9a-f]{64}$" }) }),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { staffId } = requireStaffSession(request);
      await auth.revokeSession(staffId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/admin/api/auth/two-factor/setup",
    {
      schema: {
        response: {
          200: Type.Object({
            secret: Type.String(),
            otpauthUrl: Type.String(),
            /** The otpauth URL as an SVG QR code, drawn on the server. */
            qrCode: Type.String(),
          }),
        },
      },
    },
    async (request) => auth.setupTwoFactor(requireStaffSession(request).staffId),
  );

  app.post(
    "/admin/api/auth/two-factor/enable",
    {
      schema: {
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }),
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }) },
      },
    },
    async (request) => auth.enableTwoFactor(requireStaffSession(request).staffId, request.body.code),
  );

  app.post(
    "/admin/api/auth/two-factor/disable",
    { schema: { body: Type.Object({ password: PasswordSchema }), response: { 204: NoContent } } },
    async (request, reply) => {
      const { staffId } = requireStaffSession(request);
      await withRetryAfter(reply, () => auth.disableTwoFactor(staffId, request.body.password));
      return reply.code(204).send(null);
    },
  );
}
