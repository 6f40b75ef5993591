import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { canMirrors, type MirrorAction } from "./mirrors.policy.js";

const MATRIX: Record<MirrorAction, Role[]> = {
  viewMirrors: ["admin", "owner"],
  manageMirrors: ["admin", "owner"],
};

describe("mirror policy", () => {
  for (const [action, allowed] of Object.entries(MATRIX) as [MirrorAction, Role[]][]) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${expected ? "lets" : "does not let"} a ${role} ${action}`, () => {
        expect(canMirrors(role, action)).toBe(expected);
      });
    }
  }
});
