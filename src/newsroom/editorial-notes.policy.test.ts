import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { canNote, isMentionable, NOTE_ACTIONS } from "./editorial-notes.policy.js";

type Relation = "own" | "someone else's";
const STATUSES = ["draft", "in_review", "scheduled", "published"] as const;

/** The expected answer, written out as the rules read: whoever may edit the story. */
function expected(role: Role, relation: Relation, status: (typeof STATUSES)[number]): boolean {
  if (role === "editor" || role === "admin" || role === "owner") return true;
  if (relation !== "own") return false;
  if (role === "author") return true;
  return status === "draft" || status === "in_review";
}

describe("editorial notes policy matrix", () => {
  const me = 7;
  for (const role of ROLES) {
    for (const action of NOTE_ACTIONS) {
      for (const relation of ["own", "someone else's"] as const) {
        for (const status of STATUSES) {
          const answer = expected(role, relation, status);
          it(`${role} ${action} on ${relation} ${status} story → ${answer}`, () => {
            const article = { created_by: relation === "own" ? me : me + 1, created_by_token: null, status };
            expect(canNote({ role, staffId: me, tokenId: null }, action, article)).toBe(answer);
          });
        }
      }
    }
  }

  it("lets a token act on the notes of what it wrote only, below the editors", () => {
    const article = { created_by: null, created_by_token: 3, status: "draft" };
    expect(canNote({ role: "author", staffId: null, tokenId: 3 }, "comment", article)).toBe(true);
    expect(canNote({ role: "author", staffId: null, tokenId: 4 }, "comment", article)).toBe(false);
  });

  it("makes mentionable exactly the members who may edit the story", () => {
    const draft = { created_by: 1, created_by_token: null, status: "draft" };
    expect(isMentionable({ id: 1, role: "contributor" }, draft)).toBe(true);
    expect(isMentionable({ id: 2, role: "contributor" }, draft)).toBe(false);
    expect(isMentionable({ id: 2, role: "author" }, draft)).toBe(false);
    expect(isMentionable({ id: 2, role: "editor" }, draft)).toBe(true);
    expect(isMentionable({ id: 1, role: "contributor" }, { ...draft, status: "published" })).toBe(false);
  });
});
