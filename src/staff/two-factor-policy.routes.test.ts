import { Secret, TOTP } from "otpauth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Browser, createToken } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { Role } from "./actor.js";

describe.each(DIALECTS)("the newsroom's two-factor requirement on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect);
  });
  afterEach(async () => t.close());

  const getSettings = (browser: Browser) =>
    t.app.inject({ url: "/admin/api/staff/settings", headers: { cookie: browser.cookie } });
  const putSettings = (browser: Browser, payload: object) =>
    t.app.inject({ method: "PUT", url: "/admin/api/staff/settings", headers: browser.headers, payload });
  const session = (browser: Browser) =>
    t.app.inject({ url: "/admin/api/auth/session", headers: { cookie: browser.cookie } });
  const enableTwoFactor = async (browser: Browser) => {
    const setup = await t.app.inject({
      method: "POST",
      url: "/admin/api/auth/two-factor/setup",
      headers: browser.headers,
    });
    const code = new TOTP({ secret: Secret.fromBase32(setup.json().secret) }).generate();
    const enable = await t.app.inject({
      method: "POST",
      url: "/admin/api/auth/two-factor/enable",
      headers: browser.headers,
      payload: { code },
    });
    expect(enable.statusCode).toBe(200);
  };
  /** An owner with two-factor sign-in on, who may then require it. */
  const securedOwner = async () => {
    const owner = await t.signInAs("owner");
    await enableTwoFactor(owner);
    return owner;
  };
  const require2fa = async (requirement: string) => {
    const owner = await securedOwner();
    expect((await putSettings(owner, { requireTwoFactor: requirement })).statusCode).toBe(200);
  };

  describe("settings", () => {
    it("requires nothing until an owner says so", async () => {
      const admin = await t.signInAs("admin");
      const response = await getSettings(admin);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ requireTwoFactor: "none" });
    });

    it("lets an owner change it and keeps the change", async () => {
      const owner = await securedOwner();
      const put = await putSettings(owner, { requireTwoFactor: "editors_and_owners" });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toEqual({ requireTwoFactor: "editors_and_owners" });
      expect((await getSettings(owner)).json()).toEqual({ requireTwoFactor: "editors_and_owners" });
      await putSettings(owner, { requireTwoFactor: "none" });
      expect((await getSettings(owner)).json()).toEqual({ requireTwoFactor: "none" });
    });

    it.each(["contributor", "author", "editor", "admin"] as const)("refuses a change by a %s", async (role) => {
      const member = await t.signInAs(role);
      const response = await putSettings(member, { requireTwoFactor: "all_staff" });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe("forbidden");
    });

    it.each(["contributor", "author", "editor"] as const)("does not show the settings to a %s", async (role) => {
      const member = await t.signInAs(role);
      expect((await getSettings(member)).statusCode).toBe(403);
    });

    it("refuses to let an owner without two-factor require it of owners, which would shut them out", async () => {
      const owner = await t.signInAs("owner");
      for (const requirement of ["editors_and_owners", "all_staff"]) {
        const response = await putSettings(owner, { requireTwoFactor: requirement });
        expect(response.statusCode).toBe(409);
        expect(response.json().code).toBe("invalid_state");
      }
      expect((await getSettings(owner)).json()).toEqual({ requireTwoFactor: "none" });
    });

    it("refuses a value it does not know", async () => {
      const owner = await t.signInAs("owner");
      const response = await putSettings(owner, { requireTwoFactor: "sometimes" });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("validation_failed");
    });
  });

  describe("the gate", () => {
    it("tells a covered member without two-factor at sign-in and in the session", async () => {
      await require2fa("editors_and_owners");
      const editor = await t.signInAs("editor");
      const answer = await session(editor);
      expect(answer.statusCode).toBe(200);
      expect(answer.json().twoFactorSetupRequired).toBe(true);
      const author = await t.signInAs("author");
      expect((await session(author)).json().twoFactorSetupRequired).toBe(false);
    });

    it("answers every other admin API with two_factor_setup_required", async () => {
      await require2fa("editors_and_owners");
      const editor = await t.signInAs("editor");
      for (const [method, url] of [
        ["GET", "/admin/api/articles"],
        ["GET", "/admin/api/auth/sessions"],
        ["POST", "/admin/api/articles"],
        ["GET", "/admin/api/no-such-route"],
      ] as const) {
        const response = await t.app.inject({ method, url, headers: editor.headers, payload: {} });
        expect(response.statusCode, `${method} ${url}`).toBe(403);
        expect(response.json().code).toBe("two_factor_setup_required");
      }
    });

    it("leaves the members it does not cover alone", async () => {
      await require2fa("editors_and_owners");
      for (const role of ["contributor", "author"] as Role[]) {
        const member = await t.signInAs(role);
        expect(
          (await t.app.inject({ url: "/admin/api/articles", headers: { cookie: member.cookie } })).statusCode,
        ).toBe(200);
      }
    });

    it("covers every role under all_staff", async () => {
      await require2fa("all_staff");
      const contributor = await t.signInAs("contributor");
      const response = await t.app.inject({ url: "/admin/api/articles", headers: { cookie: contributor.cookie } });
      expect(response.json().code).toBe("two_factor_setup_required");
    });

    it("does not apply to integration tokens, which never sign in with a password", async () => {
      await require2fa("all_staff");
      const token = await createToken(t.services, "editor");
      const response = await t.app.inject({
        url: "/admin/api/articles",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(200);
    });

    it("lets the member set up two-factor sign-in (with a QR code) and then work", async () => {
      await require2fa("editors_and_owners");
      const editor = await t.signInAs("editor");
      const setup = await t.app.inject({
        method: "POST",
        url: "/admin/api/auth/two-factor/setup",
        headers: editor.headers,
      });
      expect(setup.statusCode).toBe(200);
      const { secret, qrCode } = setup.json() as { secret: string; qrCode: string };
      expect(qrCode).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox=/);
      expect(qrCode).toContain("<path");
      expect(qrCode).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
      const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
      const enable = await t.app.inject({
        method: "POST",
        url: "/admin/api/auth/two-factor/enable",
        headers: editor.headers,
        payload: { code },
      });
      expect(enable.statusCode).toBe(200);
      expect((await session(editor)).json().twoFactorSetupRequired).toBe(false);
      expect((await t.app.inject({ url: "/admin/api/articles", headers: { cookie: editor.cookie } })).statusCode).toBe(
        200,
      );
    });

    it("still lets the member sign out", async () => {
      await require2fa("all_staff");
      const author = await t.signInAs("author");
      const out = await t.app.inject({ method: "POST", url: "/admin/api/auth/logout", headers: author.headers });
      expect(out.statusCode).toBe(204);
      expect((await session(author)).statusCode).toBe(401);
    });

    it("lifts the gate when the owner relaxes the requirement", async () => {
      const owner = await securedOwner();
      await putSettings(owner, { requireTwoFactor: "all_staff" });
      const editor = await t.signInAs("editor");
      const blocked = await t.app.inject({ url: "/admin/api/articles", headers: { cookie: editor.cookie } });
      expect(blocked.json().code).toBe("two_factor_setup_required");
      expect((await putSettings(owner, { requireTwoFactor: "none" })).statusCode).toBe(200);
      expect((await t.app.inject({ url: "/admin/api/articles", headers: { cookie: editor.cookie } })).statusCode).toBe(
        200,
      );
    });
  });
});
