/** Where a page view came from, as the newsroom groups it. */
export type TrafficSource = "direct" | "search" | "social" | "newsletter" | "telegram" | "push" | "referral";

export const TRAFFIC_SOURCES: readonly TrafficSource[] = [
  "direct",
  "search",
  "social",
  "newsletter",
  "telegram",
  "push",
  "referral",
];

/** m, t, d from the viewport's width; u for the no-JS pixel, which cannot tell. */
export type DeviceClass = "m" | "t" | "d" | "u";

const TELEGRAM_HOSTS = new Set(["t.me", "telegram.org", "web.telegram.org", "telegram.me"]);

// Hosts are matched by their registrable part, so www., m. and country subdomains count too.
const SEARCH_HOSTS = [
  "bing.com",
  "duckduckgo.com",
  "ecosia.org",
  "search.yahoo.com",
  "search.brave.com",
  "startpage.com",
  "qwant.com",
  "baidu.com",
  "seznam.cz",
  "kagi.com",
  "ya.ru",
  "search.aol.com",
];
const SOCIAL_HOSTS = [
  "facebook.com",
  "fb.com",
  "x.com",
  "twitter.com",
  "t.co",
  "instagram.com",
  "linkedin.com",
  "lnkd.in",
  "reddit.com",
  "threads.net",
  "bsky.app",
  "mastodon.social",
  "vk.com",
  "ok.ru",
  "tiktok.com",
  "youtube.com",
  "pinterest.com",
  "news.ycombinator.com",
];

function isOrUnder(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** google.com, google.com.ua, news.google.de; yandex.ru, yandex.com.tr… */
function isSearchEngineWithCountryDomains(host: string): boolean {
  return /(^|\.)(google|yandex)\.[a-z]{2,3}(\.[a-z]{2})?$/.test(host);
}

/**
 * The contract's classification (docs/analytics.md): campaign tags first, since a newsletter's
 * link read in a webmail client would otherwise look like a referral from the webmail's host.
 */
export function classifySource(utmSource: string, utmMedium: string, referrerHost: string): TrafficSource {
  const source = utmSource.toLowerCase();
  const medium = utmMedium.toLowerCase();
  if (medium === "email" || medium === "newsletter" || source === "newsletter") return "newsletter";
  if (source === "telegram" || TELEGRAM_HOSTS.has(referrerHost)) return "telegram";
  if (source === "push" || medium === "push") return "push";
  if (referrerHost === "") return "direct";
  if (isSearchEngineWithCountryDomains(referrerHost) || SEARCH_HOSTS.some((d) => isOrUnder(referrerHost, d))) {
    return "search";
  }
  if (SOCIAL_HOSTS.some((d) => isOrUnder(referrerHost, d))) return "social";
  return "referral";
}
