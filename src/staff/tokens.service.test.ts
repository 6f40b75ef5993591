import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStaffMember } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("integration tokens on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect);
  });
  afterEach(async () => t.close());

  describe("made at the command line", () => {
    it("act for the first active owner by default", async () => {
      const owner = await createStaffMember(t.services, { role: "owner" });
      const created = await t.services.tokens.createForCli({ name: "Wire", role: "editor" });
      expect(created.creator?.id).toBe(owner.id);
      expect(await t.services.tokens.authenticate(created.token)).toMatchObject({ staffId: owner.id, role: "editor" });
    });

    it("act for the member named with --as, never above that member's role", async () => {
      const editor = await createStaffMember(t.services, { role: "editor", email: "ed@news.example" });
      const created = await t.services.tokens.createForCli({
        name: "Wire",
        role: "author",
        asEmail: "Ed@News.Example",
      });
      expect(created.creator?.id).toBe(editor.id);
      await expect(
        t.services.tokens.createForCli({ name: "Wire", role: "admin", asEmail: "ed@news.example" }),
      ).rejects.toMatchObject({ code: "role_above_own" });
      await expect(
        t.services.tokens.createForCli({ name: "Wire", role: "author", asEmail: "nobody@news.example" }),
      ).rejects.toMatchObject({ code: "not_found" });
    });

    it("act for nobody before there is an owner, and for the first owner once there is one", async () => {
      const created = await t.services.tokens.createForCli({ name: "Wire", role: "editor" });
      expect(created).toMatchObject({ creator: null, status: "active", effectiveRole: "editor" });
      expect(await t.services.tokens.authenticate(created.token)).toMatchObject({ staffId: null, role: "editor" });
      const owner = await createStaffMember(t.services, { role: "owner" });
      const [listed] = await t.services.tokens.list();
      expect(listed).toMatchObject({ status: "active", creator: { id: owner.id } });
    });
  });

  it("refuses a token whose creator row is gone while the newsroom has an owner", async () => {
    const owner = await createStaffMember(t.services, { role: "owner" });
    const created = await t.services.tokens.create({ name: "Wire", role: "editor", createdBy: owner.id });
    // Nothing in Gazette deletes staff, but a hand-edited database can leave a token naming nobody.
    await t.database.db.updateTable("staff_tokens").set({ created_by: null }).execute();
    expect(await t.services.tokens.authenticate(created.token)).toBeNull();
    expect((await t.services.tokens.list())[0]).toMatchObject({ status: "creator_unknown", effectiveRole: null });
  });

  it("refuses to create a token above its creator's role or for a disabled creator", async () => {
    const editor = await createStaffMember(t.services, { role: "editor" });
    await expect(t.services.tokens.create({ name: "Wire", role: "admin", createdBy: editor.id })).rejects.toMatchObject(
      { code: "role_above_own" },
    );
    await t.services.staff.update(editor.id, { status: "disabled" });
    await expect(
      t.services.tokens.create({ name: "Wire", role: "author", createdBy: editor.id }),
    ).rejects.toMatchObject({ code: "unauthorized" });
  });
});
