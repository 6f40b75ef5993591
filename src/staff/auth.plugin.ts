import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import type { AuthService } from "./auth.service.js";
import { constantTimeEqual } from "./secrets.js";
import type { TokensService } from "./tokens.service.js";

export const SESSION_COOKIE = "gazette_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    /** The cookie session behind `actor`, when the actor signed in with a cookie. */
    staffSession: { id: string; csrfToken: string } | null;
    /** The newsroom requires two-factor sign-in of the signed-in member, who has not set it up. */
    twoFactorSetupRequired: boolean;
  }
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// These routes are how a session begins, so they cannot ask for its CSRF token; Origin is still checked.
const SESSIONLESS_ROUTES = new Set([
  "/admin/api/auth/login",
  "/admin/api/auth/setup",
  "/admin/api/auth/invitations/accept",
  "/admin/api/auth/password-reset",
  "/admin/api/auth/password-reset/complete",
]);

// What a member who must set up two-factor sign-in may still do: see who they are, set it up, leave.
const TWO_FACTOR_SETUP_ROUTES = new Set([
  "/admin/api/auth/session",
  "/admin/api/auth/logout",
  "/admin/api/auth/two-factor/setup",
  "/admin/api/auth/two-factor/enable",
]);

export interface StaffAuthDeps {
  auth: AuthService;
  tokens: TokensService;
  publicUrl: string;
}

function csrfFailed(message: string): AppError {
  return new AppError("csrf_failed", message);
}

/**
 * Who is calling the admin API: sets `request.actor` from a bearer token or the session cookie
 * (null when neither is valid; handlers decide whether that is a 401), and refuses cross-site
 * state changes made with the cookie.
 */
export function registerStaffAuth(app: FastifyInstance, deps: StaffAuthDeps): void {
  const siteOrigin = new URL(deps.publicUrl).origin;
  app.decorateRequest("actor", null);
  app.decorateRequest("staffSession", null);
  app.decorateRequest("twoFactorSetupRequired", false);

  function checkOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    if (origin !== siteOrigin && origin !== `${request.protocol}://${request.host}`) {
      throw csrfFailed("This request came from another site and was refused.");
    }
  }

  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/admin/api/")) return;
    // Answers carry CSRF tokens and staff details: no shared or browser cache may keep them.
    reply.header("cache-control", "no-store");
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      // A bearer token cannot be sent by a cross-site form, so it needs no CSRF check. A bad one
      // is not silently replaced by the cookie: the caller asked to be that token.
      const match = /^Bearer +(\S+)$/i.exec(authorization);
      request.actor = match?.[1] ? await deps.tokens.authenticate(match[1]) : null;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const session = await deps.auth.authenticateSession(cookie);
      if (session) {
        request.actor = session.actor;
        request.staffSession = { id: session.sessionId, csrfToken: session.csrfToken };
        request.twoFactorSetupRequired = session.twoFactorSetupRequired;
      }
    }
    if (request.twoFactorSetupRequired && !TWO_FACTOR_SETUP_ROUTES.has(request.routeOptions.url ?? "")) {
      throw new AppError(
        "two_factor_setup_required",
        "This newsroom requires two-factor sign-in for your role. Set it up under My account before you continue.",
      );
    }
    if (!STATE_CHANGING.has(request.method)) return;
    const sessionless = SESSIONLESS_ROUTES.has(request.routeOptions.url ?? "");
    if (sessionless) return checkOrigin(request);
    if (!request.staffSession) return;
    checkOrigin(request);
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== "string" || !constantTimeEqual(header, request.staffSession.csrfToken)) {
      throw csrfFailed(`Missing or wrong ${CSRF_HEADER} header. Reload the page and try again.`);
    }
  });
}
