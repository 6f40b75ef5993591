import { isIP } from "node:net";
import path from "node:path";
import { canonicalHost, isOnionHost } from "./platform/http/host-names.js";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export type DatabaseConfig =
  | { readonly dialect: "sqlite"; readonly file: string }
  | { readonly dialect: "postgres"; readonly url: string };

/**
 * Social-post cards fetch a post's oEmbed or OpenGraph data and first image when the editor pastes
 * its address. `endpoints` are the platforms' bases (a local fake in tests); Mastodon's is null,
 * meaning the post's own instance. `allowPrivate` lets fetches reach loopback and private
 * addresses (tests): otherwise an address that resolves there is never fetched.
 */
export interface SocialConfig {
  readonly endpoints: Readonly<{
    telegram: string;
    x: string;
    instagram: string;
    facebook: string;
    tiktok: string;
    bluesky: string;
    mastodon: string | null;
  }>;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly allowPrivate: boolean;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly mediaDir: string;
  /** Largest audio clip or PDF the media library accepts (MEDIA_FILE_MAX_MB); images keep their own 25 MB cap. */
  readonly mediaFileMaxBytes: number;
  readonly database: DatabaseConfig;
  readonly publicUrl: string;
  readonly logLevel: LogLevel;
  /**
   * Which proxies' X-Forwarded-* headers to believe, as Fastify's `trustProxy` takes it: false (none),
   * a number of hops in front of the server, or the proxies' addresses and CIDR ranges.
   */
  readonly trustProxy: TrustProxy;
  /** The bearer token Prometheus sends for /metrics; null keeps /metrics closed (404). */
  readonly metricsToken: string | null;
  readonly pageCache: {
    readonly enabled: boolean;
    readonly maxEntries: number;
    readonly maxAgeSeconds: number;
    /** Seconds a soft-purged page may still answer while one request renders its replacement. */
    readonly staleSeconds: number;
  };
  readonly seedDemo: boolean;
  /** A WebSub hub that feeds declare and that publishing pings; null when none is configured. */
  readonly websubHubUrl: string | null;
  /** Signs links sent to readers; null means a key generated once and kept in DATA_DIR. */
  readonly secretKey: string | null;
  /** Stripe for reader revenue; a null key means donations go only through the external options. */
  readonly stripe: StripeConfig;
  /** Battle maps: an optional tile URL template ({z}/{x}/{y}) over the offline basemap, and how many days of stories pin. */
  readonly maps: { readonly tileUrl: string | null; readonly pinDays: number };
  /** How many days the audit log keeps an entry (AUDIT_LOG_RETENTION_DAYS); a daily job drops older ones. */
  readonly auditLog: { readonly retentionDays: number };
  /** First-party reader counts: on or off, how often counters are written, how many days hourly ones stay. */
  readonly analytics: AnalyticsConfig;
  /** Outgoing mail (newsletters, staff links): SMTP relay and sender; null keeps mail in the dev outbox. */
  readonly mail: MailConfig;
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
  /** Editions served on a host of their own, by edition code: their origin ("https://news.example.com"). */
  readonly editionHosts: Readonly<Record<string, string>>;
  /** Archive imports: how long one image download may take, how large it and an uploaded export may be. */
  readonly imports: {
    readonly mediaTimeoutSeconds: number;
    readonly mediaMaxBytes: number;
    readonly maxUploadBytes: number;
    /** Lets image downloads reach loopback and private networks (an old site on the LAN). */
    readonly allowPrivate: boolean;
  };
  /** The public Content API: browser origins allowed to call it (CORS) and each key's requests per minute. */
  readonly api: { readonly corsOrigins: readonly string[]; readonly rateLimitPerMinute: number };
  /** Social-post cards: where each platform's oEmbed/OpenGraph endpoint is, and how long and large a fetch may be. */
  readonly social: SocialConfig;
  /** Telegram channel publishing: where Bot API calls go (`{apiBase}/bot{token}/{method}`); a local fake in tests. */
  readonly telegram: { readonly apiBase: string };
  /** Outgoing webhooks: whether subscriptions may point at loopback and private addresses (tests, intranets). */
  readonly webhooks: { readonly allowPrivate: boolean };
  /** Web push for breaking news. */
  readonly push: PushConfig;
  /** Other hosts that serve the site when its own is blocked: mirrors and a Tor onion address. */
  readonly mirrors: MirrorsConfig;
  /** argon2id's cost for staff passwords: memory in KiB and passes (tests turn it down). */
  readonly passwordHashing: { readonly memoryKib: number; readonly passes: number };
}

export interface AnalyticsConfig {
  /** ANALYTICS_ENABLED: false answers /beacon with 204 and counts nothing. */
  readonly enabled: boolean;
  /** ANALYTICS_FLUSH_MS: how often the counts held in memory (or Redis) are written to the database. */
  readonly flushMs: number;
  /** ANALYTICS_RETENTION_DAYS: how long hourly counters stay; minute counters always go after 48 hours. */
  readonly retentionDays: number;
}

export interface MirrorsConfig {
  /** MIRROR_HOSTS: each host and what it serves, an edition code or "all" (the whole site). */
  readonly hosts: readonly { readonly host: string; readonly edition: string }[];
  /** ONION_HOST: the site's v3 onion address ("…56 characters….onion"), served over plain http; null when none. */
  readonly onionHost: string | null;
}

export interface PushConfig {
  /** The VAPID key pair (base64url); null means a pair generated once and kept in DATA_DIR. */
  readonly vapid: { readonly publicKey: string; readonly privateKey: string } | null;
  /** Who the push services may contact about this sender: a mailto: or https: URL. */
  readonly subject: string;
  /**
   * Accept subscription endpoints on http or on loopback and private addresses. Off in production:
   * endpoints come from readers' browsers, so a forged one could make the server post inward.
   */
  readonly allowPrivateEndpoints: boolean;
}

export interface StripeConfig {
  readonly secretKey: string | null;
  readonly webhookSecret: string | null;
  /** Where the SDK sends API calls instead of Stripe (a test double or a proxy); null for Stripe itself. */
  readonly apiBase: { readonly protocol: "http" | "https"; readonly host: string; readonly port: number } | null;
}

export interface MailConfig {
  /** `smtp://host:port` or `smtps://user:pass@host:465`; null keeps mail in the dev outbox. */
  readonly smtpUrl: string | null;
  /** Pooled SMTP connections the newsletter sender keeps open at once. */
  readonly smtpPoolSize: number;
  /** DKIM signing of outgoing mail; null when not configured. */
  readonly dkim: { readonly domainName: string; readonly keySelector: string; readonly privateKeyFile: string } | null;
}

export type TrustProxy = false | number | readonly string[];

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

/** A slippy-map tile template such as https://tiles.example/{z}/{x}/{y}.png, or null. */
function readTileUrl(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!/^https?:\/\/[^\s"'<>]+$/.test(raw))
    throw new ConfigError(name, `must be an http(s) URL template, got "${raw}"`);
  for (const part of ["{z}", "{x}", "{y}"]) {
    if (!raw.includes(part)) throw new ConfigError(name, `must contain ${part}, got "${raw}"`);
  }
  return raw;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

/**
 * TRUST_PROXY: a hop count ("1" for one reverse proxy), or the proxies' addresses and CIDR ranges
 * separated by commas. "true" means one hop: trusting every hop would let a client choose its own
 * address by sending X-Forwarded-For.
 */
function readTrustProxy(env: Env): TrustProxy {
  const name = "TRUST_PROXY";
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "" || ["0", "false", "no", "off"].includes(raw)) return false;
  if (["true", "yes", "on"].includes(raw)) return 1;
  if (/^\d+$/.test(raw)) return readInteger(env, name, 1, 1, 20);
  const entries = raw.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || extra !== undefined) {
      throw new ConfigError(
        name,
        `must be a number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses or CIDR ranges (e.g. 10.0.0.0/8,127.0.0.1), got "${env[name]}"`,
      );
    }
  }
  return entries;
}

function readMetricsToken(env: Env): string | null {
  const raw = env.METRICS_TOKEN?.trim();
  if (!raw) return null;
  if (raw.length < 16) throw new ConfigError("METRICS_TOKEN", `must be at least 16 characters long, got ${raw.length}`);
  if (!/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError("METRICS_TOKEN", "must be printable ASCII without spaces (it travels in an HTTP header)");
  }
  return raw;
}

/**
 * Parses the URL a setting holds, or stops naming the setting, what it expects (`shape`) and what
 * it got. `protocols` lists the schemes taken, e.g. `["http:", "https:"]`.
 */
function parseUrlSetting(name: string, raw: string, protocols: readonly string[], shape: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be ${shape}, got "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    const names = protocols.map((protocol) => protocol.slice(0, -1));
    throw new ConfigError(name, `must use ${names.join(" or ")}, got "${url.protocol}"`);
  }
  return url;
}

const HTTP = ["http:", "https:"] as const;

const parseHttpUrl = (name: string, raw: string) => parseUrlSetting(name, raw, HTTP, "an absolute http(s) URL");

function readUrl(env: Env, name: string, fallback: string): string {
  const url = parseHttpUrl(name, env[name]?.trim() || fallback);
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/** An optional absolute http(s) URL kept exactly as given (a hub's path and query matter). */
function readOptionalUrl(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  return raw ? parseHttpUrl(name, raw).href : null;
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
  parseUrlSetting("REDIS_URL", raw, ["redis:", "rediss:"], "a redis:// or rediss:// URL");
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

/**
 * EDITION_HOSTS: "en=news.example.com,ru=https://ru.example.com". A bare host takes PUBLIC_URL's
 * scheme. Such an edition is served at "/" of its host; the others keep their paths.
 */
function readEditionHosts(env: Env, publicUrl: string): Record<string, string> {
  const raw = env.EDITION_HOSTS?.trim();
  if (!raw) return {};
  const out: Record<string, string> = {};
  const seen = new Set<string>([new URL(publicUrl).host]);
  for (const entry of raw
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")) {
    const [code, host, ...rest] = entry.split("=").map((part) => part.trim());
    if (!code || !host || rest.length > 0 || !/^[a-z][a-z0-9-]{0,19}$/.test(code)) {
      throw new ConfigError(
        "EDITION_HOSTS",
        `must be a list like "en=news.example.com,ru=ru.example.com", got "${entry}"`,
      );
    }
    let url: URL;
    try {
      url = new URL(host.includes("://") ? host : `${new URL(publicUrl).protocol}//${host}`);
    } catch {
      throw new ConfigError("EDITION_HOSTS", `has a host that is not valid for "${code}": "${host}"`);
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || (url.pathname !== "/" && url.pathname !== "")) {
      throw new ConfigError("EDITION_HOSTS", `needs a bare http(s) host for "${code}", got "${host}"`);
    }
    if (out[code]) throw new ConfigError("EDITION_HOSTS", `names the edition "${code}" twice`);
    if (seen.has(url.host))
      throw new ConfigError("EDITION_HOSTS", `uses the host "${url.host}" twice (or PUBLIC_URL's)`);
    seen.add(url.host);
    out[code] = url.origin;
  }
  return out;
}

/**
 * MIRROR_HOSTS: "mirror1.example=all,ru-mirror.example=ru" and ONION_HOST. A mirror's host may not
 * be one the site already answers on (PUBLIC_URL's, an edition's own host, another mirror's).
 */
function readMirrors(env: Env, publicUrl: string, editionHosts: Record<string, string>): MirrorsConfig {
  const taken = new Set<string>([new URL(publicUrl).host, ...Object.values(editionHosts).map((o) => new URL(o).host)]);
  const rawOnion = env.ONION_HOST?.trim().toLowerCase() ?? "";
  const onionHost = rawOnion === "" ? null : rawOnion.replace(/^http:\/\//, "").replace(/\/$/, "");
  if (onionHost !== null && !isOnionHost(onionHost)) {
    throw new ConfigError(
      "ONION_HOST",
      `must be a v3 onion address (56 letters a–z and digits 2–7, then .onion), got "${env.ONION_HOST?.trim()}"`,
    );
  }
  if (onionHost) taken.add(onionHost);
  const hosts: { host: string; edition: string }[] = [];
  for (const entry of (env.MIRROR_HOSTS ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")) {
    const [rawHost, rawEdition, ...rest] = entry.split("=").map((part) => part.trim());
    const host = canonicalHost(rawHost ?? "");
    const edition = rawEdition?.toLowerCase() ?? "";
    if (!host || rest.length > 0 || !/^[a-z][a-z0-9-]{0,19}$/.test(edition)) {
      throw new ConfigError(
        "MIRROR_HOSTS",
        `must be a list like "mirror1.example=all,ru-mirror.example=ru" (host=edition code or all), got "${entry}"`,
      );
    }
    if (isOnionHost(host.split(":")[0] ?? "")) {
      throw new ConfigError("MIRROR_HOSTS", `lists the onion address "${host}": set it as ONION_HOST`);
    }
    if (taken.has(host)) {
      throw new ConfigError("MIRROR_HOSTS", `uses the host "${host}" twice (or one of PUBLIC_URL, EDITION_HOSTS)`);
    }
    taken.add(host);
    hosts.push({ host, edition });
  }
  return { hosts, onionHost };
}

function readSmtpUrl(env: Env): string | null {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return null;
  const url = parseUrlSetting("SMTP_URL", raw, ["smtp:", "smtps:"], "a URL like smtp://host:587");
  if (!url.hostname) throw new ConfigError("SMTP_URL", "must name a host");
  return raw;
}

function readDkim(env: Env): MailConfig["dkim"] {
  const domainName = env.DKIM_DOMAIN?.trim() || "";
  const keySelector = env.DKIM_SELECTOR?.trim() || "";
  const privateKeyFile = env.DKIM_PRIVATE_KEY_FILE?.trim() || "";
  const given = [domainName, keySelector, privateKeyFile].filter((v) => v !== "").length;
  if (given === 0) return null;
  if (given < 3) {
    const missing = !domainName ? "DKIM_DOMAIN" : !keySelector ? "DKIM_SELECTOR" : "DKIM_PRIVATE_KEY_FILE";
    throw new ConfigError(missing, "is needed too: DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE go together");
  }
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domainName)) {
    throw new ConfigError("DKIM_DOMAIN", `must be a domain name, got "${domainName}"`);
  }
  if (!/^[a-z0-9._-]+$/i.test(keySelector)) {
    throw new ConfigError("DKIM_SELECTOR", `must be a DNS label, got "${keySelector}"`);
  }
  return { domainName, keySelector, privateKeyFile: path.resolve(privateKeyFile) };
}

function readPrefixed(env: Env, name: string, prefixes: readonly string[], example: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!prefixes.some((prefix) => raw.startsWith(prefix)) || /\s/.test(raw)) {
    throw new ConfigError(name, `must start with ${prefixes.join(" or ")} (e.g. ${example})`);
  }
  return raw;
}

function readStripeApiBase(env: Env): StripeConfig["apiBase"] {
  const raw = env.STRIPE_API_BASE?.trim();
  if (!raw) return null;
  const url = parseUrlSetting("STRIPE_API_BASE", raw, HTTP, "an absolute http(s) URL such as http://127.0.0.1:12111");
  if (url.pathname !== "/" || url.search || url.hash || url.username) {
    throw new ConfigError("STRIPE_API_BASE", `must be only a scheme, host and port (the SDK adds /v1/…), got "${raw}"`);
  }
  const protocol = url.protocol === "http:" ? "http" : "https";
  const port = url.port ? Number(url.port) : protocol === "http" ? 80 : 443;
  return { protocol, host: url.hostname.replace(/^\[|\]$/g, ""), port };
}

function readStripe(env: Env): StripeConfig {
  return {
    secretKey: readPrefixed(env, "STRIPE_SECRET_KEY", ["sk_", "rk_"], "sk_live_…"),
    webhookSecret: readPrefixed(env, "STRIPE_WEBHOOK_SECRET", ["whsec_"], "whsec_…"),
    apiBase: readStripeApiBase(env),
  };
}

/** API_CORS_ORIGINS: "https://partner.example,https://app.example"; each an origin, no path. */
function readOrigins(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new ConfigError(
          name,
          `must be a comma-separated list of origins like https://app.example, got "${entry}"`,
        );
      }
      if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== entry.replace(/\/$/, "")) {
        throw new ConfigError(name, `must list bare http(s) origins (scheme, host, port), got "${entry}"`);
      }
      return url.origin;
    });
}

function readPush(env: Env, publicUrl: string): PushConfig {
  const publicKey = env.VAPID_PUBLIC_KEY?.trim() || "";
  const privateKey = env.VAPID_PRIVATE_KEY?.trim() || "";
  if ((publicKey === "") !== (privateKey === "")) {
    throw new ConfigError(
      publicKey ? "VAPID_PRIVATE_KEY" : "VAPID_PUBLIC_KEY",
      "must be set together with the other VAPID key (or leave both unset to have a pair generated in DATA_DIR)",
    );
  }
  const base64url = /^[A-Za-z0-9_-]+$/;
  if (publicKey && (!base64url.test(publicKey) || !base64url.test(privateKey))) {
    throw new ConfigError(
      "VAPID_PUBLIC_KEY",
      "and VAPID_PRIVATE_KEY must be base64url (as `npx web-push generate-vapid-keys` prints them)",
    );
  }
  const subject = env.VAPID_SUBJECT?.trim() || publicUrl;
  if (!/^(mailto:|https?:\/\/)/.test(subject)) {
    throw new ConfigError("VAPID_SUBJECT", `must be a mailto: or http(s) URL, got "${subject}"`);
  }
  return {
    vapid: publicKey ? { publicKey, privateKey } : null,
    subject,
    allowPrivateEndpoints: readBoolean(env, "PUSH_ALLOW_PRIVATE", false),
  };
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
  const publicUrl = readUrl(env, "PUBLIC_URL", `http://localhost:${port}`);
  const editionHosts = readEditionHosts(env, publicUrl);
  const config: Config = {
    port,
    host,
    dataDir,
    mediaDir: path.join(dataDir, "media"),
    mediaFileMaxBytes: readInteger(env, "MEDIA_FILE_MAX_MB", 200, 1, 2000) * 1024 * 1024,
    database: readDatabase(env, dataDir),
    publicUrl,
    logLevel,
    trustProxy: readTrustProxy(env),
    metricsToken: readMetricsToken(env),
    pageCache: {
      enabled: readBoolean(env, "PAGE_CACHE", true),
      maxEntries: readInteger(env, "PAGE_CACHE_MAX_ENTRIES", 5000, 10, 1_000_000),
      maxAgeSeconds: readInteger(env, "CACHE_MAX_AGE", 60, 0, 86_400),
      staleSeconds: readInteger(env, "PAGE_CACHE_STALE_SECONDS", 5, 0, 300),
    },
    seedDemo: readBoolean(env, "SEED_DEMO", true),
    websubHubUrl: readOptionalUrl(env, "WEBSUB_HUB_URL"),
    stripe: readStripe(env),
    mail: {
      smtpUrl: readSmtpUrl(env),
      smtpPoolSize: readInteger(env, "SMTP_POOL_SIZE", 5, 1, 50),
      dkim: readDkim(env),
    },
    secretKey: readSecret(env, "SECRET_KEY"),
    maps: { tileUrl: readTileUrl(env, "MAP_TILE_URL"), pinDays: readInteger(env, "MAP_PIN_DAYS", 14, 1, 365) },
    auditLog: { retentionDays: readInteger(env, "AUDIT_LOG_RETENTION_DAYS", 730, 1, 36_500) },
    analytics: {
      enabled: readBoolean(env, "ANALYTICS_ENABLED", true),
      flushMs: readInteger(env, "ANALYTICS_FLUSH_MS", 2000, 100, 600_000),
      retentionDays: readInteger(env, "ANALYTICS_RETENTION_DAYS", 730, 1, 36_500),
    },
    role: readRole(env),
    redis: readRedis(env),
    jobs: { lockSeconds: readInteger(env, "JOB_LOCK_SECONDS", 30, 2, 3600) },
    purgeWebhook: readPurgeWebhook(env),
    shutdownGraceSeconds: readInteger(env, "SHUTDOWN_GRACE_SECONDS", 25, 1, 600),
    editionHosts,
    imports: {
      mediaTimeoutSeconds: readInteger(env, "IMPORT_MEDIA_TIMEOUT_SECONDS", 20, 1, 600),
      mediaMaxBytes: readInteger(env, "IMPORT_MEDIA_MAX_MB", 25, 1, 200) * 1024 * 1024,
      maxUploadBytes: readInteger(env, "IMPORT_MAX_UPLOAD_MB", 512, 1, 10_240) * 1024 * 1024,
      allowPrivate: readBoolean(env, "IMPORT_ALLOW_PRIVATE", false),
    },
    api: {
      corsOrigins: readOrigins(env, "API_CORS_ORIGINS"),
      rateLimitPerMinute: readInteger(env, "API_RATE_LIMIT", 600, 1, 1_000_000),
    },
    telegram: { apiBase: readUrl(env, "TELEGRAM_API_BASE", "https://api.telegram.org") },
    social: {
      endpoints: {
        telegram: readUrl(env, "SOCIAL_TELEGRAM_BASE", "https://t.me"),
        x: readUrl(env, "SOCIAL_X_BASE", "https://publish.twitter.com"),
        instagram: readUrl(env, "SOCIAL_INSTAGRAM_BASE", "https://www.instagram.com"),
        facebook: readUrl(env, "SOCIAL_FACEBOOK_BASE", "https://www.facebook.com"),
        tiktok: readUrl(env, "SOCIAL_TIKTOK_BASE", "https://www.tiktok.com"),
        bluesky: readUrl(env, "SOCIAL_BLUESKY_BASE", "https://embed.bsky.app"),
        mastodon: env.SOCIAL_MASTODON_BASE?.trim() ? readUrl(env, "SOCIAL_MASTODON_BASE", "") : null,
      },
      timeoutMs: readInteger(env, "SOCIAL_FETCH_TIMEOUT_SECONDS", 5, 1, 60) * 1000,
      maxBytes: readInteger(env, "SOCIAL_FETCH_MAX_MB", 5, 1, 50) * 1024 * 1024,
      allowPrivate: readBoolean(env, "SOCIAL_ALLOW_PRIVATE", false),
    },
    push: readPush(env, publicUrl),
    webhooks: { allowPrivate: readBoolean(env, "WEBHOOKS_ALLOW_PRIVATE", false) },
    mirrors: readMirrors(env, publicUrl, editionHosts),
    passwordHashing: {
      memoryKib: readInteger(env, "PASSWORD_HASH_MEMORY_KIB", 19_456, 1024, 1_048_576),
      passes: readInteger(env, "PASSWORD_HASH_PASSES", 2, 1, 10),
    },
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
