import { type Role, roleRank } from "../staff/roles.shared.js";

export type WebhookAction = "viewWebhooks" | "manageWebhooks";

/**
 * Who may see and change outgoing webhooks. A subscription sends every published story, with a
 * secret, to an address outside the newsroom: that is an admin's decision, like integration tokens.
 */
export function canWebhook(role: Role, action: WebhookAction): boolean {
  switch (action) {
    case "viewWebhooks":
    case "manageWebhooks":
      return roleRank(role) >= roleRank("admin");
  }
}
