import { Value } from "typebox/value";
import { AppError } from "../errors.js";
import { keySuffix, PurgeableMemo } from "../platform/cache/purgeable-memo.js";
import { isSafeUrl } from "./safe-url.shared.js";
import type { SettingsRepository } from "./settings.repository.js";
import { type EditionSettings, EditionSettingsSchema } from "./settings.schemas.js";
import { surrogateKey } from "./surrogate-keys.js";

const KEY = "edition";

export function defaultEditionSettings(): EditionSettings {
  return { siteName: "Gazette", videoOfTheDay: null, articlePromos: [], follow: {}, supportUrl: "" };
}

/**
 * Settings stored before links were checked this strictly may hold a script link: such a link
 * is dropped (with the map card that needs it) so the rest of the settings still load.
 */
function dropUnsafeLinks(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const stored = { ...(value as Record<string, unknown>) };
  if (typeof stored.supportUrl === "string" && stored.supportUrl !== "" && !isSafeUrl(stored.supportUrl)) {
    stored.supportUrl = "";
  }
  if (typeof stored.follow === "object" && stored.follow !== null) {
    stored.follow = Object.fromEntries(
      Object.entries(stored.follow).filter(([, href]) => typeof href !== "string" || href === "" || isSafeUrl(href)),
    );
  }
  if (Array.isArray(stored.articlePromos)) {
    stored.articlePromos = stored.articlePromos.filter((promo: unknown) => {
      const href = (promo as { type?: unknown; href?: unknown } | null)?.href;
      return (promo as { type?: unknown } | null)?.type !== "map" || typeof href !== "string" || isSafeUrl(href);
    });
  }
  return stored;
}

/** Per-edition settings (video of the day, promo modules, follow links), one JSON document each. */
export class SettingsService {
  private readonly listeners: ((keys: string[]) => void)[] = [];
  /**
   * Settings are read on every uncached page, so they are kept in memory until a purge names
   * `settings:{edition}` (a save in another process reaches this one only as that relayed purge).
   */
  readonly memo = new PurgeableMemo<EditionSettings>((key) => keySuffix(key, ["settings"]));

  constructor(
    private readonly settings: SettingsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  onChange(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  editionSettings(edition: string): Promise<EditionSettings> {
    return this.memo.get(edition, async () => {
      const raw = await this.settings.get(edition, KEY);
      if (!raw) return defaultEditionSettings();
      const parsed: unknown = dropUnsafeLinks(JSON.parse(raw));
      return Value.Check(EditionSettingsSchema, parsed) ? parsed : defaultEditionSettings();
    });
  }

  async saveEditionSettings(edition: string, value: unknown): Promise<EditionSettings> {
    if (!Value.Check(EditionSettingsSchema, value)) {
      const first = [...Value.Errors(EditionSettingsSchema, value)][0];
      throw new AppError(
        "validation_failed",
        `The edition settings are invalid${first ? ` at ${first.instancePath || "/"}: ${first.message}` : ""}.`,
      );
    }
    await this.settings.set(edition, KEY, JSON.stringify(value), this.now().toISOString());
    for (const listener of this.listeners) listener([surrogateKey.settings(edition)]);
    return value;
  }
}
