import { type Role, roleRank } from "../staff/roles.shared.js";

export type AnalyticsAction =
  /** Read the numbers on screen. */
  | "view"
  /** Download them as CSV. */
  | "export";

export const ANALYTICS_ACTIONS: readonly AnalyticsAction[] = ["view", "export"];

/**
 * Who reads the audience numbers: editors and up, who decide what to follow up and put on top.
 * Authors do not: a byline table ranks colleagues, which is an editor's business. Pure, so it is
 * tested as a matrix.
 */
export function canReadAnalytics(principal: { role: Role }, _action: AnalyticsAction): boolean {
  return roleRank(principal.role) >= roleRank("editor");
}
