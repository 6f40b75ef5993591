import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStaffMember, TEST_PASSWORD } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const HOUR = 3_600_000;

describe.each(DIALECTS)("staff service on %s", (dialect) => {
  let t: TestApp;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date("2026-05-04T09:00:00.000Z");
    t = await startTestApp(dialect, { now: () => clock });
  });
  afterEach(async () => t.close());

  describe("owner setup link at boot", () => {
    it("makes a 24-hour link when the newsroom has no owner, storing only its hash", async () => {
      const result = await t.services.staff.ensureOwnerSetupLink();
      expect(result).toEqual({
        kind: "created",
        url: expect.stringMatching(/^https:\/\/news\.example\/admin\/setup#token=[\w-]{43}$/),
        expiresAt: "2026-05-05T09:00:00.000Z",
      });
      const token = result.kind === "created" ? result.url.split("#token=")[1]! : "";
      const rows = await t.database.db.selectFrom("staff_links").selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ purpose: "owner_setup", used_at: null });
      expect(rows[0]!.token_hash).not.toBe(token);
    });

    it("makes no second link while the first can still be used", async () => {
      await t.services.staff.ensureOwnerSetupLink();
      expect(await t.services.staff.ensureOwnerSetupLink()).toEqual({ kind: "pending" });
    });

    it("makes a new link once the old one has expired", async () => {
      await t.services.staff.ensureOwnerSetupLink();
      clock = new Date(clock.getTime() + 24 * HOUR + 1);
      expect((await t.services.staff.ensureOwnerSetupLink()).kind).toBe("created");
    });

    it("makes none once an owner exists", async () => {
      await createStaffMember(t.services, { role: "owner" });
      expect(await t.services.staff.ensureOwnerSetupLink()).toEqual({ kind: "not_needed" });
      expect(await t.database.db.selectFrom("staff_links").selectAll().execute()).toEqual([]);
    });
  });

  describe("create", () => {
    it("without a password, returns a one-time link to set one", async () => {
      const result = await t.services.staff.create({ email: "Cli@News.Example", name: "Cli User", role: "admin" });
      expect(result.staff).toMatchObject({ email: "cli@news.example", role: "admin" });
      expect(result.passwordLink?.url).toMatch(/^https:\/\/news\.example\/admin\/reset-password#token=/);
      const token = result.passwordLink!.url.split("#token=")[1]!;
      await t.services.auth.completePasswordReset({ token, password: TEST_PASSWORD });
      const signedIn = await t.services.auth.login(
        { email: "cli@news.example", password: TEST_PASSWORD },
        { ip: "127.0.0.1", userAgent: null },
      );
      expect(signedIn.staff.id).toBe(result.staff.id);
    });

    it("refuses a duplicate address with conflict", async () => {
      await createStaffMember(t.services, { email: "dup@news.example" });
      await expect(
        t.services.staff.create({ email: "DUP@news.example", name: "Again", role: "author", password: TEST_PASSWORD }),
      ).rejects.toMatchObject({ code: "conflict" });
    });
  });

  it("keeps the last active owner even when the policy was bypassed by a race", async () => {
    const owner = await createStaffMember(t.services, { role: "owner" });
    await expect(t.services.staff.update(owner.id, { role: "admin" })).rejects.toMatchObject({ code: "conflict" });
    await expect(t.services.staff.update(owner.id, { status: "disabled" })).rejects.toMatchObject({ code: "conflict" });
    const other = await createStaffMember(t.services, { role: "owner" });
    await t.services.staff.update(other.id, { status: "disabled" });
    await expect(t.services.staff.update(owner.id, { role: "editor" })).rejects.toMatchObject({ code: "conflict" });
  });
});
