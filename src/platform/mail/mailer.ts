import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Where mail goes. The dev outbox now; SMTP arrives with the newsletters issue behind the same port. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface OutboxMessage extends MailMessage {
  id: number;
  createdAt: string;
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
      createdAt: row.created_at,
    }));
  }
}
