import { randomBytes } from "node:crypto";

/** A file sent in a multipart request (a photo upload). */
export interface BotApiFile {
  /** The parameter the method expects the file under, e.g. `photo`. */
  field: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** Telegram answered, and said no. `retryAfter` is set on a 429 (flood control), in seconds. */
export class BotApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfter: number | null,
  ) {
    super(`Telegram ${method} failed: ${errorCode} ${description}`);
    this.name = "BotApiError";
  }
}

/** Telegram could not be reached, or answered something that is not the Bot API. */
export class BotApiUnreachableError extends Error {
  constructor(
    readonly method: string,
    reason: string,
  ) {
    super(`Telegram ${method} could not be reached: ${reason}`);
    this.name = "BotApiUnreachableError";
  }
}

interface BotApiEnvelope {
  ok?: unknown;
  result?: unknown;
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
}

export interface BotUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
}

export interface BotChat {
  id: number;
  type: string;
  title?: string;
  username?: string;
}

export interface BotMessage {
  message_id: number;
  chat: { id: number };
}

/** A quoted header parameter: no quote or line break can end it early. */
function quoted(value: string): string {
  return `"${value.replace(/["\r\n]/g, (c) => encodeURIComponent(c))}"`;
}

/**
 * multipart/form-data by hand: FormData would turn every "\n" of a caption into "\r\n", which
 * Telegram keeps and counts against the caption limit.
 */
function multipartBody(boundary: string, params: Record<string, unknown>, file: BotApiFile): Uint8Array<ArrayBuffer> {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n`));
    parts.push(Buffer.from(text, "utf8"), Buffer.from("\r\n"));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.field)}; filename=${quoted(file.fileName)}\r\n` +
        `Content-Type: ${file.contentType}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return new Uint8Array(Buffer.concat(parts));
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** A bot token is put in the URL path, so it may hold nothing that changes the path. */
export const BOT_TOKEN_PATTERN = /^\d{1,20}:[A-Za-z0-9_-]{10,200}$/;

/**
 * The Telegram Bot API over HTTPS: `{base}/bot{token}/{method}`. The token is part of every URL,
 * so no error or message made here contains a URL: a logged error never gives the bot away.
 */
export class BotApiClient {
  constructor(
    private readonly base: string,
    private readonly options: { fetch?: FetchLike; timeoutMs?: number } = {},
  ) {}

  getMe(token: string): Promise<BotUser> {
    return this.call<BotUser>(token, "getMe", {});
  }

  getChat(token: string, chatId: string): Promise<BotChat> {
    return this.call<BotChat>(token, "getChat", { chat_id: chatId });
  }

  /**
   * Calls a method. Parameters go as JSON, or as multipart form data when a file is attached
   * (objects in a multipart request are sent as JSON text, as the Bot API expects).
   */
  async call<T>(token: string, method: string, params: Record<string, unknown>, file?: BotApiFile): Promise<T> {
    if (!BOT_TOKEN_PATTERN.test(token)) throw new BotApiError(method, 401, "Unauthorized: malformed bot token", null);
    const url = `${this.base}/bot${token}/${method}`;
    let body: string | Uint8Array<ArrayBuffer>;
    const headers: Record<string, string> = {};
    if (file) {
      const boundary = `gazette-${randomBytes(12).toString("hex")}`;
      body = multipartBody(boundary, params, file);
      headers["content-type"] = `multipart/form-data; boundary=${boundary}`;
    } else {
      body = JSON.stringify(params);
      headers["content-type"] = "application/json";
    }
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      // Only the error's kind: undici's messages and causes may quote the request's URL.
      const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "connection failed";
      throw new BotApiUnreachableError(method, reason);
    }
    let envelope: BotApiEnvelope;
    try {
      envelope = (await response.json()) as BotApiEnvelope;
    } catch {
      throw new BotApiUnreachableError(method, `HTTP ${response.status} without a Bot API answer`);
    }
    if (envelope.ok === true) return envelope.result as T;
    const code = typeof envelope.error_code === "number" ? envelope.error_code : response.status;
    const description = typeof envelope.description === "string" ? envelope.description : `HTTP ${response.status}`;
    const retryAfter = envelope.parameters?.retry_after;
    throw new BotApiError(method, code, description, typeof retryAfter === "number" ? retryAfter : null);
  }
}
