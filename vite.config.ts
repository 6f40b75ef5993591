import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import { CLIENT_OUT, ROOT, writeStamp } from "./scripts/build-stamp.mjs";

/**
 * Records which of the repository's files went into the bundle (web/ and the shared modules of
 * src/ it imports), so `npm start` rebuilds the assets only when one of them changed.
 */
function recordBuildInputs(): Plugin {
  return {
    name: "gazette-build-stamp",
    apply: "build",
    writeBundle() {
      const files = [...this.getModuleIds()]
        .filter((id) => !id.startsWith("\0"))
        .map((id) => path.relative(ROOT, id.split("?")[0] ?? id))
        .filter((file) => !file.startsWith("..") && !path.isAbsolute(file) && !file.includes("node_modules"))
        .map((file) => file.split(path.sep).join("/"));
      writeStamp(CLIENT_OUT, [...files, "scripts/precompress-assets.ts"]);
    },
  };
}

export default defineConfig({
  // The server serves dist/client at /assets/, so URLs inside the built CSS (fonts) must start there.
  base: "/assets/",
  publicDir: false,
  plugins: [recordBuildInputs()],
  build: {
    outDir: "dist/client",
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    assetsDir: "",
    target: "es2020",
    rolldownOptions: {
      input: {
        site: "web/islands/site.ts",
        beacon: "web/islands/beacon.ts",
        map: "web/islands/map.ts",
        "push-sw": "web/islands/push-sw.ts",
        style: "web/styles/site.css",
        admin: "web/admin/main.tsx",
        "admin-style": "web/admin/admin.css",
      },
      output: {
        entryFileNames: "[name]-[hash].js",
        chunkFileNames: "chunks/[name]-[hash].js",
        assetFileNames: "[name]-[hash][extname]",
      },
    },
  },
});
