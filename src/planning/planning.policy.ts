import { type Role, roleRank } from "../staff/roles.shared.js";

export type PlanningAction =
  /** See the whole budget of every edition. */
  | "viewBudget"
  /** See one's own assignments ("My assignments"). */
  | "viewOwn"
  /** Create, edit, assign, move and delete items. */
  | "plan"
  /** Move an item along its status (in progress, filed…). */
  | "setStatus"
  /** Turn an item into a draft article. */
  | "startDraft";

export const PLANNING_ACTIONS: readonly PlanningAction[] = ["viewBudget", "viewOwn", "plan", "setStatus", "startDraft"];

export interface PlanningPrincipal {
  role: Role;
  staffId: number | null;
}

/**
 * Who may do what on the story budget. Editors plan and assign; authors read the whole budget so
 * they know what the desk is doing; contributors see only what is assigned to them. Whoever an
 * item is assigned to may move its status and start its draft; editors may do so for anyone.
 * Pure, so it is tested as a matrix.
 */
export function canPlan(
  principal: PlanningPrincipal,
  action: PlanningAction,
  item?: { assigneeId: number | null },
): boolean {
  const rank = roleRank(principal.role);
  if (rank >= roleRank("editor")) return true;
  if (action === "viewOwn") return true;
  if (action === "viewBudget") return rank >= roleRank("author");
  if (action === "plan") return false;
  return item !== undefined && principal.staffId !== null && item.assigneeId === principal.staffId;
}
