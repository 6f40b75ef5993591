import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { RawMessage } from "./bulk-mime.js";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The sender; the relay's default (or the outbox's nobody) when absent. */
  from?: { name: string; address: string };
  /** RFC 2369/8058 unsubscribe: an https URL, and whether a bare POST to it unsubscribes (one click). */
  listUnsubscribe?: { url: string; oneClick: boolean };
  /** Extra headers (List-Id, a stable Message-ID…); names are sent as given. */
  headers?: Record<string, string>;
}

/** Where mail goes: the dev outbox, or an SMTP relay when SMTP_URL is set. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /**
   * Sends a message already in MIME form (a newsletter copy made by `BulkMime`). Only relays have
   * it; without it, callers compose through `send`.
   */
  sendRaw?(message: RawMessage): Promise<void>;
  /** How many messages are worth having in flight at once (pooled SMTP connections); 1 when absent. */
  readonly concurrency?: number;
  /** Closes pooled connections. */
  close?(): Promise<void>;
}

/**
 * A message the relay refused. `permanent` (a 5xx answer) means the address must not be tried
 * again; otherwise (4xx, a dropped connection, a timeout) a later attempt may succeed.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = "MailDeliveryError";
  }
}

export interface OutboxMessage extends MailMessage {
  id: number;
  createdAt: string;
}

/** The headers a message carries beyond to/subject/body, as one object (the outbox keeps it as JSON). */
export function extraHeaders(message: MailMessage): Record<string, string> {
  const headers: Record<string, string> = { ...(message.headers ?? {}) };
  if (message.from) headers.From = `"${message.from.name.replace(/["\\\r\n]/g, "")}" <${message.from.address}>`;
  if (message.listUnsubscribe) {
    headers["List-Unsubscribe"] = `<${message.listUnsubscribe.url}>`;
    if (message.listUnsubscribe.oneClick) headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return headers;
}

/** Keeps every message in `mail_outbox` instead of sending it, so a newsroom without SMTP still works. */
export class DevOutboxMailer implements Mailer {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: MailMessage): Promise<void> {
    await this.db
      .insertInto("mail_outbox")
      .values({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        headers: Object.keys(extraHeaders(message)).length > 0 ? JSON.stringify(extraHeaders(message)) : null,
        created_at: this.now().toISOString(),
      })
      .execute();
  }

  /** Newest first, for the admin's outbox view. */
  async list(limit = 50): Promise<OutboxMessage[]> {
    const rows = await this.db.selectFrom("mail_outbox").selectAll().orderBy("id", "desc").limit(limit).execute();
    return rows.map((row) => ({
      id: row.id,
      to: row.to,
      subject: row.subject,
      text: row.text,
      ...(row.html === null ? {} : { html: row.html }),
      ...(row.headers ? { headers: JSON.parse(row.headers) as Record<string, string> } : {}),
      createdAt: row.created_at,
    }));
  }
}

/** The same mailer, calling `onSent` after each message the relay (or outbox) accepted: the send-rate metric. */
export function countSentMail(mailer: Mailer, onSent: () => void): Mailer {
  const counted: Mailer = {
    async send(message) {
      await mailer.send(message);
      onSent();
    },
    ...(mailer.sendRaw
      ? {
          async sendRaw(message: RawMessage) {
            await mailer.sendRaw?.(message);
            onSent();
          },
        }
      : {}),
    ...(mailer.concurrency !== undefined ? { concurrency: mailer.concurrency } : {}),
    ...(mailer.close ? { close: () => mailer.close?.() ?? Promise.resolve() } : {}),
  };
  return counted;
}
