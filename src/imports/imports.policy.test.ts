import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { canImport, IMPORT_ACTIONS, type ImportAction } from "./imports.policy.js";

const ALLOWED: Record<ImportAction, Role[]> = {
  runImports: ["editor", "admin", "owner"],
  viewImports: ["editor", "admin", "owner"],
  manageRedirects: ["editor", "admin", "owner"],
};

describe("import policy matrix", () => {
  for (const role of ROLES) {
    for (const action of IMPORT_ACTIONS) {
      const answer = ALLOWED[action].includes(role);
      it(`${role} ${action} → ${answer}`, () => {
        expect(canImport({ role }, action)).toBe(answer);
      });
    }
  }
});
