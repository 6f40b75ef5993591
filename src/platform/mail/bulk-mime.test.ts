import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SmtpSink } from "../../../test/smtp-sink.js";
import { BulkMime, BulkPart } from "./bulk-mime.js";
import { SmtpMailer } from "./smtp-mailer.js";

const FROM = { name: "Ранковий брифінг — «Газета»", address: "briefing@news.example" };
const SUBJECT = "Що сталося за ніч: обстріли, ремонт мереж і новий міст через Дніпро 🇺🇦 — довгий заголовок";

describe("bulk MIME copies of one newsletter issue", () => {
  let sink: SmtpSink;
  let mailer: SmtpMailer;
  beforeEach(async () => {
    sink = await SmtpSink.start();
    mailer = new SmtpMailer({
      url: sink.url,
      poolSize: 2,
      defaultFrom: { name: "Gazette", address: "no-reply@x.test" },
    });
  });
  afterEach(async () => {
    await mailer.close();
    await sink.close();
  });

  it("reach the relay and read back as the message composed: Cyrillic subject and sender, both bodies, list headers", async () => {
    const mime = new BulkMime({
      from: FROM,
      subject: SUBJECT,
      headers: { "List-Id": "Morning <uk-daily.news.example>" },
    });
    const html = `<p>Доброго ранку.</p><p>${"Довгий абзац тексту. ".repeat(200)}</p><p>.Крапка на початку рядка</p>`;
    await mailer.sendRaw(
      mime.build({
        to: "reader@example.org",
        text: "Доброго ранку.\n.Крапка на початку рядка\n",
        html,
        listUnsubscribe: { url: "https://news.example/newsletters/unsubscribe?t=abc", oneClick: true },
      }),
    );
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]).toMatchObject({ from: "briefing@news.example", to: ["reader@example.org"] });
    const parsed = await simpleParser(sink.messages[0]?.raw ?? Buffer.alloc(0));
    expect(parsed.subject).toBe(SUBJECT);
    expect(parsed.from?.value).toEqual([{ name: FROM.name, address: FROM.address }]);
    expect(parsed.text).toBe("Доброго ранку.\n.Крапка на початку рядка\n");
    expect(parsed.html).toBe(html);
    expect(parsed.messageId).toMatch(/^<[0-9a-f]{24}@news\.example>$/);
    const head = (sink.messages[0]?.raw.toString("utf8") ?? "").split("\r\n\r\n")[0] ?? "";
    expect(head).toContain("\r\nList-Id: Morning <uk-daily.news.example>\r\n");
    expect(head).toContain("\r\nList-Unsubscribe: <https://news.example/newsletters/unsubscribe?t=abc>\r\n");
    expect(head).toContain("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
    // Every header line stays within the 998 octets SMTP allows, the encoded words within 75.
    for (const line of head.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
    for (const word of head.match(/=\?UTF-8\?B\?[^?]*\?=/g) ?? []) expect(word.length).toBeLessThanOrEqual(75);
  });

  it("gives each copy its own recipient and Message-ID and a text-only copy no multipart", () => {
    const mime = new BulkMime({ from: { name: "Digest", address: "d@news.example" }, subject: "Hello" });
    const a = mime.build({ to: "a@example.org", text: "A" }).raw.toString();
    const b = mime.build({ to: "b@example.org", text: "B" }).raw.toString();
    expect(a).toContain("To: a@example.org\r\n");
    expect(b).toContain("To: b@example.org\r\n");
    expect(a.match(/Message-ID: (.*)/)?.[1]).not.toBe(b.match(/Message-ID: (.*)/)?.[1]);
    expect(a).not.toContain("multipart");
    expect(a).toContain('From: "Digest" <d@news.example>\r\n');
  });

  it("builds from parts encoded once up to the personal links the same bytes as from each copy's whole text", () => {
    const mime = new BulkMime({ from: { name: "Digest", address: "d@news.example" }, subject: "Hello" });
    const html = `<p>${"Новини дня — ".repeat(37)}</p><a href="%LINK%">Відписатися</a><p>кінець</p>`;
    const text = `Новини.\n${"Рядок тексту. ".repeat(11)}\nВідписатися: %LINK%\n`;
    const link = "https://news.example/newsletters/unsubscribe?t=r1";
    // Where the shared bytes end relative to base64 lines varies with the cut: before, on and after one.
    for (const cut of [0, 1, 18, 19, 20, 56, 57, 58, html.indexOf("%LINK%")]) {
      const htmlPart = new BulkPart("text/html", html, cut);
      const textPart = new BulkPart("text/plain", text, Math.min(cut, text.indexOf("%LINK%")));
      const fill = (body: string) => body.replaceAll("%LINK%", link);
      const whole = mime.build({ to: "a@example.org", text: fill(text), html: fill(html) }).raw.toString();
      const parts = mime
        .build({
          to: "a@example.org",
          text: { part: textPart, tail: fill(text.slice(textPart.varyFrom)) },
          html: { part: htmlPart, tail: fill(html.slice(htmlPart.varyFrom)) },
        })
        .raw.toString();
      const stable = (raw: string) => raw.replace(/^Date: .*$/m, "").replaceAll(/[0-9a-f]{24}/g, "ID");
      expect(stable(parts)).toBe(stable(whole));
    }
  });

  it("leaves addresses it cannot write itself to the general composer", () => {
    expect(BulkMime.canAddress("reader@example.org")).toBe(true);
    expect(BulkMime.canAddress("читач@приклад.укр")).toBe(false);
    expect(() => new BulkMime({ from: { name: "x", address: "бриф@news.example" }, subject: "Hi" })).toThrow(
      /cannot send from/,
    );
    const mime = new BulkMime({ from: { name: "Digest", address: "d@news.example" }, subject: "Hello" });
    expect(() => mime.build({ to: "bad\r\nBcc: x@y.z", text: "A" })).toThrow(/cannot address/);
  });
});
