import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("runs with no settings at all: SQLite under data/, port 3000", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ dialect: "sqlite", file: path.resolve("data", "gazette.db") });
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.pageCache.enabled).toBe(true);
    expect(config.pageCache.staleSeconds).toBe(5);
  });

  it("is frozen, deeply", () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.pageCache)).toBe(true);
  });

  it("reads TRUST_PROXY as a hop count or a list of proxies, and true as one hop", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: " 10.0.0.0/8, 127.0.0.1 ,::1" }).trustProxy).toEqual([
      "10.0.0.0/8",
      "127.0.0.1",
      "::1",
    ]);
  });

  it("keeps /metrics closed unless METRICS_TOKEN is set", () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: "  prometheus-scrape-secret-1  " }).metricsToken).toBe(
      "prometheus-scrape-secret-1",
    );
  });

  it("chooses PostgreSQL for a postgres:// DATABASE_URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@127.0.0.1:5432/db" }).database.dialect).toBe("postgres");
  });

  it.each([
    ["PORT", "eighty", /PORT must be a whole number/],
    ["PORT", "70000", /PORT must be between/],
    ["DATABASE_URL", "mysql://x", /DATABASE_URL must start with/],
    ["PUBLIC_URL", "not a url", /PUBLIC_URL must be an absolute/],
    ["PUBLIC_URL", "ftp://x.example", /PUBLIC_URL must use http/],
    ["PAGE_CACHE", "maybe", /PAGE_CACHE must be true or false/],
    ["PAGE_CACHE_STALE_SECONDS", "soon", /PAGE_CACHE_STALE_SECONDS must be a whole number/],
    ["PAGE_CACHE_STALE_SECONDS", "301", /PAGE_CACHE_STALE_SECONDS must be between/],
    ["LOG_LEVEL", "loud", /LOG_LEVEL must be one of/],
    ["WEBSUB_HUB_URL", "hub.example", /WEBSUB_HUB_URL must be an absolute/],
    ["WEBSUB_HUB_URL", "mailto:hub@example.org", /WEBSUB_HUB_URL must use http/],
    ["SECRET_KEY", "too-short", /SECRET_KEY must be at least 32 characters/],
    ["TRUST_PROXY", "maybe", /TRUST_PROXY must be a number of proxy hops/],
    ["TRUST_PROXY", "10.0.0.0/33", /TRUST_PROXY must be a number of proxy hops/],
    ["TRUST_PROXY", "10.0.0.1,proxy.example", /TRUST_PROXY must be a number of proxy hops/],
    ["TRUST_PROXY", "50", /TRUST_PROXY must be between 1 and 20/],
    ["METRICS_TOKEN", "short", /METRICS_TOKEN must be at least 16 characters/],
    ["METRICS_TOKEN", "a token with spaces in it", /METRICS_TOKEN must be printable ASCII/],
    ["STRIPE_SECRET_KEY", "pk_live_123", /STRIPE_SECRET_KEY must start with sk_ or rk_/],
    ["STRIPE_WEBHOOK_SECRET", "secret", /STRIPE_WEBHOOK_SECRET must start with whsec_/],
    ["STRIPE_API_BASE", "127.0.0.1:12111", /STRIPE_API_BASE must/],
    ["STRIPE_API_BASE", "http://127.0.0.1:12111/v1", /STRIPE_API_BASE must be only a scheme, host and port/],
    ["REDIS_URL", "127.0.0.1:6379", /REDIS_URL must/],
    ["REDIS_URL", "http://cache.example", /REDIS_URL must use redis or rediss/],
    ["REDIS_PREFIX", "a:b", /REDIS_PREFIX must be 1–40 letters/],
    ["GAZETTE_ROLE", "cron", /GAZETTE_ROLE must be one of web, worker, all/],
    ["JOB_LOCK_SECONDS", "1", /JOB_LOCK_SECONDS must be between 2 and 3600/],
    ["PURGE_WEBHOOK_URL", "purge.example", /PURGE_WEBHOOK_URL must be an absolute/],
    ["PURGE_WEBHOOK_SECRET", "s3cret", /PURGE_WEBHOOK_SECRET is set but PURGE_WEBHOOK_URL is not/],
    ["SHUTDOWN_GRACE_SECONDS", "0", /SHUTDOWN_GRACE_SECONDS must be between/],
    ["EDITION_HOSTS", "en", /EDITION_HOSTS must be a list like/],
    ["MIRROR_HOSTS", "mirror.example", /MIRROR_HOSTS must be a list like/],
    ["MIRROR_HOSTS", "https://mirror.example=all", /MIRROR_HOSTS must be a list like/],
    ["MIRROR_HOSTS", "mirror.example/news=all", /MIRROR_HOSTS must be a list like/],
    ["MIRROR_HOSTS", "10.0.0.7=all", /MIRROR_HOSTS must be a list like/],
    ["MIRROR_HOSTS", "a.example=all,A.example=ru", /MIRROR_HOSTS uses the host "a.example" twice/],
    ["MIRROR_HOSTS", "localhost:3000=all", /MIRROR_HOSTS must be a list like/],
    [
      "MIRROR_HOSTS",
      "aaaaaaaaaaaaaaaaaaaabcdefghijklmnopqrstuvwxyz2345672abcd.onion=all",
      /MIRROR_HOSTS lists the onion address/,
    ],
    ["ONION_HOST", "gazette.onion", /ONION_HOST must be a v3 onion address/],
    [
      "ONION_HOST",
      "https://aaaaaaaaaaaaaaaaaaaabcdefghijklmnopqrstuvwxyz2345672abcd.onion",
      /ONION_HOST must be a v3 onion address/,
    ],
    ["EDITION_HOSTS", "EN=news.example.com", /EDITION_HOSTS must be a list like/],
    ["EDITION_HOSTS", "en=a.example,en=b.example", /EDITION_HOSTS names the edition "en" twice/],
    ["EDITION_HOSTS", "en=a.example,ru=a.example", /EDITION_HOSTS uses the host "a.example" twice/],
    ["EDITION_HOSTS", "en=localhost:3000", /EDITION_HOSTS uses the host "localhost:3000" twice/],
    ["EDITION_HOSTS", "en=https://a.example/en", /EDITION_HOSTS needs a bare http\(s\) host/],
    ["EDITION_HOSTS", "en=ftp://a.example", /EDITION_HOSTS needs a bare http\(s\) host/],
    ["SMTP_URL", "mail.example:25", /SMTP_URL must use smtp or smtps/],
    ["SMTP_URL", "http://mail.example", /SMTP_URL must use smtp or smtps/],
    ["SMTP_POOL_SIZE", "0", /SMTP_POOL_SIZE must be between 1 and 50/],
    ["DKIM_DOMAIN", "news.example", /DKIM_SELECTOR is needed too/],
    ["MAP_TILE_URL", "tiles.example/{z}/{x}/{y}.png", /MAP_TILE_URL must be an http\(s\) URL template/],
    ["MAP_TILE_URL", "https://tiles.example/{z}/{x}.png", /MAP_TILE_URL must contain \{y\}/],
    ["MAP_PIN_DAYS", "0", /MAP_PIN_DAYS must be between 1 and 365/],
    ["IMPORT_MEDIA_MAX_MB", "0", /IMPORT_MEDIA_MAX_MB must be between 1 and 200/],
    ["TELEGRAM_API_BASE", "api.telegram.example", /TELEGRAM_API_BASE must be an absolute/],
  ])("stops on a bad %s and names it", (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrowError(message);
  });

  it("draws maps on the offline basemap unless a tile URL is configured", () => {
    expect(loadConfig({}).maps).toEqual({ tileUrl: null, pinDays: 14 });
    expect(loadConfig({ MAP_TILE_URL: "https://tiles.example/{z}/{x}/{y}.png" }).maps.tileUrl).toBe(
      "https://tiles.example/{z}/{x}/{y}.png",
    );
  });

  it("keeps the audit log for two years unless configured", () => {
    expect(loadConfig({}).auditLog).toEqual({ retentionDays: 730 });
    expect(loadConfig({ AUDIT_LOG_RETENTION_DAYS: "90" }).auditLog.retentionDays).toBe(90);
    expect(() => loadConfig({ AUDIT_LOG_RETENTION_DAYS: "0" })).toThrowError(ConfigError);
  });

  it("reads the analytics switch, flush interval and retention, with their defaults", () => {
    expect(loadConfig({}).analytics).toEqual({ enabled: true, flushMs: 2000, retentionDays: 730 });
    const set = loadConfig({ ANALYTICS_ENABLED: "false", ANALYTICS_FLUSH_MS: "500", ANALYTICS_RETENTION_DAYS: "90" });
    expect(set.analytics).toEqual({ enabled: false, flushMs: 500, retentionDays: 90 });
    expect(() => loadConfig({ ANALYTICS_FLUSH_MS: "5" })).toThrowError(ConfigError);
  });

  it("caps archive image downloads at 20 seconds and 25 MB, uploads at 512 MB, and keeps them off the LAN, unless configured", () => {
    const mb = 1024 * 1024;
    expect(loadConfig({}).imports).toEqual({
      mediaTimeoutSeconds: 20,
      mediaMaxBytes: 25 * mb,
      maxUploadBytes: 512 * mb,
      allowPrivate: false,
    });
    expect(
      loadConfig({
        IMPORT_MEDIA_TIMEOUT_SECONDS: "5",
        IMPORT_MEDIA_MAX_MB: "2",
        IMPORT_MAX_UPLOAD_MB: "50",
        IMPORT_ALLOW_PRIVATE: "true",
      }).imports,
    ).toEqual({ mediaTimeoutSeconds: 5, mediaMaxBytes: 2 * mb, maxUploadBytes: 50 * mb, allowPrivate: true });
  });

  it("hashes staff passwords with argon2id's default cost, 19 MiB and 2 passes, unless configured", () => {
    expect(loadConfig({}).passwordHashing).toEqual({ memoryKib: 19_456, passes: 2 });
    expect(loadConfig({ PASSWORD_HASH_MEMORY_KIB: "65536", PASSWORD_HASH_PASSES: "3" }).passwordHashing).toEqual({
      memoryKib: 65_536,
      passes: 3,
    });
    expect(() => loadConfig({ PASSWORD_HASH_MEMORY_KIB: "512" })).toThrow(ConfigError);
    expect(() => loadConfig({ PASSWORD_HASH_PASSES: "0" })).toThrow(ConfigError);
  });

  it("sends Bot API calls to Telegram unless TELEGRAM_API_BASE points elsewhere", () => {
    expect(loadConfig({}).telegram.apiBase).toBe("https://api.telegram.org");
    expect(loadConfig({ TELEGRAM_API_BASE: "http://127.0.0.1:8081/" }).telegram.apiBase).toBe("http://127.0.0.1:8081");
  });

  it("drops a trailing slash from PUBLIC_URL", () => {
    expect(loadConfig({ PUBLIC_URL: "https://news.example/" }).publicUrl).toBe("https://news.example");
  });

  it("has no WebSub hub unless one is configured, and keeps a hub URL's path and query", () => {
    expect(loadConfig({}).websubHubUrl).toBeNull();
    expect(loadConfig({ WEBSUB_HUB_URL: " https://hub.example/publish?site=1 " }).websubHubUrl).toBe(
      "https://hub.example/publish?site=1",
    );
  });

  it("refuses webhooks to private addresses unless WEBHOOKS_ALLOW_PRIVATE says otherwise", () => {
    expect(loadConfig({}).webhooks.allowPrivate).toBe(false);
    expect(loadConfig({ WEBHOOKS_ALLOW_PRIVATE: "true" }).webhooks.allowPrivate).toBe(true);
    expect(() => loadConfig({ WEBHOOKS_ALLOW_PRIVATE: "sometimes" })).toThrow(/WEBHOOKS_ALLOW_PRIVATE/);
  });

  it("runs embedded by default: every role in one process, no Redis, no purge hook", () => {
    const config = loadConfig({});
    expect(config.role).toBe("all");
    expect(config.redis).toBeNull();
    expect(config.purgeWebhook).toBeNull();
  });

  it("reads the scaled mode's settings", () => {
    const config = loadConfig({
      GAZETTE_ROLE: "Worker",
      REDIS_URL: "redis://127.0.0.1:6379/2",
      REDIS_PREFIX: "site-a",
      PURGE_WEBHOOK_URL: "https://cdn.example/purge?service=x",
      PURGE_WEBHOOK_SECRET: "token",
      JOB_LOCK_SECONDS: "5",
    });
    expect(config.role).toBe("worker");
    expect(config.redis).toEqual({ url: "redis://127.0.0.1:6379/2", prefix: "site-a" });
    expect(config.purgeWebhook).toEqual({ url: "https://cdn.example/purge?service=x", secret: "token" });
    expect(config.jobs.lockSeconds).toBe(5);
  });

  it("reads editions on hosts of their own, taking PUBLIC_URL's scheme for a bare host", () => {
    expect(loadConfig({}).editionHosts).toEqual({});
    expect(
      loadConfig({
        PUBLIC_URL: "https://news.example",
        EDITION_HOSTS: " en = english.example , ru=http://ru.example:8080 ",
      }).editionHosts,
    ).toEqual({ en: "https://english.example", ru: "http://ru.example:8080" });
  });

  it("reads mirror hosts with what each serves, and the onion address", () => {
    expect(loadConfig({}).mirrors).toEqual({ hosts: [], onionHost: null });
    const config = loadConfig({
      PUBLIC_URL: "https://news.example",
      MIRROR_HOSTS: " Mirror1.example=all , ru-mirror.example:8443 = RU ",
      ONION_HOST: "http://aaaaaaaaaaaaaaaaaaaabcdefghijklmnopqrstuvwxyz2345672abcd.onion/",
    });
    expect(config.mirrors).toEqual({
      hosts: [
        { host: "mirror1.example", edition: "all" },
        { host: "ru-mirror.example:8443", edition: "ru" },
      ],
      onionHost: "aaaaaaaaaaaaaaaaaaaabcdefghijklmnopqrstuvwxyz2345672abcd.onion",
    });
  });

  it("refuses a mirror on the site's own host or an edition's", () => {
    expect(() => loadConfig({ PUBLIC_URL: "https://news.example", MIRROR_HOSTS: "news.example=all" })).toThrow(
      /MIRROR_HOSTS uses the host "news.example" twice/,
    );
    expect(() => loadConfig({ EDITION_HOSTS: "en=english.example", MIRROR_HOSTS: "english.example=en" })).toThrow(
      /MIRROR_HOSTS uses the host "english.example" twice/,
    );
  });

  it("sends mail through SMTP_URL, with DKIM when all three DKIM settings are given", () => {
    const config = loadConfig({
      SMTP_URL: "smtp://127.0.0.1:2525",
      DKIM_DOMAIN: "news.example",
      DKIM_SELECTOR: "mail2026",
      DKIM_PRIVATE_KEY_FILE: "/etc/gazette/dkim.pem",
    });
    expect(config.mail).toEqual({
      smtpUrl: "smtp://127.0.0.1:2525",
      smtpPoolSize: 5,
      dkim: { domainName: "news.example", keySelector: "mail2026", privateKeyFile: "/etc/gazette/dkim.pem" },
    });
    expect(loadConfig({}).mail.smtpUrl).toBeNull();
    expect(() =>
      loadConfig({ DKIM_DOMAIN: "bad domain", DKIM_SELECTOR: "s", DKIM_PRIVATE_KEY_FILE: "k" }),
    ).toThrowError(/DKIM_DOMAIN must be a domain name/);
  });

  it("leaves Stripe off without keys, and splits STRIPE_API_BASE into the SDK's host, port and protocol", () => {
    expect(loadConfig({}).stripe).toEqual({ secretKey: null, webhookSecret: null, apiBase: null });
    const config = loadConfig({
      STRIPE_SECRET_KEY: "sk_test_abc",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
    });
    expect(config.stripe).toEqual({
      secretKey: "sk_test_abc",
      webhookSecret: "whsec_abc",
      apiBase: { protocol: "http", host: "127.0.0.1", port: 12111 },
    });
    expect(loadConfig({ STRIPE_API_BASE: "https://stripe-proxy.example" }).stripe.apiBase).toEqual({
      protocol: "https",
      host: "stripe-proxy.example",
      port: 443,
    });
  });

  it("allows no browser origin to call the Content API unless API_CORS_ORIGINS lists it", () => {
    expect(loadConfig({}).api).toEqual({ corsOrigins: [], rateLimitPerMinute: 600 });
    const config = loadConfig({ API_CORS_ORIGINS: "https://app.example, http://localhost:5173", API_RATE_LIMIT: "30" });
    expect(config.api).toEqual({
      corsOrigins: ["https://app.example", "http://localhost:5173"],
      rateLimitPerMinute: 30,
    });
    expect(() => loadConfig({ API_CORS_ORIGINS: "https://app.example/path" })).toThrowError(/API_CORS_ORIGINS/);
    expect(() => loadConfig({ API_CORS_ORIGINS: "app.example" })).toThrowError(/API_CORS_ORIGINS/);
    expect(() => loadConfig({ API_RATE_LIMIT: "0" })).toThrowError(/API_RATE_LIMIT/);
  });

  it("generates the VAPID pair when neither key is set, and refuses one key without the other", () => {
    const defaults = loadConfig({ PUBLIC_URL: "https://news.example" }).push;
    expect(defaults).toEqual({ vapid: null, subject: "https://news.example", allowPrivateEndpoints: false });
    const set = loadConfig({
      VAPID_PUBLIC_KEY: "BPub_key-1",
      VAPID_PRIVATE_KEY: "priv_key-2",
      VAPID_SUBJECT: "mailto:desk@news.example",
    });
    expect(set.push.vapid).toEqual({ publicKey: "BPub_key-1", privateKey: "priv_key-2" });
    expect(set.push.subject).toBe("mailto:desk@news.example");
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: "BPub" })).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: "not base64!", VAPID_PRIVATE_KEY: "x" })).toThrow(/base64url/);
    expect(() => loadConfig({ VAPID_SUBJECT: "desk@news.example" })).toThrow(/VAPID_SUBJECT/);
    expect(loadConfig({ PUSH_ALLOW_PRIVATE: "true" }).push.allowPrivateEndpoints).toBe(true);
  });
});
