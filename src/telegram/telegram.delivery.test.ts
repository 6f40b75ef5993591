import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createArticle, paragraphs } from "../../test/factories.js";
import { FAKE_BOT_TOKEN, FAKE_CHAT_ID, FakeTelegram } from "../../test/fake-telegram.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { BURST, INTERVAL_MS } from "./channel-rate.js";
import { TelegramRepository } from "./telegram.repository.js";

const EDITOR = { staffId: null, tokenId: null, name: "Desk" };

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 1800, height: 1000, channels: 3, background: "#556677" } })
    .jpeg()
    .toBuffer();
}

describe.each(DIALECTS)("Telegram delivery on %s", (dialect) => {
  let t: TestApp;
  let fake: FakeTelegram;
  let clock: Date;
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  beforeEach(async () => {
    fake = await FakeTelegram.start();
    clock = new Date("2026-03-21T17:30:00.000Z");
    t = await startTestApp(dialect, {
      env: { TELEGRAM_API_BASE: fake.url },
      now: () => clock,
      editions: ["en"],
    });
    await t.services.telegram.saveChannel("en", { botToken: FAKE_BOT_TOKEN, chatId: FAKE_CHAT_ID, enabled: true });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await t.close();
    await fake.close();
  });

  async function publishWithPhoto(input: { title: string; dek?: string | null }) {
    const media = await t.services.media.importImage(await photo(), { alt: "A street in Kharkiv" });
    const article = await createArticle(t.services.articles, { edition: "en", ...input, leadMediaId: media.id });
    await t.services.events.drain();
    return article;
  }

  it("posts a published story once: one sendPhoto with the 1200 px photo as a file and the caption", async () => {
    const article = await publishWithPhoto({ title: "Shelling <of> Kharkiv & suburbs", dek: "Three districts hit." });
    expect(fake.posts()).toHaveLength(1);
    const [call] = fake.callsTo("sendPhoto");
    expect(call?.params).toEqual({
      chat_id: FAKE_CHAT_ID,
      parse_mode: "HTML",
      caption: `<b>Shelling &lt;of&gt; Kharkiv &amp; suburbs</b>\n\nThree districts hit.\n\nhttps://news.example/en/news/${article.slug}`,
    });
    expect(call?.file?.field).toBe("photo");
    expect(call?.file?.contentType).toBe("image/jpeg");
    const meta = await sharp(call?.file?.data).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.width).toBe(1200);
    const delivery = await t.services.telegram.articleDelivery(article.id);
    expect(delivery.posts).toMatchObject([{ edition: "en", status: "sent", messageId: 100 }]);
    expect(delivery.log.map((entry) => entry.action)).toEqual(["posted"]);
  });

  it("posts a story without a lead image as a text message", async () => {
    const article = await createArticle(t.services.articles, { edition: "en", title: "Talks resume", dek: null });
    await t.services.events.drain();
    expect(fake.callsTo("sendPhoto")).toHaveLength(0);
    expect(fake.callsTo("sendMessage").map((call) => call.params.text)).toEqual([
      `<b>Talks resume</b>\n\nhttps://news.example/en/news/${article.slug}`,
    ]);
  });

  it("edits the same message when the headline changes, and leaves it alone when the caption does not", async () => {
    const article = await publishWithPhoto({ title: "First headline", dek: "Dek." });
    await t.services.articles.update(article.id, { title: "Second headline" });
    await t.services.events.drain();
    const edits = fake.callsTo("editMessageCaption");
    expect(edits).toHaveLength(1);
    expect(edits[0]?.params).toMatchObject({ chat_id: FAKE_CHAT_ID, message_id: 100, parse_mode: "HTML" });
    expect(String(edits[0]?.params.caption)).toContain("<b>Second headline</b>");
    await t.services.articles.update(article.id, { body: paragraphs("A new first paragraph.") });
    await t.services.events.drain();
    expect(fake.callsTo("editMessageCaption")).toHaveLength(1);
    expect(fake.posts()).toHaveLength(1);
  });

  it("edits the message when a correction is appended", async () => {
    const article = await publishWithPhoto({ title: "Bridge closed", dek: null });
    await t.services.live.addNote(article.id, "correction", "We misnamed the bridge.", EDITOR);
    await t.services.events.drain();
    const [edit] = fake.callsTo("editMessageCaption");
    expect(edit?.params.message_id).toBe(100);
    expect(String(edit?.params.caption)).toContain("Correction appended");
    expect(fake.posts()).toHaveLength(1);
  });

  it("posts once when the job runs again after the worker died after the send", async () => {
    // The worker dies right after Telegram answered and the message id was stored: the log write fails.
    vi.spyOn(TelegramRepository.prototype, "log").mockRejectedValueOnce(new Error("worker killed"));
    const article = await publishWithPhoto({ title: "Killed after the send" });
    expect(fake.posts()).toHaveLength(1);
    advance(60_000);
    await t.services.events.drain();
    await t.services.telegram.sync(article.id, "en", "published");
    expect(fake.posts()).toHaveLength(1);
    const failed = await t.database.db.selectFrom("jobs").select("status").where("status", "!=", "done").execute();
    expect(failed).toEqual([]);
  });

  it("posts once when the worker died before the send and the job runs again", async () => {
    const article = await createArticle(
      t.services.articles,
      { edition: "en", title: "Killed before" },
      {
        publish: false,
      },
    );
    // A worker claimed the post, then died before calling Telegram: its lease is left behind.
    const now = clock.toISOString();
    const leaseUntil = new Date(clock.getTime() + 60_000).toISOString();
    const claimed = await new TelegramRepository(t.database.db).claimPost(
      { articleId: article.id, edition: "en", chatId: FAKE_CHAT_ID },
      now,
      leaseUntil,
    );
    expect(claimed).toBe(true);
    await t.services.articles.publish(article.id);
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(0);
    advance(120_000);
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(1);
    await t.services.telegram.sync(article.id, "en", "retry");
    expect(fake.posts()).toHaveLength(1);
  });

  it("posts once when Telegram failed the first attempt", async () => {
    fake.failNext("sendMessage", { status: 502, description: "Bad Gateway" });
    await createArticle(t.services.articles, { edition: "en", title: "Retried" });
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(1);
    advance(10_000);
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(2);
    expect(fake.messages.size).toBe(1);
  });

  it("waits for Telegram's retry_after after a 429, then posts once", async () => {
    fake.failNext("sendMessage", { status: 429, description: "Too Many Requests: retry after 30", retryAfter: 30 });
    const article = await createArticle(t.services.articles, { edition: "en", title: "Flood control" });
    await t.services.events.drain();
    expect(fake.messages.size).toBe(0);
    advance(29_000);
    await t.services.events.drain();
    expect(fake.callsTo("sendMessage")).toHaveLength(1);
    advance(1_000);
    await t.services.events.drain();
    expect(fake.callsTo("sendMessage")).toHaveLength(2);
    expect(fake.messages.size).toBe(1);
    const log = (await t.services.telegram.articleDelivery(article.id)).log.map((entry) => entry.action);
    expect(log).toEqual(["posted", "delayed"]);
  });

  it("holds messages beyond the channel's allowance back and sends them later", async () => {
    for (let n = 0; n <= BURST; n++) {
      await createArticle(t.services.articles, { edition: "en", title: `Story ${n}` });
    }
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(BURST);
    advance(INTERVAL_MS - 1);
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(BURST);
    advance(1);
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(BURST + 1);
  });

  it("keeps a story set to skip off the channel, and says so in its log", async () => {
    const article = await createArticle(t.services.articles, { edition: "en", title: "Embargoed" }, { publish: false });
    await t.services.telegram.setSkip(article.id, true);
    await t.services.articles.publish(article.id);
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(0);
    const delivery = await t.services.telegram.articleDelivery(article.id);
    expect(delivery.skip).toBe(true);
    expect(delivery.log.map((entry) => entry.action)).toEqual(["skipped"]);
  });

  it("posts nothing for an edition whose channel is switched off", async () => {
    await t.services.telegram.saveChannel("en", { chatId: FAKE_CHAT_ID, enabled: false });
    await createArticle(t.services.articles, { edition: "en", title: "Quiet" });
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(0);
  });

  it("posts a raised breaking banner once per text when the channel takes them", async () => {
    const expiresAt = new Date(clock.getTime() + 3_600_000).toISOString();
    await t.services.banners.raise("en", { text: "Air raid alert in Kyiv", url: "/en/news/air-raid", expiresAt });
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(0);
    await t.services.telegram.saveChannel("en", { chatId: FAKE_CHAT_ID, enabled: true, postBreaking: true });
    await t.services.banners.raise("en", { text: "Air raid alert in Kyiv", url: "/en/news/air-raid", expiresAt });
    await t.services.events.drain();
    expect(fake.callsTo("sendMessage").map((call) => call.params.text)).toEqual([
      "<b>Breaking: Air raid alert in Kyiv</b>\n\nhttps://news.example/en/news/air-raid",
    ]);
    await t.services.banners.raise("en", { text: "Air raid alert in Kyiv", url: null, expiresAt });
    await t.services.telegram.postBreaking({ edition: "en", text: "Air raid alert in Kyiv", url: null });
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(1);
    await t.services.banners.raise("en", { text: "All clear", url: null, expiresAt });
    await t.services.events.drain();
    expect(fake.posts().map((call) => call.params.text)).toEqual([
      expect.stringContaining("Air raid"),
      "<b>Breaking: All clear</b>",
    ]);
  });

  it("posts each new live entry once, as a reply to its story's post, when the channel takes them", async () => {
    const blog = await createArticle(t.services.articles, { edition: "en", title: "War live: day 1", kind: "live" });
    await t.services.events.drain();
    await t.services.live.addEntry(blog.id, { headline: "Quiet night", body: paragraphs("No strikes.") }, EDITOR);
    await t.services.events.drain();
    expect(fake.posts()).toHaveLength(1);
    await t.services.telegram.saveChannel("en", { chatId: FAKE_CHAT_ID, enabled: true, postLive: true });
    const entry = await t.services.live.addEntry(
      blog.id,
      { headline: "Sirens <again>", body: paragraphs("Air defence is working.") },
      EDITOR,
    );
    await t.services.events.drain();
    await t.services.telegram.postLiveEntry(blog.id, "en", entry.id);
    const replies = fake.callsTo("sendMessage").slice(1);
    expect(replies.map((call) => call.params)).toEqual([
      {
        chat_id: FAKE_CHAT_ID,
        parse_mode: "HTML",
        text: "<b>Sirens &lt;again&gt;</b>\n\nAir defence is working.",
        reply_parameters: { message_id: 100, allow_sending_without_reply: true },
      },
    ]);
  });
});
