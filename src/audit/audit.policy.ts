import { type Role, roleRank } from "../staff/roles.shared.js";

export type AuditAction =
  /** Read the log on screen. */
  | "view"
  /** Download it as CSV. */
  | "export";

export const AUDIT_ACTIONS: readonly AuditAction[] = ["view", "export"];

/**
 * Who may read the audit log. Only owners: the log names every editor's decisions (a dismissed
 * finding and its reason, a second editor's approval), and the people it describes should not be
 * the ones who can browse it. Pure, so it is tested as a matrix.
 */
export function canAudit(principal: { role: Role }, _action: AuditAction): boolean {
  return roleRank(principal.role) >= roleRank("owner");
}
