import { type Role, roleRank } from "./roles.shared.js";

export type StaffAction =
  | "viewStaff"
  | "invite"
  | "changeRole"
  | "changeStatus"
  | "manageTokens"
  | "transferOwnership"
  /** Read the newsroom's staff settings (the two-factor requirement). */
  | "viewSettings"
  /** Change them: they bind every member, owners included, so only an owner may. */
  | "changeSettings";

export const STAFF_ACTIONS: readonly StaffAction[] = [
  "viewStaff",
  "invite",
  "changeRole",
  "changeStatus",
  "manageTokens",
  "transferOwnership",
  "viewSettings",
  "changeSettings",
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
    case "changeSettings":
      return role === "owner";
    case "viewSettings":
      return isAdmin;
  }
}

/** Who must sign in with two factors: nobody, editors and above (they publish), or every member. */
export type TwoFactorRequirement = "none" | "editors_and_owners" | "all_staff";

export const TWO_FACTOR_REQUIREMENTS: readonly TwoFactorRequirement[] = ["none", "editors_and_owners", "all_staff"];

/** Whether a member of this role must have two-factor sign-in on under the newsroom's requirement. */
export function requiresTwoFactor(requirement: TwoFactorRequirement, role: Role): boolean {
  if (requirement === "all_staff") return true;
  if (requirement === "editors_and_owners") return roleRank(role) >= roleRank("editor");
  return false;
}

/**
 * Whether a token works now, and with what role: never above its creator's current role, and
 * not at all once the creator is disabled.
 * - `active`: it acts with its own role;
 * - `limited`: its creator was demoted below it, so it acts with the creator's role;
 * - `creator_disabled`: its creator's account is disabled, so it is refused (401);
 * - `creator_unknown`: it names nobody while the newsroom has an owner, so it is refused.
 * A token without a creator on a newsroom with no owner yet was made by the server's operator
 * at the command line (who can do anything there anyway) and acts with its own role.
 */
export type TokenStatus = "active" | "limited" | "creator_disabled" | "creator_unknown";

export interface TokenStanding {
  status: TokenStatus;
  /** The role the token acts with now; null when it is refused. */
  effectiveRole: Role | null;
}

export function tokenStanding(
  tokenRole: Role,
  creator: { role: Role; status: "active" | "disabled" } | null,
  newsroomHasOwner: boolean,
): TokenStanding {
  if (creator === null) {
    return newsroomHasOwner
      ? { status: "creator_unknown", effectiveRole: null }
      : { status: "active", effectiveRole: tokenRole };
  }
  if (creator.status !== "active") return { status: "creator_disabled", effectiveRole: null };
  if (roleRank(creator.role) < roleRank(tokenRole)) return { status: "limited", effectiveRole: creator.role };
  return { status: "active", effectiveRole: tokenRole };
}
