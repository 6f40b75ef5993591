import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeReader, importItem } from "../../test/import-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { ImportFormatError, type ImportReader } from "../imports/import-item.types.js";
import { executeImport, ImportArgsError, parseImportArgs } from "./import.command.js";

describe("gazette import arguments", () => {
  it("reads the source, the file and every option", () => {
    expect(
      parseImportArgs([
        "wordpress",
        "export.xml",
        "--edition",
        "uk",
        "--media",
        "skip",
        "--media-dir",
        "/srv/uploads",
        "--dry-run",
        "--overwrite",
      ]),
    ).toEqual({
      source: "wordpress",
      location: "export.xml",
      options: { edition: "uk", media: "skip", mediaDir: "/srv/uploads", dryRun: true, overwrite: true },
    });
  });

  it("fetches media and writes for real unless told otherwise", () => {
    expect(parseImportArgs(["feed", "https://old.example/feed/", "--edition", "en"]).options).toEqual({
      edition: "en",
      media: "fetch",
      dryRun: false,
      overwrite: false,
    });
  });

  it("takes one language or category of a multilingual site per run", () => {
    const args = ["wordpress", "x.xml", "--edition", "uk", "--language", "uk_UA", "--category", "Українською"];
    expect(parseImportArgs(args).options.only).toEqual({ language: "uk", category: "Українською" });
    expect(() => parseImportArgs(["wordpress", "x.xml", "--edition", "uk", "--language", "Ukrainian!"])).toThrowError(
      /--language needs a language code/,
    );
  });

  it.each([
    [[], /needs a source/],
    [["drupal", "x.xml", "--edition", "en"], /got "drupal"/],
    [["ghost", "--edition", "en"], /needs a file name or URL/],
    [["ghost", "a.json"], /--edition is required/],
    [["ghost", "a.json", "--edition", "en", "--media", "all"], /--media must be fetch or skip/],
    [["ghost", "a.json", "b.json", "--edition", "en"], /one file or URL/],
    [["ghost", "a.json", "--edition", "en", "--verbose"], /verbose/],
  ])("refuses %j", (args, message) => {
    expect(() => parseImportArgs(args)).toThrowError(ImportArgsError);
    expect(() => parseImportArgs(args)).toThrowError(message);
  });
});

describe.each(DIALECTS)("gazette import on %s", (dialect) => {
  let t: TestApp;
  let out: string[];
  let err: string;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: [{ code: "en", base_path: "/" }],
    });
    out = [];
    err = "";
  });
  afterEach(async () => t.close());

  const deps = (reader: () => ImportReader, tty = false) => ({
    engine: t.services.imports.engine,
    announceImported: (edition: string) => t.services.imports.runs.announceImported(edition),
    openReader: reader,
    editionExists: (code: string) => t.services.editions.byCode(code) !== undefined,
    out: (line: string) => void out.push(line),
    err: (text: string) => {
      err += text;
    },
    tty,
  });
  const articles = () => t.database.db.selectFrom("articles").select("id").execute();

  it("prints the JSON report as the last line and progress on a terminal", async () => {
    const items = [importItem(), importItem()];
    const command = parseImportArgs(["wordpress", "export.xml", "--edition", "en", "--media", "skip"]);
    const code = await executeImport(
      command,
      deps(() => fakeReader(items), true),
    );
    expect(code).toBe(0);
    expect(JSON.parse(out.at(-1) ?? "")).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
      redirects: 4,
      media: { imported: 0, missing: 0 },
      warnings: [],
    });
    expect(err).toContain("2/2");
    expect(await articles()).toHaveLength(2);
  });

  it("has the server's worker refresh the edition's cached pages after a CLI import", async () => {
    const purged: string[][] = [];
    t.services.pageCache.onPurge((keys) => void purged.push([...keys]));
    const command = parseImportArgs(["wordpress", "export.xml", "--edition", "en", "--media", "skip"]);
    await executeImport(
      command,
      deps(() => fakeReader([importItem()])),
    );
    purged.length = 0;
    await t.services.jobs.runDue();
    expect(purged).toContainEqual(["settings:en"]);
  });

  it("exits 65 naming the place when the file breaks off, with nothing imported", async () => {
    const truncated = (): ImportReader => ({
      info: { source: "wordpress" },
      async *entries() {
        yield { item: importItem() };
        throw new ImportFormatError("The XML ends before </channel>", "line 40, column 1");
      },
    });
    const command = parseImportArgs(["wordpress", "cut.xml", "--edition", "en", "--media", "skip"]);
    expect(await executeImport(command, deps(truncated))).toBe(65);
    expect(err).toContain("line 40, column 1");
    expect(out).toEqual([]);
    expect(await articles()).toHaveLength(0);
  });

  it("refuses an edition that does not exist", async () => {
    const command = parseImportArgs(["ghost", "a.json", "--edition", "fr"]);
    await expect(
      executeImport(
        command,
        deps(() => fakeReader([])),
      ),
    ).rejects.toThrowError(/no edition "fr"/);
  });
});
