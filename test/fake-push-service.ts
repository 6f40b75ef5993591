import { createECDH, type ECDH, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import ece from "http_ece";

/** A message as a browser's service worker would read it, after decryption. */
export interface ReceivedPush {
  name: string;
  headers: http.IncomingHttpHeaders;
  message: { title: string; body: string; url: string; tag: string };
}

export interface FakePushService {
  /** The push messages received, decrypted with the subscribers' keys. */
  received: ReceivedPush[];
  /** A new browser subscription whose endpoint is this service; `status` is what it answers (201). */
  subscription(name: string, status?: number): { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Changes what an endpoint answers from now on (e.g. 410 once the reader uninstalled). */
  answer(name: string, status: number): void;
  close(): Promise<void>;
}

/**
 * A local push service (RFC 8030) standing in for FCM/Mozilla's: it holds each subscriber's
 * private key, so a test sees exactly what the service worker would show.
 */
export async function startFakePushService(): Promise<FakePushService> {
  const subscribers = new Map<string, { ecdh: ECDH; auth: string; status: number }>();
  const received: ReceivedPush[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const name = decodeURIComponent((request.url ?? "").replace(/^\/push\//, ""));
      const subscriber = subscribers.get(name);
      if (!subscriber) {
        response.writeHead(404).end();
        return;
      }
      if (subscriber.status >= 200 && subscriber.status < 300) {
        const plain = ece.decrypt(Buffer.concat(chunks), {
          version: "aes128gcm",
          privateKey: subscriber.ecdh,
          authSecret: subscriber.auth,
        });
        received.push({ name, headers: request.headers, message: JSON.parse(plain.toString("utf8")) });
      }
      response.writeHead(subscriber.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    subscription(name, status = 201) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16).toString("base64url");
      subscribers.set(name, { ecdh, auth, status });
      return {
        endpoint: `http://127.0.0.1:${port}/push/${encodeURIComponent(name)}`,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth },
      };
    },
    answer(name, status) {
      const subscriber = subscribers.get(name);
      if (subscriber) subscriber.status = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
