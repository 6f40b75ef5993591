import { describe, expect, it } from "vitest";
import { type ArticleAction, canNewsroom, canArticle as serverCanArticle } from "../../src/newsroom/articles.policy.js";
import { canStaff } from "../../src/staff/staff.policy.js";
import { canAdminister, canArticle, canManageNewsroom, grantableRoles, ROLES, tokenRoles } from "./permissions.js";

const ACTIONS: ArticleAction[] = [
  "view",
  "create",
  "edit",
  "submit",
  "publish",
  "schedule",
  "unpublish",
  "archive",
  "restore",
];
const STATUSES = ["draft", "in_review", "scheduled", "published", "archived"];

describe("the app's buttons follow the server's policies", () => {
  it("articles: every role × action × state × ownership", () => {
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        expect(canArticle(role, action), `${role} ${action} (no article)`).toBe(
          serverCanArticle({ role, staffId: 1 }, action),
        );
        for (const status of STATUSES) {
          for (const own of [true, false]) {
            const article = { created_by: own ? 1 : 2, status };
            expect(canArticle(role, action, { own, status }), `${role} ${action} ${status} own=${own}`).toBe(
              serverCanArticle({ role, staffId: 1 }, action, article),
            );
          }
        }
      }
    }
  });

  it("a contributor is never offered Publish or Schedule", () => {
    for (const status of STATUSES) {
      expect(canArticle("contributor", "publish", { own: true, status })).toBe(false);
      expect(canArticle("contributor", "schedule", { own: true, status })).toBe(false);
    }
    expect(canArticle("author", "publish", { own: true, status: "draft" })).toBe(true);
  });

  it("newsroom, staff and token screens", () => {
    for (const role of ROLES) {
      expect(canManageNewsroom(role), role).toBe(canNewsroom(role, "manageTaxonomy"));
      expect(canAdminister(role), role).toBe(canStaff(role, "viewStaff"));
      for (const granted of ROLES) {
        expect(grantableRoles(role).includes(granted), `${role} invites ${granted}`).toBe(
          canStaff(role, "invite", { grantedRole: granted }),
        );
        expect(tokenRoles(role).includes(granted), `${role} token ${granted}`).toBe(
          canStaff(role, "manageTokens", { grantedRole: granted }),
        );
      }
    }
  });
});
