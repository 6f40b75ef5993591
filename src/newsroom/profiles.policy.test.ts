import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../staff/actor.js";
import { bylinesOwnArticles, canProfile, PROFILE_ACTIONS, type ProfileAction } from "./profiles.policy.js";

const ME = 7;

/** The expected answer, written out as the rules read. */
function expected(role: Role, action: ProfileAction, whose: "own" | "other", via: "session" | "token"): boolean {
  if (action === "viewProfiles") return true;
  if (role === "editor" || role === "admin" || role === "owner") return true;
  return via === "session" && whose === "own";
}

describe("profile policy matrix", () => {
  for (const role of ROLES) {
    for (const action of PROFILE_ACTIONS) {
      for (const whose of ["own", "other"] as const) {
        for (const via of ["session", "token"] as const) {
          const answer = expected(role, action, whose, via);
          it(`${role} ${action} ${whose} profile by ${via} → ${answer}`, () => {
            const principal = { role, staffId: ME, tokenId: via === "token" ? 3 : null };
            const target = { staffId: whose === "own" ? ME : ME + 1 };
            expect(canProfile(principal, action, target)).toBe(answer);
          });
        }
      }
    }
  }

  it("lets no one below editor edit a profile without being signed in as a member", () => {
    expect(canProfile({ role: "author", staffId: null }, "editProfile", { staffId: ME })).toBe(false);
  });
});

describe("own byline on new articles", () => {
  for (const role of ROLES) {
    const answer = role === "contributor" || role === "author";
    it(`${role} signed in → ${answer}`, () => {
      expect(bylinesOwnArticles({ role, staffId: ME, tokenId: null })).toBe(answer);
    });
  }

  it("gives a token's articles no byline of the person who made the token", () => {
    expect(bylinesOwnArticles({ role: "author", staffId: ME, tokenId: 3 })).toBe(false);
  });
});
