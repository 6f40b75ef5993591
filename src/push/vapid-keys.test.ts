import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveVapidKeys } from "./vapid-keys.js";

describe("VAPID keys", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-vapid-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("generates a pair once and keeps it in the data directory, readable by its owner only", () => {
    const dir = tempDir();
    const first = resolveVapidKeys(null, dir);
    expect(Buffer.from(first.publicKey, "base64url")).toHaveLength(65);
    expect(resolveVapidKeys(null, dir)).toEqual(first);
    expect(fs.statSync(path.join(dir, "vapid.json")).mode & 0o777).toBe(0o600);
  });

  it("uses the configured pair and writes nothing", () => {
    const dir = tempDir();
    const configured = { publicKey: "BPub", privateKey: "priv" };
    expect(resolveVapidKeys(configured, dir)).toBe(configured);
    expect(fs.existsSync(path.join(dir, "vapid.json"))).toBe(false);
  });

  it("stops with a message naming the file when it holds something else", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "vapid.json"), '{"publicKey":1}');
    expect(() => resolveVapidKeys(null, dir)).toThrow(/vapid\.json does not hold a VAPID key pair/);
  });
});
