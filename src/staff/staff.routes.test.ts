import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Browser, createStaffMember, createToken, signIn, TEST_PASSWORD } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("staff and tokens API on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect);
  });
  afterEach(async () => t.close());

  const as = (browser: Browser, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    t.app.inject({ method, url: `/admin/api${url}`, headers: browser.headers, ...(payload ? { payload } : {}) });

  describe("GET /staff", () => {
    it("lists everyone for admins and owners", async () => {
      const admin = await t.signInAs("admin");
      const editor = await createStaffMember(t.services, { role: "editor" });
      const response = await as(admin, "GET", "/staff");
      expect(response.statusCode).toBe(200);
      const items = response.json().items as { id: number; status: string }[];
      expect(items.map((item) => item.id).sort()).toEqual([admin.staff.id, editor.id].sort());
      expect(items[0]).not.toHaveProperty("password_hash");
      expect((await as(await t.signInAs("owner"), "GET", "/staff")).statusCode).toBe(200);
    });

    it("is forbidden below admin and needs a sign-in", async () => {
      for (const role of ["contributor", "author", "editor"] as const) {
        const response = await as(await t.signInAs(role), "GET", "/staff");
        expect(response.statusCode).toBe(403);
        expect(response.json().code).toBe("forbidden");
      }
      const anonymous = await t.app.inject({ url: "/admin/api/staff" });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe("unauthorized");
    });
  });

  describe("POST /staff/invitations", () => {
    it("mails a single-use link and answers its id and expiry", async () => {
      const admin = await t.signInAs("admin");
      const response = await as(admin, "POST", "/staff/invitations", { email: "New@News.Example", role: "editor" });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ id: expect.any(Number), expiresAt: expect.any(String) });
      const mail = await t.database.db.selectFrom("mail_outbox").selectAll().execute();
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({
        to: "new@news.example",
        subject: "You are invited to the news.example newsroom",
      });
      expect(mail[0]!.text).toContain(`${admin.staff.name} has invited you`);
      expect(mail[0]!.text).toContain("as an editor");
      expect(mail[0]!.text).toMatch(/https:\/\/news\.example\/admin\/invitation#token=[\w-]{43}\n/);
      const link = await t.database.db.selectFrom("staff_links").selectAll().executeTakeFirstOrThrow();
      expect(mail[0]!.text).not.toContain(link.token_hash);
    });

    it("lets admins invite up to editor and owners anyone", async () => {
      const admin = await t.signInAs("admin");
      const refused = await as(admin, "POST", "/staff/invitations", { email: "a@news.example", role: "admin" });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe("forbidden");
      const owner = await t.signInAs("owner");
      expect(
        (await as(owner, "POST", "/staff/invitations", { email: "a@news.example", role: "owner" })).statusCode,
      ).toBe(201);
      const editor = await t.signInAs("editor");
      expect(
        (await as(editor, "POST", "/staff/invitations", { email: "b@news.example", role: "contributor" })).statusCode,
      ).toBe(403);
    });

    it("refuses an address that already has an account", async () => {
      const admin = await t.signInAs("admin");
      const member = await createStaffMember(t.services);
      const response = await as(admin, "POST", "/staff/invitations", {
        email: member.email.toUpperCase(),
        role: "author",
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe("conflict");
    });

    it.each([
      ["a bad email", { email: "nope", role: "author" }],
      ["an unknown role", { email: "a@news.example", role: "chief" }],
      ["a missing role", { email: "a@news.example" }],
      ["a numeric email", { email: 7, role: "author" }],
    ])("refuses %s with validation_failed", async (_, payload) => {
      const response = await as(await t.signInAs("owner"), "POST", "/staff/invitations", payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("validation_failed");
    });
  });

  describe("PATCH /staff/:id", () => {
    it("changes a role and a status", async () => {
      const admin = await t.signInAs("admin");
      const member = await createStaffMember(t.services, { role: "contributor" });
      const promoted = await as(admin, "PATCH", `/staff/${member.id}`, { role: "author" });
      expect(promoted.statusCode).toBe(200);
      expect(promoted.json()).toMatchObject({ id: member.id, role: "author", status: "active" });
      const disabled = await as(admin, "PATCH", `/staff/${member.id}`, { status: "disabled" });
      expect(disabled.json()).toMatchObject({ role: "author", status: "disabled" });
    });

    it("signs a disabled member out at once", async () => {
      const admin = await t.signInAs("admin");
      const member = await createStaffMember(t.services);
      const browser = await signIn(t.app, member);
      await as(admin, "PATCH", `/staff/${member.id}`, { status: "disabled" });
      expect(
        (await t.app.inject({ url: "/admin/api/auth/session", headers: { cookie: browser.cookie } })).statusCode,
      ).toBe(401);
      expect(
        await t.database.db.selectFrom("staff_sessions").selectAll().where("staff_id", "=", member.id).execute(),
      ).toEqual([]);
    });

    it("keeps admins off owners and away from granting admin", async () => {
      const admin = await t.signInAs("admin");
      const owner = await createStaffMember(t.services, { role: "owner" });
      const editor = await createStaffMember(t.services, { role: "editor" });
      expect((await as(admin, "PATCH", `/staff/${owner.id}`, { status: "disabled" })).json().code).toBe("forbidden");
      expect((await as(admin, "PATCH", `/staff/${editor.id}`, { role: "admin" })).json().code).toBe("forbidden");
    });

    it("never demotes or disables the last owner", async () => {
      const owner = await t.signInAs("owner");
      const demote = await as(owner, "PATCH", `/staff/${owner.staff.id}`, { role: "admin" });
      expect(demote.statusCode).toBe(403);
      expect((await as(owner, "PATCH", `/staff/${owner.staff.id}`, { status: "disabled" })).statusCode).toBe(403);
      const second = await createStaffMember(t.services, { role: "owner" });
      expect((await as(owner, "PATCH", `/staff/${second.id}`, { role: "admin" })).statusCode).toBe(200);
    });

    it("is forbidden below admin before revealing whether the id exists", async () => {
      const editor = await t.signInAs("editor");
      const response = await as(editor, "PATCH", "/staff/999999", { role: "author" });
      expect(response.statusCode).toBe(403);
    });

    it("answers 404 for an unknown id and 400 for bad input", async () => {
      const owner = await t.signInAs("owner");
      const member = await createStaffMember(t.services);
      const unknown = await as(owner, "PATCH", "/staff/999999", { role: "author" });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe("not_found");
      for (const [url, payload] of [
        ["/staff/abc", { role: "author" }],
        ["/staff/0", { role: "author" }],
        [`/staff/${member.id}`, {}],
        [`/staff/${member.id}`, { role: "chief" }],
        [`/staff/${member.id}`, { status: "gone" }],
        [`/staff/${member.id}`, { role: ["author"] }],
      ] as const) {
        const response = await as(owner, "PATCH", url, payload);
        expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
        expect(response.json().code).toBe("validation_failed");
      }
    });

    it("needs the CSRF token with a cookie", async () => {
      const owner = await t.signInAs("owner");
      const member = await createStaffMember(t.services);
      const response = await t.app.inject({
        method: "PATCH",
        url: `/admin/api/staff/${member.id}`,
        headers: { cookie: owner.cookie },
        payload: { role: "author" },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe("csrf_failed");
    });
  });

  describe("POST /staff/transfer-ownership", () => {
    it("makes the other member owner and the former owner admin", async () => {
      const owner = await t.signInAs("owner");
      const heir = await createStaffMember(t.services, { role: "editor" });
      const response = await as(owner, "POST", "/staff/transfer-ownership", {
        staffId: heir.id,
        password: TEST_PASSWORD,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: heir.id, role: "owner" });
      const session = await t.app.inject({ url: "/admin/api/auth/session", headers: { cookie: owner.cookie } });
      expect(session.json().staff.role).toBe("admin");
    });

    it("needs the owner's password", async () => {
      const owner = await t.signInAs("owner");
      const heir = await createStaffMember(t.services);
      const response = await as(owner, "POST", "/staff/transfer-ownership", {
        staffId: heir.id,
        password: "not the password",
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe("invalid_credentials");
    });

    it("is for owners only, signed in with a password", async () => {
      const admin = await t.signInAs("admin");
      const heir = await createStaffMember(t.services);
      const body = { staffId: heir.id, password: TEST_PASSWORD };
      expect((await as(admin, "POST", "/staff/transfer-ownership", body)).json().code).toBe("forbidden");
      const ownerToken = await createToken(t.services, "owner");
      const byToken = await t.app.inject({
        method: "POST",
        url: "/admin/api/staff/transfer-ownership",
        headers: { authorization: `Bearer ${ownerToken}` },
        payload: body,
      });
      expect(byToken.statusCode).toBe(403);
    });

    it("refuses an unknown member, oneself, and bad input", async () => {
      const owner = await t.signInAs("owner");
      const unknown = await as(owner, "POST", "/staff/transfer-ownership", {
        staffId: 999999,
        password: TEST_PASSWORD,
      });
      expect(unknown.statusCode).toBe(404);
      const self = await as(owner, "POST", "/staff/transfer-ownership", {
        staffId: owner.staff.id,
        password: TEST_PASSWORD,
      });
      expect(self.json().code).toBe("validation_failed");
      const bad = await as(owner, "POST", "/staff/transfer-ownership", { staffId: "someone", password: TEST_PASSWORD });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe("tokens", () => {
    it("creates a token shown once, which then works as a bearer with its role", async () => {
      const admin = await t.signInAs("admin");
      const created = await as(admin, "POST", "/tokens", { name: "Newswire importer", role: "author" });
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json() as { id: number; token: string };
      expect(token).toMatch(/^gzt_[\w-]{43}$/);
      const stored = await t.database.db.selectFrom("staff_tokens").selectAll().executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(token.slice(4));
      expect(stored.created_by).toBe(admin.staff.id);

      const asToken = await t.app.inject({ url: "/admin/api/staff", headers: { authorization: `Bearer ${token}` } });
      expect(asToken.statusCode).toBe(403); // an author token may not list staff

      const list = await as(admin, "GET", "/tokens");
      expect(list.json().items).toEqual([
        {
          id,
          name: "Newswire importer",
          role: "author",
          effectiveRole: "author",
          status: "active",
          creator: {
            id: admin.staff.id,
            name: admin.staff.name,
            email: admin.staff.email,
            role: "admin",
            status: "active",
          },
          createdAt: expect.any(String),
          lastUsedAt: expect.any(String),
        },
      ]);
      expect(list.body).not.toContain(token);
    });

    it("stops working once revoked", async () => {
      const admin = await t.signInAs("admin");
      const token = await createToken(t.services, "admin", admin.staff.id);
      const bearer = { authorization: `Bearer ${token}` };
      expect((await t.app.inject({ url: "/admin/api/staff", headers: bearer })).statusCode).toBe(200);
      const id = (await as(admin, "GET", "/tokens")).json().items[0].id as number;
      expect((await as(admin, "DELETE", `/tokens/${id}`)).statusCode).toBe(204);
      expect((await t.app.inject({ url: "/admin/api/staff", headers: bearer })).statusCode).toBe(401);
      expect((await as(admin, "GET", "/tokens")).json().items).toEqual([]);
      const again = await as(admin, "DELETE", `/tokens/${id}`);
      expect(again.statusCode).toBe(404);
      expect(again.json().code).toBe("not_found");
    });

    it("never makes a token stronger than its creator", async () => {
      const admin = await t.signInAs("admin");
      const refused = await as(admin, "POST", "/tokens", { name: "Too strong", role: "owner" });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe("role_above_own");
      expect((await as(admin, "POST", "/tokens", { name: "Peer", role: "admin" })).statusCode).toBe(201);
    });

    it("refuses a token at once when its creator is disabled, even to re-enable the creator", async () => {
      const owner = await t.signInAs("owner");
      const admin = await t.signInAs("admin");
      const { token } = (await as(admin, "POST", "/tokens", { name: "Script", role: "admin" })).json() as {
        token: string;
      };
      const bearer = { authorization: `Bearer ${token}` };
      expect((await t.app.inject({ url: "/admin/api/staff", headers: bearer })).statusCode).toBe(200);
      expect((await as(owner, "PATCH", `/staff/${admin.staff.id}`, { status: "disabled" })).statusCode).toBe(200);

      const read = await t.app.inject({ url: "/admin/api/staff", headers: bearer });
      expect(read.statusCode).toBe(401);
      expect(read.json().code).toBe("unauthorized");
      const revive = await t.app.inject({
        method: "PATCH",
        url: `/admin/api/staff/${admin.staff.id}`,
        headers: bearer,
        payload: { status: "active" },
      });
      expect(revive.statusCode).toBe(401);
      const mint = await t.app.inject({
        method: "POST",
        url: "/admin/api/tokens",
        headers: bearer,
        payload: { name: "Another", role: "admin" },
      });
      expect(mint.statusCode).toBe(401);
      const [listed] = (await as(owner, "GET", "/tokens")).json().items as { status: string; effectiveRole: null }[];
      expect(listed).toMatchObject({
        status: "creator_disabled",
        effectiveRole: null,
        creator: { status: "disabled" },
      });
    });

    it("acts with no more than its creator's current role once the creator is demoted", async () => {
      const owner = await t.signInAs("owner");
      const admin = await t.signInAs("admin");
      const { token } = (await as(admin, "POST", "/tokens", { name: "Script", role: "admin" })).json() as {
        token: string;
      };
      const bearer = { authorization: `Bearer ${token}` };
      expect((await as(owner, "PATCH", `/staff/${admin.staff.id}`, { role: "editor" })).statusCode).toBe(200);

      expect((await t.app.inject({ url: "/admin/api/staff", headers: bearer })).statusCode).toBe(403);
      const mint = await t.app.inject({
        method: "POST",
        url: "/admin/api/tokens",
        headers: bearer,
        payload: { name: "Another", role: "admin" },
      });
      expect(mint.statusCode).toBe(403);
      const invite = await t.app.inject({
        method: "POST",
        url: "/admin/api/staff/invitations",
        headers: bearer,
        payload: { email: "friend@news.example", role: "editor" },
      });
      expect(invite.statusCode).toBe(403);
      // What an editor may do, it still may.
      expect((await t.app.inject({ url: "/admin/api/articles", headers: bearer })).statusCode).toBe(200);

      const [listed] = (await as(owner, "GET", "/tokens")).json().items as object[];
      expect(listed).toMatchObject({ role: "admin", effectiveRole: "editor", status: "limited" });

      expect((await as(owner, "PATCH", `/staff/${admin.staff.id}`, { role: "admin" })).statusCode).toBe(200);
      expect((await t.app.inject({ url: "/admin/api/staff", headers: bearer })).statusCode).toBe(200);
    });

    it("gives a token made by a token the same creator", async () => {
      const admin = await t.signInAs("admin");
      const token = await createToken(t.services, "admin", admin.staff.id);
      const made = await t.app.inject({
        method: "POST",
        url: "/admin/api/tokens",
        headers: { authorization: `Bearer ${token}` },
        payload: { name: "Child", role: "editor" },
      });
      expect(made.statusCode).toBe(201);
      const items = (await as(admin, "GET", "/tokens")).json().items as { creator: { id: number } }[];
      expect(items.map((item) => item.creator.id)).toEqual([admin.staff.id, admin.staff.id]);
    });

    it("is forbidden below admin", async () => {
      const editor = await t.signInAs("editor");
      expect((await as(editor, "GET", "/tokens")).statusCode).toBe(403);
      expect((await as(editor, "POST", "/tokens", { name: "Mine", role: "contributor" })).statusCode).toBe(403);
      expect((await as(editor, "DELETE", "/tokens/1")).statusCode).toBe(403);
      expect((await t.app.inject({ url: "/admin/api/tokens" })).statusCode).toBe(401);
    });

    it("refuses bad input and unknown or malformed credentials", async () => {
      const admin = await t.signInAs("admin");
      for (const payload of [{ name: "", role: "author" }, { name: "X", role: "chief" }, { role: "author" }]) {
        expect((await as(admin, "POST", "/tokens", payload)).json().code).toBe("validation_failed");
      }
      expect((await as(admin, "DELETE", "/tokens/abc")).statusCode).toBe(400);
      expect((await as(admin, "DELETE", "/tokens/424242")).statusCode).toBe(404);
      for (const authorization of [
        "Bearer gzt_unknown",
        "Bearer",
        "Basic YWRhOnNlY3JldA==",
        "Bearer not-a-gazette-token",
      ]) {
        const response = await t.app.inject({ url: "/admin/api/tokens", headers: { authorization } });
        expect(response.statusCode, authorization).toBe(401);
      }
    });
  });
});
