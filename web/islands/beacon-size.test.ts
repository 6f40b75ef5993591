import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Rolldown } from "vite";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("the audience beacon as served", () => {
  it("stays under 1 kB once built the way vite.config.ts builds it (minified, with its source-map line)", async () => {
    const result = (await build({
      root: ROOT,
      configFile: false,
      logLevel: "silent",
      build: {
        write: false,
        sourcemap: true,
        target: "es2020",
        rolldownOptions: { input: { beacon: "web/islands/beacon.ts" } },
      },
    })) as Rolldown.RolldownOutput;
    const chunk = result.output.find((item) => item.type === "chunk" && item.isEntry);
    expect(chunk?.type).toBe("chunk");
    const code = chunk?.type === "chunk" ? chunk.code : "";
    expect(code).toContain("/beacon");
    expect(Buffer.byteLength(code, "utf8")).toBeLessThan(1024);
  });
});
