import http from "node:http";
import type { AddressInfo } from "node:net";

/** A bot the fake knows: a request with this token is answered. */
export const FAKE_BOT_TOKEN = "123456789:AAFakeTokenForGazetteTests_0123456789";
/** The channel the fake bot may post to. */
export const FAKE_CHAT_ID = "@gazette_test";

export interface FakeTelegramCall {
  token: string;
  method: string;
  /** Parameters as sent: JSON values, or the text fields of a multipart form. */
  params: Record<string, unknown>;
  /** The uploaded file of a multipart request. */
  file: { field: string; fileName: string; contentType: string; data: Buffer } | null;
}

interface Failure {
  status: number;
  description: string;
  retryAfter?: number;
}

interface StoredMessage {
  chatId: string;
  text: string;
  hasPhoto: boolean;
}

/**
 * A local stand-in for the Telegram Bot API (`/bot{token}/{method}`): it records every call, answers
 * getMe/getChat for the one bot and channel it knows, keeps the messages it was sent (so edits of an
 * unknown message fail as Telegram's do), and fails the next call of a method on demand.
 */
export class FakeTelegram {
  readonly calls: FakeTelegramCall[] = [];
  readonly messages = new Map<number, StoredMessage>();
  private readonly failures = new Map<string, Failure[]>();
  private nextMessageId = 100;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeTelegram> {
    let fake: FakeTelegram | undefined;
    const server = http.createServer((request, response) => {
      void fake?.handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeTelegram(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** The next call of `method` fails with this answer (a 429 carries `retry_after`). */
  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  callsTo(method: string): FakeTelegramCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The calls that put a new message in a channel. */
  posts(): FakeTelegramCall[] {
    return this.calls.filter((call) => call.method === "sendPhoto" || call.method === "sendMessage");
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.url ?? "");
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (!match?.[1] || !match[2]) return reply(404, { ok: false, error_code: 404, description: "Not Found" });
    const [, token, method] = match;
    const call: FakeTelegramCall = { token, method, params: {}, file: null };
    const contentType = request.headers["content-type"] ?? "";
    if (contentType.startsWith("multipart/form-data")) {
      const form = await new Request("http://fake.local/", {
        method: "POST",
        headers: { "content-type": contentType },
        body: raw,
      }).formData();
      for (const [name, value] of form.entries()) {
        if (typeof value === "string") call.params[name] = value;
        else {
          call.file = {
            field: name,
            fileName: value.name,
            contentType: value.type,
            data: Buffer.from(await value.arrayBuffer()),
          };
        }
      }
    } else if (raw.length > 0) {
      call.params = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    }
    this.calls.push(call);

    const failure = this.failures.get(method)?.shift();
    if (failure) {
      return reply(failure.status, {
        ok: false,
        error_code: failure.status,
        description: failure.description,
        ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
    }
    if (token !== FAKE_BOT_TOKEN) return reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
    const chatId = String(call.params.chat_id ?? "");
    const chatNotFound = () => reply(400, { ok: false, error_code: 400, description: "Bad Request: chat not found" });
    const ok = (result: unknown) => reply(200, { ok: true, result });
    switch (method) {
      case "getMe":
        return ok({ id: 123456789, is_bot: true, first_name: "Gazette Test", username: "gazette_test_bot" });
      case "getChat":
        if (chatId !== FAKE_CHAT_ID) return chatNotFound();
        return ok({ id: -1001234567890, type: "channel", title: "Gazette Test", username: "gazette_test" });
      case "sendPhoto":
      case "sendMessage": {
        if (chatId !== FAKE_CHAT_ID) return chatNotFound();
        if (method === "sendPhoto" && !call.file) {
          return reply(400, {
            ok: false,
            error_code: 400,
            description: "Bad Request: there is no photo in the request",
          });
        }
        const messageId = this.nextMessageId++;
        const text = String(call.params[method === "sendPhoto" ? "caption" : "text"] ?? "");
        this.messages.set(messageId, { chatId, text, hasPhoto: method === "sendPhoto" });
        return ok({ message_id: messageId, chat: { id: -1001234567890 }, date: Math.floor(Date.now() / 1000) });
      }
      case "editMessageCaption":
      case "editMessageText": {
        if (chatId !== FAKE_CHAT_ID) return chatNotFound();
        const message = this.messages.get(Number(call.params.message_id));
        if (!message || message.hasPhoto !== (method === "editMessageCaption")) {
          return reply(400, { ok: false, error_code: 400, description: "Bad Request: message to edit not found" });
        }
        const text = String(call.params[method === "editMessageCaption" ? "caption" : "text"] ?? "");
        if (text === message.text) {
          return reply(400, { ok: false, error_code: 400, description: "Bad Request: message is not modified" });
        }
        message.text = text;
        return ok({ message_id: Number(call.params.message_id), chat: { id: -1001234567890 } });
      }
      default:
        return reply(404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    }
  }
}
