import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { sha256Hex } from "./secrets.js";

const RECOVERY_CODE_COUNT = 10;
const PERIOD_SECONDS = 30;

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
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The URL a QR code carries; `issuer` is what the authenticator app shows next to the code. */
export function otpauthUrl(secret: string, issuer: string, account: string): string {
  return totp(secret, issuer, account).toString();
}

/**
 * The otpauth URL as a QR code in SVG, drawn here so the secret never leaves the server for an
 * outside QR service. Medium error correction and a quiet zone of 4 modules, which phone cameras
 * read at screen sizes.
 */
export function otpauthQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}

export function isTotpCodeShape(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ""));
}

/**
 * The time step (unix seconds / 30) a code belongs to, or null when it is not right. Accepts the
 * current code and its neighbours, since phone clocks drift by a few seconds. The caller refuses
 * a step at or before the last one it accepted, so a code works once.
 */
export function matchTotpStep(secret: string, code: string, at: Date): number | null {
  const token = code.replace(/\s/g, "");
  if (!isTotpCodeShape(token)) return null;
  const delta = totp(secret, "", "").validate({ token, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(at.getTime() / 1000 / PERIOD_SECONDS) + delta;
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
