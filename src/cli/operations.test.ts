import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, startCli } from "../../test/cli.js";
import { freePort } from "../../test/free-port.js";

describe("gazette operations commands", () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-ops-"));
    env = { DATA_DIR: dataDir, SEED_DEMO: "false" };
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("runs a worker that answers health, readiness and metrics but serves no pages, and stops cleanly", async () => {
    const port = await freePort();
    const metricsToken = "worker-scrape-secret";
    const child = await startCli(["start", "--role", "worker"], {
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      METRICS_TOKEN: metricsToken,
    });
    const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
    try {
      let health = 0;
      for (let i = 0; i < 300 && health !== 200; i++) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
        if (health !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(health).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: `Bearer ${metricsToken}` },
      });
      expect(await metrics.text()).toContain('role="worker"');
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    // The worker released its claim on the database file.
    expect(fs.existsSync(path.join(dataDir, "gazette.db.server-pid"))).toBe(false);
  });

  it("refuses an unknown role", async () => {
    const result = await runCli(["start", "--role", "cron"], env);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("--role must be one of web, worker, all");
  });

  it("backs the database up, and restores it only once no server uses it", async () => {
    expect((await runCli(["migrate"], env)).code).toBe(0);
    const backupFile = path.join(dataDir, "backups", "nightly.db");
    const backup = await runCli(["backup", backupFile], env);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up .* to .*nightly\.db: \d+ bytes, \d+ tables, integrity ok/);

    // This test's own process stands in for a running server.
    fs.writeFileSync(path.join(dataDir, "gazette.db.server-pid"), `${process.pid}\n`);
    const refused = await runCli(["restore", backupFile], env);
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain(`process ${process.pid}`);

    fs.rmSync(path.join(dataDir, "gazette.db.server-pid"));
    const restored = await runCli(["restore", backupFile], env);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain("integrity ok");
    expect(restored.stdout).toMatch(/The database it replaced is kept at .*gazette\.db\.pre-restore-/);
  });

  it("points PostgreSQL users to pg_dump", async () => {
    const result = await runCli(["backup", "x.db"], { ...env, DATABASE_URL: "postgres://u@127.0.0.1:1/db" });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("pg_dump");
  });
});
