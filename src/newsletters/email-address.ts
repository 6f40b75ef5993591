import { domainToASCII } from "node:url";

const MAX_LENGTH = 254;
// Deliberately narrower than RFC 5322: no quoted local parts, comments or IP literals, which no
// reader types and which hostile input uses to smuggle headers or reach internal hosts.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The one spelling of an address we store and compare: trimmed, lower case, the domain in ASCII
 * (punycode). Null when it is not an address we will mail.
 */
export function normaliseEmail(raw: string): string | null {
  const trimmed = raw.normalize("NFC").trim();
  if (trimmed.length === 0 || trimmed.length > MAX_LENGTH) return null;
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return null;
  const local = trimmed.slice(0, at).toLowerCase();
  const domain = domainToASCII(trimmed.slice(at + 1).toLowerCase());
  if (!domain || local.length > 64 || !LOCAL.test(local)) return null;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  if (!/[a-z]/.test(labels.at(-1) ?? "")) return null;
  const address = `${local}@${domain}`;
  return address.length > MAX_LENGTH ? null : address;
}
