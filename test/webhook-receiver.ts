import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  /** The raw body, exactly as sent (signatures cover these bytes). */
  body: string;
}

/** How many requests a receiver keeps: a runaway sender fails the test instead of filling memory. */
const MAX_KEPT = 200;

/**
 * A webhook receiver on 127.0.0.1 for tests: it records every POST and answers with the next
 * status of `answers` (then 200), or with whatever `respond` returns.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answers: number[] = [];

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        if (!receiver) return;
        if (receiver.received.length < MAX_KEPT) {
          receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        }
        response.writeHead(receiver.answers.shift() ?? 200, { "content-type": "text/plain" });
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    receiver = new WebhookReceiver(server);
    return receiver;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hooks/gazette`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
