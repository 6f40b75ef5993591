import { type Kysely, sql } from "kysely";
import { AppError } from "../errors.js";
import { isUniqueViolation } from "../platform/db/database.js";
import type { DB, PushSendKind, PushSendRow, PushSubscriptionRow } from "../platform/db/schema.js";

export interface NewSubscription {
  edition: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  createdAt: string;
}

export interface NewSend {
  edition: string;
  kind: PushSendKind;
  articleId: number | null;
  title: string;
  body: string;
  url: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  dedupeKey: string | null;
}

export interface BatchOutcome {
  sendId: number;
  afterId: number;
  lastId: number;
  delivered: number;
  failed: number;
  removed: number;
  finishedAt: string;
}

/** All SQL of the push capability: subscriptions, sends and their finished batches. */
export class PushRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Stores a subscription; a browser that subscribes again (new keys) replaces its old row. */
  async upsertSubscription(subscription: NewSubscription): Promise<void> {
    await this.db
      .insertInto("push_subscriptions")
      .values({
        edition_code: subscription.edition,
        endpoint: subscription.endpoint,
        p256dh: subscription.p256dh,
        auth: subscription.auth,
        created_at: subscription.createdAt,
      })
      .onConflict((conflict) =>
        conflict
          .columns(["endpoint", "edition_code"])
          .doUpdateSet({ p256dh: subscription.p256dh, auth: subscription.auth }),
      )
      .execute();
  }

  async deleteSubscription(edition: string, endpoint: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("push_subscriptions")
      .where("edition_code", "=", edition)
      .where("endpoint", "=", endpoint)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteSubscriptions(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.deleteFrom("push_subscriptions").where("id", "in", ids).execute();
  }

  async subscriptionStats(edition: string): Promise<{ count: number; lastId: number }> {
    const row = await this.db
      .selectFrom("push_subscriptions")
      .select((eb) => [eb.fn.countAll<number | string>().as("count"), eb.fn.max("id").as("last_id")])
      .where("edition_code", "=", edition)
      .executeTakeFirst();
    return { count: Number(row?.count ?? 0), lastId: Number(row?.last_id ?? 0) };
  }

  async countByEdition(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom("push_subscriptions")
      .select((eb) => ["edition_code", eb.fn.countAll<number | string>().as("count")])
      .groupBy("edition_code")
      .execute();
    return new Map(rows.map((row) => [row.edition_code, Number(row.count)]));
  }

  /** The next slice of a send's audience, in id order. */
  async subscriptionsAfter(
    edition: string,
    afterId: number,
    upToId: number,
    limit: number,
  ): Promise<PushSubscriptionRow[]> {
    return this.db
      .selectFrom("push_subscriptions")
      .selectAll()
      .where("edition_code", "=", edition)
      .where("id", ">", afterId)
      .where("id", "<=", upToId)
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  /** Creates a send; a second send under the same dedupe key is a conflict. */
  async insertSend(send: NewSend, audience: { total: number; lastId: number }): Promise<PushSendRow> {
    try {
      return await this.db
        .insertInto("push_sends")
        .values({
          edition_code: send.edition,
          kind: send.kind,
          article_id: send.articleId,
          title: send.title,
          body: send.body,
          url: send.url,
          created_by: send.createdBy,
          created_by_name: send.createdByName,
          created_at: send.createdAt,
          status: audience.total === 0 ? "done" : "sending",
          dedupe_key: send.dedupeKey,
          last_subscription_id: audience.lastId,
          total: audience.total,
          finished_at: audience.total === 0 ? send.createdAt : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", "This alert was already sent.");
      throw error;
    }
  }

  async findSend(id: number): Promise<PushSendRow | undefined> {
    return this.db.selectFrom("push_sends").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async findSendByKey(dedupeKey: string): Promise<PushSendRow | undefined> {
    return this.db.selectFrom("push_sends").selectAll().where("dedupe_key", "=", dedupeKey).executeTakeFirst();
  }

  async listSends(limit: number): Promise<PushSendRow[]> {
    return this.db.selectFrom("push_sends").selectAll().orderBy("id", "desc").limit(limit).execute();
  }

  async findBatch(sendId: number, afterId: number): Promise<{ last_id: number } | undefined> {
    return this.db
      .selectFrom("push_send_batches")
      .select("last_id")
      .where("send_id", "=", sendId)
      .where("after_id", "=", afterId)
      .executeTakeFirst();
  }

  /**
   * Records a finished batch and adds its counts to the send, in one transaction. Returns false
   * when the batch was already recorded (a job that ran twice), and then counts nothing.
   */
  async recordBatch(outcome: BatchOutcome, last: boolean): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      try {
        await trx
          .insertInto("push_send_batches")
          .values({
            send_id: outcome.sendId,
            after_id: outcome.afterId,
            last_id: outcome.lastId,
            delivered: outcome.delivered,
            failed: outcome.failed,
            removed: outcome.removed,
            finished_at: outcome.finishedAt,
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
      await trx
        .updateTable("push_sends")
        .set({
          delivered: sql`delivered + ${outcome.delivered}`,
          failed: sql`failed + ${outcome.failed}`,
          removed: sql`removed + ${outcome.removed}`,
          ...(last ? { status: "done" as const, finished_at: outcome.finishedAt } : {}),
        })
        .where("id", "=", outcome.sendId)
        .execute();
      return true;
    });
  }
}
