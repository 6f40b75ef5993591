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

/** argon2id's memory and passes (config's `passwordHashing`: by default 19 MiB and 2 passes). */
export interface PasswordCost {
  readonly memoryKib: number;
  readonly passes: number;
}

/** argon2id (the library's default algorithm) at the configured cost. */
export function hashPassword(password: string, cost: PasswordCost): Promise<string> {
  checkPassword(password);
  return hash(password, { memoryCost: cost.memoryKib, timeCost: cost.passes });
}

// Verified against when the account does not exist, so a miss takes as long as a wrong password;
// one per cost, as a wrong password costs what its hash was made with.
const decoyHashes = new Map<string, Promise<string>>();

function decoyHash(cost: PasswordCost): Promise<string> {
  const key = `${cost.memoryKib}:${cost.passes}`;
  let decoy = decoyHashes.get(key);
  if (!decoy) {
    decoy = hashPassword("decoy password that matches nothing", cost);
    decoyHashes.set(key, decoy);
  }
  return decoy;
}

/** A stored hash carries its own cost; `cost` is for the decoy checked when there is no hash. */
export async function verifyPassword(
  passwordHash: string | null,
  password: string,
  cost: PasswordCost,
): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  if (!passwordHash) {
    await verify(await decoyHash(cost), password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
