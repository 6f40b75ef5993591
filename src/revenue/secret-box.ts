import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Settings that are secrets (the Stripe keys typed into the app) are kept encrypted at rest:
 * AES-256-GCM with a key derived from SECRET_KEY by HKDF-SHA256, so a copy of the database alone
 * does not give the keys away. `purpose` separates the keys derived for different uses.
 */
const VERSION = 1;

function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "gazette.secret-box", `${purpose} v${VERSION}`, 32));
}

export function sealSecret(plaintext: string, secret: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret, purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return JSON.stringify({
    v: VERSION,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  });
}

/** The plaintext, or null when the box was sealed with another secret (or is damaged). */
export function openSecret(sealed: string, secret: string, purpose: string): string | null {
  try {
    const box = JSON.parse(sealed) as { v?: unknown; iv?: unknown; tag?: unknown; data?: unknown };
    if (
      box.v !== VERSION ||
      typeof box.iv !== "string" ||
      typeof box.tag !== "string" ||
      typeof box.data !== "string"
    ) {
      return null;
    }
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(secret, purpose), Buffer.from(box.iv, "base64"));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(box.tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(box.data, "base64")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
