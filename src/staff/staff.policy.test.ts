import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "./actor.js";
import {
  canStaff,
  requiresTwoFactor,
  STAFF_ACTIONS,
  type StaffAction,
  TWO_FACTOR_REQUIREMENTS,
  type TwoFactorRequirement,
  tokenStanding,
} from "./staff.policy.js";

// Each string lists the answer for the roles in ROLES order (contributor, author, editor, admin, owner).
const yes = (flags: string) => [...flags].map((flag) => flag === "Y");
const cells = <T>(rows: Record<Role, string>, build: (actor: Role, role: Role, allowed: boolean) => T): T[] =>
  ROLES.flatMap((actor) => yes(rows[actor]).map((allowed, i) => build(actor, ROLES[i]!, allowed)));

describe("staff policy", () => {
  const withoutTarget: Record<StaffAction, string> = {
    viewStaff: "NNNYY",
    invite: "NNNYY",
    changeRole: "NNNYY",
    changeStatus: "NNNYY",
    manageTokens: "NNNYY",
    transferOwnership: "NNNNY",
    viewSettings: "NNNYY",
    changeSettings: "NNNNY",
  };
  it.each(
    STAFF_ACTIONS.flatMap((action) =>
      ROLES.map((role, i) => ({ role, action, allowed: yes(withoutTarget[action])[i]! })),
    ),
  )("$role may $action at all: $allowed", ({ role, action, allowed }) => {
    expect(canStaff(role, action)).toBe(allowed);
  });

  // Rows: the inviter; columns: the role invited. Admins invite up to editor, owners anyone.
  const invite: Record<Role, string> = {
    contributor: "NNNNN",
    author: "NNNNN",
    editor: "NNNNN",
    admin: "YYYNN",
    owner: "YYYYY",
  };
  it.each(cells(invite, (actor, granted, allowed) => ({ actor, granted, allowed })))(
    "$actor inviting a $granted: $allowed",
    ({ actor, granted, allowed }) => {
      expect(canStaff(actor, "invite", { grantedRole: granted })).toBe(allowed);
    },
  );

  // For each acting role: rows are the member's current role, columns the new role.
  const changeRole: Record<"admin" | "owner", { soleOwner: string[]; anotherOwner: string[] }> = {
    admin: {
      soleOwner: ["YYYNN", "YYYNN", "YYYNN", "YYYNN", "NNNNN"],
      anotherOwner: ["YYYNN", "YYYNN", "YYYNN", "YYYNN", "NNNNN"],
    },
    owner: {
      // Only the last owner's demotion is refused; keeping them an owner is a no-op that passes.
      soleOwner: ["YYYYY", "YYYYY", "YYYYY", "YYYYY", "NNNNY"],
      anotherOwner: ["YYYYY", "YYYYY", "YYYYY", "YYYYY", "YYYYY"],
    },
  };
  const changeRoleCases = ROLES.flatMap((actor) =>
    ROLES.flatMap((current, row) =>
      ROLES.flatMap((granted, column) =>
        ([0, 1] as const).map((otherOwners) => {
          const table = actor === "admin" || actor === "owner" ? changeRole[actor] : undefined;
          const grid = otherOwners === 0 ? table?.soleOwner : table?.anotherOwner;
          return { actor, current, granted, otherOwners, allowed: grid ? grid[row]![column] === "Y" : false };
        }),
      ),
    ),
  );
  it.each(changeRoleCases)(
    "$actor changing a $current to $granted with $otherOwners other owners: $allowed",
    ({ actor, current, granted, otherOwners, allowed }) => {
      expect(canStaff(actor, "changeRole", { currentRole: current, grantedRole: granted, otherOwners })).toBe(allowed);
    },
  );

  // Rows: the acting role; columns: the member's current role.
  const changeStatus: Record<string, Record<Role, string>> = {
    "enable, sole owner": { contributor: "NNNNN", author: "NNNNN", editor: "NNNNN", admin: "YYYYN", owner: "YYYYY" },
    "enable, another owner": {
      contributor: "NNNNN",
      author: "NNNNN",
      editor: "NNNNN",
      admin: "YYYYN",
      owner: "YYYYY",
    },
    "disable, sole owner": { contributor: "NNNNN", author: "NNNNN", editor: "NNNNN", admin: "YYYYN", owner: "YYYYN" },
    "disable, another owner": {
      contributor: "NNNNN",
      author: "NNNNN",
      editor: "NNNNN",
      admin: "YYYYN",
      owner: "YYYYY",
    },
  };
  const changeStatusCases = Object.entries(changeStatus).flatMap(([situation, rows]) =>
    cells(rows, (actor, current, allowed) => ({
      situation,
      actor,
      current,
      status: situation.startsWith("enable") ? ("active" as const) : ("disabled" as const),
      otherOwners: situation.endsWith("sole owner") ? 0 : 1,
      allowed,
    })),
  );
  it.each(changeStatusCases)(
    "$actor changing the status of a $current ($situation): $allowed",
    ({ actor, current, status, otherOwners, allowed }) => {
      expect(canStaff(actor, "changeStatus", { currentRole: current, status, otherOwners })).toBe(allowed);
    },
  );

  // Rows: the creator; columns: the token's role. A token is never stronger than its creator.
  const manageTokens: Record<Role, string> = {
    contributor: "NNNNN",
    author: "NNNNN",
    editor: "NNNNN",
    admin: "YYYYN",
    owner: "YYYYY",
  };
  it.each(cells(manageTokens, (actor, granted, allowed) => ({ actor, granted, allowed })))(
    "$actor creating a $granted token: $allowed",
    ({ actor, granted, allowed }) => {
      expect(canStaff(actor, "manageTokens", { grantedRole: granted })).toBe(allowed);
    },
  );

  // Rows: the creator's current role; columns: the token's role. A cell is the role the token acts with.
  const standing: Record<Role, string> = {
    contributor: "ccccc",
    author: "caaaa",
    editor: "caeee",
    admin: "caedd",
    owner: "caedo",
  };
  const LETTER: Record<string, Role> = { c: "contributor", a: "author", e: "editor", d: "admin", o: "owner" };
  it.each(
    ROLES.flatMap((creator) =>
      ROLES.map((token, column) => ({ creator, token, acts: LETTER[standing[creator][column]!]! })),
    ),
  )("a $token token of an active $creator acts as $acts", ({ creator, token, acts }) => {
    const result = tokenStanding(token, { role: creator, status: "active" }, true);
    expect(result).toEqual({ effectiveRole: acts, status: acts === token ? "active" : "limited" });
  });

  it.each(ROLES)("refuses a %s token whose creator is disabled", (role) => {
    expect(tokenStanding(role, { role: "owner", status: "disabled" }, true)).toEqual({
      status: "creator_disabled",
      effectiveRole: null,
    });
  });

  it("refuses a token without a creator once the newsroom has an owner, and not before", () => {
    expect(tokenStanding("editor", null, true)).toEqual({ status: "creator_unknown", effectiveRole: null });
    expect(tokenStanding("editor", null, false)).toEqual({ status: "active", effectiveRole: "editor" });
  });

  // Rows: the newsroom's requirement; columns: the member's role.
  const twoFactor: Record<TwoFactorRequirement, string> = {
    none: "NNNNN",
    editors_and_owners: "NNYYY",
    all_staff: "YYYYY",
  };
  it.each(
    TWO_FACTOR_REQUIREMENTS.flatMap((requirement) =>
      ROLES.map((role, i) => ({ requirement, role, required: yes(twoFactor[requirement])[i]! })),
    ),
  )("under $requirement, a $role must use two-factor sign-in: $required", ({ requirement, role, required }) => {
    expect(requiresTwoFactor(requirement, role)).toBe(required);
  });
});
