import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { AppError } from "../errors.js";

/**
 * Addresses a webhook must not reach: this host, the private networks behind it, link-local
 * (cloud metadata at 169.254.169.254), shared and reserved ranges. A newsroom's staff could
 * otherwise make the server call its own intranet and read the answer in the delivery log.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, "ipv6");
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`), or undefined. */
function mappedIpv4(address: string): string | undefined {
  const match = /^::ffff:(?:0:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (match) return match[1];
  const hex = /^::ffff:(?:0:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex?.[1] || !hex[2]) return undefined;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Whether an IP address is loopback, private, link-local, unique-local or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, "ipv4");
  if (family !== 6) return true;
  const v4 = mappedIpv4(bare);
  if (v4) return BLOCKED.check(v4, "ipv4");
  return BLOCKED.check(bare, "ipv6");
}

/** Parses a subscriber's URL: absolute http(s), a host, no credentials. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError("webhook_url_invalid", "The webhook URL is not an absolute URL.", { field: "url" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError("webhook_url_invalid", "A webhook URL must use http or https.", { field: "url" });
  }
  if (!url.hostname) throw new AppError("webhook_url_invalid", "The webhook URL has no host.", { field: "url" });
  // Credentials in the URL would be shown in the list and the log; a secret belongs in the signature.
  if (url.username || url.password) {
    throw new AppError("webhook_url_invalid", "A webhook URL must not contain a user name or password.", {
      field: "url",
    });
  }
  url.hash = "";
  return url;
}

export type Resolver = (host: string) => Promise<string[]>;

/** Every address a host name resolves to. */
export const resolveHost: Resolver = (host) =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) reject(error);
      else resolve(addresses.map((entry) => entry.address));
    });
  });

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

/**
 * Checks that a webhook URL leads to the public internet: the host as written, and every address
 * its name resolves to. `allowPrivate` (WEBHOOKS_ALLOW_PRIVATE) turns the check off.
 */
export async function assertPublicUrl(
  raw: string,
  options: { allowPrivate: boolean; resolve?: Resolver },
): Promise<URL> {
  const url = parseWebhookUrl(raw);
  if (options.allowPrivate) return url;
  const host = hostOf(url);
  const refuse = () =>
    new AppError("webhook_url_private", "The webhook URL points at a loopback or private network address.", {
      field: "url",
    });
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw refuse();
    return url;
  }
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? resolveHost)(host);
  } catch {
    throw new AppError("webhook_url_invalid", `The host ${host} of the webhook URL does not resolve.`, {
      field: "url",
    });
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) throw refuse();
  return url;
}

/**
 * A `lookup` for outgoing requests that refuses private addresses at connect time, so a name that
 * resolved to a public address when the subscription was made cannot later be pointed at the
 * intranet (DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const usable = allowPrivate ? addresses : addresses.filter((entry) => !isPrivateAddress(entry.address));
      if (usable.length === 0) {
        const refused = Object.assign(new Error(`${hostname} resolves only to private addresses`), {
          code: "EPRIVATE",
        });
        return callback(refused, "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      const first = usable[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}
