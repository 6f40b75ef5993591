import { type Kysely, sql, type Updateable } from "kysely";
import { isUniqueViolation } from "../platform/db/database.js";
import type {
  DB,
  WebhookDeliveriesTable,
  WebhookDeliveryRow,
  WebhookSubscriptionRow,
  WebhookSubscriptionsTable,
} from "../platform/db/schema.js";

/** All SQL of the webhooks capability: subscriptions and their delivery log. */
export class WebhooksRepository {
  constructor(private readonly db: Kysely<DB>) {}

  createSubscription(input: {
    url: string;
    events: string;
    secret: string;
    createdBy: number | null;
    now: string;
  }): Promise<WebhookSubscriptionRow> {
    return this.db
      .insertInto("webhook_subscriptions")
      .values({
        url: input.url,
        events: input.events,
        secret: input.secret,
        created_by: input.createdBy,
        created_at: input.now,
        updated_at: input.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listSubscriptions(): Promise<WebhookSubscriptionRow[]> {
    return this.db.selectFrom("webhook_subscriptions").selectAll().orderBy("id").execute();
  }

  /** Enabled subscriptions; the caller picks those that take the event (the events are a JSON list). */
  enabledSubscriptions(): Promise<WebhookSubscriptionRow[]> {
    return this.db.selectFrom("webhook_subscriptions").selectAll().where("enabled", "=", 1).orderBy("id").execute();
  }

  findSubscription(id: number): Promise<WebhookSubscriptionRow | undefined> {
    return this.db.selectFrom("webhook_subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  updateSubscription(
    id: number,
    patch: Updateable<WebhookSubscriptionsTable>,
  ): Promise<WebhookSubscriptionRow | undefined> {
    return this.db
      .updateTable("webhook_subscriptions")
      .set(patch)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
  }

  async deleteSubscription(id: number): Promise<boolean> {
    // Deliveries go first: SQLite enforces the cascade only with foreign keys switched on.
    await this.db.deleteFrom("webhook_deliveries").where("subscription_id", "=", id).execute();
    const result = await this.db.deleteFrom("webhook_subscriptions").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Counts one more failed delivery in a row; returns the new count. */
  async countFailure(id: number, now: string): Promise<number> {
    const row = await this.db
      .updateTable("webhook_subscriptions")
      .set({ consecutive_failures: sql`consecutive_failures + 1`, updated_at: now })
      .where("id", "=", id)
      .returning("consecutive_failures")
      .executeTakeFirst();
    return row?.consecutive_failures ?? 0;
  }

  async resetFailures(id: number): Promise<void> {
    await this.db
      .updateTable("webhook_subscriptions")
      .set({ consecutive_failures: 0 })
      .where("id", "=", id)
      .where("consecutive_failures", ">", 0)
      .execute();
  }

  /** Turns an enabled subscription off; undefined when it was off already (someone else did it). */
  disableIfEnabled(id: number, now: string): Promise<WebhookSubscriptionRow | undefined> {
    return this.db
      .updateTable("webhook_subscriptions")
      .set({ enabled: 0, disabled_at: now, updated_at: now })
      .where("id", "=", id)
      .where("enabled", "=", 1)
      .returningAll()
      .executeTakeFirst();
  }

  /** Adds a delivery, or returns the one made for the same event before (a listener that ran again). */
  async createDelivery(input: {
    subscriptionId: number;
    event: string;
    eventId: string;
    body: string;
    now: string;
  }): Promise<WebhookDeliveryRow> {
    try {
      return await this.db
        .insertInto("webhook_deliveries")
        .values({
          subscription_id: input.subscriptionId,
          event: input.event,
          event_id: input.eventId,
          body: input.body,
          status: "pending",
          next_attempt_at: input.now,
          created_at: input.now,
          updated_at: input.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.db
        .selectFrom("webhook_deliveries")
        .selectAll()
        .where("subscription_id", "=", input.subscriptionId)
        .where("event_id", "=", input.eventId)
        .executeTakeFirstOrThrow();
    }
  }

  findDelivery(id: number): Promise<WebhookDeliveryRow | undefined> {
    return this.db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Records an attempt of a pending delivery; undefined when it was no longer pending. */
  recordAttempt(id: number, patch: Updateable<WebhookDeliveriesTable>): Promise<WebhookDeliveryRow | undefined> {
    return this.db
      .updateTable("webhook_deliveries")
      .set(patch)
      .where("id", "=", id)
      .where("status", "=", "pending")
      .returningAll()
      .executeTakeFirst();
  }

  /** A subscription's deliveries, newest first. */
  deliveries(subscriptionId: number, limit: number, beforeId?: number): Promise<WebhookDeliveryRow[]> {
    let query = this.db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("subscription_id", "=", subscriptionId)
      .orderBy("id", "desc")
      .limit(limit);
    if (beforeId !== undefined) query = query.where("id", "<", beforeId);
    return query.execute();
  }
}
