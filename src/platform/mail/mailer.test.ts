import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../test/harness.js";
import { countSentMail, DevOutboxMailer } from "./mailer.js";

describe.each(DIALECTS)("dev outbox mailer on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => database.cleanup());

  it("keeps each message instead of sending it, newest first", async () => {
    const mailer = new DevOutboxMailer(database.db, () => new Date("2026-05-04T09:00:00.000Z"));
    await mailer.send({ to: "a@news.example", subject: "First", text: "One" });
    await mailer.send({ to: "b@news.example", subject: "Second", text: "Two", html: "<p>Two</p>" });
    expect(await mailer.list()).toEqual([
      {
        id: expect.any(Number),
        to: "b@news.example",
        subject: "Second",
        text: "Two",
        html: "<p>Two</p>",
        createdAt: "2026-05-04T09:00:00.000Z",
      },
      {
        id: expect.any(Number),
        to: "a@news.example",
        subject: "First",
        text: "One",
        createdAt: "2026-05-04T09:00:00.000Z",
      },
    ]);
  });

  it("keeps a newsletter's sender and one-click unsubscribe headers with the message", async () => {
    const mailer = new DevOutboxMailer(database.db, () => new Date("2026-05-04T09:00:00.000Z"));
    await mailer.send({
      to: "reader@news.example",
      subject: "Digest",
      text: "Hello",
      from: { name: 'The "Morning" Briefing', address: "briefing@news.example" },
      listUnsubscribe: { url: "https://news.example/newsletters/unsubscribe?token=t", oneClick: true },
      headers: { "List-Id": "Briefing <en-daily.news.example>" },
    });
    const [message] = await mailer.list();
    expect(message?.headers).toEqual({
      "List-Id": "Briefing <en-daily.news.example>",
      From: '"The Morning Briefing" <briefing@news.example>',
      "List-Unsubscribe": "<https://news.example/newsletters/unsubscribe?token=t>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});

describe("countSentMail", () => {
  it("counts a message once it is accepted, and not when sending fails", async () => {
    let sent = 0;
    let fail = false;
    const inner = {
      concurrency: 4,
      async send() {
        if (fail) throw new Error("relay refused");
      },
    };
    const counted = countSentMail(inner, () => sent++);
    await counted.send({ to: "a@news.example", subject: "S", text: "T" });
    fail = true;
    await expect(counted.send({ to: "b@news.example", subject: "S", text: "T" })).rejects.toThrow("relay refused");
    expect(sent).toBe(1);
    expect(counted.concurrency).toBe(4);
  });
});
