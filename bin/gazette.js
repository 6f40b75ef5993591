#!/usr/bin/env node
// The package's `gazette` command. It runs the compiled CLI in dist/server when that was built
// from the sources as they are (`npm start` and `npm run build:server` build it), so production
// starts without a TypeScript compiler; otherwise the TypeScript sources through tsx, so a
// checkout being edited never runs stale code.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SERVER_CLI, serverIsCurrent } from "../scripts/build-stamp.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (serverIsCurrent()) {
  await import(pathToFileURL(path.join(root, SERVER_CLI)).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/gazette.ts");
}
