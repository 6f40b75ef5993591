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
  });

  it("is frozen, deeply", () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.pageCache)).toBe(true);
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
    ["LOG_LEVEL", "loud", /LOG_LEVEL must be one of/],
    ["WEBSUB_HUB_URL", "hub.example", /WEBSUB_HUB_URL must be an absolute/],
    ["WEBSUB_HUB_URL", "mailto:hub@example.org", /WEBSUB_HUB_URL must use http/],
    ["SECRET_KEY", "too-short", /SECRET_KEY must be at least 32 characters/],
    ["MAP_TILE_URL", "tiles.example/{z}/{x}/{y}.png", /MAP_TILE_URL must be an http\(s\) URL template/],
    ["MAP_TILE_URL", "https://tiles.example/{z}/{x}.png", /MAP_TILE_URL must contain \{y\}/],
    ["MAP_PIN_DAYS", "0", /MAP_PIN_DAYS must be between 1 and 365/],
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

  it("drops a trailing slash from PUBLIC_URL", () => {
    expect(loadConfig({ PUBLIC_URL: "https://news.example/" }).publicUrl).toBe("https://news.example");
  });

  it("has no WebSub hub unless one is configured, and keeps a hub URL's path and query", () => {
    expect(loadConfig({}).websubHubUrl).toBeNull();
    expect(loadConfig({ WEBSUB_HUB_URL: " https://hub.example/publish?site=1 " }).websubHubUrl).toBe(
      "https://hub.example/publish?site=1",
    );
  });
});
