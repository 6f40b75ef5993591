import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, startCli } from "../../test/cli.js";
import { createEdition } from "../../test/factories.js";
import { freePort } from "../../test/free-port.js";
import { DIALECTS, TEST_DATABASE_URL } from "../../test/harness.js";
import { PROJECT_ROOT } from "../app.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../platform/db/database.js";
import { migrateToLatest } from "../platform/db/migrator.js";
import { createStaffServices } from "../staff/staff.factory.js";

const lastLine = (text: string) => text.trim().split("\n").at(-1) ?? "";

describe.each(DIALECTS)("gazette CLI on %s", (dialect) => {
  let env: Record<string, string>;
  let dataDir: string;
  let schema: string | undefined;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-cli-"));
    env = { DATA_DIR: dataDir };
    if (dialect === "postgres" && TEST_DATABASE_URL) {
      schema = `t_${randomBytes(6).toString("hex")}`;
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.end();
      const url = new URL(TEST_DATABASE_URL);
      url.searchParams.set("options", `-c search_path=${schema}`);
      env.DATABASE_URL = url.toString();
    }
  });

  afterEach(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
      schema = undefined;
    }
  });

  /** The staff services over the database the CLI used, found from the same environment. */
  async function withServices<T>(work: (services: ReturnType<typeof createStaffServices>) => Promise<T>): Promise<T> {
    const config = loadConfig(env);
    const database = openDatabase(config.database);
    try {
      return await work(createStaffServices(config.publicUrl, database.db, { passwordCost: config.passwordHashing }));
    } finally {
      await database.close();
    }
  }

  it("creates a token and prints it as the last line", async () => {
    const result = await runCli(["token", "create", "--name", "Newswire", "--role", "editor"], env);
    expect(result.code).toBe(0);
    const token = lastLine(result.stdout);
    expect(token).toMatch(/^gzt_[\w-]{43}$/);
    const actor = await withServices((services) => services.tokens.authenticate(token));
    expect(actor).toMatchObject({ kind: "token", role: "editor", name: "Newswire", staffId: null });
  });

  it("creates a token acting for the member named with --as, capped by their role", async () => {
    const made = await runCli(
      ["staff", "create", "--email", "wire@news.example", "--name", "Wire Desk", "--role", "author"],
      env,
    );
    expect(made.code).toBe(0);
    const result = await runCli(
      ["token", "create", "--name", "Wire", "--role", "author", "--as", "wire@news.example"],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("acting for wire@news.example");
    const actor = await withServices((services) => services.tokens.authenticate(lastLine(result.stdout)));
    expect(actor).toMatchObject({ role: "author", staffId: expect.any(Number) });
    const tooHigh = await runCli(
      ["token", "create", "--name", "W", "--role", "editor", "--as", "wire@news.example"],
      env,
    );
    expect(tooHigh.code).toBe(1);
    expect(tooHigh.stderr).toContain("higher role");
  });

  it("creates a staff member with a password read from standard input", async () => {
    const result = await runCli(
      ["staff", "create", "--email", "Ada@News.Example", "--name", "Ada Owner", "--role", "owner", "--password-stdin"],
      env,
      "a long enough password\n",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created owner ada@news.example");
    const signedIn = await withServices((services) =>
      services.auth.login(
        { email: "ada@news.example", password: "a long enough password" },
        { ip: "127.0.0.1", userAgent: null },
      ),
    );
    expect(signedIn.staff.role).toBe("owner");
  });

  it("prints a one-time password link when no password is given", async () => {
    const result = await runCli(
      ["staff", "create", "--email", "ed@news.example", "--name", "Ed", "--role", "editor"],
      env,
    );
    expect(result.code).toBe(0);
    const link = lastLine(result.stdout);
    expect(link).toMatch(/^https:\/\/news\.example\/admin\/reset-password#token=[\w-]{43}$/);
    await withServices((services) =>
      services.auth.completePasswordReset({ token: link.split("#token=")[1]!, password: "chosen by ed himself" }),
    );
  });

  it("refuses a short password with exit code 65 and a duplicate address with 1", async () => {
    const args = [
      "staff",
      "create",
      "--email",
      "a@news.example",
      "--name",
      "A",
      "--role",
      "author",
      "--password-stdin",
    ];
    const short = await runCli(args, env, "short\n");
    expect(short.code).toBe(65);
    expect(short.stderr).toContain("at least 10 characters");
    expect((await runCli(args, env, "long enough password\n")).code).toBe(0);
    const duplicate = await runCli(args, env, "long enough password\n");
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("already exists");
  });

  it("migrates, then reports the database up to date", async () => {
    const first = await runCli(["migrate"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied: 001-content, 002-staff/);
    expect((await runCli(["migrate"], env)).stdout.trim()).toBe("Database is up to date.");
  });

  it("switches crisis mode from the command line, and a running server follows within seconds", async () => {
    const config = loadConfig(env);
    const database = openDatabase(config.database);
    try {
      await migrateToLatest(database.db, database.dialect);
      await createEdition(database.db, { code: "en", base_path: "/", position: 0 });
    } finally {
      await database.close();
    }
    const port = await freePort();
    const child = await startCli(["start"], { ...env, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "false" });
    const home = async () => {
      try {
        return await (await fetch(`http://127.0.0.1:${port}/`)).text();
      } catch {
        return "";
      }
    };
    const isLite = (html: string) => html.includes("<style>") && !html.includes("<script");
    try {
      await expect.poll(home, { timeout: 20_000, interval: 200 }).toContain('<script type="module"');
      const on = await runCli(["crisis", "on", "--edition", "en", "--until", "2099-01-01T00:00:00Z"], env);
      expect(on.code).toBe(0);
      expect(on.stdout.trim()).toBe("en\ton\tuntil 2099-01-01T00:00:00.000Z");
      // The server's worker runs the announcement job: it re-reads the mode and purges.
      await expect.poll(async () => isLite(await home()), { timeout: 15_000, interval: 200 }).toBe(true);
      expect((await runCli(["crisis", "status"], env)).stdout.trim()).toBe("en\ton\tuntil 2099-01-01T00:00:00.000Z");
      const off = await runCli(["crisis", "off", "--edition", "en"], env);
      expect(off.stdout.trim()).toBe("en\toff");
      await expect.poll(async () => isLite(await home()), { timeout: 15_000, interval: 200 }).toBe(false);

      const unknown = await runCli(["crisis", "on", "--edition", "xx"], env);
      expect(unknown.code).toBe(64);
      expect(unknown.stderr).toContain('there is no "xx" edition (editions: en)');
      const past = await runCli(["crisis", "on", "--edition", "en", "--until", "2020-01-01T00:00:00Z"], env);
      expect(past.code).toBe(65);
      expect(past.stderr).toContain("The end is in the past.");
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("close", resolve));
    }
  }, 60_000);

  it("starts the server and prints the owner setup link", async () => {
    const child = await startCli(["start"], { ...env, PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false" });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let output = "";
        child.stdout?.on("data", (chunk) => {
          output += chunk;
          const match = output.match(/^Owner setup: .*$/m);
          if (match) resolve(match[0]);
        });
        child.on("close", (code) => reject(new Error(`exited with ${code} before printing the link: ${output}`)));
      });
      expect(line).toMatch(/^Owner setup: https:\/\/news\.example\/admin\/setup#token=[\w-]{43}$/);
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("close", resolve));
    }
  });
});

describe("gazette CLI usage", () => {
  const env = { DATA_DIR: path.join(os.tmpdir(), "gazette-cli-unused") };

  it("prints help and exits 0", async () => {
    const result = await runCli(["help"], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: gazette <command>");
    expect(result.stdout).toContain("token create --name N --role R");
  });

  it.each([
    ["no command", [], "no command given"],
    ["an unknown command", ["publish"], 'unknown command "publish"'],
    ["an unknown staff command", ["staff", "delete"], 'unknown staff command "delete"'],
    ["a missing option", ["staff", "create", "--name", "N", "--role", "author"], "--email is required"],
    ["a bad email", ["staff", "create", "--email", "nope", "--name", "N", "--role", "author"], "--email is not"],
    ["an unknown role", ["token", "create", "--name", "N", "--role", "chief"], "--role must be one of"],
    ["an unknown option", ["token", "create", "--name", "N", "--role", "author", "--force"], "--force"],
    ["an option without a value", ["token", "create", "--name"], "--name"],
  ])("answers %s with exit code 64 and the usage", async (_, args, message) => {
    const result = await runCli(args, env);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Usage: gazette <command>");
    expect(result.stdout).toBe("");
  });

  it("stops with exit code 78 on a bad setting", async () => {
    const result = await runCli(["token", "create", "--name", "N", "--role", "author"], {
      ...env,
      DATABASE_URL: "mysql://x",
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain("DATABASE_URL");
  });

  it("runs as the package's bin", async () => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin/gazette.js"), "help"], { cwd: os.tmpdir() });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: gazette <command>");
  });
});
