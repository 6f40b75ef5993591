import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { canPlan, PLANNING_ACTIONS, type PlanningAction } from "./planning.policy.js";

type Relation = "own" | "someone else's" | "no item";
const RELATIONS: Relation[] = ["own", "someone else's", "no item"];

/** The expected answer, written out as the rules read. */
function expected(role: Role, action: PlanningAction, relation: Relation): boolean {
  const editor = role === "editor" || role === "admin" || role === "owner";
  if (editor) return true;
  switch (action) {
    case "viewOwn":
      return true;
    case "viewBudget":
      return role === "author";
    case "plan":
      return false;
    case "setStatus":
    case "startDraft":
      return relation === "own";
  }
}

describe("planning policy matrix", () => {
  const me = 7;
  for (const role of ROLES) {
    for (const action of PLANNING_ACTIONS) {
      for (const relation of RELATIONS) {
        const answer = expected(role, action, relation);
        it(`${role} ${action} on ${relation} → ${answer}`, () => {
          const item = relation === "no item" ? undefined : { assigneeId: relation === "own" ? me : me + 1 };
          expect(canPlan({ role, staffId: me }, action, item)).toBe(answer);
        });
      }
    }
  }

  it("gives nothing item-bound to a token acting for nobody below the editors", () => {
    expect(canPlan({ role: "author", staffId: null }, "setStatus", { assigneeId: null })).toBe(false);
  });
});
