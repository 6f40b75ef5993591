/**
 * Writes the capability dependency graph (Mermaid) into docs/architecture.md, between the
 * `dependency-graph` markers, from what the code imports today: `npm run docs:graph`.
 */
import fs from "node:fs";
import path from "node:path";
import { cruise, type ICruiseResult } from "dependency-cruiser";

const root = path.resolve(import.meta.dirname, "..");
const doc = path.join(root, "docs/architecture.md");
const START = "<!-- dependency-graph:start (npm run docs:graph) -->";
const END = "<!-- dependency-graph:end -->";

/** The folder of src/ a module belongs to ("platform", "newsroom"…), or null outside the layers. */
function layerOf(file: string): string | null {
  const match = /^src\/([a-z-]+)\//.exec(file);
  return match && !["cli", "admin"].includes(match[1] as string) ? (match[1] as string) : null;
}

const reported = await cruise(["src"], {
  exclude: { path: "\\.test\\.tsx?$" },
  includeOnly: "^src/",
  tsPreCompilationDeps: true,
  baseDir: root,
});
const result = reported.output as ICruiseResult;
const edges = new Set<string>();
for (const module of result.modules) {
  const from = layerOf(module.source);
  if (!from) continue;
  for (const dependency of module.dependencies) {
    const to = layerOf(dependency.resolved);
    if (to && to !== from) edges.add(`  ${from} --> ${to}`);
  }
}
const graph = ["```mermaid", "flowchart TD", ...[...edges].sort(), "```"].join("\n");
const text = fs.readFileSync(doc, "utf8");
const start = text.indexOf(START);
const end = text.indexOf(END);
if (start < 0 || end < start) throw new Error(`docs/architecture.md has no ${START} … ${END} block`);
fs.writeFileSync(doc, `${text.slice(0, start + START.length)}\n${graph}\n${text.slice(end)}`);
console.log(`docs/architecture.md: ${edges.size} dependencies between layers`);
