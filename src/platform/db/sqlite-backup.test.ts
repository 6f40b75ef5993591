import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupSqlite, liveServerPids, restoreSqlite, serverLockPath, verifySqliteFile } from "./sqlite-backup.js";

describe("SQLite backup and restore", () => {
  let dir: string;
  let live: SqliteDatabase.Database;
  const file = () => path.join(dir, "gazette.db");
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-backup-"));
    live = new SqliteDatabase(file());
    live.pragma("journal_mode = WAL");
    live.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    live.prepare("INSERT INTO notes (body) VALUES (?)").run("before the backup");
  });
  afterEach(() => {
    live.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies a database that a server holds open, with the writes still in its WAL", async () => {
    const report = await backupSqlite(file(), path.join(dir, "backups", "copy.db"));
    expect(report.tables).toBe(1);
    const copy = new SqliteDatabase(report.file, { readonly: true });
    expect(copy.prepare("SELECT body FROM notes").all()).toEqual([{ body: "before the backup" }]);
    copy.close();
    expect(fs.existsSync(`${report.file}.partial`)).toBe(false);
  });

  it("restores a backup and keeps the replaced database beside it", async () => {
    const { file: backup } = await backupSqlite(file(), path.join(dir, "copy.db"));
    live.prepare("INSERT INTO notes (body) VALUES (?)").run("after the backup");
    live.close();
    const { previous } = await restoreSqlite(backup, file(), new Date("2026-05-01T10:00:00Z"));
    live = new SqliteDatabase(file());
    expect(live.prepare("SELECT body FROM notes").all()).toEqual([{ body: "before the backup" }]);
    expect(previous).toBe(`${file()}.pre-restore-2026-05-01T10-00-00-000Z`);
    const old = new SqliteDatabase(previous as string, { readonly: true });
    expect(old.prepare("SELECT count(*) AS n FROM notes").get()).toEqual({ n: 2 });
    old.close();
  });

  it("refuses to restore a file that is not a sound SQLite database", async () => {
    const bogus = path.join(dir, "bogus.db");
    fs.writeFileSync(bogus, "this is not a database, only some words that fill a file ".repeat(100));
    await expect(restoreSqlite(bogus, file())).rejects.toThrow(/not an SQLite database/);
    expect(() => verifySqliteFile(path.join(dir, "missing.db"))).toThrow(/does not exist/);
    expect(live.prepare("SELECT count(*) AS n FROM notes").get()).toEqual({ n: 1 });
  });

  it("names the running servers of a database, ignoring ones that have exited", () => {
    // PID 2**22+1 is above Linux's limit, so no process has it.
    fs.writeFileSync(serverLockPath(file()), `${process.pid}\n${2 ** 22 + 1}\n`);
    expect(liveServerPids(serverLockPath(file()))).toEqual([process.pid]);
  });
});
