import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export interface SinkMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

/**
 * A real SMTP server on loopback that keeps what it accepts. Tests can make it refuse a recipient
 * (`refuse`) or hold a message's acknowledgement (`gate`): a held message is delivered only when
 * the gate lets it through, as a relay takes responsibility only with its 250 answer.
 */
export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  /** Per recipient, the SMTP codes to answer its next RCPT TO with (then accepted). */
  readonly refuse = new Map<string, number[]>();
  /** Called with each message before it is acknowledged; "drop" loses it as a dying connection would. */
  gate: ((message: SinkMessage) => Promise<"accept" | "drop">) | null = null;
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<SmtpSink> {
    let sink: SmtpSink | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      // The fan-out sends on several connections at once.
      maxClients: 200,
      onRcptTo(address, _session, callback) {
        const codes = sink?.refuse.get(address.address);
        const code = codes?.shift();
        if (code !== undefined) {
          const error = new Error(code >= 500 ? "No such user here" : "Try again later") as Error & {
            responseCode: number;
          };
          error.responseCode = code;
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const message: SinkMessage = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          };
          const decide = sink?.gate ? sink.gate(message) : Promise.resolve("accept" as const);
          void decide.then((verdict) => {
            if (verdict === "drop") return;
            sink?.messages.push(message);
            callback();
          });
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    sink = new SmtpSink(server, (server.server.address() as AddressInfo).port);
    return sink;
  }

  parsed(): Promise<ParsedMail[]> {
    return Promise.all(this.messages.map((m) => simpleParser(m.raw)));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
