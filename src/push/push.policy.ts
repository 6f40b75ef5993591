import { type Role, roleRank } from "../staff/roles.shared.js";

export type PushAction = "viewPush" | "sendPush";

export const PUSH_ACTIONS: readonly PushAction[] = ["viewPush", "sendPush"];

/**
 * Who may see the alerts sent and send one. A push lands on every subscriber's lock screen at once
 * and cannot be taken back, so sending is the editors' call, as publishing a story is; authors see
 * what went out.
 */
export function canPush(principal: { role: Role }, action: PushAction): boolean {
  const needed: Role = action === "sendPush" ? "editor" : "author";
  return roleRank(principal.role) >= roleRank(needed);
}
