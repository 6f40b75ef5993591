/**
 * What the signed-in person may do, to decide which buttons to show. The server decides for real
 * (src/newsroom/articles.policy.ts, src/staff/staff.policy.ts); permissions.test.ts checks that
 * these mirrors agree with it for every role, action and article state.
 */
export const ROLES = ["contributor", "author", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function atLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

export type ArticleAction =
  | "view"
  | "create"
  | "edit"
  | "submit"
  | "publish"
  | "schedule"
  | "unpublish"
  | "archive"
  | "restore";

/**
 * May this role act on an article? `own` is whether the signed-in person wrote it; below editor
 * the API only shows one's own articles, so an article they can open is theirs.
 */
export function canArticle(role: Role, action: ArticleAction, article?: { own: boolean; status: string }): boolean {
  if (atLeast(role, "editor")) return true;
  if (action === "create") return true;
  if (!article) return action === "view";
  if (!article.own) return false;
  if (role === "contributor") {
    if (action === "view") return true;
    if (action === "edit" || action === "restore") return article.status === "draft" || article.status === "in_review";
    return action === "submit" && article.status === "draft";
  }
  return true;
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
