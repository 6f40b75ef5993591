import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.js";

import type { Role } from "./roles.shared.js";

export { isRole, ROLES, type Role, roleRank } from "./roles.shared.js";

/** Who is making an admin request: a signed-in staff member, or an integration token. */
export interface Actor {
  kind: "staff" | "token";
  /** The staff member; for a token, the staff member who created it (or null for the CLI). */
  staffId: number | null;
  tokenId: number | null;
  role: Role;
  name: string;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the staff auth plugin on /admin/api requests; null when nobody is signed in. */
    actor: Actor | null;
  }
}

/** The signed-in actor, or a 401. Every admin handler calls this (or a policy check) explicitly. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthorized", "Sign in to continue.");
  return request.actor;
}
