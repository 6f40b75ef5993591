import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Why a signed token was refused; callers show a page per reason, never the token's content. */
export type SignedTokenFailure = "malformed" | "bad-signature" | "wrong-purpose" | "expired";

export type VerifyResult<T> = { ok: true; payload: T } | { ok: false; reason: SignedTokenFailure };

type Claims = Record<string, string | number | boolean>;

/**
 * Signs small payloads for links sent to readers (newsletter confirmation and preferences,
 * patrons' portal links): no database row is needed to check them, and a purpose field keeps a
 * token made for one use from being replayed for another. HMAC-SHA256 over base64url JSON.
 */
export class LinkSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error("The signing secret must be at least 32 characters long");
    this.key = Buffer.from(secret, "utf8");
  }

  /** `expiresAt` null makes a token that never expires (e.g. the unsubscribe link in an email). */
  sign(purpose: string, claims: Claims, expiresAt: Date | null): string {
    const body = Buffer.from(
      JSON.stringify({ p: purpose, e: expiresAt ? Math.floor(expiresAt.getTime() / 1000) : 0, c: claims }),
      "utf8",
    ).toString("base64url");
    return `${body}.${this.mac(body)}`;
  }

  verify<T extends Claims>(purpose: string, token: string, now: Date = new Date()): VerifyResult<T> {
    const dot = token.indexOf(".");
    if (dot <= 0 || dot !== token.lastIndexOf(".") || token.length > 4096) return { ok: false, reason: "malformed" };
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), "base64url");
    const expected = Buffer.from(this.mac(body), "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: "bad-signature" };
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      return { ok: false, reason: "malformed" };
    }
    if (!isEnvelope(decoded)) return { ok: false, reason: "malformed" };
    if (decoded.p !== purpose) return { ok: false, reason: "wrong-purpose" };
    if (decoded.e !== 0 && decoded.e * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
    return { ok: true, payload: decoded.c as T };
  }

  private mac(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}

function isEnvelope(value: unknown): value is { p: string; e: number; c: Claims } {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.p === "string" && typeof v.e === "number" && !!v.c && typeof v.c === "object";
}

/**
 * The secret for signed links: SECRET_KEY when configured, else a random key kept in the data
 * directory so links survive a restart of a single-machine install. Several processes must share
 * SECRET_KEY (scaled mode), or links signed by one would fail in another.
 */
export function resolveSigningSecret(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, "secret.key");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  // `wx` fails if another process created the file first; then read theirs.
  try {
    fs.writeFileSync(file, `${secret}\n`, { flag: "wx", mode: 0o600 });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return fs.readFileSync(file, "utf8").trim();
  }
}
