import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SmtpSink } from "../../../test/smtp-sink.js";
import { MailDeliveryError } from "./mailer.js";
import { dotStuff, SmtpPipelinePool } from "./smtp-pipeline.js";

const message = (to: string, body: string) => ({
  from: "briefing@news.example",
  to,
  raw: Buffer.from(`From: briefing@news.example\r\nTo: ${to}\r\nSubject: Test\r\n\r\n${body}\r\n`),
});

describe("the pipelined SMTP pool for ready-made copies", () => {
  let sink: SmtpSink;
  let pool: SmtpPipelinePool;
  beforeEach(async () => {
    sink = await SmtpSink.start();
    pool = new SmtpPipelinePool({ url: sink.url, connections: 2, maxMessages: 5 });
  });
  afterEach(async () => {
    await pool.close();
    await sink.close();
  });

  it("delivers every copy with its envelope, over connections replaced after maxMessages", async () => {
    const readers = Array.from({ length: 23 }, (_, i) => `reader${i}@example.org`);
    await Promise.all(readers.map((to) => pool.send(message(to, `Hello ${to}.`))));
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual([...readers].sort());
    for (const received of sink.messages) {
      expect(received.from).toBe("briefing@news.example");
      expect(received.raw.toString()).toContain(`Hello ${received.to[0]}.`);
    }
  });

  it("gets a line that starts with a dot to the relay unchanged", async () => {
    await pool.send(message("dots@example.org", ".leading dot\r\n..two dots\r\n."));
    expect(sink.messages[0]?.raw.toString()).toContain("\r\n.leading dot\r\n..two dots\r\n.\r\n");
  });

  it("reports a 5xx refusal as permanent and a 4xx as temporary, and goes on sending", async () => {
    sink.refuse.set("gone@example.org", [550]);
    sink.refuse.set("busy@example.org", [451]);
    const gone = await pool.send(message("gone@example.org", "x")).catch((error: unknown) => error);
    const busy = await pool.send(message("busy@example.org", "x")).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(MailDeliveryError);
    expect(gone).toMatchObject({ permanent: true, responseCode: 550 });
    expect(busy).toMatchObject({ permanent: false, responseCode: 451 });
    await pool.send(message("fine@example.org", "x"));
    expect(sink.messages.map((m) => m.to[0])).toEqual(["fine@example.org"]);
  });

  it("replaces an idle connection the relay has closed instead of failing the next copy", async () => {
    const brief = new SmtpPipelinePool({ url: sink.url, connections: 1, timeoutMs: 200 });
    await brief.send(message("first@example.org", "x"));
    // Idle past the timeout: the connection is dropped while it waits in the pool.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await brief.send(message("second@example.org", "x"));
    await brief.close();
    expect(sink.messages.map((m) => m.to[0])).toEqual(["first@example.org", "second@example.org"]);
  });

  it("reports a relay that stops answering as a temporary failure", async () => {
    const silent = new SmtpPipelinePool({ url: sink.url, connections: 1, timeoutMs: 300 });
    sink.gate = () => new Promise(() => {});
    const error = await silent.send(message("late@example.org", "x")).catch((e: unknown) => e);
    await silent.close();
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ permanent: false });
  });
});

describe("dotStuff", () => {
  it("doubles a dot that starts a line and leaves a message without one as it is", () => {
    const plain = Buffer.from("Subject: x\r\n\r\nno dots here.\r\n");
    expect(dotStuff(plain)).toBe(plain);
    expect(dotStuff(Buffer.from(".a\r\n.b\r\nc.d\r\n")).toString()).toBe("..a\r\n..b\r\nc.d\r\n");
  });
});
