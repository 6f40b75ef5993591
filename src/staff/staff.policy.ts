import { type Role, roleRank } from "./roles.shared.js";

export type StaffAction = "viewStaff" | "invite" | "changeRole" | "changeStatus" | "manageTokens" | "transferOwnership";

export const STAFF_ACTIONS: readonly StaffAction[] = [
  "viewStaff",
  "invite",
  "changeRole",
  "changeStatus",
  "manageTokens",
  "transferOwnership",
];

/** What the action touches. Without a target, the answer is whether the role may do it at all. */
export interface StaffTarget {
  /** The current role of the staff member acted on (changeRole, changeStatus). */
  currentRole?: Role;
  /** The role given: an invitation's, the new role, a token's. */
  grantedRole?: Role;
  /** The new status (changeStatus). */
  status?: "active" | "disabled";
  /** Active owners besides the member acted on: the last owner may be neither demoted nor disabled. */
  otherOwners?: number;
}

const ADMIN = roleRank("admin");

/** The highest role this role may hand out by invitation or role change. */
function grantLimit(role: Role): Role | null {
  if (role === "owner") return "owner";
  if (role === "admin") return "editor";
  return null;
}

function mayGrant(actor: Role, granted: Role | undefined): boolean {
  if (granted === undefined) return true;
  const limit = grantLimit(actor);
  return limit !== null && roleRank(granted) <= roleRank(limit);
}

function mayTouch(actor: Role, target: StaffTarget): boolean {
  return target.currentRole !== "owner" || actor === "owner";
}

/** Whether the member removes an owner, and whether one would remain. */
function keepsAnOwner(target: StaffTarget, removesOwner: boolean): boolean {
  return !removesOwner || target.currentRole !== "owner" || (target.otherOwners ?? 0) >= 1;
}

/** Who may manage staff and integration tokens. Pure: the caller looks up the facts. */
export function canStaff(role: Role, action: StaffAction, target: StaffTarget = {}): boolean {
  const isAdmin = roleRank(role) >= ADMIN;
  switch (action) {
    case "viewStaff":
      return isAdmin;
    case "invite":
      return isAdmin && mayGrant(role, target.grantedRole);
    case "changeRole":
      return (
        isAdmin &&
        mayTouch(role, target) &&
        mayGrant(role, target.grantedRole) &&
        keepsAnOwner(target, target.grantedRole !== undefined && target.grantedRole !== "owner")
      );
    case "changeStatus":
      return isAdmin && mayTouch(role, target) && keepsAnOwner(target, target.status === "disabled");
    case "manageTokens":
      // A token may not be stronger than the person who made it.
      return isAdmin && (target.grantedRole === undefined || roleRank(target.grantedRole) <= roleRank(role));
    case "transferOwnership":
      return role === "owner";
  }
}
