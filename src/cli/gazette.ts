import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ApiKeysRepository } from "../api/api-keys.repository.js";
import { ApiKeysService } from "../api/api-keys.service.js";
import { type Config, ConfigError, isProcessRole, loadConfigFromProcess, PROCESS_ROLES } from "../config.js";
import { isAppError } from "../errors.js";
import { type Database, openDatabase } from "../platform/db/database.js";
import { migrateToLatest } from "../platform/db/migrator.js";
import { backupSqlite, liveServerPids, restoreSqlite, serverLockPath } from "../platform/db/sqlite-backup.js";
import { loadSigningKey, SIGNING_KEY_FILE } from "../platform/security/signing-key.js";
import { isRole, ROLES, type Role } from "../staff/actor.js";
import { createStaffServices } from "../staff/staff.factory.js";
import {
  describeCheck,
  describeExport,
  EXPORT_STATIC_USAGE,
  mapPagesOf,
  parseExportStaticArgs,
  parseVerifySnapshotArgs,
  SnapshotArgsError,
} from "./export-static.command.js";
import { executeImport, IMPORT_USAGE, ImportArgsError, parseImportArgs } from "./import.command.js";

const USAGE = `Usage: gazette <command> [options]

Commands:
  start [--role web|worker|all]
                             Serve the site and the admin (what npm start runs). web: HTTP only;
                             worker: jobs only (plus /healthz, /readyz, /metrics); all: both
                             (the default, or GAZETTE_ROLE)
  backup <file>              Copy the embedded SQLite database to <file> while it is in use, and
                             check the copy
  restore <file>             Replace the embedded SQLite database with a backup (stop the servers
                             first; the current database is kept beside it)
  migrate                    Apply pending database migrations
  staff create --email E --name N --role R [--password-stdin]
                             Create a staff member. With --password-stdin the password is read
                             from standard input; without it, a one-time link to set one is printed.
  token create --name N --role R [--as EMAIL]
                             Create an integration token; the token is the last line printed.
                             It acts for staff member EMAIL, or by default for the newsroom's
                             first active owner, never above that member's current role
  api-key create --name N    Create a Content API key for partner N; the key is the last line printed
  api-key list               Print every Content API key: id, prefix, name, requests, state
  api-key revoke <id>        Revoke a Content API key; requests with it get 401 at once
  newsletter lists           Print the slug of every newsletter list, one per line
  newsletter send --list S   Compose list S's next issue now and send it (SMTP_URL, or the dev outbox)
  ${IMPORT_USAGE}
  crisis on --edition CODE [--until ISO-TIME]
                             Switch an edition to crisis mode: the lite front page with the live
                             blog on top, longer CDN lifetimes, no heavy modules; with --until it
                             ends by itself then (e.g. 2026-12-07T06:00:00Z)
  crisis off --edition CODE  Switch an edition's crisis mode off
  crisis status              Print every edition's crisis mode: on or off, and until when
  ${EXPORT_STATIC_USAGE}
  help                       Show this text

Roles: ${ROLES.join(", ")}.
The database is the server's: DATA_DIR, or DATABASE_URL when set.`;

// sysexits.h: the caller can tell a mistyped command from a broken setup.
const EX_USAGE = 64;
const EX_DATAERR = 65;
const EX_CONFIG = 78;

class UsageError extends Error {}

function option(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value.trim();
}

function roleOption(values: Record<string, unknown>): Role {
  const role = option(values, "role");
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, got "${role}"`);
  return role;
}

type OptionsSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;

function parse(args: string[], options: OptionsSpec) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password (then Enter and Ctrl-D): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // `echo secret |` adds a newline that is not part of the password.
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db, database.dialect);
    return await work(database);
  } finally {
    await database.close();
  }
}

async function staffCreate(args: string[]): Promise<void> {
  const values = parse(args, {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    "password-stdin": { type: "boolean" },
  });
  const email = option(values, "email");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError(`--email is not an email address: "${email}"`);
  const name = option(values, "name");
  const role = roleOption(values);
  const password = values["password-stdin"] ? await readStdin() : undefined;
  const config = loadConfigFromProcess();
  await withDatabase(config, async ({ db }) => {
    const { staff } = createStaffServices(config.publicUrl, db, { passwordCost: config.passwordHashing });
    const created = await staff.create({ email, name, role, ...(password === undefined ? {} : { password }) });
    console.log(`Created ${created.staff.role} ${created.staff.email} (id ${created.staff.id}).`);
    if (created.passwordLink) {
      console.log(`They choose a password at this one-time link, valid until ${created.passwordLink.expiresAt}:`);
      console.log(created.passwordLink.url);
    }
  });
}

async function tokenCreate(args: string[]): Promise<void> {
  const values = parse(args, { name: { type: "string" }, role: { type: "string" }, as: { type: "string" } });
  const name = option(values, "name");
  const role = roleOption(values);
  const asEmail = values.as === undefined ? undefined : option(values, "as");
  const config = loadConfigFromProcess();
  await withDatabase(config, async ({ db }) => {
    const { tokens } = createStaffServices(config.publicUrl, db, { passwordCost: config.passwordHashing });
    const created = await tokens.createForCli({ name, role, ...(asEmail === undefined ? {} : { asEmail }) });
    const actsFor = created.creator ? ` acting for ${created.creator.email}` : "";
    console.log(`Created token ${created.id} "${created.name}" with role ${created.role}${actsFor}.`);
    console.log(
      "Keep it now: it is stored hashed and cannot be shown again. Use it as `Authorization: Bearer <token>`.",
    );
    console.log(created.token);
  });
}

async function apiKey(sub: string | undefined, args: string[]): Promise<void> {
  if (sub !== "create" && sub !== "list" && sub !== "revoke") {
    throw new UsageError(
      `unknown api-key command "${sub ?? ""}" (try: api-key create --name N, api-key list, api-key revoke ID)`,
    );
  }
  let name = "";
  let id = 0;
  if (sub === "create") name = option(parse(args, { name: { type: "string" } }), "name");
  if (sub === "list") parse(args, {});
  if (sub === "revoke") {
    const [raw, ...extra] = args;
    if (!raw || !/^\d+$/.test(raw) || extra.length > 0)
      throw new UsageError("api-key revoke takes one key id (see: gazette api-key list)");
    id = Number(raw);
  }
  const config = loadConfigFromProcess();
  await withDatabase(config, async ({ db }) => {
    const keys = new ApiKeysService(new ApiKeysRepository(db));
    if (sub === "create") {
      const created = await keys.create(name);
      console.log(`Created API key ${created.id} "${created.name}" (${created.prefix}…).`);
      console.log(
        "Keep it now: it is stored hashed and cannot be shown again. Use it as `Authorization: Bearer <key>`.",
      );
      console.log(created.key);
      return;
    }
    if (sub === "revoke") {
      const revoked = await keys.revoke(id);
      console.log(`Revoked API key ${revoked.id} "${revoked.name}"; it no longer opens the Content API.`);
      return;
    }
    for (const key of await keys.list()) {
      const state = key.revokedAt ? `revoked ${key.revokedAt}` : `last used ${key.lastUsedAt ?? "never"}`;
      console.log(`${key.id}\t${key.prefix}…\t${key.name}\t${key.requestCount} requests\t${state}`);
    }
  });
}

async function migrate(args: string[]): Promise<void> {
  parse(args, {});
  const config = loadConfigFromProcess();
  const database = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db, database.dialect);
    console.log(applied.length === 0 ? "Database is up to date." : `Applied: ${applied.join(", ")}`);
  } finally {
    await database.close();
  }
}

function sqliteFile(config: Config, command: string): string {
  if (config.database.dialect !== "sqlite" || config.database.file === ":memory:") {
    throw new UsageError(
      `${command} is for the embedded SQLite database; for PostgreSQL use pg_dump and pg_restore (see docs/deployment.md)`,
    );
  }
  return config.database.file;
}

function fileArgument(args: string[], command: string): string {
  const [file, ...extra] = args;
  if (!file || file.startsWith("-")) throw new UsageError(`${command} needs a file name`);
  if (extra.length > 0) throw new UsageError(`${command} takes one file name, got also "${extra.join(" ")}"`);
  return file;
}

async function backup(args: string[]): Promise<void> {
  const file = fileArgument(args, "backup");
  const source = sqliteFile(loadConfigFromProcess(), "backup");
  const started = Date.now();
  const report = await backupSqlite(source, file);
  console.log(
    `Backed up ${source} to ${report.file}: ${report.bytes} bytes, ${report.tables} tables, integrity ok (${Date.now() - started} ms).`,
  );
}

async function restore(args: string[]): Promise<void> {
  const file = fileArgument(args, "restore");
  const target = sqliteFile(loadConfigFromProcess(), "restore");
  const running = liveServerPids(serverLockPath(target));
  if (running.length > 0) {
    throw new UsageError(
      `a server is using ${target} (process ${running.join(", ")}); stop every gazette process first, then restore`,
    );
  }
  const { restored, previous } = await restoreSqlite(file, target);
  console.log(`Restored ${target} from ${file}: ${restored.bytes} bytes, ${restored.tables} tables, integrity ok.`);
  if (previous) console.log(`The database it replaced is kept at ${previous}.`);
}

async function newsletter(sub: string | undefined, args: string[]): Promise<void> {
  if (sub !== "lists" && sub !== "send") {
    throw new UsageError(
      `unknown newsletter command "${sub ?? ""}" (try: newsletter lists, newsletter send --list SLUG)`,
    );
  }
  const values = parse(args, sub === "send" ? { list: { type: "string" } } : {});
  const slug = sub === "send" ? option(values, "list") : "";
  const config = loadConfigFromProcess();
  await withDatabase(config, async (database) => {
    // Loaded here: the other commands need none of the web application's modules.
    const { createServices } = await import("../app.js");
    const services = await createServices(config, database);
    try {
      if (sub === "lists") {
        for (const list of await services.newsletters.lists.lists()) console.log(list.slug);
        return;
      }
      const list = await services.newsletters.lists.listBySlug(slug);
      if (!list) throw new UsageError(`there is no newsletter list "${slug}" (see: gazette newsletter lists)`);
      const issue = await services.newsletters.delivery.sendNow(list.id);
      if (!issue) {
        console.log(`Nothing new in ${list.slug} since its last issue; nothing was sent.`);
        return;
      }
      const outcome = await services.newsletters.delivery.deliver(issue.id);
      const { counts } = await services.newsletters.delivery.progress(issue.id);
      const waiting = outcome === "waiting" ? `, ${counts.pending} to retry later (the server's worker does)` : "";
      console.log(
        `Sent issue ${issue.id} of ${list.slug} ("${issue.subject}"): ${counts.sent} delivered, ${counts.failed} failed, ${counts.bounced} bounced${waiting}.`,
      );
    } finally {
      await services.mailer.close?.();
    }
  });
}

async function importArchive(args: string[]): Promise<void> {
  let command: ReturnType<typeof parseImportArgs>;
  try {
    command = parseImportArgs(args);
  } catch (error) {
    throw error instanceof ImportArgsError ? new UsageError(error.message) : error;
  }
  const config = loadConfigFromProcess();
  // A feed given by its address is read from a temporary copy (the readers read a file twice).
  const { downloadToTempFile } = await import("../imports/readers/download.js");
  const download = /^https?:\/\//i.test(command.location)
    ? await downloadToTempFile(command.location, { maxBytes: config.imports.maxUploadBytes })
    : undefined;
  if (download) command = { ...command, location: download.filePath };
  const code = await withDatabase(config, async (database) => {
    const { createServices } = await import("../app.js");
    // The one place the CLI's readers come from (the same as the server's admin API).
    const { openImportReader } = await import("../imports/reader-factory.js");
    const services = await createServices(config, database, undefined, { openImportReader });
    try {
      return await executeImport(command, {
        engine: services.imports.engine,
        announceImported: (edition) => services.imports.runs.announceImported(edition),
        openReader: openImportReader,
        editionExists: (edition) => services.editions.byCode(edition) !== undefined,
        out: (line) => console.log(line),
        err: (text) => process.stderr.write(text),
        tty: process.stderr.isTTY === true,
      });
    } catch (error) {
      throw error instanceof ImportArgsError ? new UsageError(error.message) : error;
    } finally {
      await services.mailer.close?.();
      await services.scaled?.close();
    }
  }).finally(() => download?.remove());
  if (code !== 0) process.exit(code);
}

async function crisis(sub: string | undefined, args: string[]): Promise<void> {
  if (sub !== "on" && sub !== "off" && sub !== "status") {
    throw new UsageError(
      `unknown crisis command "${sub ?? ""}" (try: crisis on --edition CODE [--until ISO-TIME], crisis off --edition CODE, crisis status)`,
    );
  }
  const values = parse(
    args,
    sub === "on"
      ? { edition: { type: "string" }, until: { type: "string" } }
      : sub === "off"
        ? { edition: { type: "string" } }
        : {},
  );
  const code = sub === "status" ? "" : option(values, "edition");
  const until = typeof values.until === "string" ? values.until.trim() : null;
  const config = loadConfigFromProcess();
  await withDatabase(config, async (database) => {
    const { createServices } = await import("../app.js");
    const services = await createServices(config, database);
    try {
      const describe = (state: { edition: string; on: boolean; until: string | null }) =>
        `${state.edition}\t${state.on ? "on" : "off"}${state.on ? `\t${state.until ? `until ${state.until}` : "until switched off"}` : ""}`;
      if (sub === "status") {
        for (const edition of services.editions.list())
          console.log(describe(await services.crisis.status(edition.code)));
        return;
      }
      if (!services.editions.byCode(code)) {
        const known = services.editions
          .list()
          .map((edition) => edition.code)
          .join(", ");
        throw new UsageError(`there is no "${code}" edition (editions: ${known})`);
      }
      const state =
        sub === "on"
          ? await services.crisis.switchOn(code, { until, by: "cli" })
          : await services.crisis.switchOff(code, "cli");
      // The running server's worker re-reads the mode and purges its pages (and the CDN's).
      await services.crisis.announce(code);
      console.log(describe(state));
    } finally {
      await services.mailer.close?.();
      await services.scaled?.close();
    }
  });
}

function snapshotArgs<T>(parseSnapshot: () => T): T {
  try {
    return parseSnapshot();
  } catch (error) {
    throw error instanceof SnapshotArgsError ? new UsageError(error.message) : error;
  }
}

/** The addresses the snapshot's forms point readers to: the site, then every mirror (settings and app). */
function snapshotMirrors(config: Config, hosts: readonly { host: string }[]): string[] {
  const protocol = new URL(config.publicUrl).protocol;
  return [config.publicUrl, ...hosts.map((mirror) => `${protocol}//${mirror.host}`)];
}

async function exportStatic(args: string[]): Promise<void> {
  const command = snapshotArgs(() => parseExportStaticArgs(args));
  const loaded = loadConfigFromProcess();
  // Every page is rendered once: keeping it in the page cache would only hold memory.
  const config: Config = Object.freeze({ ...loaded, pageCache: { ...loaded.pageCache, enabled: false } });
  await withDatabase(config, async (database) => {
    const { buildApp, createServices, PROJECT_ROOT } = await import("../app.js");
    const { exportStaticSite } = await import("../snapshot/static-export.service.js");
    const { injectFetch } = await import("../snapshot/site-fetch.js");
    const { loadAssets } = await import("../site/assets.js");
    const services = await createServices(config, database);
    const app = await buildApp(config, services, { logger: false });
    try {
      // Editions on hosts of their own are other sites; their links stay absolute.
      const editions = services.editions.list().filter((edition) => !edition.origin);
      if (command.edition && !editions.some((edition) => edition.code === command.edition)) {
        throw new UsageError(`there is no edition "${command.edition}" on ${config.publicUrl}`);
      }
      const assets = loadAssets(PROJECT_ROOT);
      if (!assets.built)
        process.stderr.write("gazette: browser assets are not built (npm run build); the copy will be unstyled.\n");
      const report = await exportStaticSite({
        dir: command.dir,
        site: config.publicUrl,
        fetch: injectFetch(app, new URL(config.publicUrl).host),
        editions: editions.map(({ code, basePath, language }) => ({ code, basePath, language })),
        ...(command.edition ? { only: [command.edition] } : {}),
        ...(command.since ? { since: command.since } : {}),
        pages: mapPagesOf(
          editions,
          (await services.maps.listMaps()).map((map) => map.slug),
        ),
        mirrors: snapshotMirrors(config, services.mirrors.list()),
        assetsDir: assets.built ? assets.dir : null,
        key: services.signingKey,
        progress: (line) => process.stderr.write(`${line}\n`),
      });
      const { summary, json } = describeExport(report);
      process.stderr.write(`${summary}\n`);
      console.log(json);
    } finally {
      await app.close();
      await services.mailer.close?.();
      await services.scaled?.close();
    }
  });
}

async function verifySnapshotCommand(args: string[]): Promise<void> {
  const command = snapshotArgs(() => parseVerifySnapshotArgs(args));
  let key = command.key;
  if (!key) {
    const { dataDir } = loadConfigFromProcess();
    // Never a fresh key: one generated now would only prove that the copy is not ours.
    if (!fs.existsSync(path.join(dataDir, SIGNING_KEY_FILE))) {
      throw new UsageError(`there is no signing key in ${dataDir}; pass the outlet's public key with --key`);
    }
    key = loadSigningKey(dataDir).publicKey;
  }
  const { verifySnapshot } = await import("../snapshot/snapshot-manifest.js");
  const { lines, code } = describeCheck(command.dir, verifySnapshot(command.dir, key));
  for (const line of lines) (code === 0 ? console.log : console.error)(line);
  if (code !== 0) process.exit(code);
}

async function run(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case "start": {
      const values = parse(sub === undefined ? [] : [sub, ...rest], { role: { type: "string" } });
      const role = values.role;
      if (role !== undefined && (typeof role !== "string" || !isProcessRole(role))) {
        throw new UsageError(`--role must be one of ${PROCESS_ROLES.join(", ")}, got "${String(role)}"`);
      }
      const { startServer } = await import("../main.js");
      return startServer(role === undefined ? {} : { role });
    }
    case "backup":
      return backup(sub === undefined ? [] : [sub, ...rest]);
    case "restore":
      return restore(sub === undefined ? [] : [sub, ...rest]);
    case "migrate":
      return migrate(sub === undefined ? [] : [sub, ...rest]);
    case "staff":
      if (sub !== "create") throw new UsageError(`unknown staff command "${sub ?? ""}" (try: staff create)`);
      return staffCreate(rest);
    case "token":
      if (sub !== "create") throw new UsageError(`unknown token command "${sub ?? ""}" (try: token create)`);
      return tokenCreate(rest);
    case "newsletter":
      return newsletter(sub, rest);
    case "import":
      return importArchive(sub === undefined ? [] : [sub, ...rest]);
    case "crisis":
      return crisis(sub, rest);
    case "api-key":
      return apiKey(sub, rest);
    case "export":
      return exportStatic(sub === undefined ? [] : [sub, ...rest]);
    case "verify-snapshot":
      return verifySnapshotCommand(sub === undefined ? [] : [sub, ...rest]);
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return;
    case undefined:
      throw new UsageError("no command given");
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`gazette: ${error.message}\n\n${USAGE}`);
    process.exit(EX_USAGE);
  }
  if (error instanceof ConfigError) {
    console.error(`gazette: ${error.message}`);
    process.exit(EX_CONFIG);
  }
  if (isAppError(error)) {
    console.error(`gazette: ${error.message}`);
    process.exit(error.code === "validation_failed" ? EX_DATAERR : 1);
  }
  console.error("gazette:", error instanceof Error ? error.message : error);
  process.exit(1);
});
