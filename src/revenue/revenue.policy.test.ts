import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { canRevenue, type RevenueAction } from "./revenue.policy.js";

const EXPECTED: Record<RevenueAction, Role[]> = {
  viewSummary: ["editor", "admin", "owner"],
  viewStatus: ["editor", "admin", "owner"],
  viewSupporters: ["admin", "owner"],
  exportSupporters: ["admin", "owner"],
  manageSettings: ["admin", "owner"],
  managePaymentKeys: ["admin", "owner"],
};

describe("revenue policy", () => {
  for (const [action, allowed] of Object.entries(EXPECTED) as [RevenueAction, Role[]][]) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${expected ? "lets" : "does not let"} a ${role} ${action}`, () => {
        expect(canRevenue(role, action)).toBe(expected);
      });
    }
  }
});
