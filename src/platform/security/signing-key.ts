import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The outlet's Ed25519 key that signs what readers and apps must be able to trust when the site
 * itself is out of reach: the mirror list and the static snapshot's manifest. Generated once into
 * the data directory (like `secret.key` and `vapid.json`) and never rotated silently: apps pin the
 * public key, so a new key would make every copy they hold look forged.
 */
export interface SigningKey {
  /** The raw 32-byte public key, base64: what the newsroom app shows and apps pin. */
  readonly publicKey: string;
  /** The same public key as PEM (SubjectPublicKeyInfo), what `openssl pkeyutl -verify -pubin` reads. */
  readonly publicKeyPem: string;
  /** A detached signature of `data`, base64. */
  sign(data: Uint8Array | string): string;
}

export const SIGNING_KEY_FILE = "signing-key.pem";

/** The key in `dataDir`, generated (and written with mode 0600) when there is none yet. */
export function loadSigningKey(dataDir: string): SigningKey {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  let pem = readPem(file);
  if (!pem) {
    fs.mkdirSync(dataDir, { recursive: true });
    const { privateKey } = crypto.generateKeyPairSync("ed25519");
    const fresh = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    // `wx` fails when another process wrote the file first; its key then wins.
    try {
      fs.writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      pem = fresh;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      pem = readPem(file);
      if (!pem) throw new Error(`${file} exists but is empty.`);
    }
  }
  return signingKeyOf(pem, file);
}

/** A signing key from a PKCS#8 PEM (tests, and keys kept outside the data directory). */
export function signingKeyOf(pem: string, source = "the signing key"): SigningKey {
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(pem);
  } catch {
    throw new Error(`${source} is not a PEM private key.`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`${source} is not an Ed25519 key.`);
  const publicKeyObject = crypto.createPublicKey(privateKey);
  return {
    publicKey: rawPublicKey(publicKeyObject),
    publicKeyPem: publicKeyObject.export({ type: "spki", format: "pem" }).toString(),
    sign: (data) => crypto.sign(null, toBytes(data), privateKey).toString("base64"),
  };
}

/** Whether `signature` (base64) is `publicKey`'s (raw base64) signature of `data`. */
export function verifySignature(data: Uint8Array | string, signature: string, publicKey: string): boolean {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: toBase64Url(publicKey) }, format: "jwk" });
  } catch {
    return false;
  }
  const bytes = Buffer.from(signature, "base64");
  if (bytes.length !== 64) return false;
  return crypto.verify(null, toBytes(data), key, bytes);
}

function rawPublicKey(key: crypto.KeyObject): string {
  const jwk = key.export({ format: "jwk" }) as { x?: string };
  if (!jwk.x) throw new Error("The public key has no Ed25519 point.");
  return Buffer.from(jwk.x, "base64url").toString("base64");
}

function toBase64Url(base64: string): string {
  return Buffer.from(base64, "base64").toString("base64url");
}

function toBytes(data: Uint8Array | string): Buffer {
  return typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
}

function readPem(file: string): string | null {
  try {
    const text = fs.readFileSync(file, "utf8");
    return text.trim() ? text : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
