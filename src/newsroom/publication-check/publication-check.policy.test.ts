import { describe, expect, it } from "vitest";
import type { Role } from "../../staff/actor.js";
import {
  canAcknowledgeFindings,
  canApprovePublication,
  canConfigurePublicationCheck,
  isSameActor,
} from "./publication-check.policy.js";

const staff = (role: Role, staffId: number) => ({ role, staffId, tokenId: null });
const article = { created_by: 1, created_by_token: null };

describe("publication check policy", () => {
  it.each([
    ["contributor", false],
    ["author", false],
    ["editor", true],
    ["admin", true],
    ["owner", true],
  ] as const)("lets a %s approve another's story: %s", (role, allowed) => {
    expect(canApprovePublication(staff(role, 2), article, [])).toBe(allowed);
    expect(canAcknowledgeFindings(staff(role, 2))).toBe(allowed);
  });

  it("refuses the story's own writer, and whoever dismissed its findings", () => {
    expect(canApprovePublication(staff("editor", 1), article, [])).toBe(false);
    expect(canApprovePublication(staff("editor", 2), article, [{ staffId: 2, tokenId: null }])).toBe(false);
    expect(canApprovePublication(staff("editor", 3), article, [{ staffId: 2, tokenId: null }])).toBe(true);
  });

  it("treats each integration token as its own actor", () => {
    const byToken = { created_by: 1, created_by_token: 9 };
    expect(canApprovePublication({ role: "editor", staffId: 1, tokenId: 9 }, byToken, [])).toBe(false);
    expect(canApprovePublication({ role: "editor", staffId: 1, tokenId: 10 }, byToken, [])).toBe(true);
    expect(canApprovePublication(staff("editor", 1), byToken, [])).toBe(true);
    expect(isSameActor({ staffId: 1, tokenId: 9 }, { staffId: 1, tokenId: null })).toBe(false);
  });

  it.each([
    ["editor", false],
    ["admin", false],
    ["owner", true],
  ] as const)("lets a %s configure the check: %s", (role, allowed) => {
    expect(canConfigurePublicationCheck(staff(role, 1))).toBe(allowed);
  });
});
