import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { canTelegram, type TelegramAction } from "./telegram.policy.js";

const MATRIX: Record<TelegramAction, Role[]> = {
  viewChannel: ["editor", "admin", "owner"],
  manageChannel: ["editor", "admin", "owner"],
  viewDelivery: ["author", "editor", "admin", "owner"],
  skipArticle: ["editor", "admin", "owner"],
};

describe("telegram policy", () => {
  for (const [action, allowed] of Object.entries(MATRIX) as [TelegramAction, Role[]][]) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${expected ? "lets" : "does not let"} a ${role} ${action}`, () => {
        expect(canTelegram(role, action)).toBe(expected);
      });
    }
  }
});
