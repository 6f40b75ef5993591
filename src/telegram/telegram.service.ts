import { createHash } from "node:crypto";
import { AppError } from "../errors.js";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import { renderBodyText } from "../newsroom/body-text.renderer.js";
import type { EditionsService } from "../newsroom/editions.service.js";
import { originOf } from "../newsroom/editions.service.js";
import type { LiveCoverageService } from "../newsroom/live-coverage.service.js";
import type { MediaService } from "../newsroom/media.service.js";
import type { ArticleRow, TelegramChannelRow, TelegramLogAction, TelegramPostRow } from "../platform/db/schema.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import { urls } from "../site/urls.js";
import { BOT_TOKEN_PATTERN, type BotApiClient, BotApiError, type BotMessage } from "./bot-api.client.js";
import { blockedUntil, takeSlot } from "./channel-rate.js";
import type { TelegramRepository } from "./telegram.repository.js";
import type { ArticleDeliveryView, ChannelView } from "./telegram.schemas.js";
import { CAPTION_LIMIT, composeBreaking, composeCaption, composeLiveEntry, MESSAGE_LIMIT } from "./telegram-caption.js";

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** Bring an article's Telegram post in line with the article: post it, or edit it. Idempotent. */
    "telegram.sync": { articleId: number; edition: string };
    /** Post a raised breaking banner to the edition's channel, once per banner text. */
    "telegram.breaking": BreakingAlert;
    /** Post a new live entry as a reply to its story's post, once per entry. */
    "telegram.live-entry": { articleId: number; edition: string; entryId: number };
  }
}

/** Seals and opens stored secrets (the bot token) with the site's key; null when a box cannot be opened. */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string | null;
}

/** A raised breaking banner, as the newsroom announces it. */
export interface BreakingAlert {
  edition: string;
  text: string;
  /** A site path or an absolute URL; null when the banner links nowhere. */
  url: string | null;
}

export interface ChannelInput {
  /** Absent: keep the stored token (the API never sends it back). */
  botToken?: string;
  chatId: string;
  enabled: boolean;
  /** Post raised breaking banners too; absent keeps the saved choice (off for a new channel). */
  postBreaking?: boolean;
  /** Post each new live entry as a reply to its story's post; absent keeps the saved choice. */
  postLive?: boolean;
}

/** Why a sync runs: a publication is the only one that logs a skip (edits of a skipped story are silent). */
export type SyncReason = "published" | "updated" | "retry";

/** A worker holds a post this long while it sends it; a worker that dies frees it after this. */
const LEASE_MS = 60_000;
const LOG_LIMIT = 100;
const EPOCH = new Date(0).toISOString();

export interface TelegramDeps {
  repository: TelegramRepository;
  client: BotApiClient;
  articles: ArticleQueries;
  media: MediaService;
  live: LiveCoverageService;
  editions: EditionsService;
  jobs: JobQueue;
  secrets: SecretBox;
  publicUrl: string;
  now?: () => Date;
}

function tokenHint(token: string): string {
  const [botId] = token.split(":");
  return `${botId}:…${token.slice(-4)}`;
}

function isNotModified(error: unknown): boolean {
  return error instanceof BotApiError && /message is not modified/i.test(error.description);
}

/**
 * Telegram channel publishing: each edition's channel settings, and the one post per published
 * article, edited (never posted again) when its headline, dek or corrections change.
 *
 * Exactly once: a post's row is claimed with a lease before the send, and its message id is
 * written the moment the Bot API answers; a row with a message id is never sent again. The one
 * window left is between Telegram accepting the message and that write (see the README).
 */
export class TelegramService {
  private readonly now: () => Date;

  constructor(private readonly deps: TelegramDeps) {
    this.now = deps.now ?? (() => new Date());
    deps.jobs.register("telegram.sync", ({ articleId, edition }) => this.sync(articleId, edition, "retry"));
    deps.jobs.register("telegram.breaking", (alert) => this.postBreaking(alert));
    deps.jobs.register("telegram.live-entry", ({ articleId, edition, entryId }) =>
      this.postLiveEntry(articleId, edition, entryId),
    );
  }

  // ---- channel settings -------------------------------------------------------------------

  /** Whether the edition posts to a channel: a story of an edition without one is not queued. */
  async takes(edition: string): Promise<boolean> {
    return (await this.deps.repository.channel(edition))?.enabled === 1;
  }

  async channel(edition: string): Promise<ChannelView> {
    this.requireEdition(edition);
    const row = await this.deps.repository.channel(edition);
    if (!row) throw new AppError("not_found", `The ${edition} edition has no Telegram channel yet.`);
    return viewOf(row);
  }

  /**
   * Saves an edition's channel. An enabled channel is checked first: the token with getMe, the
   * chat with getChat, so a wrong setting is refused now rather than failing at the next publish.
   */
  async saveChannel(edition: string, input: ChannelInput): Promise<ChannelView> {
    this.requireEdition(edition);
    const existing = await this.deps.repository.channel(edition);
    const token = input.botToken?.trim() ?? (existing ? this.deps.secrets.open(existing.bot_token) : null);
    if (!token) throw new AppError("telegram_bad_token", "Type the bot token that @BotFather gave you.");
    if (!BOT_TOKEN_PATTERN.test(token)) {
      throw new AppError(
        "telegram_bad_token",
        "This is not a bot token: it looks like 123456789:AA… (from @BotFather).",
      );
    }
    const chatId = input.chatId.trim();
    let botUsername = existing?.bot_username ?? null;
    let chatTitle = existing?.chat_id === chatId ? (existing?.chat_title ?? null) : null;
    if (input.enabled) {
      const checked = await this.verify(token, chatId);
      botUsername = checked.botUsername;
      chatTitle = checked.chatTitle;
    }
    const row = await this.deps.repository.saveChannel(
      {
        edition_code: edition,
        bot_token: this.deps.secrets.seal(token),
        token_hint: tokenHint(token),
        chat_id: chatId,
        chat_title: chatTitle,
        bot_username: botUsername,
        enabled: input.enabled ? 1 : 0,
        post_breaking: (input.postBreaking ?? existing?.post_breaking === 1) ? 1 : 0,
        post_live: (input.postLive ?? existing?.post_live === 1) ? 1 : 0,
        updated_at: this.now().toISOString(),
      },
      EPOCH,
    );
    return viewOf(row);
  }

  private async verify(
    token: string,
    chatId: string,
  ): Promise<{ botUsername: string | null; chatTitle: string | null }> {
    const { client } = this.deps;
    let botUsername: string | null;
    try {
      botUsername = (await client.getMe(token)).username ?? null;
    } catch (error) {
      if (error instanceof BotApiError && (error.errorCode === 401 || error.errorCode === 404)) {
        throw new AppError(
          "telegram_bad_token",
          "Telegram does not know this bot token: copy it again from @BotFather.",
        );
      }
      throw unreachable(error);
    }
    try {
      const chat = await client.getChat(token, chatId);
      return { botUsername, chatTitle: chat.title ?? chat.username ?? null };
    } catch (error) {
      if (error instanceof BotApiError && [400, 403, 404].includes(error.errorCode)) {
        throw new AppError(
          "telegram_bad_chat",
          `The bot cannot see the channel ${chatId}: check its @name or id, and add the bot to it as an administrator.`,
        );
      }
      throw unreachable(error);
    }
  }

  // ---- per-article options and the delivery log ---------------------------------------------

  async articleDelivery(articleId: number): Promise<ArticleDeliveryView> {
    await this.deps.articles.getById(articleId);
    const { repository } = this.deps;
    const [skip, posts, log] = await Promise.all([
      repository.skip(articleId),
      repository.postsOf(articleId),
      repository.logOf(articleId, LOG_LIMIT),
    ]);
    return {
      skip,
      posts: posts.map((post) => ({
        edition: post.edition_code,
        chatId: post.chat_id,
        status: post.status,
        messageId: post.message_id,
        updatedAt: post.updated_at,
      })),
      log: log.map((entry) => ({
        id: entry.id,
        edition: entry.edition_code,
        action: entry.action,
        messageId: entry.message_id,
        detail: entry.detail,
        createdAt: entry.created_at,
      })),
    };
  }

  async setSkip(articleId: number, skip: boolean): Promise<ArticleDeliveryView> {
    await this.deps.articles.getById(articleId);
    await this.deps.repository.setSkip(articleId, skip, this.now().toISOString());
    return this.articleDelivery(articleId);
  }

  // ---- delivery -----------------------------------------------------------------------------

  /**
   * Brings the article's post in the edition's channel in line with the article: posts it once,
   * then edits it when its text changes. Safe to run any number of times, in any worker. Waits
   * (Telegram's retry_after, the 20-a-minute allowance) become a `telegram.sync` job due later.
   */
  async sync(articleId: number, edition: string, reason: SyncReason): Promise<void> {
    const { repository } = this.deps;
    const channel = await repository.channel(edition);
    if (channel?.enabled !== 1) return;
    const article = await this.deps.articles.findManyById([articleId]).then((rows) => rows[0]);
    if (article?.status !== "published" || article.edition_code !== edition) return;
    const post = await repository.findPost(articleId, edition, channel.chat_id);
    if (await repository.skip(articleId)) {
      if (reason === "published" && !post?.message_id) {
        await this.log(article, "skipped", null, "The story is set not to go to Telegram.");
      }
      return;
    }
    const token = this.deps.secrets.open(channel.bot_token);
    if (!token) {
      await this.log(article, "failed", null, "The bot token cannot be read (SECRET_KEY changed): save it again.");
      return;
    }
    const message = await this.compose(article);
    if (post?.message_id) {
      await this.edit(article, channel, token, post, message.text);
      return;
    }
    await this.post(article, channel, token, message);
  }

  private async post(
    article: ArticleRow,
    channel: TelegramChannelRow,
    token: string,
    message: { text: string; photo: Buffer | null },
  ): Promise<void> {
    const { repository, client } = this.deps;
    const key = { articleId: article.id, edition: channel.edition_code, chatId: channel.chat_id };
    const now = this.now();
    const claimed = await repository.claimPost(
      key,
      now.toISOString(),
      new Date(now.getTime() + LEASE_MS).toISOString(),
    );
    if (!claimed) {
      const current = await repository.findPost(key.articleId, key.edition, key.chatId);
      if (current?.message_id) return;
      // Another worker is sending it now (or died doing so): the job's retry looks again later.
      throw new Error(`The Telegram post of article ${article.id} is being sent by another worker.`);
    }
    const row = await repository.findPost(key.articleId, key.edition, key.chatId);
    if (!row) throw new Error(`The Telegram post of article ${article.id} vanished.`);
    const waitMs = await this.takeSlot(channel.edition_code);
    if (waitMs > 0) {
      await repository.releasePost(row.id, this.now().toISOString());
      await this.later(article, waitMs, "The channel's 20 messages a minute are used up.");
      return;
    }
    const parse = { chat_id: channel.chat_id, parse_mode: "HTML" };
    let sent: BotMessage;
    try {
      sent = message.photo
        ? await client.call<BotMessage>(
            token,
            "sendPhoto",
            { ...parse, caption: message.text },
            { field: "photo", fileName: `${article.slug}.jpg`, contentType: "image/jpeg", data: message.photo },
          )
        : await client.call<BotMessage>(token, "sendMessage", { ...parse, text: message.text });
    } catch (error) {
      await repository.releasePost(row.id, this.now().toISOString());
      await this.failed(article, error);
      return;
    }
    // First thing after the answer: from here on the post is never sent again.
    await repository.markSent(
      row.id,
      { messageId: sent.message_id, kind: message.photo ? "photo" : "text", text: message.text },
      this.now().toISOString(),
    );
    await this.log(article, "posted", sent.message_id, message.photo ? "sendPhoto" : "sendMessage");
  }

  private async edit(
    article: ArticleRow,
    channel: TelegramChannelRow,
    token: string,
    post: TelegramPostRow,
    text: string,
  ): Promise<void> {
    if (post.text === text || post.message_id === null) return;
    const waitMs = await this.takeSlot(channel.edition_code);
    if (waitMs > 0) {
      await this.later(article, waitMs, "The channel's 20 messages a minute are used up.");
      return;
    }
    const base = { chat_id: channel.chat_id, message_id: post.message_id, parse_mode: "HTML" };
    try {
      if (post.kind === "photo") {
        await this.deps.client.call(token, "editMessageCaption", { ...base, caption: text });
      } else {
        await this.deps.client.call(token, "editMessageText", { ...base, text });
      }
    } catch (error) {
      if (!isNotModified(error)) {
        await this.failed(article, error);
        return;
      }
    }
    await this.deps.repository.setPostText(post.id, text, this.now().toISOString());
    await this.log(
      article,
      "edited",
      post.message_id,
      post.kind === "photo" ? "editMessageCaption" : "editMessageText",
    );
  }

  /**
   * Posts a raised breaking banner to the edition's channel when the channel takes them: once per
   * banner text (raising the same text again, to extend it, posts nothing).
   */
  async postBreaking(alert: BreakingAlert): Promise<void> {
    const channel = await this.deps.repository.channel(alert.edition);
    if (channel?.enabled !== 1 || channel.post_breaking !== 1) return;
    const edition = this.deps.editions.byCode(alert.edition);
    const origin = edition ? originOf(edition, this.deps.publicUrl) : this.deps.publicUrl;
    const url = alert.url?.startsWith("/") ? `${origin}${alert.url}` : alert.url;
    await this.sendKeyed(
      channel,
      `breaking:${createHash("sha256").update(alert.text.trim()).digest("hex").slice(0, 32)}`,
      async () => ({ text: composeBreaking({ text: alert.text, url, language: edition?.language ?? "en" }) }),
      (runAt) => this.deps.jobs.enqueue("telegram.breaking", alert, { runAt }),
    );
  }

  /**
   * Posts a new live entry as a reply to its story's post, when the channel takes them: once per
   * entry. An entry that comes before its story's post waits for it (the job is retried).
   */
  async postLiveEntry(articleId: number, edition: string, entryId: number): Promise<void> {
    const { repository } = this.deps;
    const channel = await repository.channel(edition);
    if (channel?.enabled !== 1 || channel.post_live !== 1) return;
    const [article] = await this.deps.articles.findManyById([articleId]);
    if (article?.status !== "published" || article.edition_code !== edition) return;
    if (await repository.skip(articleId)) return;
    const entry = await this.deps.live.findEntry(articleId, entryId);
    if (!entry) return;
    const parent = await repository.findPost(articleId, edition, channel.chat_id);
    if (!parent?.message_id) {
      throw new Error(`Live entry ${entryId} waits for the Telegram post of article ${articleId}.`);
    }
    const replyTo = parent.message_id;
    await this.sendKeyed(
      channel,
      `entry:${entryId}`,
      async () => ({
        text: composeLiveEntry({ headline: entry.headline, text: renderBodyText(entry.body) }),
        reply_parameters: { message_id: replyTo, allow_sending_without_reply: true },
      }),
      (runAt) => this.deps.jobs.enqueue("telegram.live-entry", { articleId, edition, entryId }, { runAt }),
    );
  }

  /** Sends one keyed message (claim, allowance, send, store the id at once); waits go to `later`. */
  private async sendKeyed(
    channel: TelegramChannelRow,
    messageKey: string,
    compose: () => Promise<{ text: string } & Record<string, unknown>>,
    later: (runAt: Date) => Promise<void>,
  ): Promise<void> {
    const { repository } = this.deps;
    const token = this.deps.secrets.open(channel.bot_token);
    if (!token) return;
    const key = { edition: channel.edition_code, chatId: channel.chat_id, messageKey };
    if (await repository.messageSent(key)) return;
    const now = this.now();
    const id = await repository.claimMessage(key, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString());
    if (id === null) {
      if (await repository.messageSent(key)) return;
      throw new Error(`The Telegram message ${messageKey} is being sent by another worker.`);
    }
    const waitMs = await this.takeSlot(channel.edition_code);
    if (waitMs > 0) {
      await repository.releaseMessage(id, this.now().toISOString());
      await later(new Date(this.now().getTime() + waitMs));
      return;
    }
    let sent: BotMessage;
    try {
      const params = await compose();
      sent = await this.deps.client.call<BotMessage>(token, "sendMessage", {
        chat_id: channel.chat_id,
        parse_mode: "HTML",
        ...params,
      });
    } catch (error) {
      await repository.releaseMessage(id, this.now().toISOString());
      if (error instanceof BotApiError && error.errorCode === 429) {
        const retryAfter = error.retryAfter ?? 5;
        await this.blockChannel(channel.edition_code, retryAfter);
        await later(new Date(this.now().getTime() + retryAfter * 1000));
        return;
      }
      throw error;
    }
    await repository.markMessageSent(id, sent.message_id, this.now().toISOString());
  }

  /** A refused or failed call: a 429 waits for Telegram's retry_after; anything else fails the job (retried). */
  private async failed(article: ArticleRow, error: unknown): Promise<void> {
    if (error instanceof BotApiError && error.errorCode === 429) {
      const retryAfter = error.retryAfter ?? 5;
      await this.blockChannel(article.edition_code, retryAfter);
      await this.later(article, retryAfter * 1000, `Telegram asked to retry after ${retryAfter} s.`);
      return;
    }
    await this.log(article, "failed", null, error instanceof Error ? error.message : String(error));
    throw error;
  }

  private async later(article: ArticleRow, waitMs: number, why: string): Promise<void> {
    const runAt = new Date(this.now().getTime() + waitMs);
    await this.deps.jobs.enqueue("telegram.sync", { articleId: article.id, edition: article.edition_code }, { runAt });
    await this.log(article, "delayed", null, `${why} Next try at ${runAt.toISOString()}.`);
  }

  private async compose(article: ArticleRow): Promise<{ text: string; photo: Buffer | null }> {
    const edition = this.deps.editions.byCode(article.edition_code);
    const basePath = edition?.basePath ?? "/";
    const origin = edition ? originOf(edition, this.deps.publicUrl) : this.deps.publicUrl;
    const notes = await this.deps.live.listNotes(article.id);
    const photo = await this.leadPhoto(article);
    const text = composeCaption(
      {
        headline: article.title,
        dek: article.dek,
        url: `${origin}${urls.article(basePath, article.slug)}`,
        corrected: notes.some((note) => note.kind === "correction"),
        language: edition?.language ?? "en",
      },
      photo ? CAPTION_LIMIT : MESSAGE_LIMIT,
    );
    return { text, photo };
  }

  /** The lead image's 1200 px JPEG, uploaded as a file (Telegram never fetches the site); null without one. */
  private async leadPhoto(article: ArticleRow): Promise<Buffer | null> {
    if (article.lead_media_id === null) return null;
    try {
      const media = await this.deps.media.get(article.lead_media_id);
      return await this.deps.media.variant(media.file_key, 1200, "jpg");
    } catch (error) {
      // An image deleted or missing on disk: the story still goes out, as text.
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    }
  }

  /** Waits before the next message of the channel may go: 0 when it may go now (the slot is taken). */
  private async takeSlot(edition: string): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const channel = await this.deps.repository.channel(edition);
      if (!channel) return 0;
      const now = this.now().getTime();
      const decision = takeSlot(Date.parse(channel.rate_tat), now);
      if (!decision.allowed) return decision.waitMs;
      const next = new Date(decision.nextTat).toISOString();
      if (await this.deps.repository.swapRateTat(edition, channel.rate_tat, next)) return 0;
    }
    // Many workers racing for the same channel: step back a moment.
    return 1000;
  }

  private async blockChannel(edition: string, retryAfterSeconds: number): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const channel = await this.deps.repository.channel(edition);
      if (!channel) return;
      const next = blockedUntil(Date.parse(channel.rate_tat), this.now().getTime(), retryAfterSeconds);
      if (await this.deps.repository.swapRateTat(edition, channel.rate_tat, new Date(next).toISOString())) return;
    }
  }

  private log(article: ArticleRow, action: TelegramLogAction, messageId: number | null, detail: string | null) {
    return this.deps.repository.log({
      articleId: article.id,
      edition: article.edition_code,
      action,
      messageId,
      detail,
      at: this.now().toISOString(),
    });
  }

  private requireEdition(edition: string): void {
    if (!this.deps.editions.byCode(edition)) throw new AppError("not_found", `There is no edition "${edition}".`);
  }
}

function unreachable(error: unknown): AppError {
  const reason = error instanceof Error ? error.message : "no answer";
  return new AppError("telegram_unreachable", `Telegram could not be asked about this channel (${reason}); try again.`);
}

function viewOf(row: TelegramChannelRow): ChannelView {
  return {
    edition: row.edition_code,
    botToken: row.token_hint,
    chatId: row.chat_id,
    chatTitle: row.chat_title,
    botUsername: row.bot_username,
    enabled: row.enabled === 1,
    postBreaking: row.post_breaking === 1,
    postLive: row.post_live === 1,
    updatedAt: row.updated_at,
  };
}
