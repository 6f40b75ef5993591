// Plain JavaScript so that `npm start` can compile the server without tsx.
/**
 * Compiles the server (src/, tests left out) to JavaScript in dist/server, file for file, with
 * esbuild: no type checking here (that is `npm run typecheck`), only stripping types and JSX. The
 * data files the server reads beside its modules (the maps' JSON) are copied. Writes the build
 * stamp last, so an interrupted build is rebuilt on the next start.
 */
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { ROOT, SERVER_OUT, serverBuildInputs, serverSources, writeStamp } from "./build-stamp.mjs";

const started = Date.now();
const sources = serverSources();
const outDir = path.join(ROOT, SERVER_OUT);
fs.rmSync(outDir, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: sources.filter((file) => /\.tsx?$/.test(file)),
  outbase: "src",
  outdir: SERVER_OUT,
  format: "esm",
  platform: "node",
  target: "node20",
  jsx: "automatic",
  jsxImportSource: "preact",
  sourcemap: "linked",
  logLevel: "warning",
});
for (const file of sources.filter((file) => !/\.tsx?$/.test(file))) {
  const target = path.join(outDir, path.relative("src", file));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(ROOT, file), target);
}
writeStamp(SERVER_OUT, serverBuildInputs(sources));
console.log(`compiled ${sources.length} server file(s) into ${SERVER_OUT} in ${Date.now() - started} ms`);
