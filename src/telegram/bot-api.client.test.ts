import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_BOT_TOKEN, FAKE_CHAT_ID, FakeTelegram } from "../../test/fake-telegram.js";
import { BotApiClient, BotApiError, BotApiUnreachableError } from "./bot-api.client.js";

describe("Bot API client", () => {
  let fake: FakeTelegram;
  let client: BotApiClient;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    client = new BotApiClient(fake.url);
  });
  afterAll(() => fake.close());

  it("calls {base}/bot{token}/{method} with JSON parameters", async () => {
    const chat = await client.getChat(FAKE_BOT_TOKEN, FAKE_CHAT_ID);
    expect(chat.type).toBe("channel");
    const call = fake.callsTo("getChat").at(-1);
    expect(call?.token).toBe(FAKE_BOT_TOKEN);
    expect(call?.params).toEqual({ chat_id: FAKE_CHAT_ID });
  });

  it("uploads a file as multipart form data beside the text parameters", async () => {
    const data = Buffer.from("not really a jpeg");
    const message = await client.call<{ message_id: number }>(
      FAKE_BOT_TOKEN,
      "sendPhoto",
      { chat_id: FAKE_CHAT_ID, caption: "<b>Hi</b>\n\nthere", parse_mode: "HTML" },
      { field: "photo", fileName: "lead.jpg", contentType: "image/jpeg", data },
    );
    expect(message.message_id).toBeGreaterThan(0);
    const call = fake.callsTo("sendPhoto").at(-1);
    // Line breaks arrive as sent: FormData would have made them \r\n.
    expect(call?.params).toEqual({ chat_id: FAKE_CHAT_ID, caption: "<b>Hi</b>\n\nthere", parse_mode: "HTML" });
    expect(call?.file?.field).toBe("photo");
    expect(call?.file?.data.equals(data)).toBe(true);
  });

  it("carries Telegram's retry_after on a 429", async () => {
    fake.failNext("sendMessage", { status: 429, description: "Too Many Requests: retry after 7", retryAfter: 7 });
    const error = await client
      .call(FAKE_BOT_TOKEN, "sendMessage", { chat_id: FAKE_CHAT_ID, text: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BotApiError);
    expect((error as BotApiError).errorCode).toBe(429);
    expect((error as BotApiError).retryAfter).toBe(7);
  });

  it("never puts the token in an error, also when the server cannot be reached", async () => {
    const unreachable = new BotApiClient("http://127.0.0.1:1");
    const error = (await unreachable.getMe(FAKE_BOT_TOKEN).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(BotApiUnreachableError);
    expect(`${error.message} ${error.stack}`).not.toContain(FAKE_BOT_TOKEN.split(":")[1]);
    const refused = (await client.getMe("123:wrong-token-wrong-token").catch((e: unknown) => e)) as BotApiError;
    expect(refused.errorCode).toBe(401);
    expect(refused.message).not.toContain("wrong-token");
  });

  it("refuses a token that would change the URL's path without sending it", async () => {
    const before = fake.calls.length;
    const error = (await client.getMe("123:abc/../../x").catch((e: unknown) => e)) as BotApiError;
    expect(error.errorCode).toBe(401);
    expect(fake.calls.length).toBe(before);
  });
});
