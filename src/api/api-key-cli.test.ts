import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.js";
import { buildApp, createServices } from "../app.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../platform/db/database.js";

const lastLine = (text: string) => text.trim().split("\n").at(-1) ?? "";

describe("gazette api-key", () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-api-key-"));
    env = { DATA_DIR: dataDir };
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("creates a key that opens the API at once, lists it, and revokes it: the running server then answers 401", async () => {
    const created = await runCli(["api-key", "create", "--name", "Aggregator"], env);
    expect(created.code).toBe(0);
    const key = lastLine(created.stdout);
    expect(key).toMatch(/^gzk_[\w-]{43}$/);

    const config = loadConfig({ ...env, LOG_LEVEL: "silent", PUBLIC_URL: "https://news.example" });
    const database = openDatabase(config.database);
    const services = await createServices(config, database);
    const app = await buildApp(config, services, {
      logger: false,
      assets: {
        css: "/assets/site.css",
        js: "/assets/site.js",
        beacon: "/assets/beacon.js",
        dir: path.join(dataDir, "no-assets"),
        built: false,
      },
    });
    try {
      const ask = () => app.inject({ method: "GET", url: "/api/v1/maps", headers: { authorization: `Bearer ${key}` } });
      expect((await ask()).statusCode).toBe(200);

      const listed = await runCli(["api-key", "list"], env);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain("Aggregator");
      expect(listed.stdout).not.toContain(key);
      const id = listed.stdout.trim().split("\t")[0] ?? "";

      const revoked = await runCli(["api-key", "revoke", id], env);
      expect(revoked.code).toBe(0);
      const refused = await ask();
      expect(refused.statusCode).toBe(401);
      expect(refused.json().code).toBe("api_key_invalid");
      expect((await runCli(["api-key", "revoke", id], env)).code).toBe(1);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it("asks for a name", async () => {
    const result = await runCli(["api-key", "create"], env);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("--name is required");
  });
});
