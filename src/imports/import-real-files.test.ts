import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { executeImport, parseImportArgs } from "../cli/import.command.js";
import { openImportReader } from "./reader-factory.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

describe.each(DIALECTS)("importing real export files on %s", (dialect) => {
  let t: TestApp;
  let out: string[];
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: [{ code: "en", base_path: "/" }],
    });
    out = [];
  });
  afterEach(async () => t.close());

  async function importFile(args: string[]): Promise<{ code: number; report: Record<string, unknown> | undefined }> {
    const code = await executeImport(parseImportArgs([...args, "--edition", "en", "--media", "skip"]), {
      engine: t.services.imports.engine,
      announceImported: (edition) => t.services.imports.runs.announceImported(edition),
      openReader: openImportReader,
      editionExists: (edition) => t.services.editions.byCode(edition) !== undefined,
      out: (line) => void out.push(line),
      err: () => undefined,
      tty: false,
    });
    return { code, report: out.length > 0 ? JSON.parse(out.at(-1) ?? "{}") : undefined };
  }
  const articles = () => t.database.db.selectFrom("articles").select(["id", "status"]).execute();

  it.each([
    ["wordpress", "wordpress-1.2.xml"],
    ["wordpress", "wordpress-1.1.xml"],
    ["ghost", "ghost-5.json"],
    ["feed", "feed-rss.xml"],
    ["feed", "feed-atom.xml"],
  ])("imports %s %s, and a second run changes nothing", async (source, file) => {
    const first = await importFile([source, path.join(FIXTURES, file)]);
    expect(first.code).toBe(0);
    expect(first.report?.created).toBeGreaterThan(0);
    expect(first.report?.failed).toBe(0);
    const count = (await articles()).length;
    expect(count).toBe(first.report?.created);

    const second = await importFile([source, path.join(FIXTURES, file)]);
    expect(second.report).toMatchObject({ created: 0, updated: 0, unchanged: count, failed: 0, redirects: 0 });
    expect(await articles()).toHaveLength(count);
  });

  it("answers an old WordPress permalink with 301 after the import", async () => {
    await importFile(["wordpress", path.join(FIXTURES, "wordpress-1.2.xml")]);
    const { items } = await t.services.imports.redirects.list({ limit: 100 });
    const permalinks = items.filter((item) => !item.oldPath.startsWith("/?"));
    let checked = 0;
    for (const { oldPath } of permalinks) {
      const target = await t.services.imports.redirects.resolve(oldPath);
      if (!target) continue;
      const response = await t.app.inject({ method: "GET", url: encodeURI(`${oldPath}/`) });
      expect(response.statusCode).toBe(301);
      expect(response.headers.location).toBe(target);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it.each(["wordpress-truncated.xml", "wordpress-mismatched.xml", "empty.xml"])(
    "imports nothing from the malformed %s and exits 65",
    async (file) => {
      const { code } = await importFile(["wordpress", path.join(FIXTURES, "malformed", file)]);
      expect(code).toBe(65);
      expect(await articles()).toHaveLength(0);
    },
  );
});
