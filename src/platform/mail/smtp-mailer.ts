import fs from "node:fs";
import type nodemailer from "nodemailer";
import type { RawMessage } from "./bulk-mime.js";
import { extraHeaders, MailDeliveryError, type Mailer, type MailMessage } from "./mailer.js";
import { SmtpPipelinePool } from "./smtp-pipeline.js";

export interface SmtpMailerOptions {
  url: string;
  poolSize: number;
  /** The sender when a message names none. */
  defaultFrom: { name: string; address: string };
  dkim?: { domainName: string; keySelector: string; privateKeyFile: string } | null;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** A relay answer or a socket error, classified: 5xx is final for the address, anything else may pass later. */
export function toDeliveryError(error: unknown): MailDeliveryError {
  const e = error as { message?: string; responseCode?: number; code?: string };
  const code = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const permanent = code !== undefined && code >= 500 && code < 600;
  return new MailDeliveryError(String(e.message ?? error).slice(0, 500), permanent, code);
}

/**
 * Sends through any SMTP relay over a pool of kept-open connections (one TLS handshake per
 * connection, not per message), optionally DKIM-signing each message.
 */
export class SmtpMailer implements Mailer {
  readonly concurrency: number;
  private readonly defaultFrom: { name: string; address: string };
  private readonly connect: () => Promise<Transport>;
  private opened: Promise<Transport> | undefined;
  /**
   * Ready-made copies (newsletters) go through a lean pipelined client of their own, unless they
   * must be DKIM-signed, which nodemailer does on its way out.
   */
  private readonly bulk: SmtpPipelinePool | null;

  constructor(options: SmtpMailerOptions) {
    const host = new URL(options.url).hostname;
    this.concurrency = options.poolSize;
    this.defaultFrom = options.defaultFrom;
    // Read now, so a missing key file stops the start rather than the first send.
    const dkimKey = options.dkim ? fs.readFileSync(options.dkim.privateKeyFile, "utf8") : undefined;
    this.bulk = options.dkim ? null : new SmtpPipelinePool({ url: options.url, connections: options.poolSize });
    // Nodemailer is loaded with the first message, not with the server: most starts send none.
    this.connect = async () =>
      (await import("nodemailer")).default.createTransport({
        pool: true,
        url: options.url,
        maxConnections: options.poolSize,
        // A connection is recycled after this many messages; high, since newsletters send many.
        maxMessages: 1000,
        // A local relay or a test sink needs no STARTTLS; a remote one is used with TLS when it offers it.
        ignoreTLS: LOOPBACK.has(host),
        // Requeued sends after a dropped connection would bypass the delivery log's own retry.
        maxRequeues: 0,
        ...(options.dkim && dkimKey !== undefined
          ? {
              dkim: {
                domainName: options.dkim.domainName,
                keySelector: options.dkim.keySelector,
                privateKey: dkimKey,
              },
            }
          : {}),
      });
  }

  private transport(): Promise<Transport> {
    this.opened ??= this.connect();
    return this.opened;
  }

  async send(message: MailMessage): Promise<void> {
    const { From: _from, ...headers } = extraHeaders(message);
    const from = message.from ?? this.defaultFrom;
    try {
      await (await this.transport()).sendMail({
        from: { name: from.name, address: from.address },
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        headers,
        // Base64 is encoded natively; quoted-printable of a 20 kB email body costs more CPU than
        // the rest of the send together. Both are 7-bit safe for any relay.
        textEncoding: "base64",
      });
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  async sendRaw(message: RawMessage): Promise<void> {
    if (this.bulk) return this.bulk.send(message);
    try {
      await (await this.transport()).sendMail({ envelope: { from: message.from, to: [message.to] }, raw: message.raw });
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  async close(): Promise<void> {
    await this.bulk?.close();
    (await this.opened)?.close();
  }
}
