import { type Role, roleRank } from "../staff/roles.shared.js";

export type CrisisModeAction = "viewCrisisMode" | "switchCrisisMode";

export const CRISIS_MODE_ACTIONS: readonly CrisisModeAction[] = ["viewCrisisMode", "switchCrisisMode"];

const MINIMUM: Record<CrisisModeAction, Role> = {
  // Everyone in the newsroom may know why the front page looks different.
  viewCrisisMode: "contributor",
  // It changes every reader page of an edition at once, like the breaking banner: an editor's call.
  switchCrisisMode: "editor",
};

/** Who may see and switch an edition's crisis mode. Pure; the admin app imports it too. */
export function canCrisisMode(role: Role, action: CrisisModeAction): boolean {
  return roleRank(role) >= roleRank(MINIMUM[action]);
}
