import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../errors.js";

export const PASSWORD_MIN_LENGTH = 10;
// Hashing cost grows with length; nobody needs more, and it bounds the work a request can cause.
export const PASSWORD_MAX_LENGTH = 200;

/** Refuses a password too short to resist guessing or too long to hash cheaply. */
export function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new AppError("validation_failed", `The password needs at least ${PASSWORD_MIN_LENGTH} characters.`, {
      field: "password",
    });
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new AppError("validation_failed", `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`, {
      field: "password",
    });
  }
}

/** argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes. */
export function hashPassword(password: string): Promise<string> {
  checkPassword(password);
  return hash(password);
}

// Verified against when the account does not exist, so a miss takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  if (!passwordHash) {
    decoyHash ??= hash("decoy password that matches nothing");
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
