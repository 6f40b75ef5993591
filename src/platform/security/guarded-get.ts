import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { guardedLookup, isPrivateAddress } from "./private-address.js";

/** Why a download failed, for the caller to turn into its own words. */
export type GuardedGetFailure = "private_address" | "not_found" | "unreachable" | "too_large" | "timeout";

export class GuardedGetError extends Error {
  constructor(
    readonly reason: GuardedGetFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface GuardedGetOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Lets the download reach loopback and private networks (tests, an old site on the LAN). */
  allowPrivate: boolean;
  maxRedirects?: number;
  headers?: Record<string, string>;
}

interface Hop {
  status: number;
  location?: string;
  body?: Buffer;
}

/**
 * GETs a URL that came from outside (an imported archive, a pasted social post) with a time limit
 * over the whole exchange, a size cap, and redirects followed by hand. The private-network check
 * is made as each connection is opened (the socket's own DNS lookup), not before it: a name that
 * resolved to a public address when checked cannot be re-pointed at 169.254.169.254 or the LAN in
 * between (DNS rebinding), and every redirect hop is checked the same way.
 */
export async function guardedGet(address: string, options: GuardedGetOptions): Promise<Buffer> {
  const deadline = Date.now() + options.timeoutMs;
  const maxRedirects = options.maxRedirects ?? 3;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new GuardedGetError("unreachable", `${address} is not a valid address`);
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new GuardedGetError("unreachable", `${url.href} is not an http(s) address`);
    }
    const host = url.hostname.replace(/^\[|\]$/g, "");
    // A literal address never goes through the lookup, so it is checked here.
    if (!options.allowPrivate && isIP(host) && isPrivateAddress(host)) {
      throw new GuardedGetError("private_address", `${url.href} points at a private address`);
    }
    const answer = await requestOnce(url, options, deadline);
    if (answer.status >= 300 && answer.status < 400 && answer.location && hop < maxRedirects) {
      url = new URL(answer.location, url);
      continue;
    }
    if (answer.status === 404 || answer.status === 410) {
      throw new GuardedGetError("not_found", `${url.href} answered ${answer.status}`);
    }
    if (answer.status < 200 || answer.status >= 300 || !answer.body) {
      throw new GuardedGetError("unreachable", `${url.href} answered ${answer.status}`);
    }
    return answer.body;
  }
}

function requestOnce(url: URL, options: GuardedGetOptions, deadline: number): Promise<Hop> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new GuardedGetError("timeout", `${url.href} took too long`));
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    const fail = (error: GuardedGetError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(error);
    };
    const request = client.get(
      url,
      {
        headers: { accept: "*/*", ...options.headers },
        lookup: guardedLookup(options.allowPrivate),
        // Each hop gets a fresh socket: a kept-alive one could skip the next hop's lookup.
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.resume();
          settled = true;
          clearTimeout(timer);
          resolve({ status, ...(response.headers.location ? { location: response.headers.location } : {}) });
          return;
        }
        if (status < 200 || status >= 300) {
          response.resume();
          settled = true;
          clearTimeout(timer);
          resolve({ status });
          return;
        }
        if (Number(response.headers["content-length"] ?? "0") > options.maxBytes) {
          fail(new GuardedGetError("too_large", `${url.href} is larger than ${options.maxBytes} bytes`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            fail(new GuardedGetError("too_large", `${url.href} is larger than ${options.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status, body: Buffer.concat(chunks) });
        });
        response.on("error", () => fail(new GuardedGetError("unreachable", `${url.href} broke off`)));
      },
    );
    const timer = setTimeout(
      () => fail(new GuardedGetError("timeout", `${url.href} took longer than ${options.timeoutMs} ms`)),
      remaining,
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPRIVATE") fail(new GuardedGetError("private_address", error.message));
      else fail(new GuardedGetError("unreachable", `${url.href}: ${error.code ?? error.message}`));
    });
  });
}
