// Browser-safe: the admin app imports this module (no server code may be imported here).

/**
 * The one rule for links that staff type and readers click: article body links, settings
 * (promo modules, follow links, support and patron links, the breaking banner) and the admin
 * app's own checks. Pure and browser-safe: the admin SPA imports it as it is.
 */

const MAX_LENGTH = 2048;

/**
 * Characters no stored link needs and that only help an attacker: whitespace and control
 * characters (browsers drop tabs and newlines, so "/\t/evil" becomes "//evil"), quotes and angle
 * brackets (breaking out of an attribute), backslashes (browsers read "/\evil" as "//evil").
 */
const FORBIDDEN = /[\s"'<>\\`]/;

function hasForbidden(href: string): boolean {
  if (FORBIDDEN.test(href)) return true;
  for (let i = 0; i < href.length; i++) {
    const code = href.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * A link a setting may hold: an absolute http(s) address, or a path on this site that starts
 * with a single "/". Everything else (javascript:, data:, vbscript:, "//host", text) is refused.
 */
export function isSafeUrl(href: string): boolean {
  if (href.length === 0 || href.length > MAX_LENGTH || hasForbidden(href)) return false;
  if (href.startsWith("/")) return !href.startsWith("//");
  if (!/^https?:\/\//i.test(href)) return false;
  try {
    const url = new URL(href);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** A link in an article body: what a setting may hold, plus mail addresses and in-page anchors. */
export function isSafeHref(href: string): boolean {
  if (isSafeUrl(href)) return true;
  if (href.length === 0 || href.length > MAX_LENGTH || hasForbidden(href)) return false;
  if (href.startsWith("#")) return true;
  return /^mailto:[^/]/i.test(href);
}

/** The href to render for a stored link, or undefined when it breaks the rule (older stored data). */
export function safeUrlOrUndefined(href: string | null | undefined): string | undefined {
  return typeof href === "string" && isSafeUrl(href) ? href : undefined;
}
