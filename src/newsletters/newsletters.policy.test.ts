import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { canNewsletter, type NewsletterAction } from "./newsletters.policy.js";

const MATRIX: Record<NewsletterAction, Role[]> = {
  viewLists: ["author", "editor", "admin", "owner"],
  composeIssue: ["author", "editor", "admin", "owner"],
  viewSubscribers: ["editor", "admin", "owner"],
  manageSubscribers: ["editor", "admin", "owner"],
  sendIssue: ["editor", "admin", "owner"],
  manageLists: ["admin", "owner"],
};

describe("newsletter policy", () => {
  for (const [action, allowed] of Object.entries(MATRIX) as [NewsletterAction, Role[]][]) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${expected ? "lets" : "does not let"} a ${role} ${action}`, () => {
        expect(canNewsletter(role, action)).toBe(expected);
      });
    }
  }
});
