// Browser-safe: the admin app imports this module (no server code may be imported here).

/** Staff roles, lowest first. Each role can do everything the roles before it can. */
export const ROLES = ["contributor", "author", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}
