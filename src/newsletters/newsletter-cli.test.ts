import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.js";
import { createArticle, createEdition } from "../../test/factories.js";
import { testConfig } from "../../test/harness.js";
import { createList } from "../../test/newsletter-factories.js";
import { SmtpSink } from "../../test/smtp-sink.js";
import { createServices } from "../app.js";
import { type Database, openDatabase } from "../platform/db/database.js";
import { migrateToLatest } from "../platform/db/migrator.js";

// The CLI reads the server's database from DATA_DIR, so this runs on an SQLite file.
describe("gazette newsletter", () => {
  let dataDir: string;
  let database: Database;
  let sink: SmtpSink;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-cli-nl-"));
    database = openDatabase({ dialect: "sqlite", file: path.join(dataDir, "gazette.db") });
    await migrateToLatest(database.db, "sqlite");
    await createEdition(database.db, { code: "en", base_path: "/en/", locale: "en-GB" });
    sink = await SmtpSink.start();
  });
  afterEach(async () => {
    await database.close();
    await sink.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints one list slug per line, and sends a list's next issue now through SMTP_URL", {
    timeout: 120_000,
  }, async () => {
    const services = await createServices(testConfig({ DATA_DIR: dataDir }), database);
    const list = await createList(services, {
      slug: "en-daily",
      kind: "digest",
      cron: "0 9 * * *",
      timeZone: "America/New_York",
    });
    await createList(services, { slug: "en-weekly" });
    await services.newsletters.subscriptions.addSubscriber(list.id, "reader@example.org");
    await createArticle(services.articles, { edition: "en", title: "A story for the briefing" });

    const lists = await runCli(["newsletter", "lists"], { DATA_DIR: dataDir });
    expect(lists.code).toBe(0);
    expect(lists.stdout.trim().split("\n")).toEqual(["en-daily", "en-weekly"]);

    const sent = await runCli(["newsletter", "send", "--list", "en-daily"], { DATA_DIR: dataDir, SMTP_URL: sink.url });
    expect(sent.stderr).toBe("");
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain("1 delivered");
    expect(sink.messages.map((m) => m.to)).toEqual([["reader@example.org"]]);
    const [mail] = await sink.parsed();
    expect(mail?.text).toContain("A story for the briefing");

    const again = await runCli(["newsletter", "send", "--list", "en-daily"], { DATA_DIR: dataDir, SMTP_URL: sink.url });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing new");
    expect(sink.messages).toHaveLength(1);

    const unknown = await runCli(["newsletter", "send", "--list", "nope"], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('no newsletter list "nope"');
  });
});
