/**
 * Host names the site answers on besides PUBLIC_URL's (mirrors, the onion address): checked in one
 * place so that a host typed into the newsroom app obeys the same rules as one in the settings.
 */

/** A v3 onion address: 56 base32 characters (v2 addresses stopped working in Tor in 2021). */
const ONION = /^[a-z2-7]{56}\.onion$/;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The host in canonical form ("mirror.example" or "mirror.example:8080", lower case), or null when
 * `raw` is not a bare DNS host name with an optional port: no scheme, path, user or IP literal.
 * Internationalised names are given in their ASCII (xn--) form, as the Host header carries them.
 */
export function canonicalHost(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  const match = /^([a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return null;
  const [, name = "", port] = match;
  if (name.length > 253 || !name.includes(".")) return null;
  const labels = name.split(".");
  if (!labels.every((label) => LABEL.test(label))) return null;
  // A name of digits and dots only is an IPv4 address: mirrors are names a reader can be given.
  if (/^[\d.]+$/.test(name)) return null;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return null;
  return port === undefined ? name : `${name}:${Number(port)}`;
}

/** Whether `host` is a v3 onion service address (without a port). */
export function isOnionHost(host: string): boolean {
  return ONION.test(host);
}
