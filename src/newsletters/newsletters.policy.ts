import { type Role, roleRank } from "../staff/roles.shared.js";

export type NewsletterAction =
  | "viewLists"
  | "manageLists"
  | "viewSubscribers"
  | "manageSubscribers"
  | "composeIssue"
  | "sendIssue";

/**
 * Who may do what with newsletters. Readers' addresses are personal data, so only editors and
 * above see or change subscribers; lists (sender address, schedule) are an admin's setting.
 * Authors may read the lists and draft issues; sending to readers is an editor's decision.
 */
export function canNewsletter(role: Role, action: NewsletterAction): boolean {
  const rank = roleRank(role);
  switch (action) {
    case "viewLists":
    case "composeIssue":
      return rank >= roleRank("author");
    case "viewSubscribers":
    case "manageSubscribers":
    case "sendIssue":
      return rank >= roleRank("editor");
    case "manageLists":
      return rank >= roleRank("admin");
  }
}
