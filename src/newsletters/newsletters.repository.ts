import { type Insertable, type Kysely, sql, type Updateable } from "kysely";
import { AppError } from "../errors.js";
import { isUniqueViolation } from "../platform/db/database.js";
import type {
  DB,
  DeliveryState,
  IssueStatus,
  NewsletterDeliveryRow,
  NewsletterIssueRow,
  NewsletterIssuesTable,
  NewsletterListRow,
  NewsletterListsTable,
  NewsletterSuppressionsTable,
  SubscriptionStatus,
} from "../platform/db/schema.js";

export interface SubscriberEntry {
  subscriberId: number;
  email: string;
  language: string;
  status: SubscriptionStatus;
  source: string;
  createdAt: string;
  confirmedAt: string | null;
}

export interface SubscriptionOf {
  listId: number;
  status: SubscriptionStatus;
}

export type DeliveryCounts = Record<DeliveryState, number>;

/** A delivery claimed for sending: the reader's address and id, to render their links. */
export interface ClaimedDelivery {
  id: number;
  subscriber_id: number;
  email: string;
  attempts: number;
}

/** All SQL of the newsletters capability. */
export class NewslettersRepository {
  constructor(private readonly db: Kysely<DB>) {}

  // Lists

  listLists(): Promise<NewsletterListRow[]> {
    return this.db.selectFrom("newsletter_lists").selectAll().orderBy("id").execute();
  }

  findList(id: number): Promise<NewsletterListRow | undefined> {
    return this.db.selectFrom("newsletter_lists").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findListBySlug(slug: string): Promise<NewsletterListRow | undefined> {
    return this.db.selectFrom("newsletter_lists").selectAll().where("slug", "=", slug).executeTakeFirst();
  }

  async insertList(row: Insertable<NewsletterListsTable>): Promise<NewsletterListRow> {
    try {
      return await this.db.insertInto("newsletter_lists").values(row).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("conflict", `A list with the address "${row.slug}" exists already.`, { field: "slug" });
      }
      throw error;
    }
  }

  async updateList(id: number, patch: Updateable<NewsletterListsTable>): Promise<NewsletterListRow | undefined> {
    try {
      return await this.db
        .updateTable("newsletter_lists")
        .set(patch)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("conflict", `A list with the address "${patch.slug}" exists already.`, { field: "slug" });
      }
      throw error;
    }
  }

  async countActive(listIds: readonly number[]): Promise<Map<number, number>> {
    if (listIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("newsletter_subscriptions")
      .select(["list_id", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("list_id", "in", listIds)
      .where("status", "=", "active")
      .groupBy("list_id")
      .execute();
    return new Map(rows.map((r) => [r.list_id, Number(r.n)]));
  }

  // Subscribers

  findSubscriberByEmail(email: string) {
    return this.db.selectFrom("newsletter_subscribers").selectAll().where("email", "=", email).executeTakeFirst();
  }

  findSubscriber(id: number) {
    return this.db.selectFrom("newsletter_subscribers").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** The subscriber with this address, created when new; concurrent creations settle on one row. */
  async ensureSubscriber(email: string, language: string, now: string): Promise<number> {
    const existing = await this.findSubscriberByEmail(email);
    if (existing) return existing.id;
    try {
      const row = await this.db
        .insertInto("newsletter_subscribers")
        .values({ email, language, created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const row = await this.findSubscriberByEmail(email);
      if (!row) throw error;
      return row.id;
    }
  }

  async setSubscriberLanguage(id: number, language: string, now: string): Promise<void> {
    await this.db
      .updateTable("newsletter_subscribers")
      .set({ language, updated_at: now })
      .where("id", "=", id)
      .execute();
  }

  /** Makes a subscription active (new or returning); the first confirmation time is kept. */
  async activate(subscriberId: number, listId: number, source: string, now: string): Promise<"added" | "kept"> {
    const current = await this.db
      .selectFrom("newsletter_subscriptions")
      .select("status")
      .where("subscriber_id", "=", subscriberId)
      .where("list_id", "=", listId)
      .executeTakeFirst();
    if (current?.status === "active") return "kept";
    if (current) {
      await this.db
        .updateTable("newsletter_subscriptions")
        .set({ status: "active", source, confirmed_at: now, unsubscribed_at: null })
        .where("subscriber_id", "=", subscriberId)
        .where("list_id", "=", listId)
        .execute();
      return "added";
    }
    await this.db
      .insertInto("newsletter_subscriptions")
      .values({
        subscriber_id: subscriberId,
        list_id: listId,
        status: "active",
        source,
        created_at: now,
        confirmed_at: now,
        unsubscribed_at: null,
      })
      .onConflict((oc) => oc.columns(["subscriber_id", "list_id"]).doUpdateSet({ status: "active" }))
      .execute();
    return "added";
  }

  /** Ends subscriptions; returns how many were active. */
  async unsubscribe(subscriberId: number, listIds: readonly number[] | "all", now: string): Promise<number> {
    let query = this.db
      .updateTable("newsletter_subscriptions")
      .set({ status: "unsubscribed", unsubscribed_at: now })
      .where("subscriber_id", "=", subscriberId)
      .where("status", "=", "active");
    if (listIds !== "all") {
      if (listIds.length === 0) return 0;
      query = query.where("list_id", "in", listIds);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  subscriptionsOf(subscriberId: number): Promise<SubscriptionOf[]> {
    return this.db
      .selectFrom("newsletter_subscriptions")
      .select(["list_id as listId", "status"])
      .where("subscriber_id", "=", subscriberId)
      .execute();
  }

  async deleteSubscription(subscriberId: number, listId: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom("newsletter_subscriptions")
      .where("subscriber_id", "=", subscriberId)
      .where("list_id", "=", listId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** A list's subscribers by address, optionally those whose address contains `query`; keyset on email. */
  listSubscribers(
    listId: number,
    options: { query?: string; after?: string; limit: number; status?: SubscriptionStatus },
  ): Promise<SubscriberEntry[]> {
    let q = this.db
      .selectFrom("newsletter_subscriptions as s")
      .innerJoin("newsletter_subscribers as r", "r.id", "s.subscriber_id")
      .select([
        "r.id as subscriberId",
        "r.email",
        "r.language",
        "s.status",
        "s.source",
        "s.created_at as createdAt",
        "s.confirmed_at as confirmedAt",
      ])
      .where("s.list_id", "=", listId);
    if (options.status) q = q.where("s.status", "=", options.status);
    if (options.query) {
      const escaped = options.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      q = q.where(sql<boolean>`r.email like ${`%${escaped}%`} escape '\\'`);
    }
    if (options.after !== undefined) q = q.where("r.email", ">", options.after);
    return q.orderBy("r.email").limit(options.limit).execute();
  }

  // Suppressions

  async isSuppressed(email: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("newsletter_suppressions")
      .select("email")
      .where("email", "=", email)
      .executeTakeFirst();
    return row !== undefined;
  }

  findSuppression(email: string) {
    return this.db.selectFrom("newsletter_suppressions").selectAll().where("email", "=", email).executeTakeFirst();
  }

  async suppress(row: NewsletterSuppressionsTable): Promise<void> {
    await this.db
      .insertInto("newsletter_suppressions")
      .values(row)
      .onConflict((oc) => oc.column("email").doNothing())
      .execute();
  }

  /** Lifts a suppression the reader themself can undo (an unsubscribe), never a bounce. */
  async liftUnsubscribeSuppression(email: string): Promise<void> {
    await this.db
      .deleteFrom("newsletter_suppressions")
      .where("email", "=", email)
      .where("reason", "=", "unsubscribed")
      .execute();
  }

  // Issues

  async insertIssue(row: Insertable<NewsletterIssuesTable>): Promise<NewsletterIssueRow | undefined> {
    try {
      return await this.db.insertInto("newsletter_issues").values(row).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      // Another scheduler made this slot's issue first.
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  findIssue(id: number): Promise<NewsletterIssueRow | undefined> {
    return this.db.selectFrom("newsletter_issues").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findIssueBySlot(listId: number, scheduledFor: string): Promise<NewsletterIssueRow | undefined> {
    return this.db
      .selectFrom("newsletter_issues")
      .selectAll()
      .where("list_id", "=", listId)
      .where("scheduled_for", "=", scheduledFor)
      .executeTakeFirst();
  }

  listIssues(listId: number, limit: number): Promise<NewsletterIssueRow[]> {
    return this.db
      .selectFrom("newsletter_issues")
      .selectAll()
      .where("list_id", "=", listId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
  }

  /** When the list last went out (or was made to go out): where the next digest starts. */
  async lastIssueTime(listId: number, beforeId?: number): Promise<string | undefined> {
    let q = this.db
      .selectFrom("newsletter_issues")
      .select(["scheduled_for", "started_at", "created_at"])
      .where("list_id", "=", listId)
      .where("status", "in", ["sending", "sent"]);
    if (beforeId !== undefined) q = q.where("id", "!=", beforeId);
    const row = await q.orderBy("created_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
    return row ? (row.scheduled_for ?? row.started_at ?? row.created_at) : undefined;
  }

  /** Changes an issue only from one of the given statuses; undefined when it was in another. */
  updateIssue(
    id: number,
    from: readonly IssueStatus[],
    patch: Updateable<NewsletterIssuesTable>,
  ): Promise<NewsletterIssueRow | undefined> {
    return this.db
      .updateTable("newsletter_issues")
      .set(patch)
      .where("id", "=", id)
      .where("status", "in", from)
      .returningAll()
      .executeTakeFirst();
  }

  // Deliveries

  /** One pending row per active, unsuppressed subscriber; a second call adds nobody twice. */
  async createDeliveries(issueId: number, listId: number, now: string): Promise<void> {
    await this.db
      .insertInto("newsletter_deliveries")
      .columns(["issue_id", "subscriber_id", "email", "state", "attempts", "next_attempt_at"])
      .expression((eb) =>
        eb
          .selectFrom("newsletter_subscriptions as s")
          .innerJoin("newsletter_subscribers as r", "r.id", "s.subscriber_id")
          .select([
            sql.lit(issueId).as("issue_id"),
            "r.id",
            "r.email",
            sql.lit("pending").as("state"),
            sql.lit(0).as("attempts"),
            sql.val(now).as("next_attempt_at"),
          ])
          .where("s.list_id", "=", listId)
          .where("s.status", "=", "active")
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(selectFrom("newsletter_suppressions as x").select("x.email").whereRef("x.email", "=", "r.email")),
            ),
          ),
      )
      .onConflict((oc) => oc.columns(["issue_id", "subscriber_id"]).doNothing())
      .execute();
  }

  /**
   * Claims up to `limit` due rows for one sender: pending ones whose retry time has come, and
   * rows whose sender died (a `sending` row with an expired lease). Safe with several senders:
   * the update re-checks the condition, so a row goes to one of them.
   */
  async claimDeliveries(issueId: number, limit: number, now: string, leaseUntil: string): Promise<ClaimedDelivery[]> {
    // Senders that read the same candidates race for them; a loser reads again rather than
    // taking an empty claim for "nothing left".
    for (let attempt = 0; attempt < 20; attempt++) {
      // Two reads that each follow the (issue, state, next attempt) index. One read with an OR
      // in id order made SQLite walk the issue's rows from the first, sent ones included: each
      // claim cost more as the send went on (4 ms a claim at 20,000 readers).
      const expired = await this.db
        .selectFrom("newsletter_deliveries")
        .select("id")
        .where("issue_id", "=", issueId)
        .where("state", "=", "sending")
        .where("lease_until", "<", now)
        .limit(limit)
        .execute();
      const pending =
        expired.length >= limit
          ? []
          : await this.db
              .selectFrom("newsletter_deliveries")
              .select("id")
              .where("issue_id", "=", issueId)
              .where("state", "=", "pending")
              .where("next_attempt_at", "<=", now)
              .orderBy("next_attempt_at")
              .orderBy("id")
              .limit(limit - expired.length)
              .execute();
      const candidates = [...expired, ...pending];
      if (candidates.length === 0) return [];
      const claimed = await this.db
        .updateTable("newsletter_deliveries")
        .set({ state: "sending", lease_until: leaseUntil })
        .where(
          "id",
          "in",
          candidates.map((c) => c.id),
        )
        .where((eb) =>
          eb.or([
            eb.and([eb("state", "=", "pending"), eb("next_attempt_at", "<=", now)]),
            eb.and([eb("state", "=", "sending"), eb("lease_until", "<", now)]),
          ]),
        )
        .returning(["id", "subscriber_id", "email", "attempts"])
        .execute();
      if (claimed.length > 0) return claimed.sort((a, b) => a.id - b.id);
    }
    return [];
  }

  /**
   * Extends this sender's hold on claimed rows. Returns the ids still held under `held`: a row
   * whose lease ran out may have been taken by another sender, and is theirs now.
   */
  async renewLeases(ids: readonly number[], held: string, until: string): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .updateTable("newsletter_deliveries")
      .set({ lease_until: until })
      .where("id", "in", ids)
      .where("state", "=", "sending")
      .where("lease_until", "=", held)
      .returning("id")
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Of these subscribers, those who still want the list: subscribed, and the address not suppressed. */
  async stillWanted(listId: number, subscriberIds: readonly number[]): Promise<Set<number>> {
    if (subscriberIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom("newsletter_subscriptions as s")
      .innerJoin("newsletter_subscribers as r", "r.id", "s.subscriber_id")
      .select("s.subscriber_id")
      .where("s.list_id", "=", listId)
      .where("s.subscriber_id", "in", subscriberIds)
      .where("s.status", "=", "active")
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("newsletter_suppressions as x").select("x.email").whereRef("x.email", "=", "r.email"))),
      )
      .execute();
    return new Set(rows.map((r) => r.subscriber_id));
  }

  async finishDelivery(
    id: number,
    patch: { state: DeliveryState; attempts: number; nextAttemptAt?: string; error?: string | null; sentAt?: string },
  ): Promise<void> {
    await this.db
      .updateTable("newsletter_deliveries")
      .set({
        state: patch.state,
        attempts: patch.attempts,
        lease_until: null,
        last_error: patch.error ?? null,
        ...(patch.nextAttemptAt ? { next_attempt_at: patch.nextAttemptAt } : {}),
        ...(patch.sentAt ? { sent_at: patch.sentAt } : {}),
      })
      .where("id", "=", id)
      .where("state", "=", "sending")
      .execute();
  }

  /** Copies the relay accepted, in one write: sent now, one attempt more, lease released. */
  async markSent(ids: readonly number[], sentAt: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.db
        .updateTable("newsletter_deliveries")
        .set((eb) => ({
          state: "sent" as const,
          attempts: eb("attempts", "+", 1),
          lease_until: null,
          last_error: null,
          sent_at: sentAt,
        }))
        .where("id", "in", ids.slice(i, i + 500))
        .where("state", "=", "sending")
        .execute();
    }
  }

  async deliveryCounts(issueId: number): Promise<DeliveryCounts> {
    const rows = await this.db
      .selectFrom("newsletter_deliveries")
      .select(["state", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("issue_id", "=", issueId)
      .groupBy("state")
      .execute();
    const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, failed: 0, bounced: 0, suppressed: 0 };
    for (const row of rows) counts[row.state] = Number(row.n);
    return counts;
  }

  /** The earliest time a waiting row of the issue may be tried (a retry or a dead sender's lease). */
  async nextDueTime(issueId: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("newsletter_deliveries")
      .select([
        (eb) => eb.fn.min("next_attempt_at").as("retry"),
        (eb) => eb.fn.min("lease_until").as("lease"),
        (eb) => eb.fn.countAll<number | string>().as("n"),
      ])
      .where("issue_id", "=", issueId)
      .where("state", "in", ["pending", "sending"])
      .executeTakeFirst();
    if (!row || Number(row.n) === 0) return undefined;
    const times = [row.retry, row.lease].filter((t): t is string => typeof t === "string");
    return times.sort()[0];
  }

  /** Sent times of the last rows, for the send rate shown in the admin. */
  async sentSince(issueId: number, since: string): Promise<number> {
    const row = await this.db
      .selectFrom("newsletter_deliveries")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("issue_id", "=", issueId)
      .where("state", "=", "sent")
      .where("sent_at", ">=", since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** One page of an issue's delivery log, by delivery id; `state` narrows it to one outcome. */
  deliveryLog(
    issueId: number,
    options: { after?: number; limit: number; state?: DeliveryState },
  ): Promise<
    Pick<NewsletterDeliveryRow, "id" | "email" | "state" | "attempts" | "sent_at" | "last_error" | "next_attempt_at">[]
  > {
    let q = this.db
      .selectFrom("newsletter_deliveries")
      .select(["id", "email", "state", "attempts", "sent_at", "last_error", "next_attempt_at"])
      .where("issue_id", "=", issueId);
    if (options.state) q = q.where("state", "=", options.state);
    if (options.after !== undefined) q = q.where("id", ">", options.after);
    return q.orderBy("id").limit(options.limit).execute();
  }

  deliveriesOf(issueId: number): Promise<NewsletterDeliveryRow[]> {
    return this.db.selectFrom("newsletter_deliveries").selectAll().where("issue_id", "=", issueId).execute();
  }

  /** Sent issues whose sending finished in [from, to), newest first (analytics' newsletter table). */
  sentBetween(
    from: string,
    to: string,
  ): Promise<{ id: number; subject: string; list_name: string; sent_at: string }[]> {
    return this.db
      .selectFrom("newsletter_issues")
      .innerJoin("newsletter_lists", "newsletter_lists.id", "newsletter_issues.list_id")
      .select([
        "newsletter_issues.id",
        "newsletter_issues.subject",
        "newsletter_lists.name as list_name",
        (eb) =>
          eb.fn.coalesce("newsletter_issues.finished_at", "newsletter_issues.started_at").$notNull().as("sent_at"),
      ])
      .where("newsletter_issues.status", "=", "sent")
      .where("newsletter_issues.finished_at", ">=", from)
      .where("newsletter_issues.finished_at", "<", to)
      .orderBy("newsletter_issues.finished_at", "desc")
      .execute();
  }

  /** Issues left mid-send (a crash or a restart): the sender picks them up again. */
  async issuesInStatus(status: IssueStatus): Promise<NewsletterIssueRow[]> {
    return this.db.selectFrom("newsletter_issues").selectAll().where("status", "=", status).execute();
  }

  /** Counts of subscriptions ended after the issue went out, for its report. */
  async unsubscribedSince(listId: number, since: string): Promise<number> {
    const row = await this.db
      .selectFrom("newsletter_subscriptions")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("list_id", "=", listId)
      .where("status", "=", "unsubscribed")
      .where("unsubscribed_at", ">=", since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
