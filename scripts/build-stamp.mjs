// Plain JavaScript on purpose: `npm start` reads these stamps before anything is compiled, so this
// module must load without tsx.
/**
 * Build stamps: a hash of the sources a build was made from, saved beside its output, so
 * `npm start` rebuilds the browser assets or the compiled server only when their sources changed.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STAMP_FILE = ".build-stamp.json";

/** Files every build depends on besides its own inputs: the locked dependencies and the build setup. */
const COMMON_INPUTS = ["package-lock.json", "tsconfig.json", "vite.config.ts", "scripts/build-stamp.mjs"];

/** A hash of the files' paths and bytes (a missing file hashes as missing, so its return shows). */
export function hashFiles(files) {
  const hash = createHash("sha256");
  for (const file of [...new Set([...COMMON_INPUTS, ...files])].sort()) {
    hash.update(`${file}\0`);
    try {
      hash.update(fs.readFileSync(path.join(ROOT, file)));
    } catch {
      hash.update("\0missing\0");
    }
  }
  return hash.digest("hex");
}

/**
 * A hash of the files' paths, sizes and modification times: reading those costs a start-up a few
 * milliseconds where hashing every source's bytes cost a tenth of a second or more. Equal
 * fingerprints are taken as unchanged sources; a different one (a checkout, an edit, a copy that
 * kept neither) falls back to comparing the contents' hash.
 */
function fingerprintFiles(files) {
  const hash = createHash("sha256");
  for (const file of [...new Set([...COMMON_INPUTS, ...files])].sort()) {
    let stat;
    try {
      stat = fs.statSync(path.join(ROOT, file));
    } catch {
      stat = undefined;
    }
    hash.update(`${file}\0${stat ? `${stat.size}:${stat.mtimeMs}` : "missing"}\0`);
  }
  return hash.digest("hex");
}

/** Records what the output in `outDir` was built from. */
export function writeStamp(outDir, files) {
  const stamp = { hash: hashFiles(files), fingerprint: fingerprintFiles(files), files: [...files].sort() };
  fs.writeFileSync(path.join(ROOT, outDir, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
}

/**
 * True when `outDir` was built from the sources as they are now. The files to hash are the stamp's
 * own list (what the bundler read) unless `files` names them (what the server build compiles).
 */
export function isCurrent(outDir, files) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(ROOT, outDir, STAMP_FILE), "utf8"));
  } catch {
    return false;
  }
  if (!stamp || typeof stamp.hash !== "string" || !Array.isArray(stamp.files)) return false;
  const inputs = files ?? stamp.files;
  if (typeof stamp.fingerprint === "string" && fingerprintFiles(inputs) === stamp.fingerprint) return true;
  return hashFiles(inputs) === stamp.hash;
}

/** The server's sources: every TypeScript file under src/ but tests, and the data files it reads. */
export function serverSources() {
  const files = [];
  for (const entry of fs.readdirSync(path.join(ROOT, "src"), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (/\.test\.tsx?$/.test(file) || file.includes("/fixtures/")) continue;
    files.push(file);
  }
  return files.sort();
}

/** What the compiled server is made from: its sources and the script that compiles them. */
export function serverBuildInputs(sources = serverSources()) {
  return [...sources, "scripts/build-server.mjs"];
}

export const CLIENT_OUT = "dist/client";
export const SERVER_OUT = "dist/server";
/** The bundle's two entry points: the server (`startServer`) and the `gazette` command. */
export const SERVER_MAIN = `${SERVER_OUT}/main.js`;
export const SERVER_CLI = `${SERVER_OUT}/cli.js`;

/** True when dist/server was compiled from the sources as they are now. */
export function serverIsCurrent() {
  return isCurrent(SERVER_OUT, serverBuildInputs());
}

/** True when dist/client was built from the files the bundler read, as they are now. */
export function clientIsCurrent() {
  return isCurrent(CLIENT_OUT);
}
