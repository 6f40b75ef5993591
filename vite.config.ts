import { defineConfig } from "vite";

export default defineConfig({
  // The server serves dist/client at /assets/, so URLs inside the built CSS (fonts) must start there.
  base: "/assets/",
  publicDir: false,
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
