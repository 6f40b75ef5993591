import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.js";

/** Staff roles, lowest first. Each role can do everything the roles before it can. */
export const ROLES = ["contributor", "author", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

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
