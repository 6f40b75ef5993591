// Plain JavaScript: `npm start` runs this with node alone, so starting costs no TypeScript compiler.
/**
 * `npm start`: builds the browser assets and compiles the server only when their sources changed
 * since the last build (see build-stamp.mjs), then serves from the compiled JavaScript in
 * dist/server (bundled, see build-server.mjs). A fresh clone builds both on its first start.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { clientIsCurrent, ROOT, SERVER_MAIN, serverIsCurrent } from "./build-stamp.mjs";

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`gazette: ${[command, ...args].join(" ")} failed; not starting`);
    process.exit(result.status ?? 1);
  }
}

if (!clientIsCurrent()) {
  console.log("gazette: building the browser assets (their sources changed)");
  run(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build", "--silent"]);
}
if (!serverIsCurrent()) {
  console.log("gazette: compiling the server (its sources changed)");
  run(process.execPath, [path.join(ROOT, "scripts", "build-server.mjs")]);
}
const { startServer } = await import(pathToFileURL(path.join(ROOT, SERVER_MAIN)).href);
startServer().catch((error) => {
  console.error("gazette: failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
