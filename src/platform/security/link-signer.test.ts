import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LinkSigner, resolveSigningSecret } from "./link-signer.js";

const signer = new LinkSigner("k".repeat(40));
const now = new Date("2026-11-29T12:00:00Z");
const inAnHour = new Date("2026-11-29T13:00:00Z");

describe("LinkSigner", () => {
  it("returns the claims of a token it signed", () => {
    const token = signer.sign("confirm", { id: 7, list: "digest" }, inAnHour);
    expect(signer.verify("confirm", token, now)).toEqual({ ok: true, payload: { id: 7, list: "digest" } });
  });

  it("refuses a token after it expires", () => {
    const token = signer.sign("confirm", { id: 7 }, inAnHour);
    expect(signer.verify("confirm", token, new Date("2026-11-29T13:00:01Z"))).toEqual({ ok: false, reason: "expired" });
  });

  it("accepts a token without expiry at any time", () => {
    const token = signer.sign("unsubscribe", { id: 7 }, null);
    expect(signer.verify("unsubscribe", token, new Date("2040-01-01T00:00:00Z")).ok).toBe(true);
  });

  it("refuses a token made for another purpose", () => {
    const token = signer.sign("preferences", { id: 7 }, inAnHour);
    expect(signer.verify("confirm", token, now)).toEqual({ ok: false, reason: "wrong-purpose" });
  });

  it("refuses a token whose claims were changed", () => {
    const token = signer.sign("confirm", { id: 7 }, inAnHour);
    const [, mac] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ p: "confirm", e: 0, c: { id: 8 } })).toString("base64url")}.${mac}`;
    expect(signer.verify("confirm", forged, now)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a token signed with another secret", () => {
    const other = new LinkSigner("z".repeat(40)).sign("confirm", { id: 7 }, inAnHour);
    expect(signer.verify("confirm", other, now)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it.each(["", ".", "abc", "a.b.c", "%%%.%%%", "x".repeat(5000)])("refuses the damaged token %#", (token) => {
    expect(signer.verify("confirm", token, now).ok).toBe(false);
  });
});

describe("resolveSigningSecret", () => {
  it("prefers the configured secret", () => {
    expect(resolveSigningSecret("s".repeat(32), "/nonexistent")).toBe("s".repeat(32));
  });

  it("creates a key in the data directory once and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-secret-"));
    const first = resolveSigningSecret(null, dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveSigningSecret(null, dir)).toBe(first);
    expect(fs.statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
  });
});
