import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createArticle, createEdition } from "../../test/factories.js";
import {
  createTestDatabase,
  createTestRedis,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  testConfig,
} from "../../test/harness.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { buildApp, createServices, PROJECT_ROOT } from "../app.js";
import { loadSigningKey, verifySignature } from "../platform/security/signing-key.js";
import type { Role } from "../staff/actor.js";
import { MirrorsRepository } from "./mirrors.repository.js";
import { MIRRORS_KEY, MirrorsService } from "./mirrors.service.js";

const ONION = `${"b".repeat(50)}234567.onion`;

describe.each(DIALECTS)("mirror hosts and the signed mirror list on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      env: { MIRROR_HOSTS: "mirror1.example=all", ONION_HOST: ONION },
      editions: ["uk", "ru"],
    });
  });
  afterEach(async () => t.close());

  const addMirror = (headers: Record<string, string>, payload: { host: string; edition: string }) =>
    t.app.inject({ method: "POST", url: "/admin/api/mirrors", headers, payload });

  const list = async () => {
    const body = await t.app.inject({ url: "/mirrors.json" });
    const sig = await t.app.inject({ url: "/mirrors.json.sig" });
    return { body, sig };
  };

  it("publishes the primary host, the mirrors and the onion address with their editions, signed", async () => {
    const { body, sig } = await list();
    expect(body.statusCode).toBe(200);
    expect(body.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(body.headers["cache-control"]).toMatch(/^public, max-age=60/);
    expect(body.json()).toEqual({
      generatedAt: expect.any(String),
      primary: {
        url: "https://news.example/",
        editions: [
          { code: "uk", url: "https://news.example/" },
          { code: "ru", url: "https://news.example/ru/" },
        ],
      },
      mirrors: [
        {
          url: "https://mirror1.example/",
          editions: [
            { code: "uk", url: "https://mirror1.example/" },
            { code: "ru", url: "https://mirror1.example/ru/" },
          ],
        },
      ],
      onion: {
        url: `http://${ONION}/`,
        editions: [
          { code: "uk", url: `http://${ONION}/` },
          { code: "ru", url: `http://${ONION}/ru/` },
        ],
      },
    });
    expect(verifySignature(body.rawPayload, sig.body, t.services.mirrors.publicKey)).toBe(true);
  });

  it("refuses a tampered list, or a signature by another key", async () => {
    const { body, sig } = await list();
    const forged = body.body.replace("mirror1.example", "evil.example");
    expect(verifySignature(forged, sig.body, t.services.mirrors.publicKey)).toBe(false);
    expect(verifySignature(`${body.body} `, sig.body, t.services.mirrors.publicKey)).toBe(false);
    const otherKey = Buffer.alloc(32, 7).toString("base64");
    expect(verifySignature(body.body, sig.body, otherKey)).toBe(false);
  });

  it("keeps the same bytes for the list and its signature until the list changes, on every host", async () => {
    const first = await list();
    const onMirror = await t.app.inject({ url: "/mirrors.json", headers: { host: "mirror1.example" } });
    expect(onMirror.body).toBe(first.body.body);
    expect((await list()).sig.body).toBe(first.sig.body);
    const notModified = await t.app.inject({
      url: "/mirrors.json",
      headers: { "if-none-match": String(first.body.headers.etag) },
    });
    expect(notModified.statusCode).toBe(304);
  });

  it("lets an admin add a mirror that serves at once, lists it signed, and remove it", async () => {
    const admin = await t.signInAs("admin");
    const story = await createArticle(t.services.articles, { edition: "ru", title: "Новости" });
    const created = await addMirror(admin.headers, { host: " RU-Mirror.example ", edition: "ru" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ host: "ru-mirror.example", edition: "ru", source: "app" });
    const page = await t.app.inject({ url: `/ru/news/${story.slug}`, headers: { host: "ru-mirror.example" } });
    expect(page.body).toContain(`content="https://ru-mirror.example/ru/news/${story.slug}"`);

    const overview = await t.app.inject({ url: "/admin/api/mirrors", headers: admin.headers });
    expect(overview.statusCode).toBe(200);
    expect(overview.json()).toMatchObject({
      primary: "https://news.example",
      onionHost: ONION,
      publicKey: t.services.mirrors.publicKey,
      editions: ["uk", "ru"],
      items: [
        { id: null, host: "mirror1.example", edition: "all", source: "settings" },
        { host: "ru-mirror.example", edition: "ru", source: "app" },
      ],
    });
    expect(overview.json().publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);

    const { body, sig } = await list();
    expect(body.json().mirrors).toContainEqual({
      url: "https://ru-mirror.example/",
      editions: [{ code: "ru", url: "https://ru-mirror.example/ru/" }],
    });
    expect(verifySignature(body.rawPayload, sig.body, t.services.mirrors.publicKey)).toBe(true);

    const removed = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/mirrors/${created.json().id}`,
      headers: admin.headers,
    });
    expect(removed.statusCode).toBe(200);
    expect((await list()).body.body).not.toContain("ru-mirror.example");
    const after = await t.app.inject({ url: `/ru/news/${story.slug}`, headers: { host: "ru-mirror.example" } });
    expect(after.body).not.toContain("https://ru-mirror.example/");
    const again = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/mirrors/${created.json().id}`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(404);
  });

  it.each([
    ["https://mirror2.example/", "all", 400, "validation_failed"],
    ["mirror2.example", "de", 400, "validation_failed"],
    [ONION, "all", 400, "validation_failed"],
    ["mirror1.example", "all", 409, "conflict"],
    ["news.example", "uk", 409, "conflict"],
  ])("refuses the host %s for %s with %i", async (host, edition, status, code) => {
    const owner = await t.signInAs("owner");
    const answer = await addMirror(owner.headers, { host, edition });
    expect(answer.statusCode).toBe(status);
    expect(answer.json().code).toBe(code);
  });

  it("refuses the same host twice", async () => {
    const owner = await t.signInAs("owner");
    const add = () => addMirror(owner.headers, { host: "mirror2.example", edition: "all" });
    expect((await add()).statusCode).toBe(201);
    const twice = await add();
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("conflict");
  });

  for (const role of ["contributor", "author", "editor"] satisfies Role[]) {
    it(`refuses the mirrors to the ${role} role`, async () => {
      const member = await t.signInAs(role);
      expect((await t.app.inject({ url: "/admin/api/mirrors", headers: member.headers })).statusCode).toBe(403);
      const add = await addMirror(member.headers, { host: "sneaky.example", edition: "all" });
      expect(add.statusCode).toBe(403);
      expect(t.services.mirrors.servedAs("sneaky.example")).toBeUndefined();
    });
  }

  it("asks for a sign-in", async () => {
    expect((await t.app.inject({ url: "/admin/api/mirrors" })).statusCode).toBe(401);
  });

  /** The README's recipes, run as written there on a list the app served. */
  it("verifies with the README's recipes: OpenSSL with the PEM key, and Node with the raw key", async () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const opensslLine = readme.split("\n").find((line) => line.startsWith("openssl pkeyutl -verify"));
    const nodeScript = /```js\n(\/\/ node verify-mirrors\.mjs[\s\S]*?)```/.exec(readme)?.[1];
    expect(opensslLine).toBeDefined();
    expect(nodeScript).toBeDefined();
    const { body, sig } = await list();
    const dir = fs.mkdtempSync(path.join(t.config.dataDir, "verify-"));
    fs.writeFileSync(path.join(dir, "mirrors.json"), body.rawPayload);
    fs.writeFileSync(path.join(dir, "forged.json"), body.body.replace("mirror1", "mirror9"));
    fs.writeFileSync(path.join(dir, "mirrors.json.sig"), sig.body);
    fs.writeFileSync(path.join(dir, "mirrors-key.pem"), t.services.mirrors.publicKeyPem);
    fs.writeFileSync(path.join(dir, "verify-mirrors.mjs"), nodeScript ?? "");
    const sh = (command: string) => execFileSync("sh", ["-c", command], { cwd: dir, encoding: "utf8" });
    sh("base64 -d mirrors.json.sig > mirrors.json.bin");
    expect(sh(opensslLine ?? "")).toMatch(/Signature Verified Successfully/);
    expect(() => sh((opensslLine ?? "").replace("-in mirrors.json", "-in forged.json"))).toThrow();
    const key = t.services.mirrors.publicKey;
    expect(sh(`node verify-mirrors.mjs mirrors.json mirrors.json.sig ${key}`)).toBe("valid\n");
    expect(() => sh(`node verify-mirrors.mjs forged.json mirrors.json.sig ${key}`)).toThrow();
  });
});

describe.each(DIALECTS)("a mirror added by another process on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["uk"] });
  });
  afterEach(async () => t.close());

  it("is served here once that process's purge of the list reaches this one", async () => {
    const other = new MirrorsService(new MirrorsRepository(t.database.db), {
      editions: () => t.services.editions.list(),
      publicUrl: t.config.publicUrl,
      settings: t.config.mirrors,
      signingKey: loadSigningKey(t.config.dataDir),
    });
    await other.load();
    await other.add({ host: "fresh.example", edition: "all" }, null);
    expect(t.services.mirrors.servedAs("fresh.example")).toBeUndefined();
    // What the Redis relay does with the other process's purge (see PurgeBroadcast).
    t.services.pageCache.purge([MIRRORS_KEY], { origin: "remote" });
    await vi.waitFor(() => expect(t.services.mirrors.servedAs("fresh.example")?.origin).toBe("https://fresh.example"));
    expect((await t.app.inject({ url: "/mirrors.json" })).body).toContain("https://fresh.example/");
  });
});

describe.skipIf(!TEST_REDIS_URL || !TEST_DATABASE_URL)("mirrors in scaled mode", () => {
  it("serves a mirror added through one web process on another one, with no restart", async () => {
    const redis = createTestRedis();
    const database = await createTestDatabase("postgres");
    const config = testConfig({ REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix });
    await createEdition(database.db, { code: "uk" });
    const first = await createServices(config, database);
    const second = await createServices(config, database);
    const app = await buildApp(config, second, { logger: false });
    try {
      await first.mirrors.add({ host: "cluster-mirror.example", edition: "all" }, null);
      await vi.waitFor(() => expect(second.mirrors.servedAs("cluster-mirror.example")).toBeDefined(), {
        timeout: 5000,
      });
      const list = await app.inject({ url: "/mirrors.json" });
      expect(list.body).toBe(first.mirrors.signedList().body);
      const home = await app.inject({ url: "/", headers: { host: "cluster-mirror.example" } });
      expect(home.body).toContain("https://cluster-mirror.example/");
    } finally {
      await app.close();
      await Promise.all([first.scaled?.close(), second.scaled?.close()]);
      await database.cleanup();
      await redis.cleanup();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    }
  });
});
