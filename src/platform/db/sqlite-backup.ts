import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";

export interface BackupReport {
  file: string;
  bytes: number;
  tables: number;
}

/** Opens a copy read-only and asks SQLite to check every page and index of it. */
export function verifySqliteFile(file: string): BackupReport {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`${file} is not an SQLite database (${(error as Error).message})`);
  }
  try {
    const result = db.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
    const problems = result.map((row) => row.integrity_check).filter((line) => line !== "ok");
    if (problems.length > 0) throw new Error(`${file} failed the integrity check: ${problems.slice(0, 3).join("; ")}`);
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    return { file, bytes: fs.statSync(file).size, tables: tables.n };
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_NOTADB") throw new Error(`${file} is not an SQLite database`);
    throw error;
  } finally {
    db.close();
  }
}

/**
 * An online backup: SQLite's backup API copies a consistent snapshot page by page while the
 * server keeps reading and writing. Written beside the target and renamed, so a failed backup
 * never leaves a half file under the chosen name.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupReport> {
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source} to back up`);
  const destination = path.resolve(target);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(partial);
  } finally {
    db.close();
  }
  const report = verifySqliteFile(partial);
  fs.renameSync(partial, destination);
  return { ...report, file: destination };
}

/** The file in which running servers list their PIDs next to the database they use. */
export function serverLockPath(databaseFile: string): string {
  return `${databaseFile}.server-pid`;
}

/** PIDs in a server lock file that belong to running processes. */
export function liveServerPids(lockFile: string): number[] {
  if (!fs.existsSync(lockFile)) return [];
  return fs
    .readFileSync(lockFile, "utf8")
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0)
    .filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        // EPERM: the process exists but belongs to someone else; it still holds the file.
        return (error as { code?: string }).code === "EPERM";
      }
    });
}

/**
 * Replaces the database with a verified backup. The current file is kept beside it
 * (`…pre-restore-<time>`), so a restore of the wrong backup can be undone.
 */
export async function restoreSqlite(
  backup: string,
  target: string,
  now = new Date(),
): Promise<{
  restored: BackupReport;
  previous: string | null;
}> {
  verifySqliteFile(backup);
  const destination = path.resolve(target);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const incoming = `${destination}.restoring`;
  fs.rmSync(incoming, { force: true });
  // Copied through the backup API too, so the restored file is a clean single file (no WAL).
  const source = new SqliteDatabase(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(incoming);
  } finally {
    source.close();
  }
  let previous: string | null = null;
  if (fs.existsSync(destination)) {
    previous = `${destination}.pre-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    // Folds the WAL into the old file first, so the kept copy is complete on its own.
    const old = new SqliteDatabase(destination);
    try {
      old.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      old.close();
    }
    fs.renameSync(destination, previous);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${destination}${suffix}`, { force: true });
  fs.renameSync(incoming, destination);
  return { restored: verifySqliteFile(destination), previous };
}
