/**
 * Writes .br and .gz copies of the built CSS and JS next to them, once at build time, so the
 * static file server sends them compressed (`preCompressed`) without compressing per request.
 */
import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = path.resolve(process.argv[2] ?? "dist/client");
let files = 0;
for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(css|js|svg|json)$/.test(entry.name) || entry.parentPath.includes(".vite")) continue;
  const file = path.join(entry.parentPath, entry.name);
  const data = fs.readFileSync(file);
  if (data.length < 1024) continue;
  fs.writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  fs.writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
  files++;
}
console.log(`precompressed ${files} asset(s) in ${path.relative(process.cwd(), dir) || "."}`);
