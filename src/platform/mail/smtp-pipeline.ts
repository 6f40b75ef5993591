import net from "node:net";
import tls from "node:tls";
import { MailDeliveryError } from "./mailer.js";

/**
 * A lean SMTP client for bulk copies that are already MIME (newsletter copies from BulkMime): a
 * pool of kept-open connections, each sending one message at a time with its envelope pipelined
 * (RFC 2920: MAIL, RCPT and DATA in one write when the relay offers PIPELINING), and the message
 * written to the socket as one buffer. The fan-out's profile put more than a third of the sender's
 * time in nodemailer's per-message machinery around a raw message (composer, Message-ID, a chain
 * of streams that escapes dots byte by byte), which a ready-made copy does not need.
 *
 * Handles what a relay asks of a bulk sender: implicit TLS (`smtps://`), STARTTLS when offered
 * (not on loopback, as the nodemailer transport does), AUTH PLAIN or LOGIN with the URL's
 * credentials, multi-line replies, and a new connection after `maxMessages` or any error.
 */
export interface SmtpPipelineOptions {
  url: string;
  connections: number;
  /** Messages per connection before it is replaced (default 1000, nodemailer's pool's too). */
  maxMessages?: number;
  /** Silence after which a connection counts as dead (default 60 s). */
  timeoutMs?: number;
  /** The name given in EHLO (default: this host's name as the relay would see "localhost"). */
  clientName?: string;
}

interface Reply {
  code: number;
  text: string;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const CRLF = Buffer.from("\r\n");
const END_OF_DATA = Buffer.from(".\r\n");
const LINE_START_DOT = Buffer.from("\n.");

/** A connection died or timed out: temporary, the delivery log tries the copy again later. */
function dropped(reason: string): MailDeliveryError {
  return new MailDeliveryError(`SMTP connection lost: ${reason}`, false);
}

function refused(step: string, reply: Reply): MailDeliveryError {
  return new MailDeliveryError(
    `${step} refused: ${reply.code} ${reply.text}`.slice(0, 500),
    reply.code >= 500 && reply.code < 600,
    reply.code,
  );
}

/**
 * RFC 5321 §4.5.2: a line that starts with a dot gets a second one. BulkMime's copies have none
 * (headers, boundaries and base64 lines), so the common case is one native search.
 */
export function dotStuff(raw: Buffer): Buffer {
  if (raw[0] !== 0x2e && raw.indexOf(LINE_START_DOT) === -1) return raw;
  const text = raw.toString("latin1");
  return Buffer.from((text.startsWith(".") ? "." : "") + text.replaceAll("\n.", "\n.."), "latin1");
}

class Connection {
  sent = 0;
  broken = false;
  private socket: net.Socket;
  private pending = "";
  private lines: string[] = [];
  private readonly replies: Reply[] = [];
  private readonly waiters: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | undefined;
  private pipelining = false;

  private constructor(socket: net.Socket, timeoutMs: number) {
    this.socket = socket;
    this.watch(socket, timeoutMs);
  }

  static async open(options: SmtpPipelineOptions): Promise<Connection> {
    const url = new URL(options.url);
    const host = url.hostname;
    const secure = url.protocol === "smtps:";
    const port = Number(url.port) || (secure ? 465 : 587);
    const timeoutMs = options.timeoutMs ?? 60_000;
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = secure
        ? tls.connect({ host, port, servername: host }, () => resolve(s))
        : net.connect({ host, port }, () => resolve(s));
      s.once("error", reject);
    });
    socket.setNoDelay(true);
    const connection = new Connection(socket, timeoutMs);
    try {
      await connection.handshake(options, url, secure, timeoutMs);
    } catch (error) {
      connection.close();
      throw error instanceof MailDeliveryError ? error : dropped(String((error as Error).message ?? error));
    }
    return connection;
  }

  private watch(socket: net.Socket, timeoutMs: number): void {
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error("no answer from the relay")));
    socket.on("data", (chunk: Buffer) => this.received(chunk));
    socket.on("error", (error) => this.fail(error));
    socket.on("close", () => this.fail(new Error("closed by the relay")));
  }

  private async handshake(options: SmtpPipelineOptions, url: URL, secure: boolean, timeoutMs: number) {
    const greeting = await this.read();
    if (greeting.code !== 220) throw refused("Greeting", greeting);
    const name = options.clientName ?? "localhost";
    let ehlo = await this.command(`EHLO ${name}`);
    if (ehlo.code !== 250) throw refused("EHLO", ehlo);
    if (!secure && !LOOPBACK.has(url.hostname) && /^STARTTLS\b/im.test(ehlo.text)) {
      const ready = await this.command("STARTTLS");
      if (ready.code !== 220) throw refused("STARTTLS", ready);
      const plain = this.socket;
      plain.removeAllListeners("data");
      plain.removeAllListeners("close");
      plain.removeAllListeners("error");
      plain.setTimeout(0);
      this.socket = await new Promise<net.Socket>((resolve, reject) => {
        const s = tls.connect({ socket: plain, servername: url.hostname }, () => resolve(s));
        s.once("error", reject);
      });
      this.watch(this.socket, timeoutMs);
      ehlo = await this.command(`EHLO ${name}`);
      if (ehlo.code !== 250) throw refused("EHLO", ehlo);
    }
    this.pipelining = /^PIPELINING\b/im.test(ehlo.text);
    if (url.username)
      await this.authenticate(ehlo.text, decodeURIComponent(url.username), decodeURIComponent(url.password));
  }

  private async authenticate(capabilities: string, user: string, pass: string): Promise<void> {
    const mechanisms = /^AUTH[ =](.*)$/im.exec(capabilities)?.[1]?.toUpperCase().split(/\s+/) ?? [];
    if (mechanisms.includes("PLAIN") || !mechanisms.includes("LOGIN")) {
      const token = Buffer.from(`\0${user}\0${pass}`, "utf8").toString("base64");
      const reply = await this.command(`AUTH PLAIN ${token}`);
      if (reply.code !== 235) throw refused("AUTH", reply);
      return;
    }
    let reply = await this.command("AUTH LOGIN");
    if (reply.code === 334) reply = await this.command(Buffer.from(user, "utf8").toString("base64"));
    if (reply.code === 334) reply = await this.command(Buffer.from(pass, "utf8").toString("base64"));
    if (reply.code !== 235) throw refused("AUTH", reply);
  }

  /** Sends one message; throws a MailDeliveryError (5xx permanent, anything else temporary). */
  async send(from: string, to: string, raw: Buffer): Promise<void> {
    this.sent++;
    const commands = [`MAIL FROM:<${from}>`, `RCPT TO:<${to}>`, "DATA"];
    let replies: Reply[];
    if (this.pipelining) {
      this.write(`${commands.join("\r\n")}\r\n`);
      replies = [await this.read(), await this.read(), await this.read()];
    } else {
      replies = [];
      for (const command of commands) {
        const reply = await this.command(command);
        replies.push(reply);
        if (reply.code >= 400) break;
      }
    }
    const [mail, rcpt, data] = replies;
    const failed =
      mail && mail.code !== 250
        ? refused("MAIL FROM", mail)
        : rcpt && rcpt.code !== 250 && rcpt.code !== 251
          ? refused("RCPT TO", rcpt)
          : data && data.code !== 354
            ? refused("DATA", data)
            : undefined;
    if (failed) {
      // A relay that took DATA although the envelope failed gets an empty message, then a reset.
      try {
        if (data?.code === 354) {
          this.write(END_OF_DATA);
          await this.read();
        }
        if ((await this.command("RSET")).code !== 250) this.broken = true;
      } catch {
        this.broken = true;
      }
      throw failed;
    }
    const body = dotStuff(raw);
    const endsWithLine = body.length >= 2 && body[body.length - 2] === 0x0d && body[body.length - 1] === 0x0a;
    this.socket.cork();
    this.write(body);
    if (!endsWithLine) this.write(CRLF);
    this.write(END_OF_DATA);
    this.socket.uncork();
    const accepted = await this.read();
    if (accepted.code !== 250) throw refused("Message", accepted);
  }

  /** A polite QUIT on a healthy connection; a broken one is just dropped. */
  close(): void {
    if (this.broken || this.failure || this.socket.destroyed) this.socket.destroy();
    else this.socket.end("QUIT\r\n");
    this.broken = true;
  }

  private async command(line: string): Promise<Reply> {
    this.write(`${line}\r\n`);
    return this.read();
  }

  private write(data: string | Buffer): void {
    if (this.failure) throw dropped(this.failure.message);
    this.socket.write(data);
  }

  private read(): Promise<Reply> {
    const reply = this.replies.shift();
    if (reply) return Promise.resolve(reply);
    if (this.failure) return Promise.reject(dropped(this.failure.message));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private received(chunk: Buffer): void {
    const text = this.pending + chunk.toString("latin1");
    const parts = text.split("\r\n");
    this.pending = parts.pop() ?? "";
    for (const line of parts) {
      this.lines.push(line.slice(4));
      // "250-…" continues a reply, "250 …" (or a bare "250") ends it.
      if (line[3] === "-") continue;
      const reply = { code: Number(line.slice(0, 3)) || 0, text: this.lines.join("\n") };
      this.lines = [];
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(reply);
      else this.replies.push(reply);
    }
  }

  private fail(error: Error): void {
    this.broken = true;
    this.failure ??= error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(dropped(error.message));
  }
}

export class SmtpPipelinePool {
  private readonly idle: Connection[] = [];
  private readonly queue: ((connection: Connection | Error) => void)[] = [];
  private opened = 0;
  private closed = false;

  constructor(private readonly options: SmtpPipelineOptions) {}

  /** Sends one ready-made message on a pooled connection. */
  async send(message: { from: string; to: string; raw: Buffer }): Promise<void> {
    const connection = await this.acquire();
    try {
      await connection.send(message.from, message.to, message.raw);
    } finally {
      this.release(connection);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.close();
  }

  private async acquire(): Promise<Connection> {
    if (this.closed) throw dropped("the mailer is closed");
    // An idle connection the relay closed (or that timed out) meanwhile is replaced, not used.
    for (let idle = this.idle.pop(); idle; idle = this.idle.pop()) {
      if (!idle.broken) return idle;
      idle.close();
      this.opened--;
    }
    if (this.opened < this.options.connections) return this.connect();
    const next = await new Promise<Connection | Error>((resolve) => this.queue.push(resolve));
    if (next instanceof Error) throw next;
    return next;
  }

  private async connect(): Promise<Connection> {
    this.opened++;
    try {
      return await Connection.open(this.options);
    } catch (error) {
      this.opened--;
      throw error;
    }
  }

  private release(connection: Connection): void {
    const spent = connection.broken || connection.sent >= (this.options.maxMessages ?? 1000);
    if (!spent && !this.closed) {
      const waiter = this.queue.shift();
      if (waiter) waiter(connection);
      else this.idle.push(connection);
      return;
    }
    connection.close();
    this.opened--;
    const waiter = this.queue.shift();
    if (waiter) this.connect().then(waiter, (error: Error) => waiter(error));
  }
}
