import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Telegram channel publishing (the telegram capability).
 *
 * - `telegram_channels`: one channel per edition: the bot token (sealed with SECRET_KEY), the chat,
 *   and the channel's send allowance (`rate_tat`, the theoretical arrival time of a GCRA limiter).
 * - `telegram_posts`: the one message each article has in a channel. `message_id` is written as
 *   soon as the Bot API answers; a row with one is never posted again, only edited. `lease_until`
 *   keeps two workers from sending the same post at once.
 * - `telegram_article_options`: an editor's "do not post this story" switch.
 * - `telegram_log`: what was posted, edited, skipped or refused, per article, for the editor.
 * - `telegram_messages`: the channel's other messages, by key: breaking-banner posts (one per banner
 *   text) and live entries posted as replies to their story's post (one per entry), with the same
 *   claim-then-store-the-id rule as posts; channels opt in with `post_breaking` and `post_live`.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  await db.schema
    .createTable("telegram_channels")
    .addColumn("edition_code", "text", (c) => c.primaryKey().references("editions.code").onDelete("cascade"))
    .addColumn("bot_token", "text", (c) => c.notNull())
    .addColumn("token_hint", "text", (c) => c.notNull())
    .addColumn("chat_id", "text", (c) => c.notNull())
    .addColumn("chat_title", "text")
    .addColumn("bot_username", "text")
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("post_breaking", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("post_live", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rate_tat", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await id(db.schema.createTable("telegram_posts"))
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("chat_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("message_id", "integer")
    .addColumn("kind", "text")
    .addColumn("text", "text")
    .addColumn("lease_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("telegram_posts_article_chat_key", ["article_id", "edition_code", "chat_id"])
    .execute();

  await db.schema
    .createTable("telegram_article_options")
    .addColumn("article_id", "integer", (c) => c.primaryKey().references("articles.id").onDelete("cascade"))
    .addColumn("skip", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await id(db.schema.createTable("telegram_log"))
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("message_id", "integer")
    .addColumn("detail", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await id(db.schema.createTable("telegram_messages"))
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("chat_id", "text", (c) => c.notNull())
    .addColumn("message_key", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("message_id", "integer")
    .addColumn("lease_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("telegram_messages_key", ["edition_code", "chat_id", "message_key"])
    .execute();
  await db.schema.createIndex("telegram_log_article_idx").on("telegram_log").columns(["article_id", "id"]).execute();
}
