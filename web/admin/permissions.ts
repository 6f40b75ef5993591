import { type ArticleAction, canArticle as serverCanArticle } from "../../src/newsroom/articles.policy.js";
import { ROLES, type Role, roleRank } from "../../src/staff/roles.shared.js";

/**
 * What the signed-in person may do, to decide which buttons to show. Article rules are the
 * server's pure policy (src/newsroom/articles.policy.ts), imported, not copied; the staff rules
 * below are summaries that permissions.test.ts checks against src/staff/staff.policy.ts.
 */
export { type ArticleAction, ROLES, type Role, roleRank };

export function atLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

/**
 * May this role act on an article? `own` is whether the signed-in person wrote it; below editor
 * the API only shows one's own articles, so an article they can open is theirs. The answer is the
 * server's own policy, asked about a stand-in for "me" and "someone else".
 */
export function canArticle(role: Role, action: ArticleAction, article?: { own: boolean; status: string }): boolean {
  const me = 1;
  const subject = article ? { created_by: article.own ? me : me + 1, status: article.status } : undefined;
  return serverCanArticle({ role, staffId: me }, action, subject);
}

/** Sections, tags, people, promos and video of the day: editors and above. */
export const canManageNewsroom = (role: Role): boolean => atLeast(role, "editor");
/** Edition settings, staff and integration tokens: admins and above. */
export const canAdminister = (role: Role): boolean => atLeast(role, "admin");

/** Roles this role may give by invitation or role change (owners: any; admins: up to editor). */
export function grantableRoles(role: Role): Role[] {
  if (role === "owner") return [...ROLES];
  if (role === "admin") return ROLES.filter((r) => atLeast("editor", r));
  return [];
}

/** Roles an integration token made by this role may have: never stronger than its maker. */
export function tokenRoles(role: Role): Role[] {
  return canAdminister(role) ? ROLES.filter((r) => atLeast(role, r)) : [];
}
