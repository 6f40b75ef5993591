/**
 * Characters XML 1.0 does not allow at all (C0 controls other than tab/newline/return, lone
 * surrogates, U+FFFE/U+FFFF). One of them in a title would make the whole feed unreadable, so
 * they are dropped rather than escaped (they have no escape).
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Whether a text may hold a NOT_XML character: a plain character class without lookarounds, many
 * times faster than NOT_XML itself on a feed's full-text bodies, where it almost never matches.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const MAYBE_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Strips what XML cannot carry, for text that goes out as JSON but may be read as XML later. */
export function xmlSafe(text: string): string {
  return MAYBE_NOT_XML.test(text) ? text.replace(NOT_XML, "") : text;
}

// Plain replaceAll passes, not one regex with a callback per character: a full-text item is
// kilobytes of HTML with a markup character every few letters.
function escapeMarkup(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** Text for XML content or a double-quoted attribute: `&`, `<`, `>`, `"` and `'` escaped. */
export function escapeXml(text: string): string {
  return escapeMarkup(xmlSafe(text)).replaceAll("'", "&apos;");
}

/** Text for HTML content or a double-quoted attribute (the HTML inside feeds). */
export function escapeHtml(text: string): string {
  return escapeMarkup(xmlSafe(text));
}

/** An element with escaped text content: `<name attr="…">text</name>`. */
export function element(name: string, text: string, attributes: Record<string, string | number> = {}): string {
  return `<${name}${attrs(attributes)}>${escapeXml(text)}</${name}>`;
}

/** An empty element: `<name attr="…"/>`. */
export function emptyElement(name: string, attributes: Record<string, string | number>): string {
  return `<${name}${attrs(attributes)}/>`;
}

function attrs(attributes: Record<string, string | number>): string {
  return Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("");
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** RFC 822 date-time as RSS 2.0 wants it, with a four-digit year: "Sat, 21 Mar 2026 17:30:00 GMT". */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}
