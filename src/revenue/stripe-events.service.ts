import type { Edition } from "../newsroom/editions.service.js";
import { isLanguage } from "../platform/i18n/messages.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { Mailer } from "../platform/mail/mailer.js";
import { formatMoney } from "./amounts.shared.js";
import { thankYouMail } from "./revenue.mail.js";
import type { RevenueRepository } from "./revenue.repository.js";
import type { Frequency } from "./revenue.schemas.js";
import type { PaymentEvent } from "./stripe.gateway.js";
import { cleanEmail, cleanName } from "./support-text.js";
import { supportUrls } from "./support-urls.js";

export interface ThankYouJob {
  to: string;
  name: string | null;
  language: string;
  frequency: Frequency;
  amount: number;
  currency: string;
  editionCode: string | null;
}

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    "revenue.thank-you": ThankYouJob;
  }
}

export const HANDLED_EVENTS = [
  "checkout.session.completed",
  "invoice.paid",
  "invoice.payment_failed",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "charge.refunded",
] as const;

export type EventOutcome = "applied" | "replayed" | "ignored";

type Json = Record<string, unknown>;

// Event objects are read defensively: a field of the wrong type counts as missing.
function text(object: Json | undefined, key: string): string | null {
  const value = object?.[key];
  return typeof value === "string" && value.length > 0 && value.length <= 500 ? value : null;
}
function child(object: Json | undefined, key: string): Json | undefined {
  const value = object?.[key];
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
}
function minorUnits(object: Json | undefined, key: string): number | null {
  const value = object?.[key];
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= 10_000_000_000
    ? value
    : null;
}
/** An id field that Stripe sends either as the id or as the expanded object. */
function idOf(object: Json | undefined, key: string): string | null {
  return text(object, key) ?? text(child(object, key), "id");
}
function currencyOf(object: Json | undefined): string | null {
  const value = text(object, "currency");
  return value && /^[a-z]{3}$/i.test(value) ? value.toUpperCase() : null;
}
function isoFromUnix(value: unknown): string | null {
  return typeof value === "number" && Number.isFinite(value) && value > 0 && value < 1e11
    ? new Date(value * 1000).toISOString()
    : null;
}
function firstItem(list: Json | undefined): Json | undefined {
  const data = list?.data;
  return Array.isArray(data) && data[0] && typeof data[0] === "object" ? (data[0] as Json) : undefined;
}
function interval(value: unknown): "month" | "year" | null {
  return value === "month" || value === "year" ? value : null;
}

export interface StripeEventsDeps {
  repository: RevenueRepository;
  jobs: JobQueue;
  mailer: Mailer;
  editions: { byCode(code: string): Edition | undefined; root(): Edition | undefined };
  siteName: (edition: Edition) => Promise<string>;
  publicUrl: string;
  now?: () => Date;
}

/**
 * Applies verified Stripe events to supporters, contributions and subscriptions. Each event is
 * applied in one transaction that also records its id, so a replay (or a concurrent duplicate
 * delivery) finds the id and changes nothing.
 */
export class StripeEventsService {
  private readonly now: () => Date;

  constructor(private readonly deps: StripeEventsDeps) {
    this.now = deps.now ?? (() => new Date());
    deps.jobs.register("revenue.thank-you", (job) => this.sendThankYou(job));
  }

  async apply(event: PaymentEvent): Promise<EventOutcome> {
    if (!(HANDLED_EVENTS as readonly string[]).includes(event.type)) return "ignored";
    const now = this.now().toISOString();
    const thanks: ThankYouJob[] = [];
    const outcome = await this.deps.repository.transaction(async (repository) => {
      if (!(await repository.recordEvent(event.id, event.type, now))) return "replayed" as const;
      const handler = new EventHandler(repository, now, thanks, this.deps.editions);
      await handler.handle(event.type, event.object);
      return "applied" as const;
    });
    // Queued after the commit: the job is durable, and its dedupe key keeps one email per event.
    for (const job of thanks) {
      await this.deps.jobs.enqueue("revenue.thank-you", job, { dedupeKey: `revenue.thank-you:${event.id}` });
    }
    return outcome;
  }

  private async sendThankYou(job: ThankYouJob): Promise<void> {
    const edition =
      (job.editionCode ? this.deps.editions.byCode(job.editionCode) : undefined) ?? this.deps.editions.root();
    const siteName = edition ? await this.deps.siteName(edition) : "Gazette";
    await this.deps.mailer.send(
      thankYouMail({
        to: job.to,
        name: job.name,
        language: job.language,
        frequency: job.frequency,
        amount: formatMoney(job.amount, job.currency, job.language),
        siteName,
        supportPageUrl: supportUrls(this.deps.publicUrl, edition?.basePath ?? "/").page,
      }),
    );
  }
}

/** One event's changes, inside its transaction. */
class EventHandler {
  constructor(
    private readonly repository: RevenueRepository,
    private readonly now: string,
    private readonly thanks: ThankYouJob[],
    private readonly editions: StripeEventsDeps["editions"],
  ) {}

  async handle(type: string, object: Json): Promise<void> {
    switch (type) {
      case "checkout.session.completed":
        return this.checkoutCompleted(object);
      case "invoice.paid":
        return this.invoicePaid(object);
      case "invoice.payment_failed":
        return this.invoiceFailed(object);
      case "customer.subscription.updated":
      case "customer.subscription.deleted":
        return this.subscriptionChanged(object, type.endsWith("deleted"));
      case "charge.refunded":
        return this.chargeRefunded(object);
    }
  }

  /** Finds the supporter by Stripe customer, then by email; creates one when there is an email. */
  private async supporter(input: {
    customerId: string | null;
    email: string | null;
    name: string | null;
    language: string;
    editionCode: string | null;
  }): Promise<{ id: number; language: string; name: string | null } | null> {
    const byCustomer = input.customerId ? await this.repository.findSupporterByCustomer(input.customerId) : undefined;
    if (byCustomer) {
      if (input.name && !byCustomer.name) {
        await this.repository.updateSupporter(byCustomer.id, { name: input.name, now: this.now });
      }
      return { id: byCustomer.id, language: byCustomer.language, name: byCustomer.name ?? input.name };
    }
    if (!input.email) return null;
    const byEmail = await this.repository.findSupporterByEmail(input.email);
    if (byEmail) {
      await this.repository.updateSupporter(byEmail.id, {
        ...(input.name ? { name: input.name } : {}),
        ...(input.customerId && !byEmail.stripe_customer_id ? { customerId: input.customerId } : {}),
        now: this.now,
      });
      return { id: byEmail.id, language: byEmail.language, name: input.name ?? byEmail.name };
    }
    const created = await this.repository.insertSupporter({
      email: input.email,
      name: input.name,
      language: input.language,
      editionCode: input.editionCode,
      customerId: input.customerId,
      now: this.now,
    });
    return { id: created.id, language: created.language, name: created.name };
  }

  private async checkoutCompleted(session: Json): Promise<void> {
    const sessionId = text(session, "id");
    const currency = currencyOf(session);
    const amount = minorUnits(session, "amount_total");
    if (!sessionId || !currency || amount === null) return;
    const metadata = child(session, "metadata");
    const details = child(session, "customer_details");
    const editionCode = text(metadata, "edition");
    const edition = editionCode ? this.editions.byCode(editionCode) : undefined;
    const metaLanguage = text(metadata, "language");
    const language = metaLanguage && isLanguage(metaLanguage) ? metaLanguage : (edition?.language ?? "en");
    const email = cleanEmail(text(details, "email") ?? text(session, "customer_email"));
    const name = cleanName(text(metadata, "supporter_name") ?? text(details, "name"));
    const customerId = idOf(session, "customer");
    const supporter = await this.supporter({
      customerId,
      email,
      name,
      language,
      editionCode: edition?.code ?? null,
    });
    const mode = text(session, "mode");
    if (mode === "payment") {
      if (text(session, "payment_status") !== "paid") return;
      const inserted = await this.repository.insertContribution({
        supporterId: supporter?.id ?? null,
        kind: "one_time",
        currency,
        amount,
        editionCode: edition?.code ?? null,
        stripeSessionId: sessionId,
        stripeInvoiceId: null,
        stripePaymentIntentId: idOf(session, "payment_intent"),
        stripeSubscriptionId: null,
        paidAt: this.now,
      });
      if (inserted && email) this.thank(email, supporter, language, "one-time", amount, currency, edition);
      return;
    }
    if (mode === "subscription") {
      const subscriptionId = idOf(session, "subscription");
      if (!subscriptionId) return;
      const frequency: Frequency = text(metadata, "frequency") === "yearly" ? "yearly" : "monthly";
      const existing = await this.repository.findSubscription(subscriptionId);
      await this.repository.upsertSubscription(
        {
          stripeSubscriptionId: subscriptionId,
          supporterId: supporter?.id ?? existing?.supporter_id ?? null,
          // A subscription event that came first knows the status better than the session does.
          status: existing?.status ?? "active",
          currency,
          amount,
          interval: frequency === "yearly" ? "year" : "month",
          currentPeriodEnd: existing?.current_period_end ?? null,
          canceledAt: existing?.canceled_at ?? null,
        },
        this.now,
      );
      // Stripe may send one session under two event ids; the marker keeps it to one thank-you.
      if (email && (await this.repository.recordEvent(`thanks:${sessionId}`, "thank-you", this.now))) {
        this.thank(email, supporter, language, frequency, amount, currency, edition);
      }
    }
  }

  private thank(
    to: string,
    supporter: { language: string; name: string | null } | null,
    language: string,
    frequency: Frequency,
    amount: number,
    currency: string,
    edition: Edition | undefined,
  ): void {
    this.thanks.push({
      to,
      name: supporter?.name ?? null,
      language: supporter?.language ?? language,
      frequency,
      amount,
      currency,
      editionCode: edition?.code ?? null,
    });
  }

  /** The subscription an invoice pays, wherever this API version puts it. */
  private invoiceSubscription(invoice: Json): string | null {
    return (
      idOf(invoice, "subscription") ??
      idOf(child(child(invoice, "parent"), "subscription_details"), "subscription") ??
      idOf(child(child(firstItem(child(invoice, "lines")), "parent"), "subscription_item_details"), "subscription")
    );
  }

  private async invoicePaid(invoice: Json): Promise<void> {
    const invoiceId = text(invoice, "id");
    const currency = currencyOf(invoice);
    const amount = minorUnits(invoice, "amount_paid");
    if (!invoiceId || !currency || amount === null || amount === 0) return;
    const subscriptionId = this.invoiceSubscription(invoice);
    const existing = subscriptionId ? await this.repository.findSubscription(subscriptionId) : undefined;
    const supporter = await this.supporter({
      customerId: idOf(invoice, "customer"),
      email: cleanEmail(text(invoice, "customer_email")),
      name: cleanName(text(invoice, "customer_name")),
      language: "en",
      editionCode: null,
    });
    await this.repository.insertContribution({
      supporterId: supporter?.id ?? existing?.supporter_id ?? null,
      kind: "recurring",
      currency,
      amount,
      editionCode: null,
      stripeSessionId: null,
      stripeInvoiceId: invoiceId,
      stripePaymentIntentId: idOf(invoice, "payment_intent"),
      stripeSubscriptionId: subscriptionId,
      paidAt: this.now,
    });
    if (existing && subscriptionId) {
      const period = child(firstItem(child(invoice, "lines")), "period");
      await this.repository.upsertSubscription(
        {
          stripeSubscriptionId: subscriptionId,
          supporterId: existing.supporter_id ?? supporter?.id ?? null,
          status: existing.status === "canceled" ? existing.status : "active",
          currency: existing.currency,
          amount: existing.amount,
          interval: existing.interval,
          currentPeriodEnd: isoFromUnix(period?.end) ?? existing.current_period_end,
          canceledAt: existing.canceled_at,
        },
        this.now,
      );
    }
  }

  private async invoiceFailed(invoice: Json): Promise<void> {
    const subscriptionId = this.invoiceSubscription(invoice);
    if (!subscriptionId) return;
    const existing = await this.repository.findSubscription(subscriptionId);
    if (existing && existing.status !== "canceled") {
      await this.repository.setSubscriptionStatus(subscriptionId, "past_due", this.now);
    }
  }

  private async subscriptionChanged(subscription: Json, deleted: boolean): Promise<void> {
    const subscriptionId = text(subscription, "id");
    if (!subscriptionId) return;
    const existing = await this.repository.findSubscription(subscriptionId);
    const item = firstItem(child(subscription, "items"));
    const price = child(item, "price");
    const amount = minorUnits(price, "unit_amount") ?? existing?.amount ?? null;
    const currency = currencyOf(price) ?? currencyOf(subscription) ?? existing?.currency ?? null;
    const every = interval(child(price, "recurring")?.interval) ?? existing?.interval ?? null;
    if (amount === null || !currency || !every) return;
    const customerId = idOf(subscription, "customer");
    const supporter = customerId ? await this.repository.findSupporterByCustomer(customerId) : undefined;
    const status = deleted ? "canceled" : (text(subscription, "status") ?? existing?.status ?? "active");
    await this.repository.upsertSubscription(
      {
        stripeSubscriptionId: subscriptionId,
        supporterId: existing?.supporter_id ?? supporter?.id ?? null,
        status,
        currency,
        amount,
        interval: every,
        currentPeriodEnd:
          isoFromUnix(item?.current_period_end) ??
          isoFromUnix(subscription.current_period_end) ??
          existing?.current_period_end ??
          null,
        canceledAt: deleted
          ? (isoFromUnix(subscription.ended_at) ?? isoFromUnix(subscription.canceled_at) ?? this.now)
          : (isoFromUnix(subscription.canceled_at) ?? null),
      },
      this.now,
    );
  }

  private async chargeRefunded(charge: Json): Promise<void> {
    const refunded = minorUnits(charge, "amount_refunded");
    if (refunded === null) return;
    const contribution = await this.repository.findContributionByPayment(
      idOf(charge, "payment_intent"),
      idOf(charge, "invoice"),
    );
    if (!contribution) return;
    const total = Math.min(refunded, contribution.amount);
    // Refund events may arrive out of order; the refunded total only grows.
    if (total <= contribution.refunded_amount) return;
    await this.repository.setRefund(
      contribution.id,
      total,
      total >= contribution.amount ? "refunded" : "partially_refunded",
      this.now,
    );
  }
}
