import type { Kysely } from "kysely";
import { isUniqueViolation } from "../platform/db/database.js";
import type {
  DB,
  TelegramChannelRow,
  TelegramLogAction,
  TelegramLogRow,
  TelegramPostRow,
} from "../platform/db/schema.js";

/** All SQL of the telegram capability: its four tables and nothing else. */
export class TelegramRepository {
  constructor(private readonly db: Kysely<DB>) {}

  channel(edition: string): Promise<TelegramChannelRow | undefined> {
    return this.db.selectFrom("telegram_channels").selectAll().where("edition_code", "=", edition).executeTakeFirst();
  }

  async saveChannel(row: Omit<TelegramChannelRow, "rate_tat">, initialTat: string): Promise<TelegramChannelRow> {
    const { edition_code: _edition, ...changes } = row;
    const updated = await this.db
      .updateTable("telegram_channels")
      .set(changes)
      .where("edition_code", "=", row.edition_code)
      .returningAll()
      .executeTakeFirst();
    if (updated) return updated;
    return this.db
      .insertInto("telegram_channels")
      .values({ ...row, rate_tat: initialTat })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Moves the limiter's state from `from` to `to`; false when another worker moved it first. */
  async swapRateTat(edition: string, from: string, to: string): Promise<boolean> {
    const result = await this.db
      .updateTable("telegram_channels")
      .set({ rate_tat: to })
      .where("edition_code", "=", edition)
      .where("rate_tat", "=", from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  findPost(articleId: number, edition: string, chatId: string): Promise<TelegramPostRow | undefined> {
    return this.db
      .selectFrom("telegram_posts")
      .selectAll()
      .where("article_id", "=", articleId)
      .where("edition_code", "=", edition)
      .where("chat_id", "=", chatId)
      .executeTakeFirst();
  }

  postsOf(articleId: number): Promise<TelegramPostRow[]> {
    return this.db.selectFrom("telegram_posts").selectAll().where("article_id", "=", articleId).orderBy("id").execute();
  }

  /**
   * Takes the right to send an article's post: creates its row, or takes over one that has no
   * message and whose lease ran out. False when the post is sent or another worker holds it.
   */
  async claimPost(
    key: { articleId: number; edition: string; chatId: string },
    now: string,
    leaseUntil: string,
  ): Promise<boolean> {
    try {
      await this.db
        .insertInto("telegram_posts")
        .values({
          article_id: key.articleId,
          edition_code: key.edition,
          chat_id: key.chatId,
          status: "sending",
          message_id: null,
          kind: null,
          text: null,
          lease_until: leaseUntil,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const result = await this.db
      .updateTable("telegram_posts")
      .set({ status: "sending", lease_until: leaseUntil, updated_at: now })
      .where("article_id", "=", key.articleId)
      .where("edition_code", "=", key.edition)
      .where("chat_id", "=", key.chatId)
      .where("message_id", "is", null)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Lets the next attempt send at once: the send did not happen. */
  async releasePost(id: number, now: string): Promise<void> {
    await this.db
      .updateTable("telegram_posts")
      .set({ lease_until: null, updated_at: now })
      .where("id", "=", id)
      .where("message_id", "is", null)
      .execute();
  }

  async markSent(id: number, sent: { messageId: number; kind: "photo" | "text"; text: string }, now: string) {
    await this.db
      .updateTable("telegram_posts")
      .set({
        status: "sent",
        message_id: sent.messageId,
        kind: sent.kind,
        text: sent.text,
        lease_until: null,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
  }

  async setPostText(id: number, text: string, now: string): Promise<void> {
    await this.db.updateTable("telegram_posts").set({ text, updated_at: now }).where("id", "=", id).execute();
  }

  async skip(articleId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom("telegram_article_options")
      .select("skip")
      .where("article_id", "=", articleId)
      .executeTakeFirst();
    return row?.skip === 1;
  }

  async setSkip(articleId: number, skip: boolean, now: string): Promise<void> {
    const values = { skip: skip ? 1 : 0, updated_at: now };
    const result = await this.db
      .updateTable("telegram_article_options")
      .set(values)
      .where("article_id", "=", articleId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) return;
    try {
      await this.db
        .insertInto("telegram_article_options")
        .values({ article_id: articleId, ...values })
        .execute();
    } catch (error) {
      // Two saves at once: the other inserted the row; this one's value goes on top.
      if (!isUniqueViolation(error)) throw error;
      await this.db.updateTable("telegram_article_options").set(values).where("article_id", "=", articleId).execute();
    }
  }

  async log(entry: {
    articleId: number;
    edition: string;
    action: TelegramLogAction;
    messageId?: number | null;
    detail?: string | null;
    at: string;
  }): Promise<void> {
    await this.db
      .insertInto("telegram_log")
      .values({
        article_id: entry.articleId,
        edition_code: entry.edition,
        action: entry.action,
        message_id: entry.messageId ?? null,
        detail: entry.detail?.slice(0, 500) ?? null,
        created_at: entry.at,
      })
      .execute();
  }

  /** Takes the right to send a keyed message (breaking banner, live entry), as claimPost does for a story's post. */
  async claimMessage(
    key: { edition: string; chatId: string; messageKey: string },
    now: string,
    leaseUntil: string,
  ): Promise<number | null> {
    try {
      const row = await this.db
        .insertInto("telegram_messages")
        .values({
          edition_code: key.edition,
          chat_id: key.chatId,
          message_key: key.messageKey,
          status: "sending",
          message_id: null,
          lease_until: leaseUntil,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const row = await this.db
      .updateTable("telegram_messages")
      .set({ lease_until: leaseUntil, updated_at: now })
      .where("edition_code", "=", key.edition)
      .where("chat_id", "=", key.chatId)
      .where("message_key", "=", key.messageKey)
      .where("message_id", "is", null)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .returning("id")
      .executeTakeFirst();
    return row?.id ?? null;
  }

  messageSent(key: { edition: string; chatId: string; messageKey: string }): Promise<boolean> {
    return this.db
      .selectFrom("telegram_messages")
      .select("message_id")
      .where("edition_code", "=", key.edition)
      .where("chat_id", "=", key.chatId)
      .where("message_key", "=", key.messageKey)
      .executeTakeFirst()
      .then((row) => row?.message_id !== null && row?.message_id !== undefined);
  }

  async releaseMessage(id: number, now: string): Promise<void> {
    await this.db
      .updateTable("telegram_messages")
      .set({ lease_until: null, updated_at: now })
      .where("id", "=", id)
      .where("message_id", "is", null)
      .execute();
  }

  async markMessageSent(id: number, messageId: number, now: string): Promise<void> {
    await this.db
      .updateTable("telegram_messages")
      .set({ status: "sent", message_id: messageId, lease_until: null, updated_at: now })
      .where("id", "=", id)
      .execute();
  }

  logOf(articleId: number, limit: number): Promise<TelegramLogRow[]> {
    return this.db
      .selectFrom("telegram_log")
      .selectAll()
      .where("article_id", "=", articleId)
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
  }
}
