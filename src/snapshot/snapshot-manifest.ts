import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { verifySignature } from "../platform/security/signing-key.js";

/*
 * The snapshot's manifest: every file with its size and SHA-256, signed with the outlet's Ed25519
 * key (a detached, base64 signature of manifest.json's exact bytes in manifest.json.sig). A reader
 * or an app holding the outlet's public key can tell a true copy from a doctored one, wherever the
 * folder was found.
 */

export const MANIFEST_FILE = "manifest.json";
export const SIGNATURE_FILE = "manifest.json.sig";

export interface ManifestEntry {
  /** POSIX path inside the folder. */
  path: string;
  size: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

export interface SnapshotManifest {
  format: "gazette-snapshot/1";
  /** The live site the copy was made from. */
  site: string;
  /** When the copy was made (ISO 8601, UTC). */
  generatedAt: string;
  /** The edition codes in the copy. */
  editions: string[];
  /**
   * The signing key's public half, for reference only: a verifier must use the key it already
   * trusts (from the site or the outlet's app), never this one, or a forger could swap both.
   */
  publicKey: string;
  files: ManifestEntry[];
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The manifest as written: stable key order, one file per line, so two copies diff well. */
export function serializeManifest(manifest: SnapshotManifest): string {
  const { files, ...head } = manifest;
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `    ${JSON.stringify({ path: file.path, size: file.size, sha256: file.sha256 })}`);
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, "");
  return `${top},\n  "files": [\n${lines.join(",\n")}\n  ]\n}\n`;
}

/** A manifest read back, or null when there is none or it is not one (then nothing is trusted). */
export function readManifest(dir: string): SnapshotManifest | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, MANIFEST_FILE), "utf8");
  } catch {
    return null;
  }
  try {
    const data = JSON.parse(text) as Partial<SnapshotManifest>;
    if (data.format !== "gazette-snapshot/1" || !Array.isArray(data.files)) return null;
    const files = data.files.filter(
      (file): file is ManifestEntry =>
        typeof file?.path === "string" && typeof file.size === "number" && typeof file.sha256 === "string",
    );
    return { ...(data as SnapshotManifest), files };
  } catch {
    return null;
  }
}

/** Every file under `dir` (POSIX paths relative to it), walked without following links. */
export function* walkFiles(dir: string, prefix = ""): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(dir, prefix), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walkFiles(dir, relative);
    else yield relative;
  }
}

export type SnapshotProblem =
  | { kind: "no_manifest" | "no_signature" | "bad_signature" }
  | { kind: "missing" | "extra"; path: string }
  | { kind: "size"; path: string; expected: number; actual: number }
  | { kind: "sha256"; path: string };

export interface SnapshotCheck {
  files: number;
  problems: SnapshotProblem[];
}

/** A manifest entry's path that stays inside the folder (no `..`, not absolute). */
function isInside(entry: string): boolean {
  return entry !== "" && !entry.startsWith("/") && !entry.split("/").some((segment) => segment === ".." || !segment);
}

/**
 * Checks a snapshot folder against its manifest and the manifest against `publicKey`: each entry
 * exists with its size and SHA-256, no file is there that the manifest does not list, and the
 * signature is the key's. An empty `problems` means the copy is exactly what the outlet signed.
 */
export function verifySnapshot(dir: string, publicKey: string): SnapshotCheck {
  const problems: SnapshotProblem[] = [];
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(dir, MANIFEST_FILE));
  } catch {
    return { files: 0, problems: [{ kind: "no_manifest" }] };
  }
  const manifest = readManifest(dir);
  if (!manifest) return { files: 0, problems: [{ kind: "no_manifest" }] };
  let signature: string | undefined;
  try {
    signature = fs.readFileSync(path.join(dir, SIGNATURE_FILE), "utf8").trim();
  } catch {
    problems.push({ kind: "no_signature" });
  }
  if (signature !== undefined && !verifySignature(bytes, signature, publicKey))
    problems.push({ kind: "bad_signature" });
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const file = path.join(dir, ...entry.path.split("/"));
    if (!isInside(entry.path) || !fs.existsSync(file)) {
      problems.push({ kind: "missing", path: entry.path });
      continue;
    }
    const size = fs.statSync(file).size;
    if (size !== entry.size) {
      problems.push({ kind: "size", path: entry.path, expected: entry.size, actual: size });
      continue;
    }
    if (sha256Of(fs.readFileSync(file)) !== entry.sha256) problems.push({ kind: "sha256", path: entry.path });
  }
  for (const file of walkFiles(dir)) {
    if (file === MANIFEST_FILE || file === SIGNATURE_FILE || listed.has(file)) continue;
    problems.push({ kind: "extra", path: file });
  }
  return { files: manifest.files.length, problems };
}

/** One line per problem, for the CLI. */
export function describeProblem(problem: SnapshotProblem): string {
  switch (problem.kind) {
    case "no_manifest":
      return `${MANIFEST_FILE} is missing or is not a Gazette snapshot manifest`;
    case "no_signature":
      return `${SIGNATURE_FILE} is missing: the manifest is not signed`;
    case "bad_signature":
      return `${SIGNATURE_FILE} does not verify with the key: the manifest was changed or signed by another key`;
    case "missing":
      return `missing: ${problem.path}`;
    case "extra":
      return `not in the manifest: ${problem.path}`;
    case "size":
      return `changed size: ${problem.path} (${problem.actual} bytes, the manifest says ${problem.expected})`;
    case "sha256":
      return `changed content: ${problem.path} (SHA-256 differs from the manifest)`;
  }
}
