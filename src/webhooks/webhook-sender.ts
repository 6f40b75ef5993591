import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { guardedLookup, isPrivateAddress } from "./url-guard.js";

/** What one POST to a subscriber came to. */
export interface SendResult {
  /** The HTTP status; undefined when no answer came (timeout, refused connection, DNS). */
  status?: number;
  durationMs: number;
  /** Why the attempt failed, for the delivery log; undefined on a 2xx. */
  error?: string;
}

/** How much of an answer is read: the body is never shown, only drained. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs one body. Redirects are not followed (a redirect could lead to a private address), and
 * the connection's address is checked as it is made, not only when the subscription was saved.
 */
export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean; now?: () => number },
): Promise<SendResult> {
  const clock = options.now ?? (() => performance.now());
  const started = clock();
  const elapsed = () => Math.max(0, Math.round(clock() - started));
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      resolve({ durationMs: 0, error: "The URL is not valid." });
      return;
    }
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (!options.allowPrivate && isIP(host) && isPrivateAddress(host)) {
      resolve({ durationMs: 0, error: "The URL points at a private address." });
      return;
    }
    const client = url.protocol === "https:" ? https : http;
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate),
        timeout: options.timeoutMs,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () =>
          finish({
            status,
            durationMs: elapsed(),
            ...(status >= 200 && status < 300 ? {} : { error: `The endpoint answered ${status}.` }),
          });
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    // The whole exchange gets the timeout, not only an idle socket.
    const timer = setTimeout(() => request.destroy(new Error("timeout")), options.timeoutMs);
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const reason =
        error.message === "timeout"
          ? `No answer within ${options.timeoutMs >= 1000 ? `${Math.round(options.timeoutMs / 1000)} s` : `${options.timeoutMs} ms`}.`
          : `Could not connect: ${error.code ?? error.message}.`;
      finish({ durationMs: elapsed(), error: reason });
    });
    request.on("close", () => clearTimeout(timer));
    request.end(body);
  });
}
