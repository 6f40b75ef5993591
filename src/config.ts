import path from "node:path";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export type DatabaseConfig =
  | { readonly dialect: "sqlite"; readonly file: string }
  | { readonly dialect: "postgres"; readonly url: string };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly mediaDir: string;
  readonly database: DatabaseConfig;
  readonly publicUrl: string;
  readonly logLevel: LogLevel;
  readonly trustProxy: boolean;
  readonly pageCache: { readonly enabled: boolean; readonly maxEntries: number; readonly maxAgeSeconds: number };
  readonly seedDemo: boolean;
  /** A WebSub hub that feeds declare and that publishing pings; null when none is configured. */
  readonly websubHubUrl: string | null;
  /** Signs links sent to readers; null means a key generated once and kept in DATA_DIR. */
  readonly secretKey: string | null;
  /** What this process does: serve HTTP (web), run jobs (worker) or both (all, the embedded default). */
  readonly role: ProcessRole;
  /** Scaled mode: jobs on BullMQ, shared rate limits and cluster-wide purges; null runs embedded. */
  readonly redis: { readonly url: string; readonly prefix: string } | null;
  /** BullMQ's job lock, renewed while a job runs; a dead worker's job is handed out after it. */
  readonly jobs: { readonly lockSeconds: number };
  /** Called with every batch of purged surrogate keys (a CDN's purge API); null when not set. */
  readonly purgeWebhook: { readonly url: string; readonly secret: string | null } | null;
  /** How long a stopping process waits for in-flight requests and running jobs. */
  readonly shutdownGraceSeconds: number;
}

export type ProcessRole = "web" | "worker" | "all";
export const PROCESS_ROLES: readonly ProcessRole[] = ["web", "worker", "all"];

export function isProcessRole(value: string): value is ProcessRole {
  return (PROCESS_ROLES as readonly string[]).includes(value);
}

/** A setting that cannot be used; the boot stops and names it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = "ConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function readUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(name, `must use http or https, got "${url.protocol}"`);
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/** An optional absolute http(s) URL kept exactly as given (a hub's path and query matter). */
function readOptionalUrl(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(name, `must use http or https, got "${url.protocol}"`);
  }
  return url.href;
}

function readDatabase(env: Env, dataDir: string): DatabaseConfig {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) return { dialect: "sqlite", file: path.join(dataDir, "gazette.db") };
  if (raw.startsWith("postgres://") || raw.startsWith("postgresql://")) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError("DATABASE_URL", "is not a valid postgres:// URL");
    }
    return { dialect: "postgres", url: raw };
  }
  if (raw.startsWith("sqlite:")) {
    const file = raw.slice("sqlite:".length).replace(/^\/\//, "");
    if (!file) throw new ConfigError("DATABASE_URL", 'needs a file after "sqlite:", e.g. sqlite:data/gazette.db');
    return { dialect: "sqlite", file: file === ":memory:" ? file : path.resolve(file) };
  }
  throw new ConfigError(
    "DATABASE_URL",
    'must start with postgres://, postgresql:// or sqlite: (e.g. "sqlite:data/gazette.db")',
  );
}

function readSecret(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (raw.length < 32) throw new ConfigError(name, `must be at least 32 characters long, got ${raw.length}`);
  return raw;
}

function readRedis(env: Env): Config["redis"] {
  const prefix = env.REDIS_PREFIX?.trim() || "gazette";
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(prefix)) {
    throw new ConfigError("REDIS_PREFIX", `must be 1–40 letters, digits, "-" or "_", got "${prefix}"`);
  }
  const raw = env.REDIS_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("REDIS_URL", `must be a redis:// or rediss:// URL, got "${raw}"`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new ConfigError("REDIS_URL", `must use redis:// or rediss://, got "${url.protocol}"`);
  }
  return { url: raw, prefix };
}

function readPurgeWebhook(env: Env): Config["purgeWebhook"] {
  const url = readOptionalUrl(env, "PURGE_WEBHOOK_URL");
  if (!url) {
    if (env.PURGE_WEBHOOK_SECRET?.trim())
      throw new ConfigError("PURGE_WEBHOOK_SECRET", "is set but PURGE_WEBHOOK_URL is not");
    return null;
  }
  return { url, secret: env.PURGE_WEBHOOK_SECRET?.trim() || null };
}

function readRole(env: Env): ProcessRole {
  const raw = env.GAZETTE_ROLE?.trim().toLowerCase() || "all";
  if (!isProcessRole(raw)) {
    throw new ConfigError("GAZETTE_ROLE", `must be one of ${PROCESS_ROLES.join(", ")}, got "${env.GAZETTE_ROLE}"`);
  }
  return raw;
}

const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** Reads the environment once at boot. Nothing else in the code reads `process.env`. */
export function loadConfig(env: Env): Config {
  const port = readInteger(env, "PORT", 3000, 0, 65_535);
  const host = env.HOST?.trim() || "0.0.0.0";
  const dataDir = path.resolve(env.DATA_DIR?.trim() || "data");
  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || "info") as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError("LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")}, got "${env.LOG_LEVEL}"`);
  }
  const config: Config = {
    port,
    host,
    dataDir,
    mediaDir: path.join(dataDir, "media"),
    database: readDatabase(env, dataDir),
    publicUrl: readUrl(env, "PUBLIC_URL", `http://localhost:${port}`),
    logLevel,
    trustProxy: readBoolean(env, "TRUST_PROXY", false),
    pageCache: {
      enabled: readBoolean(env, "PAGE_CACHE", true),
      maxEntries: readInteger(env, "PAGE_CACHE_MAX_ENTRIES", 5000, 10, 1_000_000),
      maxAgeSeconds: readInteger(env, "CACHE_MAX_AGE", 60, 0, 86_400),
    },
    seedDemo: readBoolean(env, "SEED_DEMO", true),
    websubHubUrl: readOptionalUrl(env, "WEBSUB_HUB_URL"),
    secretKey: readSecret(env, "SECRET_KEY"),
    role: readRole(env),
    redis: readRedis(env),
    jobs: { lockSeconds: readInteger(env, "JOB_LOCK_SECONDS", 30, 2, 3600) },
    purgeWebhook: readPurgeWebhook(env),
    shutdownGraceSeconds: readInteger(env, "SHUTDOWN_GRACE_SECONDS", 25, 1, 600),
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === "object") deepFreeze(inner);
  }
  return Object.freeze(value);
}

/** The running process's settings: the one place the application reads `process.env`. */
export function loadConfigFromProcess(): Config {
  return loadConfig(process.env);
}
