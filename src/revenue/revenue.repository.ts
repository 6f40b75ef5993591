import { type Kysely, sql, type Transaction } from "kysely";
import type {
  ContributionKind,
  ContributionRow,
  ContributionStatus,
  DB,
  SubscriptionRow,
  SupporterRow,
} from "../platform/db/schema.js";

export interface NewContribution {
  supporterId: number | null;
  kind: ContributionKind;
  currency: string;
  amount: number;
  editionCode: string | null;
  stripeSessionId: string | null;
  stripeInvoiceId: string | null;
  stripePaymentIntentId: string | null;
  stripeSubscriptionId: string | null;
  paidAt: string;
}

export interface SubscriptionState {
  stripeSubscriptionId: string;
  supporterId: number | null;
  status: string;
  currency: string;
  amount: number;
  interval: "month" | "year";
  currentPeriodEnd: string | null;
  canceledAt: string | null;
}

export interface TotalRow {
  period: string;
  currency: string;
  total: number;
  refunded: number;
  count: number;
}

export interface ContributionListRow extends ContributionRow {
  supporter_email: string | null;
  supporter_name: string | null;
}

export interface SupporterListRow extends SupporterRow {
  contributions: number;
  active_subscriptions: number;
}

/** All SQL of reader revenue. Inside `transaction`, the same methods run on the transaction. */
export class RevenueRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  transaction<T>(work: (repository: RevenueRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new RevenueRepository(trx)));
  }

  async getSettings(scope: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("revenue_settings")
      .select("document")
      .where("scope", "=", scope)
      .executeTakeFirst();
    return row?.document;
  }

  async putSettings(scope: string, document: string, now: string): Promise<void> {
    await this.db
      .insertInto("revenue_settings")
      .values({ scope, document, updated_at: now })
      .onConflict((oc) => oc.column("scope").doUpdateSet({ document, updated_at: now }))
      .execute();
  }

  /** Records a Stripe event id; false when it was already there (a replay). */
  async recordEvent(eventId: string, type: string, now: string): Promise<boolean> {
    const result = await this.db
      .insertInto("revenue_stripe_events")
      .values({ event_id: eventId, type, received_at: now })
      .onConflict((oc) => oc.column("event_id").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  findSupporterByCustomer(customerId: string): Promise<SupporterRow | undefined> {
    return this.db
      .selectFrom("revenue_supporters")
      .selectAll()
      .where("stripe_customer_id", "=", customerId)
      .executeTakeFirst();
  }

  findSupporterByEmail(email: string): Promise<SupporterRow | undefined> {
    return this.db.selectFrom("revenue_supporters").selectAll().where("email", "=", email).executeTakeFirst();
  }

  findSupporter(id: number): Promise<SupporterRow | undefined> {
    return this.db.selectFrom("revenue_supporters").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async insertSupporter(values: {
    email: string;
    name: string | null;
    language: string;
    editionCode: string | null;
    customerId: string | null;
    now: string;
  }): Promise<SupporterRow> {
    return this.db
      .insertInto("revenue_supporters")
      .values({
        email: values.email,
        name: values.name,
        language: values.language,
        edition_code: values.editionCode,
        stripe_customer_id: values.customerId,
        created_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async updateSupporter(
    id: number,
    values: { name?: string | null; customerId?: string | null; language?: string; now: string },
  ): Promise<void> {
    await this.db
      .updateTable("revenue_supporters")
      .set({
        ...(values.name !== undefined ? { name: values.name } : {}),
        ...(values.customerId !== undefined ? { stripe_customer_id: values.customerId } : {}),
        ...(values.language !== undefined ? { language: values.language } : {}),
        updated_at: values.now,
      })
      .where("id", "=", id)
      .execute();
  }

  /** False when a contribution for the same session or invoice exists already. */
  async insertContribution(values: NewContribution): Promise<boolean> {
    const result = await this.db
      .insertInto("revenue_contributions")
      .values({
        supporter_id: values.supporterId,
        kind: values.kind,
        currency: values.currency,
        amount: values.amount,
        status: "paid",
        edition_code: values.editionCode,
        stripe_session_id: values.stripeSessionId,
        stripe_invoice_id: values.stripeInvoiceId,
        stripe_payment_intent_id: values.stripePaymentIntentId,
        stripe_subscription_id: values.stripeSubscriptionId,
        paid_at: values.paidAt,
        updated_at: values.paidAt,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async findContributionByPayment(
    paymentIntentId: string | null,
    invoiceId: string | null,
  ): Promise<ContributionRow | undefined> {
    if (!paymentIntentId && !invoiceId) return undefined;
    return this.db
      .selectFrom("revenue_contributions")
      .selectAll()
      .where((eb) =>
        eb.or([
          ...(paymentIntentId ? [eb("stripe_payment_intent_id", "=", paymentIntentId)] : []),
          ...(invoiceId ? [eb("stripe_invoice_id", "=", invoiceId)] : []),
        ]),
      )
      .orderBy("id")
      .executeTakeFirst();
  }

  async setRefund(id: number, refundedAmount: number, status: ContributionStatus, now: string): Promise<void> {
    await this.db
      .updateTable("revenue_contributions")
      .set({ refunded_amount: refundedAmount, status, updated_at: now })
      .where("id", "=", id)
      .execute();
  }

  findSubscription(stripeSubscriptionId: string): Promise<SubscriptionRow | undefined> {
    return this.db
      .selectFrom("revenue_subscriptions")
      .selectAll()
      .where("stripe_subscription_id", "=", stripeSubscriptionId)
      .executeTakeFirst();
  }

  async upsertSubscription(state: SubscriptionState, now: string): Promise<void> {
    const values = {
      supporter_id: state.supporterId,
      status: state.status,
      currency: state.currency,
      amount: state.amount,
      interval: state.interval,
      current_period_end: state.currentPeriodEnd,
      canceled_at: state.canceledAt,
      updated_at: now,
    };
    await this.db
      .insertInto("revenue_subscriptions")
      .values({ ...values, stripe_subscription_id: state.stripeSubscriptionId, created_at: now })
      .onConflict((oc) => oc.column("stripe_subscription_id").doUpdateSet(values))
      .execute();
  }

  async setSubscriptionStatus(stripeSubscriptionId: string, status: string, now: string): Promise<void> {
    await this.db
      .updateTable("revenue_subscriptions")
      .set({ status, updated_at: now })
      .where("stripe_subscription_id", "=", stripeSubscriptionId)
      .execute();
  }

  /** A supporter's Stripe customer while one of their subscriptions is not canceled. */
  async customerWithSubscription(email: string): Promise<{ customerId: string; language: string } | undefined> {
    const row = await this.db
      .selectFrom("revenue_supporters")
      .innerJoin("revenue_subscriptions", "revenue_subscriptions.supporter_id", "revenue_supporters.id")
      .select(["revenue_supporters.stripe_customer_id as customerId", "revenue_supporters.language as language"])
      .where("revenue_supporters.email", "=", email)
      .where("revenue_supporters.stripe_customer_id", "is not", null)
      .where("revenue_subscriptions.status", "not in", ["canceled", "incomplete_expired"])
      .executeTakeFirst();
    return row?.customerId ? { customerId: row.customerId, language: row.language } : undefined;
  }

  async totals(granularity: "day" | "month", since: string): Promise<TotalRow[]> {
    const length = granularity === "day" ? 10 : 7;
    const period = sql<string>`substr(paid_at, 1, ${sql.lit(length)})`;
    const rows = await this.db
      .selectFrom("revenue_contributions")
      .select([
        period.as("period"),
        "currency",
        sql<number | string>`sum(amount)`.as("total"),
        sql<number | string>`sum(refunded_amount)`.as("refunded"),
        sql<number | string>`count(*)`.as("count"),
      ])
      .where("paid_at", ">=", since)
      .groupBy([period, "currency"])
      .orderBy(period, "desc")
      .orderBy("currency")
      .execute();
    return rows.map((row) => ({
      period: row.period,
      currency: row.currency,
      total: Number(row.total),
      refunded: Number(row.refunded),
      count: Number(row.count),
    }));
  }

  activeSubscriptions(): Promise<Pick<SubscriptionRow, "currency" | "amount" | "interval">[]> {
    return this.db
      .selectFrom("revenue_subscriptions")
      .select(["currency", "amount", "interval"])
      .where("status", "in", ["active", "trialing", "past_due"])
      .execute();
  }

  latestContributions(limit: number, refundsOnly: boolean): Promise<ContributionListRow[]> {
    let query = this.db
      .selectFrom("revenue_contributions")
      .leftJoin("revenue_supporters", "revenue_supporters.id", "revenue_contributions.supporter_id")
      .selectAll("revenue_contributions")
      .select(["revenue_supporters.email as supporter_email", "revenue_supporters.name as supporter_name"]);
    if (refundsOnly) query = query.where("revenue_contributions.refunded_amount", ">", 0);
    return query
      .orderBy(refundsOnly ? "revenue_contributions.updated_at" : "revenue_contributions.paid_at", "desc")
      .orderBy("revenue_contributions.id", "desc")
      .limit(limit)
      .execute();
  }

  /** Newest first; `q` matches email or name (case-insensitive); keyset on id. */
  listSupporters(options: { q?: string; beforeId?: number; limit: number }): Promise<SupporterListRow[]> {
    let query = this.db
      .selectFrom("revenue_supporters")
      .selectAll("revenue_supporters")
      .select((eb) => [
        eb
          .selectFrom("revenue_contributions")
          .select(sql<number>`count(*)`.as("n"))
          .whereRef("revenue_contributions.supporter_id", "=", "revenue_supporters.id")
          .as("contributions"),
        eb
          .selectFrom("revenue_subscriptions")
          .select(sql<number>`count(*)`.as("n"))
          .whereRef("revenue_subscriptions.supporter_id", "=", "revenue_supporters.id")
          .where("revenue_subscriptions.status", "in", ["active", "trialing", "past_due"])
          .as("active_subscriptions"),
      ]);
    if (options.q) {
      const pattern = `%${options.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          sql<boolean>`lower(revenue_supporters.email) like ${pattern} escape '\\'`,
          sql<boolean>`lower(coalesce(revenue_supporters.name, '')) like ${pattern} escape '\\'`,
        ]),
      );
    }
    if (options.beforeId) query = query.where("revenue_supporters.id", "<", options.beforeId);
    return query
      .orderBy("revenue_supporters.id", "desc")
      .limit(options.limit)
      .execute()
      .then((rows) =>
        rows.map((row) => ({
          ...row,
          contributions: Number(row.contributions ?? 0),
          active_subscriptions: Number(row.active_subscriptions ?? 0),
        })),
      );
  }
}
