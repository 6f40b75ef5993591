import { randomBytes } from "node:crypto";
import type { MailMessage } from "./mailer.js";

/** A message already in MIME form, with the envelope the relay is given. */
export interface RawMessage {
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The one recipient (RCPT TO). */
  to: string;
  raw: Buffer;
}

const CRLF = "\r\n";
/** Addresses we write into headers ourselves; anything else (IDN, SMTPUTF8) goes the long way. */
const PLAIN_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The MIME of one bulk message (a newsletter issue) that only differs per reader in its recipient,
 * its links and its Message-ID. What is common (sender, subject, list headers) is encoded once;
 * each copy then costs two native base64 encodings and a string join, where a general composer
 * would parse, fold and encode every header of every copy again. Profiling the fan-out showed
 * message composition as its largest cost.
 */
export class BulkMime {
  private readonly head: string;
  private readonly envelopeFrom: string;
  private readonly domain: string;

  /** `common`: the parts every copy shares; its `to`, bodies and unsubscribe link are per copy. */
  constructor(common: Pick<MailMessage, "from" | "subject" | "headers"> & { from: { name: string; address: string } }) {
    if (!PLAIN_ADDRESS.test(common.from.address)) {
      throw new Error(`BulkMime cannot send from "${common.from.address}"; check canAddress() first.`);
    }
    this.envelopeFrom = common.from.address;
    this.domain = common.from.address.split("@")[1] ?? "localhost";
    const lines = [
      `From: ${encodePhrase(common.from.name)} <${common.from.address}>`,
      `Subject: ${encodeText(common.subject)}`,
      ...Object.entries(common.headers ?? {}).map(([name, value]) => `${name}: ${encodeText(value)}`),
      "MIME-Version: 1.0",
    ];
    this.head = lines.join(CRLF);
  }

  /** Whether this address can be written as is; otherwise the mailer's own composer must (IDN, SMTPUTF8). */
  static canAddress(address: string): boolean {
    return PLAIN_ADDRESS.test(address);
  }

  /** One reader's copy: multipart/alternative (text, then HTML when given), base64 parts. */
  build(copy: {
    to: string;
    text: string;
    html?: string;
    listUnsubscribe?: MailMessage["listUnsubscribe"];
  }): RawMessage {
    if (!PLAIN_ADDRESS.test(copy.to))
      throw new Error(`BulkMime cannot address "${copy.to}"; check canAddress() first.`);
    const id = randomBytes(12).toString("hex");
    const lines = [
      this.head,
      `To: ${copy.to}`,
      `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
      `Message-ID: <${id}@${this.domain}>`,
    ];
    if (copy.listUnsubscribe) {
      lines.push(`List-Unsubscribe: <${copy.listUnsubscribe.url}>`);
      if (copy.listUnsubscribe.oneClick) lines.push("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    }
    const text = part("text/plain", copy.text);
    if (copy.html === undefined) {
      lines.push(text, "");
    } else {
      const boundary = `--_gazette_${id}`;
      lines.push(
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
        "",
        `--${boundary}`,
        text,
        `--${boundary}`,
        part("text/html", copy.html),
        `--${boundary}--`,
        "",
      );
    }
    return { from: this.envelopeFrom, to: copy.to, raw: Buffer.from(lines.join(CRLF), "utf8") };
  }
}

/** A body part's headers, a blank line and its UTF-8 content in base64 lines of 76. */
function part(type: string, content: string): string {
  const encoded = Buffer.from(content, "utf8").toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return [`Content-Type: ${type}; charset=utf-8`, "Content-Transfer-Encoding: base64", "", ...lines].join(CRLF);
}

/** A display name: quoted when plain ASCII, else RFC 2047 encoded words. */
function encodePhrase(name: string): string {
  const clean = name.replace(/[\r\n]/g, " ");
  if (PRINTABLE_ASCII.test(clean)) return `"${clean.replace(/["\\]/g, "")}"`;
  return encodedWords(clean);
}

/** An unstructured header value: as is when plain ASCII and short, else RFC 2047 encoded words. */
function encodeText(value: string): string {
  const clean = value.replace(/[\r\n]+/g, " ");
  if (PRINTABLE_ASCII.test(clean) && clean.length <= 900) return clean;
  return encodedWords(clean);
}

/**
 * RFC 2047 `=?UTF-8?B?…?=` words, each at most 75 characters, split between characters (never
 * inside one), folded onto continuation lines.
 */
function encodedWords(value: string): string {
  // 75 - "=?UTF-8?B?".length - "?=".length = 63 base64 characters, which hold 45 bytes.
  const MAX_BYTES = 45;
  const words: string[] = [];
  let chunk = "";
  let bytes = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > MAX_BYTES && chunk) {
      words.push(chunk);
      chunk = "";
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, "utf8").toString("base64")}?=`).join(`${CRLF} `);
}
