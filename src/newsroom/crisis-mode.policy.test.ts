import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/roles.shared.js";
import { CRISIS_MODE_ACTIONS, type CrisisModeAction, canCrisisMode } from "./crisis-mode.policy.js";

/** The expected answer, written out as the rules read. */
function expected(role: Role, action: CrisisModeAction): boolean {
  if (action === "viewCrisisMode") return true;
  return role === "editor" || role === "admin" || role === "owner";
}

describe("crisis mode policy matrix", () => {
  for (const role of ROLES) {
    for (const action of CRISIS_MODE_ACTIONS) {
      const answer = expected(role, action);
      it(`${role} ${action} → ${answer}`, () => {
        expect(canCrisisMode(role, action)).toBe(answer);
      });
    }
  }
});
