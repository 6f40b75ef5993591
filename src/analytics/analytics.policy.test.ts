import { describe, expect, it } from "vitest";
import { ROLES } from "../staff/roles.shared.js";
import { ANALYTICS_ACTIONS, canReadAnalytics } from "./analytics.policy.js";

describe("canReadAnalytics", () => {
  const expected: Record<(typeof ROLES)[number], boolean> = {
    contributor: false,
    author: false,
    editor: true,
    admin: true,
    owner: true,
  };

  it.each(ROLES.flatMap((role) => ANALYTICS_ACTIONS.map((action) => [role, action] as const)))(
    "lets a %s %s the audience numbers only from editor up",
    (role, action) => {
      expect(canReadAnalytics({ role }, action)).toBe(expected[role]);
    },
  );
});
