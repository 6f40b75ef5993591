import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { Role } from "../staff/actor.js";
import { API_PREFIX } from "./content-api.routes.js";

describe.each(DIALECTS)("API key admin routes on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["en"] });
  });
  afterEach(async () => t.close());

  const tags = (key: string) =>
    t.app.inject({ method: "GET", url: `${API_PREFIX}/tags?edition=en`, headers: { authorization: `Bearer ${key}` } });

  it("lets an admin create a key shown once, see it listed by prefix, and revoke it for good", async () => {
    const admin = await t.signInAs("admin");
    const created = await t.app.inject({
      method: "POST",
      url: "/admin/api/api-keys",
      headers: admin.headers,
      payload: { name: "Aggregator" },
    });
    expect(created.statusCode).toBe(201);
    const { id, key, prefix } = created.json();
    expect(key).toMatch(/^gzk_/);
    expect(key.startsWith(prefix)).toBe(true);
    expect((await tags(key)).statusCode).toBe(200);

    const list = await t.app.inject({ method: "GET", url: "/admin/api/api-keys", headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toMatchObject([{ id, name: "Aggregator", prefix, revokedAt: null, requestCount: 1 }]);
    expect(list.body).not.toContain(key);

    const revoked = await t.app.inject({ method: "DELETE", url: `/admin/api/api-keys/${id}`, headers: admin.headers });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await tags(key)).statusCode).toBe(401);
    const again = await t.app.inject({ method: "DELETE", url: `/admin/api/api-keys/${id}`, headers: admin.headers });
    expect(again.statusCode).toBe(404);
  });

  for (const role of ["contributor", "author", "editor"] satisfies Role[]) {
    it(`refuses the keys to the ${role} role`, async () => {
      const member = await t.signInAs(role);
      const list = await t.app.inject({ method: "GET", url: "/admin/api/api-keys", headers: member.headers });
      expect(list.statusCode).toBe(403);
      const create = await t.app.inject({
        method: "POST",
        url: "/admin/api/api-keys",
        headers: member.headers,
        payload: { name: "Sneaky" },
      });
      expect(create.statusCode).toBe(403);
      expect(await t.services.apiKeys.list()).toEqual([]);
    });
  }

  it("asks for a sign-in, and a name", async () => {
    expect((await t.app.inject({ method: "GET", url: "/admin/api/api-keys" })).statusCode).toBe(401);
    const owner = await t.signInAs("owner");
    const nameless = await t.app.inject({
      method: "POST",
      url: "/admin/api/api-keys",
      headers: owner.headers,
      payload: { name: "" },
    });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().code).toBe("validation_failed");
  });
});
