import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSigningKey, SIGNING_KEY_FILE, verifySignature } from "./signing-key.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-signing-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the signing key", () => {
  it("is generated once into the data directory, readable only by its owner, and kept", () => {
    const dir = tempDir();
    const first = loadSigningKey(dir);
    const stat = fs.statSync(path.join(dir, SIGNING_KEY_FILE));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(loadSigningKey(dir).publicKey).toBe(first.publicKey);
    expect(Buffer.from(first.publicKey, "base64")).toHaveLength(32);
    // The PEM names the same key as the raw form.
    const jwk = crypto.createPublicKey(first.publicKeyPem).export({ format: "jwk" }) as { x: string };
    expect(Buffer.from(jwk.x, "base64url").toString("base64")).toBe(first.publicKey);
  });

  it("signs data that verifies with its public key, and nothing else does", () => {
    const key = loadSigningKey(tempDir());
    const other = loadSigningKey(tempDir());
    const signature = key.sign('{"mirrors":[]}');
    expect(verifySignature('{"mirrors":[]}', signature, key.publicKey)).toBe(true);
    expect(verifySignature('{"mirrors":[1]}', signature, key.publicKey)).toBe(false);
    expect(verifySignature('{"mirrors":[]}', signature, other.publicKey)).toBe(false);
    expect(verifySignature('{"mirrors":[]}', "not base64 at all", key.publicKey)).toBe(false);
    expect(verifySignature('{"mirrors":[]}', signature, "short")).toBe(false);
  });

  it("refuses a file that holds no Ed25519 key rather than signing with something else", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, SIGNING_KEY_FILE), "garbage\n");
    expect(() => loadSigningKey(dir)).toThrow(/not a PEM private key/);
  });
});
