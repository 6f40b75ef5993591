import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { canPush, PUSH_ACTIONS, type PushAction } from "./push.policy.js";

/** The expected answer, written out as the rules read. */
function expected(role: Role, action: PushAction): boolean {
  if (action === "viewPush") return role !== "contributor";
  return role === "editor" || role === "admin" || role === "owner";
}

describe("push policy matrix", () => {
  for (const role of ROLES) {
    for (const action of PUSH_ACTIONS) {
      const answer = expected(role, action);
      it(`${role} ${action} → ${answer}`, () => {
        expect(canPush({ role }, action)).toBe(answer);
      });
    }
  }
});
