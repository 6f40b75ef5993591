import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.js";
import { createEdition } from "../../test/factories.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../platform/db/database.js";
import { migrateToLatest } from "../platform/db/migrator.js";
import {
  describeCheck,
  describeExport,
  mapPagesOf,
  parseExportStaticArgs,
  parseVerifySnapshotArgs,
  SnapshotArgsError,
} from "./export-static.command.js";

const KEY = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

describe("gazette export static arguments", () => {
  it("reads the folder, the edition and the date", () => {
    expect(parseExportStaticArgs(["static", "out"])).toEqual({ dir: "out" });
    expect(parseExportStaticArgs(["static", "out", "--edition", "ru", "--since", "2026-03-01"])).toEqual({
      dir: "out",
      edition: "ru",
      since: new Date("2026-03-01T00:00:00Z"),
    });
  });

  it.each([
    [["site", "out"], 'unknown export "site"'],
    [["static"], "export static needs a folder"],
    [["static", "a", "b"], 'got also "b"'],
    [["static", "out", "--edition", "Russian!"], "--edition needs an edition code"],
    [["static", "out", "--since", "yesterday"], "--since needs a date"],
    [["static", "out", "--since", "2026-02-30x"], "--since needs a date"],
    [["static", "out", "--force"], "--force"],
  ])("refuses %j", (args, message) => {
    expect(() => parseExportStaticArgs(args)).toThrow(SnapshotArgsError);
    expect(() => parseExportStaticArgs(args)).toThrow(message);
  });
});

describe("gazette verify-snapshot arguments", () => {
  it("reads the folder and the key", () => {
    expect(parseVerifySnapshotArgs(["out"])).toEqual({ dir: "out" });
    expect(parseVerifySnapshotArgs(["out", "--key", KEY])).toEqual({ dir: "out", key: KEY });
  });

  it("refuses a key that is not a base64 Ed25519 public key", () => {
    expect(() => parseVerifySnapshotArgs(["out", "--key", "abc"])).toThrow("--key needs the 32-byte");
    expect(() => parseVerifySnapshotArgs([])).toThrow("verify-snapshot needs a folder");
  });
});

describe("snapshot command output", () => {
  it("lists each edition's map page and map picture", () => {
    expect(mapPagesOf([{ basePath: "/" }, { basePath: "/ru/" }], ["bakhmut"])).toEqual([
      "/maps/bakhmut",
      "/maps/bakhmut/preview.svg",
      "/ru/maps/bakhmut",
      "/ru/maps/bakhmut/preview.svg",
    ]);
  });

  it("summarises an export and names what did not render", () => {
    const { summary, json } = describeExport({
      files: 3,
      bytes: 2_097_152,
      written: 1,
      unchanged: 2,
      removed: 0,
      seconds: 1.25,
      failed: [{ path: "/news/x", status: 500 }],
    });
    expect(summary).toContain("3 files, 2.0 MB in 1.3 s: 1 written, 2 unchanged, 0 removed.");
    expect(summary).toContain("500 /news/x");
    expect(JSON.parse(json)).toMatchObject({ files: 3, written: 1 });
  });

  it("answers 0 for a sound copy and 1 with one line per problem", () => {
    expect(describeCheck("out", { files: 2, problems: [] }).code).toBe(0);
    const failed = describeCheck("out", {
      files: 2,
      problems: [{ kind: "bad_signature" }, { kind: "extra", path: "x.html" }],
    });
    expect(failed.code).toBe(1);
    expect(failed.lines).toEqual([
      "out: 2 problem(s):",
      "  manifest.json.sig does not verify with the key: the manifest was changed or signed by another key",
      "  not in the manifest: x.html",
    ]);
  });
});

// The exporter's own suite covers both dialects; this one checks the command's wiring and exit codes.
describe("gazette export static and verify-snapshot", () => {
  let dataDir: string;
  let out: string;
  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-cli-snapshot-"));
    out = path.join(dataDir, "copy");
    const database = openDatabase(loadConfig({ DATA_DIR: dataDir }).database);
    await migrateToLatest(database.db, database.dialect);
    await createEdition(database.db, { code: "uk" });
    await database.close();
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  // Four CLI processes, each loading the whole application.
  it("exports a copy that verifies, and reports tampering with exit code 1", { timeout: 90_000 }, async () => {
    const env = { DATA_DIR: dataDir };
    const exported = await runCli(["export", "static", out], env);
    expect(exported.stderr).toMatch(/snapshot: \d+ files/);
    expect(exported.code).toBe(0);
    // Whether the browser files are built or not (then their links fail), the pages are written.
    expect(JSON.parse(exported.stdout.trim().split("\n").at(-1) ?? "").files).toBeGreaterThan(5);
    expect(fs.existsSync(path.join(out, "index.html"))).toBe(true);

    const sound = await runCli(["verify-snapshot", out], env);
    expect(sound.code).toBe(0);
    expect(sound.stdout).toContain("its signature verifies");

    fs.appendFileSync(path.join(out, "index.html"), "<!-- edited -->");
    const tampered = await runCli(["verify-snapshot", out], env);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain("changed size: index.html");

    const again = await runCli(["export", "static", out], env);
    expect(JSON.parse(again.stdout.trim().split("\n").at(-1) ?? "")).toMatchObject({ written: 1, removed: 0 });
    const otherKey = await runCli(["verify-snapshot", out, "--key", KEY], { DATA_DIR: dataDir });
    expect(otherKey.code).toBe(1);
    expect(otherKey.stderr).toContain("does not verify");
  });

  it("refuses to verify without a key rather than make one, and an unknown edition", { timeout: 60_000 }, async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-cli-nokey-"));
    try {
      const result = await runCli(["verify-snapshot", out], { DATA_DIR: empty });
      expect(result.code).toBe(64);
      expect(result.stderr).toContain("pass the outlet's public key with --key");
      expect(fs.existsSync(path.join(empty, "signing-key.pem"))).toBe(false);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    const unknown = await runCli(["export", "static", out, "--edition", "fr"], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('there is no edition "fr"');
  });
});
