import { Secret, TOTP } from "otpauth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStaffMember, createToken, signIn, TEST_PASSWORD } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const HOUR = 3_600_000;

function outbox(t: TestApp) {
  return t.database.db.selectFrom("mail_outbox").selectAll().orderBy("id", "desc").execute();
}

/** The token of the newest link mailed to `to`. */
async function mailedToken(t: TestApp, to: string): Promise<string> {
  const message = (await outbox(t)).find((m) => m.to === to);
  const token = message?.text.match(/#token=([\w-]+)/)?.[1];
  if (!token) throw new Error(`no link mailed to ${to}`);
  return token;
}

describe.each(DIALECTS)("staff sign-in API on %s", (dialect) => {
  let t: TestApp;
  let clock: Date;
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  beforeEach(async () => {
    clock = new Date("2026-05-04T09:00:00.000Z");
    t = await startTestApp(dialect, { now: () => clock });
  });
  afterEach(async () => t.close());

  const login = (payload: unknown, remoteAddress = "203.0.113.7") =>
    t.app.inject({ method: "POST", url: "/admin/api/auth/login", payload: payload as object, remoteAddress });
  const session = (cookie: string) => t.app.inject({ url: "/admin/api/auth/session", headers: { cookie } });

  describe("login", () => {
    it("signs in with a hardened session cookie and returns the member and a CSRF token", async () => {
      const member = await createStaffMember(t.services, { email: "Ada@News.Example", role: "author" });
      const response = await login({ email: " ada@news.example ", password: TEST_PASSWORD });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        staff: { id: member.id, email: "ada@news.example", role: "author", twoFactor: false },
        csrfToken: expect.stringMatching(/^[\w-]{43}$/),
      });
      const header = String(response.headers["set-cookie"]);
      expect(header).toMatch(/^gazette_session=[\w-]{43};/);
      expect(header).toContain("HttpOnly");
      expect(header).toContain("SameSite=Lax");
      expect(header).toContain("Path=/");
      expect(header).toContain("Secure");
    });

    it("stores the session token only as its hash", async () => {
      const member = await createStaffMember(t.services);
      const browser = await signIn(t.app, member);
      const token = browser.cookie.split("=")[1]!;
      const rows = await t.database.db.selectFrom("staff_sessions").select("id").execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0]!.id).not.toContain(token);
    });

    it("answers a wrong password, an unknown address and a disabled account alike", async () => {
      const member = await createStaffMember(t.services);
      const disabled = await createStaffMember(t.services);
      await t.services.staff.update(disabled.id, { status: "disabled" });
      for (const payload of [
        { email: member.email, password: "not the password" },
        { email: "nobody@news.example", password: TEST_PASSWORD },
        { email: disabled.email, password: TEST_PASSWORD },
      ]) {
        const response = await login(payload);
        expect(response.statusCode).toBe(401);
        expect(response.json().code).toBe("invalid_credentials");
        expect(response.headers["set-cookie"]).toBeUndefined();
      }
    });

    it.each([
      ["a missing password", { email: "a@news.example" }],
      ["a missing email", { password: TEST_PASSWORD }],
      ["an object as password", { email: "a@news.example", password: { guess: 1 } }],
      ["an array as email", { email: ["a@news.example", "b@news.example"], password: TEST_PASSWORD }],
    ])("refuses %s with validation_failed", async (_, payload) => {
      const response = await login(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("validation_failed");
    });

    it("makes an account wait after five failures, doubling the wait, and a success clears it", async () => {
      const member = await createStaffMember(t.services);
      const wrong = { email: member.email, password: "not the password" };
      for (let i = 0; i < 5; i++) expect((await login(wrong)).statusCode).toBe(401);
      const limited = await login({ email: member.email, password: TEST_PASSWORD });
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: 2 } });
      expect(limited.headers["retry-after"]).toBe("2");
      advance(2000);
      expect((await login(wrong)).statusCode).toBe(401);
      expect((await login(wrong)).json().details).toEqual({ retryAfterSeconds: 4 });
      advance(4000);
      expect((await login({ email: member.email, password: TEST_PASSWORD })).statusCode).toBe(200);
      // The account's counter starts over; seen from a fresh address, one failure is just a failure.
      expect((await login(wrong, "198.51.100.1")).statusCode).toBe(401);
    });

    it("limits one address trying many accounts", async () => {
      for (let i = 0; i < 10; i++) {
        expect((await login({ email: `guess${i}@news.example`, password: "password123" })).statusCode).toBe(401);
      }
      const member = await createStaffMember(t.services);
      const fromSameAddress = await login({ email: member.email, password: TEST_PASSWORD });
      expect(fromSameAddress.statusCode).toBe(429);
      const fromElsewhere = await login({ email: member.email, password: TEST_PASSWORD }, "198.51.100.9");
      expect(fromElsewhere.statusCode).toBe(200);
    });

    it("lets the member in from another address while one address hammers the account", async () => {
      const member = await createStaffMember(t.services);
      const wrong = { email: member.email, password: "not the password" };
      for (let i = 0; i < 6; i++) await login(wrong, "203.0.113.66");
      expect((await login({ email: member.email, password: TEST_PASSWORD }, "203.0.113.66")).statusCode).toBe(429);
      expect((await login({ email: member.email, password: TEST_PASSWORD }, "198.51.100.20")).statusCode).toBe(200);
    });

    it("does not refuse a correct password because colleagues behind the same address mistyped", async () => {
      for (let i = 0; i < 3; i++) {
        const colleague = await createStaffMember(t.services);
        for (let j = 0; j < 4; j++) await login({ email: colleague.email, password: "typo" }, "192.0.2.1");
      }
      const member = await createStaffMember(t.services);
      expect((await login({ email: member.email, password: TEST_PASSWORD }, "192.0.2.1")).statusCode).toBe(200);
    });

    it("slows guessing one account from many addresses, past a higher ceiling", async () => {
      const member = await createStaffMember(t.services);
      for (let i = 0; i < 20; i++) await login({ email: member.email, password: "guess" }, `198.51.100.${100 + i}`);
      const limited = await login({ email: member.email, password: TEST_PASSWORD }, "192.0.2.200");
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe("rate_limited");
    });

    it("refuses a login posted from another site", async () => {
      const member = await createStaffMember(t.services);
      const response = await t.app.inject({
        method: "POST",
        url: "/admin/api/auth/login",
        payload: { email: member.email, password: TEST_PASSWORD },
        headers: { origin: "https://evil.example" },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe("csrf_failed");
    });
  });

  describe("session", () => {
    it("answers the signed-in member, and 401 without a cookie or with an unknown one", async () => {
      const member = await createStaffMember(t.services, { role: "contributor" });
      const browser = await signIn(t.app, member);
      const response = await session(browser.cookie);
      expect(response.statusCode).toBe(200);
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(response.json()).toEqual({
        staff: {
          id: member.id,
          email: member.email,
          name: member.name,
          role: "contributor",
          status: "active",
          twoFactor: false,
        },
        csrfToken: browser.csrfToken,
        twoFactorSetupRequired: false,
      });
      expect((await t.app.inject({ url: "/admin/api/auth/session" })).json().code).toBe("unauthorized");
      expect((await session("gazette_session=made-up")).statusCode).toBe(401);
    });

    it("is not for integration tokens", async () => {
      const token = await createToken(t.services, "admin");
      const response = await t.app.inject({
        url: "/admin/api/auth/session",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe("forbidden");
    });

    it("ends after 12 idle hours, and use keeps it alive", async () => {
      const browser = await signIn(t.app, await createStaffMember(t.services));
      advance(11 * HOUR);
      expect((await session(browser.cookie)).statusCode).toBe(200);
      advance(11 * HOUR);
      expect((await session(browser.cookie)).statusCode).toBe(200);
      advance(12 * HOUR + 1000);
      expect((await session(browser.cookie)).statusCode).toBe(401);
    });

    it("ends 14 days after sign-in however busy", async () => {
      const browser = await signIn(t.app, await createStaffMember(t.services));
      let elapsedHours = 0;
      while (elapsedHours + 11 < 14 * 24) {
        advance(11 * HOUR);
        elapsedHours += 11;
        expect((await session(browser.cookie)).statusCode).toBe(200);
      }
      // Idle for less than 12 hours, but past the 14 days.
      advance((14 * 24 - elapsedHours) * HOUR + 1000);
      expect((await session(browser.cookie)).statusCode).toBe(401);
    });

    it("ends when the member is disabled", async () => {
      const member = await createStaffMember(t.services);
      const browser = await signIn(t.app, member);
      await t.database.db.updateTable("staff").set({ status: "disabled" }).where("id", "=", member.id).execute();
      expect((await session(browser.cookie)).statusCode).toBe(401);
    });
  });

  describe("CSRF", () => {
    const setup2fa = (headers: Record<string, string>) =>
      t.app.inject({ method: "POST", url: "/admin/api/auth/two-factor/setup", headers });

    it("refuses a cookie request without the header, with a wrong one, or from another origin", async () => {
      const browser = await signIn(t.app, await createStaffMember(t.services));
      const attempts: Record<string, string>[] = [
        { cookie: browser.cookie },
        { cookie: browser.cookie, "x-csrf-token": "wrong" },
        { cookie: browser.cookie, "x-csrf-token": `${browser.csrfToken}x` },
        { ...browser.headers, origin: "https://evil.example" },
        { ...browser.headers, origin: "null" },
      ];
      for (const headers of attempts) {
        const response = await setup2fa(headers);
        expect(response.statusCode).toBe(403);
        expect(response.json().code).toBe("csrf_failed");
      }
    });

    it("accepts the header with the site's origin, the request's own origin, or no origin", async () => {
      const browser = await signIn(t.app, await createStaffMember(t.services));
      expect((await setup2fa({ ...browser.headers, origin: "https://news.example" })).statusCode).toBe(200);
      expect((await setup2fa({ ...browser.headers, origin: "http://localhost:80" })).statusCode).toBe(200);
      expect((await setup2fa(browser.headers)).statusCode).toBe(200);
    });

    it("does not apply to bearer tokens", async () => {
      const token = await createToken(t.services, "admin");
      const response = await t.app.inject({
        method: "POST",
        url: "/admin/api/tokens",
        headers: { authorization: `Bearer ${token}` },
        payload: { name: "Newswire", role: "author" },
      });
      expect(response.statusCode).toBe(201);
    });

    it("does not let a stale cookie stand in for a bad bearer token", async () => {
      const browser = await signIn(t.app, await createStaffMember(t.services, { role: "admin" }));
      const response = await t.app.inject({
        url: "/admin/api/staff",
        headers: { cookie: browser.cookie, authorization: "Bearer gzt_not-a-token" },
      });
      expect(response.statusCode).toBe(401);
    });
  });

  describe("logout", () => {
    it("ends the session and clears the cookie", async () => {
      const browser = await signIn(t.app, await createStaffMember(t.services));
      const response = await t.app.inject({ method: "POST", url: "/admin/api/auth/logout", headers: browser.headers });
      expect(response.statusCode).toBe(204);
      expect(String(response.headers["set-cookie"])).toMatch(/gazette_session=;/);
      expect((await session(browser.cookie)).statusCode).toBe(401);
    });

    it("needs the CSRF token, so another site cannot sign a member out", async () => {
      const browser = await signIn(t.app, await createStaffMember(t.services));
      const response = await t.app.inject({
        method: "POST",
        url: "/admin/api/auth/logout",
        headers: { cookie: browser.cookie },
      });
      expect(response.json().code).toBe("csrf_failed");
      expect((await session(browser.cookie)).statusCode).toBe(200);
    });
  });

  describe("owner setup", () => {
    const setup = (payload: object) => t.app.inject({ method: "POST", url: "/admin/api/auth/setup", payload });
    const ownerSetupToken = async () => {
      const result = await t.services.staff.ensureOwnerSetupLink();
      if (result.kind !== "created") throw new Error("expected a new link");
      return result.url.split("#token=")[1]!;
    };
    const owner = { email: "Owner@News.Example", name: "Olena Owner", password: TEST_PASSWORD };

    it("creates the first owner and signs them in", async () => {
      const response = await setup({ token: await ownerSetupToken(), ...owner });
      expect(response.statusCode).toBe(201);
      expect(response.json().staff).toMatchObject({ email: "owner@news.example", role: "owner", name: "Olena Owner" });
      expect(String(response.headers["set-cookie"])).toContain("gazette_session=");
    });

    it("works once", async () => {
      const token = await ownerSetupToken();
      expect((await setup({ token, ...owner })).statusCode).toBe(201);
      const again = await setup({ token, ...owner, email: "second@news.example" });
      expect(again.statusCode).toBe(410);
      expect(again.json().code).toBe("link_used");
    });

    it("refuses an unknown token with invalid_link and an expired one with link_expired", async () => {
      const unknown = await setup({ token: "made-up", ...owner });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().code).toBe("invalid_link");
      const token = await ownerSetupToken();
      advance(24 * HOUR + 1000);
      const expired = await setup({ token, ...owner });
      expect(expired.statusCode).toBe(410);
      expect(expired.json().code).toBe("link_expired");
    });

    it("refuses a short password without using up the link", async () => {
      const token = await ownerSetupToken();
      const weak = await setup({ token, ...owner, password: "short" });
      expect(weak.statusCode).toBe(400);
      expect(weak.json()).toMatchObject({ code: "validation_failed", message: expect.stringContaining("10") });
      const tooLong = await setup({ token, ...owner, password: "x".repeat(201) });
      expect(tooLong.json().code).toBe("validation_failed");
      expect((await setup({ token, ...owner })).statusCode).toBe(201);
    });

    it.each([
      ["a bad email", { email: "not-an-email" }],
      ["a blank name", { name: "   " }],
      ["a numeric token", { token: 42 }],
    ])("refuses %s with validation_failed", async (_, change) => {
      const response = await setup({ token: await ownerSetupToken(), ...owner, ...change });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("validation_failed");
    });

    it("does not take an invitation token", async () => {
      await createStaffMember(t.services, { role: "owner", email: "first@news.example" });
      await t.services.staff.invite({ email: "new@news.example", role: "editor", inviter: "First" });
      const response = await setup({ token: await mailedToken(t, "new@news.example"), ...owner });
      expect(response.json().code).toBe("invalid_link");
    });
  });

  describe("invitations", () => {
    const accept = (payload: object) =>
      t.app.inject({ method: "POST", url: "/admin/api/auth/invitations/accept", payload });

    it("lets the invited person join with the invited role, once", async () => {
      await t.services.staff.invite({ email: "reporter@news.example", role: "author", inviter: "Ed Itor" });
      const token = await mailedToken(t, "reporter@news.example");
      const response = await accept({ token, name: "Rita Reporter", password: TEST_PASSWORD });
      expect(response.statusCode).toBe(201);
      expect(response.json().staff).toMatchObject({ email: "reporter@news.example", role: "author" });
      const again = await accept({ token, name: "Rita Reporter", password: TEST_PASSWORD });
      expect(again.statusCode).toBe(410);
      expect(again.json().code).toBe("link_used");
    });

    it("expires after a week", async () => {
      await t.services.staff.invite({ email: "late@news.example", role: "author", inviter: "Ed Itor" });
      const token = await mailedToken(t, "late@news.example");
      advance(7 * 24 * HOUR + 1000);
      const response = await accept({ token, name: "Late Larry", password: TEST_PASSWORD });
      expect(response.statusCode).toBe(410);
      expect(response.json().code).toBe("link_expired");
    });

    it("refuses missing fields and unknown tokens", async () => {
      expect((await accept({ token: "x", name: "N" })).json().code).toBe("validation_failed");
      const unknown = await accept({ token: "made-up", name: "N", password: TEST_PASSWORD });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().code).toBe("invalid_link");
    });
  });

  describe("password reset", () => {
    const request = (email: string) =>
      t.app.inject({ method: "POST", url: "/admin/api/auth/password-reset", payload: { email } });
    const complete = (payload: object) =>
      t.app.inject({ method: "POST", url: "/admin/api/auth/password-reset/complete", payload });

    it("answers the same for known and unknown addresses, and mails only the known one", async () => {
      const member = await createStaffMember(t.services);
      const known = await request(member.email.toUpperCase());
      const unknown = await request("nobody@news.example");
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(known.body).toBe(unknown.body);
      const mail = await outbox(t);
      expect(mail.map((m) => m.to)).toEqual([member.email]);
      expect(mail[0]?.text).toContain("https://news.example/admin/reset-password#token=");
    });

    it("sets the new password, once, and signs the member out everywhere", async () => {
      const member = await createStaffMember(t.services);
      const browser = await signIn(t.app, member);
      await request(member.email);
      const token = await mailedToken(t, member.email);
      const newPassword = "a brand new passphrase";
      expect((await complete({ token, password: newPassword })).statusCode).toBe(204);
      expect((await session(browser.cookie)).statusCode).toBe(401);
      expect((await login({ email: member.email, password: TEST_PASSWORD })).statusCode).toBe(401);
      expect((await login({ email: member.email, password: newPassword })).statusCode).toBe(200);
      const again = await complete({ token, password: "yet another passphrase" });
      expect(again.statusCode).toBe(410);
      expect(again.json().code).toBe("link_used");
    });

    it("expires after an hour", async () => {
      const member = await createStaffMember(t.services);
      await request(member.email);
      const token = await mailedToken(t, member.email);
      advance(HOUR + 1000);
      const response = await complete({ token, password: "a brand new passphrase" });
      expect(response.statusCode).toBe(410);
      expect(response.json().code).toBe("link_expired");
    });

    it("refuses bad input", async () => {
      expect((await request("not-an-email")).statusCode).toBe(400);
      expect((await complete({ token: "made-up", password: "a brand new passphrase" })).json().code).toBe(
        "invalid_link",
      );
      expect((await complete({ password: "a brand new passphrase" })).json().code).toBe("validation_failed");
    });

    it("stops mailing one address after a few requests", async () => {
      const member = await createStaffMember(t.services);
      for (let i = 0; i < 8; i++) expect((await request(member.email)).statusCode).toBe(202);
      expect(await outbox(t)).toHaveLength(5);
    });
  });

  describe("sessions", () => {
    it("lists the member's live sessions and revokes one", async () => {
      const member = await createStaffMember(t.services);
      const laptop = await signIn(t.app, member);
      const phone = await signIn(t.app, member);
      await signIn(t.app, await createStaffMember(t.services));
      const list = await t.app.inject({ url: "/admin/api/auth/sessions", headers: { cookie: laptop.cookie } });
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { id: string; current: boolean }[];
      expect(items).toHaveLength(2);
      const other = items.find((item) => !item.current)!;
      expect(items.filter((item) => item.current)).toHaveLength(1);
      const revoke = await t.app.inject({
        method: "DELETE",
        url: `/admin/api/auth/sessions/${other.id}`,
        headers: laptop.headers,
      });
      expect(revoke.statusCode).toBe(204);
      expect((await session(phone.cookie)).statusCode).toBe(401);
      expect((await session(laptop.cookie)).statusCode).toBe(200);
    });

    it("does not revoke another member's session, an unknown one, or a malformed id", async () => {
      const mine = await signIn(t.app, await createStaffMember(t.services));
      const theirs = await signIn(t.app, await createStaffMember(t.services));
      const theirList = await t.app.inject({ url: "/admin/api/auth/sessions", headers: { cookie: theirs.cookie } });
      const theirId = theirList.json().items[0].id as string;
      const attempt = await t.app.inject({
        method: "DELETE",
        url: `/admin/api/auth/sessions/${theirId}`,
        headers: mine.headers,
      });
      expect(attempt.statusCode).toBe(404);
      expect(attempt.json().code).toBe("not_found");
      const malformed = await t.app.inject({
        method: "DELETE",
        url: "/admin/api/auth/sessions/xyz",
        headers: mine.headers,
      });
      expect(malformed.json().code).toBe("validation_failed");
      expect((await t.app.inject({ url: "/admin/api/auth/sessions" })).statusCode).toBe(401);
    });
  });

  describe("two-factor sign-in", () => {
    const post = (url: string, browser: { headers: Record<string, string> }, payload?: object) =>
      t.app.inject({ method: "POST", url: `/admin/api/auth/two-factor/${url}`, headers: browser.headers, payload });
    const codeFor = (secret: string, at = clock) =>
      new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

    async function enabled() {
      const member = await createStaffMember(t.services);
      const browser = await signIn(t.app, member);
      const setup = await post("setup", browser);
      expect(setup.statusCode).toBe(200);
      const { secret, otpauthUrl } = setup.json() as { secret: string; otpauthUrl: string };
      expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/news\.example:/);
      expect(otpauthUrl).toContain(`secret=${secret}`);
      const enable = await post("enable", browser, { code: codeFor(secret) });
      expect(enable.statusCode).toBe(200);
      const { recoveryCodes } = enable.json() as { recoveryCodes: string[] };
      return { member, browser, secret, recoveryCodes };
    }

    it("asks for the code after the password, and accepts the current one", async () => {
      const { member, secret, recoveryCodes } = await enabled();
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      const stored = await t.database.db
        .selectFrom("staff")
        .select("recovery_codes")
        .where("id", "=", member.id)
        .executeTakeFirstOrThrow();
      expect(stored.recovery_codes).not.toContain(recoveryCodes[0]!);
      const withoutCode = await login({ email: member.email, password: TEST_PASSWORD });
      expect(withoutCode.statusCode).toBe(401);
      expect(withoutCode.json().code).toBe("two_factor_required");
      const wrongCode = await login({ email: member.email, password: TEST_PASSWORD, totp: "000000" });
      expect(wrongCode.json().code).toBe("invalid_credentials");
      advance(30_000);
      const right = await login({ email: member.email, password: TEST_PASSWORD, totp: codeFor(secret) });
      expect(right.statusCode).toBe(200);
      expect(right.json().staff.twoFactor).toBe(true);
    });

    it("refuses a replayed TOTP code", async () => {
      const { member, secret } = await enabled();
      advance(30_000);
      const code = codeFor(secret);
      const first = await login({ email: member.email, password: TEST_PASSWORD, totp: code });
      expect(first.statusCode).toBe(200);
      const replay = await login({ email: member.email, password: TEST_PASSWORD, totp: code });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().code).toBe("invalid_credentials");
      // Nor an older code still inside the drift window, once a later one was used.
      advance(30_000);
      const earlier = codeFor(secret, new Date(clock.getTime() - 30_000));
      expect(earlier).toBe(code);
      expect((await login({ email: member.email, password: TEST_PASSWORD, totp: earlier })).statusCode).toBe(401);
      expect((await login({ email: member.email, password: TEST_PASSWORD, totp: codeFor(secret) })).statusCode).toBe(
        200,
      );
    });

    it("refuses to sign in with the code that turned two-factor on", async () => {
      const { member, secret } = await enabled();
      const replay = await login({ email: member.email, password: TEST_PASSWORD, totp: codeFor(secret) });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().code).toBe("invalid_credentials");
    });

    it("still accepts the next code from a phone running 30 seconds behind", async () => {
      const { member, secret } = await enabled();
      advance(60_000);
      const behind = codeFor(secret, new Date(clock.getTime() - 30_000));
      expect((await login({ email: member.email, password: TEST_PASSWORD, totp: behind })).statusCode).toBe(200);
    });

    it("takes each recovery code once in place of a code", async () => {
      const { member, recoveryCodes } = await enabled();
      const code = recoveryCodes[3]!;
      const first = await login({ email: member.email, password: TEST_PASSWORD, totp: code.toUpperCase() });
      expect(first.statusCode).toBe(200);
      const second = await login({ email: member.email, password: TEST_PASSWORD, totp: code });
      expect(second.json().code).toBe("invalid_credentials");
      expect((await login({ email: member.email, password: TEST_PASSWORD, totp: recoveryCodes[4]! })).statusCode).toBe(
        200,
      );
    });

    it("refuses a wrong code when enabling, and a second setup once enabled", async () => {
      const member = await createStaffMember(t.services);
      const browser = await signIn(t.app, member);
      const early = await post("enable", browser, { code: "123456" });
      expect(early.statusCode).toBe(409);
      await post("setup", browser);
      const wrong = await post("enable", browser, { code: "000000" });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe("invalid_two_factor_code");
      expect((await post("enable", browser, {})).json().code).toBe("validation_failed");
      const { browser: on } = await enabled();
      expect((await post("setup", on)).statusCode).toBe(409);
    });

    it("turns off with the password only", async () => {
      const { member, browser } = await enabled();
      const wrong = await post("disable", browser, { password: "not the password" });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe("invalid_credentials");
      expect((await post("disable", browser, { password: TEST_PASSWORD })).statusCode).toBe(204);
      expect((await login({ email: member.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    });

    it("needs a signed-in member", async () => {
      expect((await t.app.inject({ method: "POST", url: "/admin/api/auth/two-factor/setup" })).statusCode).toBe(401);
    });
  });
});

// Apart from the suite above: each test here opens its own apps, one after the other.
describe.each(DIALECTS)("the session cookie on %s", (dialect) => {
  it("marks the cookie Secure only when the site or the request is https", async () => {
    const plain = await startTestApp(dialect, { env: { PUBLIC_URL: "http://localhost:3000" } });
    try {
      const member = await createStaffMember(plain.services);
      const body = { email: member.email, password: TEST_PASSWORD };
      const overHttp = await plain.app.inject({ method: "POST", url: "/admin/api/auth/login", payload: body });
      expect(String(overHttp.headers["set-cookie"])).not.toContain("Secure");
    } finally {
      await plain.close();
    }
    const proxied = await startTestApp(dialect, {
      env: { PUBLIC_URL: "http://localhost:3000", TRUST_PROXY: "true" },
    });
    try {
      const member = await createStaffMember(proxied.services);
      const response = await proxied.app.inject({
        method: "POST",
        url: "/admin/api/auth/login",
        payload: { email: member.email, password: TEST_PASSWORD },
        headers: { "x-forwarded-proto": "https" },
      });
      expect(String(response.headers["set-cookie"])).toContain("Secure");
    } finally {
      await proxied.close();
    }
  });
});

// Each test opens its own app with its TRUST_PROXY setting.
describe.each(DIALECTS)("client addresses behind a proxy on %s", (dialect) => {
  async function hammer(env: Record<string, string>, remoteAddress: string, forwardedFor: (i: number) => string) {
    const t = await startTestApp(dialect, { env });
    try {
      const member = await createStaffMember(t.services);
      const attempt = (email: string, password: string, i: number) =>
        t.app.inject({
          method: "POST",
          url: "/admin/api/auth/login",
          payload: { email, password },
          remoteAddress,
          headers: { "x-forwarded-for": forwardedFor(i) },
        });
      // Ten accounts tried from one client: a password spray, whatever the header claims.
      for (let i = 0; i < 10; i++) await attempt(`sprayed${i}@news.example`, "password123", i);
      return (await attempt(member.email, TEST_PASSWORD, 99)).statusCode;
    } finally {
      await t.close();
    }
  }
  // The client makes up the first entries; the proxy appends the address it saw last.
  const spoofed = (i: number) => `10.9.9.${i}, 203.0.113.77`;

  it("with TRUST_PROXY=true throttles the address the one proxy saw, not ones the client made up", async () => {
    expect(await hammer({ TRUST_PROXY: "true" }, "127.0.0.1", spoofed)).toBe(429);
  });

  it("with a list of proxies believes only those proxies", async () => {
    expect(await hammer({ TRUST_PROXY: "127.0.0.1,10.0.0.0/8" }, "127.0.0.1", spoofed)).toBe(429);
    // A client reaching the server directly cannot pass as anyone by sending the header.
    expect(await hammer({ TRUST_PROXY: "127.0.0.1" }, "192.0.2.50", (i) => `203.0.113.${i}`)).toBe(429);
  });

  it("without TRUST_PROXY ignores X-Forwarded-For", async () => {
    expect(await hammer({}, "192.0.2.51", (i) => `203.0.113.${i}`)).toBe(429);
  });
});
