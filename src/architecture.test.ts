import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { cruise, type ICruiseResult, type IFlattenedRuleSet } from "dependency-cruiser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const config = createRequire(import.meta.url)(path.join(root, ".dependency-cruiser.cjs")) as {
  forbidden: IFlattenedRuleSet["forbidden"];
  options: { tsPreCompilationDeps: boolean | "specify" };
};

/** A small tree with one deliberate violation of each rule, cruised with the project's rules. */
const FIXTURE: Record<string, string> = {
  "src/errors.ts": "export const fine = 1;\n",
  "src/app.ts": 'import { articles } from "./newsroom/articles.service.js";\nexport const app = articles;\n',
  "src/platform/cache/page-cache.ts":
    'import { articles } from "../../newsroom/articles.service.js";\nexport const c = articles;\n',
  "src/newsroom/articles.repository.ts": "export class ArticlesRepository {}\nexport interface Row { id: number }\n",
  "src/newsroom/articles.service.ts":
    'import { ArticlesRepository } from "./articles.repository.js";\nexport const articles = new ArticlesRepository();\n',
  "src/newsroom/articles.policy.ts": "export const canEdit = true;\n",
  "src/site/views/ArticlePage.tsx":
    'import { geotag } from "../../maps/maps.service.js";\nexport const page = geotag;\n',
  "src/site/site.service.ts": 'import type { Row } from "../newsroom/articles.repository.js";\nexport type R = Row;\n',
  "src/maps/maps.service.ts":
    'import { ArticlesRepository } from "../newsroom/articles.repository.js";\nimport { app } from "../app.js";\nimport { s } from "../search/search.service.js";\nexport const geotag = [new ArticlesRepository(), app, s];\n',
  "src/search/search.service.ts": 'import { geotag } from "../maps/maps.service.js";\nexport const s = geotag;\n',
  "web/admin/App.tsx":
    'import { canEdit } from "../../src/newsroom/articles.policy.js";\nimport { articles } from "../../src/newsroom/articles.service.js";\nexport const a = [canEdit, articles];\n',
};

describe("layer rules (dependency-cruiser)", () => {
  let dir: string;
  let result: ICruiseResult;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-layers-"));
    for (const [file, text] of Object.entries(FIXTURE)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const reported = await cruise(["src", "web"], {
        validate: true,
        ruleSet: { forbidden: config.forbidden },
        tsPreCompilationDeps: config.options.tsPreCompilationDeps,
        baseDir: dir,
      });
      result = reported.output as ICruiseResult;
    } finally {
      process.chdir(cwd);
    }
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const violations = (rule: string) =>
    result.summary.violations.filter((v) => v.rule.name === rule).map((v) => `${v.from} → ${v.to}`);

  it("refuses platform code that imports a capability", () => {
    expect(violations("platform-imports-no-capability")).toEqual([
      "src/platform/cache/page-cache.ts → src/newsroom/articles.service.ts",
    ]);
  });

  it("refuses a capability importing one it may not (site → maps)", () => {
    expect(violations("layers-site")).toEqual(["src/site/views/ArticlePage.tsx → src/maps/maps.service.ts"]);
  });

  it("refuses a call into another capability's repository but allows its row types", () => {
    expect(violations("no-other-repository")).toEqual([
      "src/maps/maps.service.ts → src/newsroom/articles.repository.ts",
    ]);
  });

  it("refuses a capability importing the composition root", () => {
    expect(violations("capability-imports-no-root")).toEqual(["src/maps/maps.service.ts → src/app.ts"]);
  });

  it("lets the browser bundle import policies but not services", () => {
    expect(violations("web-imports-browser-safe-src-only")).toEqual([
      "web/admin/App.tsx → src/newsroom/articles.service.ts",
    ]);
  });

  it("refuses an import cycle between capabilities", () => {
    expect(violations("no-circular-capabilities")).toEqual(["src/maps/maps.service.ts → src/search/search.service.ts"]);
  });
});

/** Every table's name as a query of one capability uses it: `selectFrom("x")`, `insertInto("x")`… */
const TABLE_USE = /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|replaceInto)\(\s*"([a-z_]+)/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("table ownership", () => {
  it("has every table read and written by one capability only (others ask its service)", () => {
    const users = new Map<string, Set<string>>();
    const capabilities = fs
      .readdirSync(path.join(root, "src"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !["platform", "cli", "admin"].includes(entry.name))
      .map((entry) => entry.name);
    for (const capability of capabilities) {
      for (const file of sourceFiles(path.join(root, "src", capability))) {
        for (const match of fs.readFileSync(file, "utf8").matchAll(TABLE_USE)) {
          const table = match[1] as string;
          users.set(table, (users.get(table) ?? new Set()).add(capability));
        }
      }
    }
    const shared = [...users].filter(([, by]) => by.size > 1).map(([table, by]) => `${table}: ${[...by].join(", ")}`);
    expect(shared).toEqual([]);
    // The scan sees the tables at all (a broken pattern would pass the check above vacuously).
    expect(users.get("articles")).toEqual(new Set(["newsroom"]));
    expect(users.get("map_stories")).toEqual(new Set(["maps"]));
  });
});
