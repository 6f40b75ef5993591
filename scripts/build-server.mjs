// Plain JavaScript so that `npm start` can compile the server without tsx.
/**
 * Compiles the server to JavaScript in dist/server with esbuild, bundled: two entry points (the
 * server, main.js, and the CLI, cli.js) and the chunks they share, with the npm packages inlined.
 * Loading one large module costs Node far less than resolving and compiling hundreds of small
 * ones: bundling cut the compiled start-up from about 4 s to under 2 s (README, "Start-up"). No
 * type checking here (that is `npm run typecheck`), only stripping types and JSX.
 *
 * Every output file sits directly in dist/server, so a module that reads a data file beside it
 * (`new URL("./data/…", import.meta.url)`, the maps' JSON) finds the copy in dist/server/data.
 * Writes the build stamp last, so an interrupted build is rebuilt on the next start.
 */
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { ROOT, SERVER_OUT, serverBuildInputs, serverSources, writeStamp } from "./build-stamp.mjs";

/**
 * Packages left to Node: native addons (their loaders find the binary beside their own files),
 * packages that read their own files at run time (BullMQ's Lua scripts, MJML's component
 * registry), and optional peers that are not installed.
 */
const EXTERNAL = [
  "better-sqlite3",
  "sharp",
  "@node-rs/argon2",
  "msgpackr-extract",
  "pg-native",
  "bullmq",
  "ioredis",
  "mjml",
  "pino-pretty",
];

const started = Date.now();
const sources = serverSources();
const outDir = path.join(ROOT, SERVER_OUT);
fs.rmSync(outDir, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { main: "src/main.ts", cli: "src/cli/gazette.ts" },
  outdir: SERVER_OUT,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: EXTERNAL,
  // The inlined CommonJS packages call require() for Node's own modules; ESM has none.
  banner: {
    js: 'import { createRequire as __gazetteRequire } from "node:module"; const require = __gazetteRequire(import.meta.url);',
  },
  charset: "utf8",
  // Less text to decode and parse (a fifth of the import time); names are kept for stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  jsx: "automatic",
  jsxImportSource: "preact",
  sourcemap: "linked",
  logLevel: "warning",
});
for (const file of sources.filter((file) => !/\.tsx?$/.test(file))) {
  if (!/\/data\/[^/]+$/.test(file))
    throw new Error(`${file}: the bundled server reads data files only from a data/ folder`);
  const target = path.join(outDir, "data", path.basename(file));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(ROOT, file), target);
}
writeStamp(SERVER_OUT, serverBuildInputs(sources));
console.log(`bundled ${sources.length} server file(s) into ${SERVER_OUT} in ${Date.now() - started} ms`);
