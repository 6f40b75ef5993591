import { isIP } from "node:net";
import { AppError } from "../errors.js";
import { type HostResolver, isPrivateAddress, resolveHost } from "../platform/security/private-address.js";

export { guardedLookup, isPrivateAddress } from "../platform/security/private-address.js";
export type Resolver = HostResolver;

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
