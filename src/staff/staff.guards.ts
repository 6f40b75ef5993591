import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError, isAppError } from "../errors.js";
import { type Actor, requireActor } from "./actor.js";
import type { ClientInfo } from "./auth.service.js";

/** Turns a policy answer into a 403. */
export function allow(allowed: boolean, message = "Your role does not allow this."): void {
  if (!allowed) throw new AppError("forbidden", message);
}

/** For routes about one's own account: a signed-in member, not an integration token. */
export function requireStaffSession(request: FastifyRequest): {
  actor: Actor;
  staffId: number;
  session: { id: string; csrfToken: string };
} {
  const actor = requireActor(request);
  if (actor.kind !== "staff" || actor.staffId === null || !request.staffSession) {
    throw new AppError("forbidden", "This needs a staff member signed in with a password, not an integration token.");
  }
  return { actor, staffId: actor.staffId, session: request.staffSession };
}

export function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers["user-agent"] ?? null };
}

/** Runs `work`; a rate_limited error also gets the standard Retry-After header. */
export async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.code === "rate_limited") {
      const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (seconds !== undefined) reply.header("retry-after", String(seconds));
    }
    throw error;
  }
}
