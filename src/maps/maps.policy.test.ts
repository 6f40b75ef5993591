import { describe, expect, it } from "vitest";
import { ROLES } from "../staff/actor.js";
import { canMap, type MapAction } from "./maps.policy.js";

const ACTIONS: MapAction[] = [
  "view",
  "createMap",
  "editMap",
  "uploadLayer",
  "editLayer",
  "translateLayer",
  "publishLayer",
  "deleteLayer",
];

const EXPECTED: Record<(typeof ROLES)[number], MapAction[]> = {
  contributor: ["view"],
  author: ["view"],
  editor: ACTIONS,
  admin: ACTIONS,
  owner: ACTIONS,
};

describe("canMap", () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = EXPECTED[role].includes(action);
      it(`${allowed ? "lets" : "does not let"} ${role} ${action}`, () => {
        expect(canMap(role, action)).toBe(allowed);
      });
    }
  }
});
