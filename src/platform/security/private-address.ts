import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Addresses a server must not be made to call on a stranger's behalf: loopback, private, link-local,
 * carrier-grade NAT, unique-local and the unspecified addresses, in IPv4 and IPv6 (IPv4-mapped IPv6
 * included). Outgoing calls to addresses that come from outside (push endpoints, webhook URLs) check
 * them, so a forged address cannot reach the machine's own services or the private network.
 */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, "ipv6");
}

/** True for an IP literal in a range no outside party should make us call. */
export function isPrivateAddress(ip: string): boolean {
  const version = isIP(ip);
  if (version === 4) return PRIVATE.check(ip, "ipv4");
  if (version !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return PRIVATE.check(mapped[1], "ipv4");
  return PRIVATE.check(ip, "ipv6");
}

/** How a host name is turned into addresses; injectable so tests need no DNS. */
export type HostResolver = (host: string) => Promise<string[]>;

export const resolveHost: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * True when the host is, or resolves to, a private address (any of its addresses). A name that does
 * not resolve counts as private: nothing should be sent to it.
 */
export async function isPrivateHost(host: string, resolve: HostResolver = resolveHost): Promise<boolean> {
  const bare = host.replace(/^\[|\]$/g, "");
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (isIP(bare)) return isPrivateAddress(bare);
  try {
    const addresses = await resolve(bare);
    return addresses.length === 0 || addresses.some(isPrivateAddress);
  } catch {
    return true;
  }
}
