import { randomUUID } from "node:crypto";
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

  /**
   * One reader's copy: multipart/alternative (text, then HTML when given), base64 parts. A part is
   * the copy's whole text, or a BulkPart of the issue with this copy's text from where copies differ.
   */
  build(copy: {
    to: string;
    text: string | PartCopy;
    html?: string | PartCopy;
    listUnsubscribe?: MailMessage["listUnsubscribe"];
  }): RawMessage {
    if (!PLAIN_ADDRESS.test(copy.to))
      throw new Error(`BulkMime cannot address "${copy.to}"; check canAddress() first.`);
    // randomUUID draws from a buffer of random bytes it refills in bulk: cheaper than randomBytes per copy.
    const id = randomUUID().replaceAll("-", "").slice(0, 24);
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
    const chunks: (string | Buffer)[] = [];
    if (copy.html === undefined) {
      chunks.push(`${lines.join(CRLF)}${CRLF}`, ...partChunks("text/plain", copy.text), CRLF);
    } else {
      const boundary = `--_gazette_${id}`;
      lines.push(`Content-Type: multipart/alternative; boundary="${boundary}"`, "", `--${boundary}`, "");
      chunks.push(
        lines.join(CRLF),
        ...partChunks("text/plain", copy.text),
        `${CRLF}--${boundary}${CRLF}`,
        ...partChunks("text/html", copy.html),
        `${CRLF}--${boundary}--${CRLF}`,
      );
    }
    const raw = Buffer.concat(chunks.map((chunk) => (typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk)));
    return { from: this.envelopeFrom, to: copy.to, raw };
  }
}

/** One copy's part: the BulkPart, and this copy's content from `part.varyFrom` on. */
export interface PartCopy {
  part: BulkPart;
  tail: string;
}

/** Bytes in one base64 line of 76 characters. */
const LINE_BYTES = 57;

/**
 * A body part shared by every copy of an issue up to the first place a copy differs (its
 * personal links, in the footer). The shared bytes are base64-encoded once, in whole lines; a
 * copy encodes only the rest. A 24 kB HTML part encoded, copied to UTF-8 and split into lines for
 * each reader was a quarter of the fan-out's time.
 */
export class BulkPart {
  private readonly encoded: Buffer;
  private readonly hasLines: boolean;
  /** The shared bytes after the last whole line, encoded again with each copy's tail. */
  private readonly carry: Buffer;

  /** `varyFrom`: the index in `content` where copies start to differ. */
  constructor(
    readonly type: string,
    content: string,
    readonly varyFrom: number,
  ) {
    const shared = Buffer.from(content.slice(0, varyFrom), "utf8");
    const whole = shared.length - (shared.length % LINE_BYTES);
    const lines = base64Lines(shared.subarray(0, whole));
    this.hasLines = lines.length > 0;
    this.encoded = Buffer.from(partHeaders(type) + lines.join(CRLF), "latin1");
    this.carry = shared.subarray(whole);
  }

  /** A copy's part: the shared lines, then the carry and this copy's tail encoded. */
  chunks(tail: string): Buffer[] {
    const lines = base64Lines(Buffer.concat([this.carry, Buffer.from(tail, "utf8")]));
    if (lines.length === 0) return [this.encoded];
    return [this.encoded, Buffer.from((this.hasLines ? CRLF : "") + lines.join(CRLF), "latin1")];
  }
}

function partChunks(type: string, content: string | PartCopy): (string | Buffer)[] {
  if (typeof content !== "string") return content.part.chunks(content.tail);
  return [part(type, content)];
}

function partHeaders(type: string): string {
  return `Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`;
}

function base64Lines(bytes: Buffer): string[] {
  const encoded = bytes.toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines;
}

/** A body part's headers, a blank line and its UTF-8 content in base64 lines of 76. */
function part(type: string, content: string): string {
  return partHeaders(type) + base64Lines(Buffer.from(content, "utf8")).join(CRLF);
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
