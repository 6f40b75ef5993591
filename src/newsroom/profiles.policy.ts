import { type Role, roleRank } from "../staff/actor.js";

export type ProfileAction = "viewProfiles" | "editProfile";

export const PROFILE_ACTIONS: readonly ProfileAction[] = ["viewProfiles", "editProfile"];

export interface ProfilePrincipal {
  role: Role;
  staffId: number | null;
  /** Set for an integration token: a token is not the person who made it. */
  tokenId?: number | null;
}

/**
 * Who may see and change staff profiles. Everyone in the newsroom sees them (the byline picker);
 * a member edits their own, signed in as themselves; editors and above edit anyone's, since a
 * byline speaks for the newsroom. Without a target, the answer is whether the role may at all.
 */
export function canProfile(principal: ProfilePrincipal, action: ProfileAction, target?: { staffId: number }): boolean {
  if (action === "viewProfiles") return true;
  if (roleRank(principal.role) >= roleRank("editor")) return true;
  const isPerson = principal.tokenId === undefined || principal.tokenId === null;
  if (!isPerson || principal.staffId === null) return false;
  return target === undefined || target.staffId === principal.staffId;
}

/**
 * Whether a new article by this principal gets their own byline when the request names none:
 * contributors and authors write under their own name; editors and above often file for
 * others (agency copy, a colleague's notes), and a token is not a person.
 */
export function bylinesOwnArticles(principal: ProfilePrincipal): boolean {
  const isPerson = principal.tokenId === undefined || principal.tokenId === null;
  return isPerson && principal.staffId !== null && roleRank(principal.role) < roleRank("editor");
}
