import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { type ApiKeyAction, canApiKeys } from "./api-keys.policy.js";

const MATRIX: Record<ApiKeyAction, Role[]> = {
  viewKeys: ["admin", "owner"],
  manageKeys: ["admin", "owner"],
};

describe("API key policy", () => {
  for (const [action, allowed] of Object.entries(MATRIX) as [ApiKeyAction, Role[]][]) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${expected ? "lets" : "does not let"} a ${role} ${action}`, () => {
        expect(canApiKeys(role, action)).toBe(expected);
      });
    }
  }
});
