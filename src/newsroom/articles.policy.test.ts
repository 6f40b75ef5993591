import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { type ArticleAction, canArticle, canEditMedia, canNewsroom, type NewsroomAction } from "./articles.policy.js";

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
  "update",
  "discard",
  "return",
];
const STATUSES = ["draft", "in_review", "scheduled", "published", "archived"];
const ME = 7;

/** The expected answer, written out as the rules read, independently of the implementation. */
function expected(role: Role, action: ArticleAction, owner: "own" | "other", status: string): boolean {
  if (role === "editor" || role === "admin" || role === "owner") return true;
  if (action === "create") return true;
  // Returning to the author is a reviewer's act: editors and above only.
  if (action === "return") return false;
  if (owner === "other") return false;
  if (role === "author") return true;
  // contributor, own article
  switch (action) {
    case "view":
      return true;
    case "edit":
    case "restore":
    case "discard":
      return status === "draft" || status === "in_review";
    case "submit":
      return status === "draft";
    default:
      return false;
  }
}

describe("article policy matrix", () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      for (const owner of ["own", "other"] as const) {
        for (const status of STATUSES) {
          it(`${role} ${action} ${owner} ${status} → ${expected(role, action, owner, status)}`, () => {
            const article = { created_by: owner === "own" ? ME : ME + 1, status };
            expect(canArticle({ role, staffId: ME }, action, article)).toBe(expected(role, action, owner, status));
          });
        }
      }
    }
  }

  it("lets nobody below editor act on an article without a known creator, except to create", () => {
    const orphan = { created_by: null, status: "draft" };
    expect(canArticle({ role: "author", staffId: ME }, "edit", orphan)).toBe(false);
    expect(canArticle({ role: "editor", staffId: ME }, "edit", orphan)).toBe(true);
  });

  it("lets only those who may publish an article make its pending revision live", () => {
    for (const role of ROLES) {
      for (const status of STATUSES) {
        const own = { created_by: ME, status };
        const principal = { role, staffId: ME };
        expect(canArticle(principal, "update", own)).toBe(canArticle(principal, "publish", own));
      }
    }
  });

  it("lets whoever may edit an article discard its pending revision", () => {
    for (const role of ROLES) {
      for (const status of STATUSES) {
        for (const created_by of [ME, ME + 1]) {
          const article = { created_by, status };
          const principal = { role, staffId: ME };
          expect(canArticle(principal, "discard", article)).toBe(canArticle(principal, "edit", article));
        }
      }
    }
  });

  it("lets an author token publish what that token created, and nothing else", () => {
    const token = { role: "author" as const, staffId: null, tokenId: 3 };
    expect(canArticle(token, "publish", { created_by: null, created_by_token: 3, status: "draft" })).toBe(true);
    expect(canArticle(token, "publish", { created_by: null, created_by_token: 4, status: "draft" })).toBe(false);
    expect(canArticle(token, "publish", { created_by: null, status: "draft" })).toBe(false);
  });
});

describe("newsroom policy matrix", () => {
  const table: Record<NewsroomAction, Role> = {
    uploadMedia: "contributor",
    editMedia: "contributor",
    deleteMedia: "editor",
    manageTaxonomy: "editor",
    raiseBanner: "editor",
    appendCorrection: "editor",
    editPromos: "editor",
    editSiteSettings: "admin",
    editPodcast: "editor",
  };
  for (const [action, minimum] of Object.entries(table) as [NewsroomAction, Role][]) {
    for (const role of ROLES) {
      const allowed = ROLES.indexOf(role) >= ROLES.indexOf(minimum);
      it(`${role} ${action} → ${allowed}`, () => {
        expect(canNewsroom(role, action)).toBe(allowed);
      });
    }
  }
});

describe("media edit policy matrix", () => {
  const uploads = {
    own: { uploaded_by: ME, uploaded_by_token: null },
    other: { uploaded_by: ME + 1, uploaded_by_token: null },
    unknown: { uploaded_by: null, uploaded_by_token: null },
  };
  for (const role of ROLES) {
    for (const [whose, media] of Object.entries(uploads)) {
      const allowed = ROLES.indexOf(role) >= ROLES.indexOf("editor") || whose === "own";
      it(`${role} editing the alt text of ${whose} upload → ${allowed}`, () => {
        expect(canEditMedia({ role, staffId: ME }, media)).toBe(allowed);
      });
    }
  }

  it("lets a token below editor edit what that token uploaded, and not its creator's other uploads", () => {
    const token = { role: "author" as const, staffId: ME, tokenId: 3 };
    expect(canEditMedia(token, { uploaded_by: ME, uploaded_by_token: 3 })).toBe(true);
    expect(canEditMedia(token, { uploaded_by: ME, uploaded_by_token: null })).toBe(false);
    expect(canEditMedia(token, { uploaded_by: ME, uploaded_by_token: 4 })).toBe(false);
    // and the member does not take over what a token uploaded for them
    expect(canEditMedia({ role: "author", staffId: ME }, { uploaded_by: ME, uploaded_by_token: 3 })).toBe(false);
  });
});
