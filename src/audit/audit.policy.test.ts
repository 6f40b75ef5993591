import { describe, expect, it } from "vitest";
import { ROLES } from "../staff/roles.shared.js";
import { AUDIT_ACTIONS, canAudit } from "./audit.policy.js";

describe("canAudit", () => {
  const expected: Record<(typeof ROLES)[number], boolean> = {
    contributor: false,
    author: false,
    editor: false,
    admin: false,
    owner: true,
  };

  it.each(ROLES.flatMap((role) => AUDIT_ACTIONS.map((action) => [role, action] as const)))(
    "lets a %s %s the audit log only if they are an owner",
    (role, action) => {
      expect(canAudit({ role }, action)).toBe(expected[role]);
    },
  );
});
