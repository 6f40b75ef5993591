import { type Role, roleRank } from "../staff/roles.shared.js";

export type RevenueAction =
  | "viewSummary"
  | "viewSupporters"
  | "exportSupporters"
  | "manageSettings"
  | "viewStatus"
  | "managePaymentKeys";

/**
 * Who may see and change reader revenue. Totals are for editors and up (they plan with them);
 * supporters' names and addresses, the settings and the payment setup are for admins and owners.
 */
const MINIMUM: Record<RevenueAction, Role> = {
  viewSummary: "editor",
  viewStatus: "editor",
  viewSupporters: "admin",
  exportSupporters: "admin",
  manageSettings: "admin",
  managePaymentKeys: "admin",
};

export function canRevenue(role: Role, action: RevenueAction): boolean {
  return roleRank(role) >= roleRank(MINIMUM[action]);
}
