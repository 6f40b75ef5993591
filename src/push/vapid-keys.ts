import fs from "node:fs";
import path from "node:path";
import webpush from "web-push";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The VAPID key pair that signs every push: the configured one, else a pair generated on first use
 * and kept in the data directory (like `secret.key`). Browsers bind a subscription to the public
 * key, so it must never change under them: a new key silently orphans every subscriber. Several
 * processes (the scaled mode) must share VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY.
 */
export function resolveVapidKeys(configured: VapidKeys | null, dataDir: string): VapidKeys {
  if (configured) return configured;
  const file = path.join(dataDir, "vapid.json");
  const existing = readKeys(file);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const generated = webpush.generateVAPIDKeys();
  const keys = { publicKey: generated.publicKey, privateKey: generated.privateKey };
  // `wx` fails when another process wrote the file first; its pair then wins.
  try {
    fs.writeFileSync(file, `${JSON.stringify(keys)}\n`, { flag: "wx", mode: 0o600 });
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const theirs = readKeys(file);
    if (!theirs) throw new Error(`${file} exists but holds no VAPID key pair.`);
    return theirs;
  }
}

function readKeys(file: string): VapidKeys | null {
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = JSON.parse(raw) as Partial<VapidKeys>;
  if (typeof parsed.publicKey !== "string" || typeof parsed.privateKey !== "string") {
    throw new Error(`${file} does not hold a VAPID key pair ({"publicKey","privateKey"}).`);
  }
  return { publicKey: parsed.publicKey, privateKey: parsed.privateKey };
}
