// Browser-safe (the admin app uses it too): the rules of a social-post card's stored fields.
import { parseSocialUrl, SOCIAL_PLATFORMS } from "./social-url.shared.js";
import { isTimelineDate } from "./timeline.shared.js";

/** An excerpt, not the whole thread: a card that needs more is a quote or a story of its own. */
export const SOCIAL_TEXT_MAX = 2000;
export const SOCIAL_AUTHOR_MAX = 200;

const KEYS = ["platform", "url", "author", "text", "postedAt", "mediaId", "quotedOn", "source"];

/** Today as the card's `quotedOn` date (UTC; a card is dated to the day). */
export function quotedOnDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Problems of a card's attributes as [attribute, message] pairs ("" for the attributes as a whole).
 * The address must be the canonical one `parseSocialUrl` gives, on the named platform: a
 * `javascript:` or unknown address is refused, never stored. Author and text may be empty while
 * the editor types them, so an autosave never loses the rest.
 */
export function checkSocialPost(attrs: Record<string, unknown>): [string, string][] {
  const issues: [string, string][] = [];
  for (const key of Object.keys(attrs)) if (!KEYS.includes(key)) issues.push([key, `unexpected property "${key}"`]);
  const platform = attrs.platform;
  if (typeof platform !== "string" || !(SOCIAL_PLATFORMS as readonly string[]).includes(platform)) {
    issues.push(["platform", `unknown platform "${String(platform)}"; allowed: ${SOCIAL_PLATFORMS.join(", ")}`]);
  }
  const parsed = typeof attrs.url === "string" ? parseSocialUrl(attrs.url) : undefined;
  if (!parsed || parsed.url !== attrs.url || parsed.platform !== platform) {
    issues.push(["url", `is not the address of a ${String(platform)} post (as the fetch-card API returns it)`]);
  }
  for (const [key, max] of [
    ["author", SOCIAL_AUTHOR_MAX],
    ["text", SOCIAL_TEXT_MAX],
  ] as const) {
    const value = attrs[key];
    if (typeof value !== "string") issues.push([key, "must be a string"]);
    else if (value.length > max) issues.push([key, `must be at most ${max} characters`]);
  }
  if (typeof attrs.postedAt !== "string" || (attrs.postedAt !== "" && !isTimelineDate(attrs.postedAt))) {
    issues.push(["postedAt", 'must be a date such as "2026-12-01" or "2026-12-01T09:30", or empty']);
  }
  const mediaId = attrs.mediaId;
  if (mediaId !== null && (!Number.isInteger(mediaId) || (mediaId as number) <= 0)) {
    issues.push(["mediaId", "must be the id of an image in the media library, or null"]);
  }
  if (typeof attrs.quotedOn !== "string" || attrs.quotedOn.length !== 10 || !isTimelineDate(attrs.quotedOn)) {
    issues.push(["quotedOn", 'must be the date the post was quoted, such as "2026-12-01"']);
  }
  if (attrs.source !== "fetched" && attrs.source !== "manual") issues.push(["source", 'must be "fetched" or "manual"']);
  return issues;
}
