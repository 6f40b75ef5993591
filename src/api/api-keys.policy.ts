import { type Role, roleRank } from "../staff/roles.shared.js";

export type ApiKeyAction = "viewKeys" | "manageKeys";

/**
 * Who may see and manage Content API keys. A key hands the newsroom's published content and its
 * request budget to a partner, so both are an admin's decision.
 */
export function canApiKeys(role: Role, action: ApiKeyAction): boolean {
  switch (action) {
    case "viewKeys":
    case "manageKeys":
      return roleRank(role) >= roleRank("admin");
  }
}
