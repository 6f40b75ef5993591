import { Value } from "typebox/value";
import { AppError } from "../errors.js";
import type { DomainEventBus } from "../platform/events/domain-events.js";
import { type BreakingBanner, BreakingBannerSchema } from "./breaking-banner.schemas.js";
import { isSafeUrl } from "./safe-url.shared.js";
import type { SettingsRepository } from "./settings.repository.js";
import { surrogateKey } from "./surrogate-keys.js";

const KEY = "breaking-banner";

function isUnsafeLink(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const url = (value as { url?: unknown }).url;
  return typeof url === "string" && !isSafeUrl(url);
}

export interface BannerInput {
  text: string;
  url?: string | null;
  expiresAt: string;
}

/**
 * The breaking-news banner of an edition: one row in the edition's settings. Every page of the
 * edition carries `settings:{edition}`, so raising or lowering it purges them all; a page rendered
 * while it shows expires with it (see SiteRenderer), so no purge is needed at expiry.
 */
export class BreakingBannerService {
  private readonly cache = new Map<string, BreakingBanner | null>();
  private readonly listeners: ((keys: string[]) => void)[] = [];

  constructor(
    private readonly settings: SettingsRepository,
    private readonly now: () => Date = () => new Date(),
    /** Where `breaking.raised` goes (push alerts follow it); none in tests that only need the banner. */
    private readonly events?: Pick<DomainEventBus, "publish">,
  ) {}

  onChange(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  /** The banner as stored, even past its expiry (the newsroom shows it as expired). */
  async stored(edition: string): Promise<BreakingBanner | null> {
    if (this.cache.has(edition)) return this.cache.get(edition) ?? null;
    const raw = await this.settings.get(edition, KEY);
    let value: BreakingBanner | null = null;
    if (raw) {
      const parsed: unknown = JSON.parse(raw);
      // A link stored before links were checked this strictly is dropped; the banner still shows.
      if (isUnsafeLink(parsed)) (parsed as { url: unknown }).url = null;
      if (Value.Check(BreakingBannerSchema, parsed)) value = parsed;
    }
    this.cache.set(edition, value);
    return value;
  }

  /** The banner readers see now, or null when there is none or it has expired. */
  async current(edition: string): Promise<BreakingBanner | null> {
    const banner = await this.stored(edition);
    if (!banner || Date.parse(banner.expiresAt) <= this.now().getTime()) return null;
    return banner;
  }

  async raise(edition: string, input: BannerInput): Promise<BreakingBanner> {
    const text = input.text.trim();
    if (text === "") throw new AppError("validation_failed", "The banner text must not be empty.", { field: "text" });
    const url = input.url?.trim() || null;
    if (url !== null && !isSafeUrl(url)) {
      throw new AppError("validation_failed", "The banner link must be a site path (/…) or an http(s) address.", {
        field: "url",
      });
    }
    const expires = Date.parse(input.expiresAt);
    if (Number.isNaN(expires)) {
      throw new AppError("validation_failed", "The expiry must be a date and time.", { field: "expiresAt" });
    }
    const now = this.now();
    if (expires <= now.getTime()) {
      throw new AppError("validation_failed", "The expiry is in the past.", { field: "expiresAt" });
    }
    const banner: BreakingBanner = {
      text,
      url,
      expiresAt: new Date(expires).toISOString(),
      raisedAt: now.toISOString(),
    };
    await this.settings.set(edition, KEY, JSON.stringify(banner), now.toISOString());
    this.cache.set(edition, banner);
    this.emit(edition);
    await this.events?.publish("breaking.raised", { edition, text, url, expiresAt: banner.expiresAt });
    return banner;
  }

  async lower(edition: string): Promise<void> {
    await this.settings.set(edition, KEY, "null", this.now().toISOString());
    this.cache.set(edition, null);
    this.emit(edition);
  }

  private emit(edition: string): void {
    for (const listener of this.listeners) listener([surrogateKey.settings(edition)]);
  }
}
