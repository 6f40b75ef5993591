import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/roles.shared.js";
import { canWebhook, type WebhookAction } from "./webhooks.policy.js";

const MATRIX: Record<WebhookAction, Role[]> = {
  viewWebhooks: ["admin", "owner"],
  manageWebhooks: ["admin", "owner"],
};

describe("webhook policy", () => {
  for (const [action, allowed] of Object.entries(MATRIX) as [WebhookAction, Role[]][]) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${expected ? "lets" : "does not let"} a ${role} ${action}`, () => {
        expect(canWebhook(role, action)).toBe(expected);
      });
    }
  }
});
