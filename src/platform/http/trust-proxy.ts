import type { TrustProxy } from "../../config.js";

/**
 * The setting as Fastify's `trustProxy` option. A hop count becomes a function trusting the
 * first `hops` addresses counted from the socket: Fastify itself refuses a bare number, and
 * `true` would believe every X-Forwarded-For entry, including the ones a client makes up.
 */
export function fastifyTrustProxy(setting: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (setting === false) return false;
  if (typeof setting === "number") return (_address, hop) => hop < setting;
  return [...setting];
}
