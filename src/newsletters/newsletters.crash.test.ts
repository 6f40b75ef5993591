import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createEdition } from "../../test/factories.js";
import { createTestDatabase, DIALECTS, TEST_DATABASE_URL, type TestDatabase, testConfig } from "../../test/harness.js";
import { createList } from "../../test/newsletter-factories.js";
import { type SinkMessage, SmtpSink } from "../../test/smtp-sink.js";
import { createServices, PROJECT_ROOT, type Services } from "../app.js";
import { openDatabase } from "../platform/db/database.js";
import { migrateToLatest } from "../platform/db/migrator.js";

const READERS = 60;
const LANES = 3;

function startWorker(args: string[]): { child: ChildProcess; exited: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, ["--import", "tsx", "test/newsletter-send-worker.ts", ...args], {
    cwd: PROJECT_ROOT,
    // A clean environment: the worker gets its settings from its arguments only.
    env: {},
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk) => (out += chunk));
  child.stderr?.on("data", (chunk) => (out += chunk));
  const exited = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, out })),
  );
  return { child, exited };
}

describe.each(DIALECTS)("a send killed mid-way and resumed on %s", (dialect) => {
  let t: { services: Services; database: TestDatabase };
  let sink: SmtpSink;
  let dataDir: string;

  beforeEach(async () => {
    sink = await SmtpSink.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-crash-"));
    let database: TestDatabase;
    if (dialect === "sqlite") {
      // A file, not memory: the worker process opens the same database.
      const opened = openDatabase({ dialect: "sqlite", file: path.join(dataDir, "gazette.db") });
      await migrateToLatest(opened.db, "sqlite");
      database = { ...opened, cleanup: () => opened.close() };
    } else {
      database = await createTestDatabase("postgres");
    }
    await createEdition(database.db, { code: "en", base_path: "/en/", locale: "en-GB" });
    // The test process only prepares and checks; its mailer is the outbox, unused.
    t = { services: await createServices(testConfig(), database), database };
  });
  afterEach(async () => {
    await t.database.cleanup();
    await sink.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("delivers exactly one copy to every reader after a SIGKILL and a restart", { timeout: 60_000 }, async () => {
    const list = await createList(t.services);
    const story = await createArticle(t.services.articles, { edition: "en" });
    for (let i = 0; i < READERS; i++) {
      await t.services.newsletters.subscriptions.addSubscriber(
        list.id,
        `reader${String(i).padStart(3, "0")}@example.org`,
      );
    }
    const issue = await t.services.newsletters.issues.composeManual(
      list.id,
      { subject: "Crash test", intro: "", articleIds: [story.id] },
      null,
    );
    await t.services.newsletters.delivery.startSending(issue.id);

    const args = ["--smtp", sink.url, "--issue", String(issue.id), "--data-dir", dataDir];
    if (dialect === "sqlite") args.push("--database", `sqlite:${path.join(dataDir, "gazette.db")}`);
    else {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.database.db);
      args.push("--database", TEST_DATABASE_URL ?? "", "--schema", rows[0]?.schema ?? "");
    }

    // After a third of the readers, the sink stops answering. Each lane sends its next message
    // only after recording the last one, so once every lane waits on an unanswered message, all
    // answered ones are recorded: that is the moment to kill the sender.
    const held: SinkMessage[] = [];
    let release: (() => void) | undefined;
    const allLanesWaiting = new Promise<void>((resolve) => {
      release = resolve;
    });
    sink.gate = (message) => {
      if (sink.messages.length < READERS / 3) return Promise.resolve("accept");
      held.push(message);
      if (held.length === LANES) release?.();
      // Never answered: the connection dies with the sender, so the relay never took these.
      return new Promise(() => {});
    };
    const first = startWorker(args);
    const early = await Promise.race([allLanesWaiting.then(() => undefined), first.exited]);
    if (early) throw new Error(`The sender exited before the kill: ${early.out}`);
    first.child.kill("SIGKILL");
    const killed = await first.exited;
    expect(killed.code).toBeNull();
    const before = sink.messages.length;
    expect(before).toBeGreaterThanOrEqual(READERS / 3);
    expect(before).toBeLessThan(READERS);

    sink.gate = null;
    const second = startWorker(args);
    const finished = await second.exited;
    expect(finished.out.trim()).toBe("done");

    const received = sink.messages.flatMap((m) => m.to).sort();
    const expected = Array.from({ length: READERS }, (_, i) => `reader${String(i).padStart(3, "0")}@example.org`);
    expect(received).toEqual(expected);
    const progress = await t.services.newsletters.delivery.progress(issue.id);
    expect(progress).toMatchObject({ status: "sent", counts: { sent: READERS } });
  });
});
