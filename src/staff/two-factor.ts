import { Secret, TOTP } from "otpauth";
import { sha256Hex } from "./secrets.js";

const RECOVERY_CODE_COUNT = 10;

/** A new TOTP secret (160 bits, the RFC 4226 recommendation), base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, issuer: string, account: string): TOTP {
  return new TOTP({
    issuer,
    label: account,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/** The URL a QR code carries; `issuer` is what the authenticator app shows next to the code. */
export function otpauthUrl(secret: string, issuer: string, account: string): string {
  return totp(secret, issuer, account).toString();
}

export function isTotpCodeShape(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ""));
}

/** Accepts the current code and its neighbours, since phone clocks drift by a few seconds. */
export function verifyTotp(secret: string, code: string, at: Date): boolean {
  const token = code.replace(/\s/g, "");
  if (!isTotpCodeShape(token)) return false;
  return totp(secret, "", "").validate({ token, timestamp: at.getTime(), window: 1 }) !== null;
}

/** Ten codes of 80 random bits each, written as xxxx-xxxx-xxxx-xxxx for reading aloud and typing. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    new Secret({ size: 10 }).base32.toLowerCase().match(/.{4}/g)!.join("-"),
  );
}

/** Recovery codes have 80 random bits, so a plain sha256 of the normalised code is a safe record. */
export function hashRecoveryCode(code: string): string {
  return sha256Hex(code.toLowerCase().replace(/[^a-z0-9]/g, ""));
}
