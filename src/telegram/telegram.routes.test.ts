import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { FAKE_BOT_TOKEN, FAKE_CHAT_ID, FakeTelegram } from "../../test/fake-telegram.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { Role } from "../staff/actor.js";

const CHANNEL_URL = "/admin/api/channels/telegram/en";

describe.each(DIALECTS)("Telegram admin API on %s", (dialect) => {
  let t: TestApp;
  let fake: FakeTelegram;
  const putChannel = async (payload: Record<string, unknown>, role: Role = "editor") =>
    t.app.inject({ method: "PUT", url: CHANNEL_URL, headers: await t.bearer(role), payload });

  beforeEach(async () => {
    fake = await FakeTelegram.start();
    t = await startTestApp(dialect, {
      env: { TELEGRAM_API_BASE: fake.url },
      editions: ["en"],
    });
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  it("saves a channel after getMe and getChat succeed, and never shows the token again", async () => {
    const response = await putChannel({ botToken: FAKE_BOT_TOKEN, chatId: FAKE_CHAT_ID, enabled: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      edition: "en",
      chatId: FAKE_CHAT_ID,
      chatTitle: "Gazette Test",
      botUsername: "gazette_test_bot",
      enabled: true,
      postBreaking: false,
      postLive: false,
      botToken: "123456789:…6789",
    });
    expect(fake.calls.map((call) => call.method)).toEqual(["getMe", "getChat"]);
    const read = await t.app.inject({ url: CHANNEL_URL, headers: await t.bearer("admin") });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(FAKE_BOT_TOKEN.split(":")[1]);
    const stored = await t.database.db.selectFrom("telegram_channels").select("bot_token").executeTakeFirstOrThrow();
    expect(stored.bot_token).not.toContain(FAKE_BOT_TOKEN.split(":")[1]);
  });

  it("keeps the stored token when a later save leaves it out", async () => {
    await putChannel({ botToken: FAKE_BOT_TOKEN, chatId: FAKE_CHAT_ID, enabled: true });
    const response = await putChannel({ chatId: FAKE_CHAT_ID, enabled: true });
    expect(response.statusCode).toBe(200);
    expect(fake.callsTo("getMe").map((call) => call.token)).toEqual([FAKE_BOT_TOKEN, FAKE_BOT_TOKEN]);
  });

  it("refuses a token Telegram does not know with telegram_bad_token", async () => {
    const response = await putChannel({
      botToken: "987654321:AAWrongTokenWrongToken",
      chatId: FAKE_CHAT_ID,
      enabled: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("telegram_bad_token");
    const garbled = await putChannel({ botToken: "not a token", chatId: FAKE_CHAT_ID, enabled: true });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().code).toBe("telegram_bad_token");
    expect(await t.database.db.selectFrom("telegram_channels").selectAll().execute()).toEqual([]);
  });

  it("refuses a channel the bot cannot see with telegram_bad_chat", async () => {
    const response = await putChannel({ botToken: FAKE_BOT_TOKEN, chatId: "@someone_else", enabled: true });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("telegram_bad_chat");
  });

  it("answers telegram_unreachable when Telegram cannot be asked", async () => {
    await fake.close();
    const response = await putChannel({ botToken: FAKE_BOT_TOKEN, chatId: FAKE_CHAT_ID, enabled: true });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("telegram_unreachable");
    expect(response.body).not.toContain(FAKE_BOT_TOKEN.split(":")[1]);
    fake = await FakeTelegram.start();
  });

  it("checks nothing when the channel is saved switched off", async () => {
    const response = await putChannel({ botToken: FAKE_BOT_TOKEN, chatId: "@not_checked", enabled: false });
    expect(response.statusCode).toBe(200);
    expect(response.json().enabled).toBe(false);
    expect(fake.calls).toEqual([]);
  });

  it("answers 404 for an unknown edition and a channel never set, 400 for a malformed body", async () => {
    const headers = await t.bearer("editor");
    expect((await t.app.inject({ url: "/admin/api/channels/telegram/xx", headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: CHANNEL_URL, headers })).json().code).toBe("not_found");
    const missing = await putChannel({ botToken: FAKE_BOT_TOKEN, enabled: true });
    expect(missing.statusCode).toBe(400);
    const badChat = await putChannel({ botToken: FAKE_BOT_TOKEN, chatId: "a channel", enabled: true });
    expect(badChat.statusCode).toBe(400);
  });

  it("lets only editors and above set up a channel", async () => {
    const payload = { botToken: FAKE_BOT_TOKEN, chatId: FAKE_CHAT_ID, enabled: true };
    expect((await putChannel(payload, "author")).statusCode).toBe(403);
    expect((await t.app.inject({ method: "PUT", url: CHANNEL_URL, payload })).statusCode).toBe(401);
    expect((await putChannel(payload, "owner")).statusCode).toBe(200);
  });

  it("sets a story to skip and shows its delivery log", async () => {
    await putChannel({ botToken: FAKE_BOT_TOKEN, chatId: FAKE_CHAT_ID, enabled: true });
    const draft = await createArticle(
      t.services.articles,
      { edition: "en", title: "Not for Telegram" },
      { publish: false },
    );
    const url = `/admin/api/articles/${draft.id}/telegram`;
    const editor = await t.bearer("editor");
    const set = await t.app.inject({ method: "PUT", url, headers: editor, payload: { skip: true } });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ skip: true, posts: [], log: [] });
    await t.services.articles.publish(draft.id);
    await t.services.events.drain();
    const published = await createArticle(t.services.articles, { edition: "en", title: "For Telegram" });
    await t.services.events.drain();
    expect(fake.posts().map((call) => String(call.params.text))).toEqual([expect.stringContaining("For Telegram")]);
    const author = await t.bearer("author");
    const skipped = await t.app.inject({ url, headers: author });
    expect(skipped.json().log).toMatchObject([{ action: "skipped", edition: "en" }]);
    const posted = await t.app.inject({ url: `/admin/api/articles/${published.id}/telegram`, headers: author });
    expect(posted.json()).toMatchObject({
      skip: false,
      posts: [{ edition: "en", chatId: FAKE_CHAT_ID, status: "sent", messageId: 100 }],
      log: [{ action: "posted", messageId: 100 }],
    });
    expect((await t.app.inject({ method: "PUT", url, headers: author, payload: { skip: false } })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: "/admin/api/articles/999999/telegram", headers: author })).statusCode).toBe(404);
  });
});
