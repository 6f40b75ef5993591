import { AppError } from "../errors.js";
import type { Edition } from "../newsroom/editions.service.js";
import type { DomainEventBus } from "../platform/events/domain-events.js";
import type { Language } from "../platform/i18n/messages.js";
import { isLanguage, translate } from "../platform/i18n/messages.js";
import type { Mailer } from "../platform/mail/mailer.js";
import type { RateLimiter } from "../platform/rate-limit/rate-limiter.js";
import type { LinkSigner } from "../platform/security/link-signer.js";
import type { SupportFrequency, SupportPageView } from "../site/views/SupportPage.js";
import { checkAmount, formatMajorAmount, formatMoney, parseMajorAmount } from "./amounts.shared.js";
import { portalLinkMail } from "./revenue.mail.js";
import type { RevenueRepository } from "./revenue.repository.js";
import { FREQUENCIES, type Frequency } from "./revenue.schemas.js";
import type { RevenueSettingsService } from "./revenue-settings.service.js";
import type { PaymentGateway } from "./stripe.gateway.js";
import { cleanEmail, cleanName } from "./support-text.js";
import { supportUrls } from "./support-urls.js";
import "./revenue.events.js";

/** A reader's checkout form, exactly as posted: every field is checked here, none is trusted. */
export interface CheckoutForm {
  /** The amount the reader typed, in major units ("25", "25.50"); wins over a chosen preset. */
  amount?: string;
  /** A preset button's value, used when nothing was typed. */
  preset?: string;
  currency?: string;
  frequency?: string;
  tier?: string;
  name?: string;
  email?: string;
  /** The article page the form was on, for the article's conversion count; ignored unless an id. */
  fromArticle?: string;
}

/** Why a checkout form was refused; the reader's page explains each in their language. */
export type CheckoutProblem =
  | "amount"
  | "below_minimum"
  | "above_maximum"
  | "currency"
  | "frequency"
  | "tier"
  | "email"
  | "name";

export const CHECKOUT_LIMIT = { requests: 10, windowSeconds: 600 };
export const PORTAL_LINK_LIMIT = { requests: 5, windowSeconds: 3600 };
const PORTAL_LINK_HOURS = 24;
const PORTAL_PURPOSE = "revenue.portal";

function refuse(problem: CheckoutProblem, message: string, extra: Record<string, string> = {}): AppError {
  return new AppError("validation_failed", message, { field: problem, problem, ...extra });
}

export interface StripeStatus {
  checkout: boolean;
  webhooks: boolean;
  /** The settings still needed, by variable name. */
  missing: string[];
  mode: "test" | "live" | null;
  apiBase: string | null;
  webhookUrl: string;
}

export interface CheckoutDeps {
  /** The gateway for the keys in force (they may be set in the app at any time); null without keys. */
  gateway: () => PaymentGateway | null;
  /** Reads keys another process may have changed, before a decision that depends on them. */
  refreshKeys?: () => Promise<void>;
  settings: RevenueSettingsService;
  repository: RevenueRepository;
  rateLimiter: RateLimiter;
  signer: LinkSigner;
  mailer: Mailer;
  siteName: (edition: Edition) => Promise<string>;
  publicUrl: string;
  stripe: { keys: () => { secretKey: string | null; webhookSecret: string | null }; apiBase: string | null };
  now?: () => Date;
  /** Where `donation.started` is announced (analytics counts it). */
  events?: DomainEventBus;
}

const STRIPE_LOCALES: Partial<Record<Language, "en" | "ru">> = { en: "en", ru: "ru" };

/** Turns a reader's choice into a Stripe Checkout Session, and lets patrons reach their billing portal. */
export class CheckoutService {
  private readonly now: () => Date;

  constructor(private readonly deps: CheckoutDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  get enabled(): boolean {
    return this.deps.gateway() !== null;
  }

  /** Validates the form and answers the Checkout URL the reader is sent to. */
  async start(edition: Edition, form: CheckoutForm, ip: string): Promise<{ url: string }> {
    await this.deps.refreshKeys?.();
    const gateway = this.deps.gateway();
    if (!gateway) throw new AppError("service_unavailable", "Card payments are not set up on this site.");
    const limit = await this.deps.rateLimiter.hit(
      `revenue.checkout:${ip}`,
      CHECKOUT_LIMIT.requests,
      CHECKOUT_LIMIT.windowSeconds,
    );
    if (!limit.allowed) {
      throw new AppError("rate_limited", "Too many payment attempts; try again later.", {
        retryAfterSeconds: limit.retryAfterSeconds,
      });
    }
    const choice = await this.validate(edition, form);
    const siteName = await this.deps.siteName(edition);
    const lang = edition.language;
    const urls = supportUrls(this.deps.publicUrl, edition.basePath);
    const productKey =
      choice.frequency === "monthly"
        ? "support.product.monthly"
        : choice.frequency === "yearly"
          ? "support.product.yearly"
          : "support.product.oneTime";
    const metadata: Record<string, string> = {
      edition: edition.code,
      language: lang,
      frequency: choice.frequency,
      ...(choice.tier ? { tier: choice.tier } : {}),
      ...(choice.name ? { supporter_name: choice.name } : {}),
    };
    const session = await gateway.createCheckout({
      mode: choice.frequency === "one-time" ? "payment" : "subscription",
      currency: choice.currency.toLowerCase(),
      amount: choice.amount,
      ...(choice.frequency === "one-time" ? {} : { interval: choice.frequency === "monthly" ? "month" : "year" }),
      productName: translate(lang, productKey, { site: siteName }),
      // Stripe fills in {CHECKOUT_SESSION_ID}; the page does not need it, but it helps support staff.
      successUrl: `${urls.thanks}?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: urls.cancelled,
      email: choice.email,
      locale: (isLanguage(lang) && STRIPE_LOCALES[lang]) || "auto",
      metadata,
    });
    const fromArticle = form.fromArticle?.trim() ?? "";
    if (/^[1-9]\d{0,9}$/.test(fromArticle) && Number(fromArticle) <= 2_147_483_647) {
      await this.deps.events?.publish("donation.started", { edition: edition.code, articleId: Number(fromArticle) });
    }
    return session;
  }

  private async validate(
    edition: Edition,
    form: CheckoutForm,
  ): Promise<{
    frequency: Frequency;
    currency: string;
    amount: number;
    tier: string | null;
    name: string | null;
    email: string | null;
  }> {
    const global = await this.deps.settings.globalSettings();
    const editionSettings = await this.deps.settings.editionSettings(edition);
    const currencyCode = (form.currency?.trim() || editionSettings.currency).toUpperCase();
    const currency = global.currencies.find((c) => c.code === currencyCode);
    if (!currency) throw refuse("currency", `${currencyCode.slice(0, 10)} is not accepted here.`);

    const name = cleanName(form.name);
    if (form.name && form.name.trim().length > 100) throw refuse("name", "The name is longer than 100 characters.");
    const email = form.email?.trim() ? cleanEmail(form.email) : null;
    if (form.email?.trim() && !email) throw refuse("email", "The email address does not look right.");

    const tierKey = form.tier?.trim();
    if (tierKey) {
      const tier = global.tiers.find((t) => t.key === tierKey);
      const amount = tier?.amounts[currency.code];
      if (!tier || amount === undefined) throw refuse("tier", "This patron tier is not offered in this currency.");
      return {
        frequency: tier.interval === "year" ? "yearly" : "monthly",
        currency: currency.code,
        amount,
        tier: tier.key,
        name,
        email,
      };
    }

    const frequencyText = form.frequency?.trim() || "one-time";
    if (!(FREQUENCIES as readonly string[]).includes(frequencyText)) {
      throw refuse("frequency", "Choose a one-time, monthly or yearly contribution.");
    }
    const frequency = frequencyText as Frequency;
    const typed = form.amount?.trim() || form.preset?.trim() || "";
    const amount = parseMajorAmount(typed, currency.code);
    const problem = checkAmount(amount, currency);
    const bounds = {
      min: formatMoney(currency.min, currency.code, edition.language),
      max: formatMoney(currency.max, currency.code, edition.language),
    };
    if (problem === "not_a_number" || amount === null) throw refuse("amount", "Enter the amount as a number.", bounds);
    if (problem) throw refuse(problem, `The amount must be between ${bounds.min} and ${bounds.max}.`, bounds);
    return { frequency, currency: currency.code, amount, tier: null, name, email };
  }

  /**
   * Emails a signed link to the billing portal when the address belongs to a patron. The answer is
   * the same either way, so the form does not reveal who gives.
   */
  async requestPortalLink(edition: Edition, emailInput: string, ip: string): Promise<void> {
    const limit = await this.deps.rateLimiter.hit(
      `revenue.portal-link:${ip}`,
      PORTAL_LINK_LIMIT.requests,
      PORTAL_LINK_LIMIT.windowSeconds,
    );
    if (!limit.allowed) {
      throw new AppError("rate_limited", "Too many requests; try again later.", {
        retryAfterSeconds: limit.retryAfterSeconds,
      });
    }
    const email = cleanEmail(emailInput);
    if (!email) throw refuse("email", "The email address does not look right.");
    const patron = await this.deps.repository.customerWithSubscription(email);
    if (!patron) return;
    const expiresAt = new Date(this.now().getTime() + PORTAL_LINK_HOURS * 3600_000);
    const token = this.deps.signer.sign(PORTAL_PURPOSE, { customer: patron.customerId }, expiresAt);
    const language = isLanguage(patron.language) ? patron.language : edition.language;
    const link = `${supportUrls(this.deps.publicUrl, edition.basePath).portal}?token=${encodeURIComponent(token)}`;
    await this.deps.mailer.send(
      portalLinkMail({
        to: email,
        language,
        link,
        siteName: await this.deps.siteName(edition),
        hours: PORTAL_LINK_HOURS,
      }),
    );
  }

  /** Checks a portal link and answers the Stripe billing portal's URL. */
  async openPortal(edition: Edition, token: string): Promise<{ url: string }> {
    await this.deps.refreshKeys?.();
    const gateway = this.deps.gateway();
    if (!gateway) throw new AppError("service_unavailable", "Card payments are not set up on this site.");
    const result = this.deps.signer.verify<{ customer: string }>(PORTAL_PURPOSE, token, this.now());
    if (!result.ok) {
      throw result.reason === "expired"
        ? new AppError("link_expired", "This link has expired; ask for a new one.")
        : new AppError("invalid_link", "This link is not valid.");
    }
    return gateway.createPortal(result.payload.customer, supportUrls(this.deps.publicUrl, edition.basePath).page);
  }

  /** The support page for a currency and frequency the reader picked (unknown values fall back). */
  async supportView(edition: Edition, query: { currency?: string; frequency?: string }): Promise<SupportPageView> {
    await this.deps.refreshKeys?.();
    const global = await this.deps.settings.globalSettings();
    const texts = await this.deps.settings.editionSettings(edition);
    const wanted = query.currency?.trim().toUpperCase();
    const currency =
      global.currencies.find((c) => c.code === wanted) ??
      global.currencies.find((c) => c.code === texts.currency) ??
      global.currencies[0];
    if (!currency) throw new Error("Revenue settings list no currency");
    const frequency: SupportFrequency = (FREQUENCIES as readonly string[]).includes(query.frequency ?? "")
      ? (query.frequency as SupportFrequency)
      : "one-time";
    const lang = edition.language;
    const urls = supportUrls("", edition.basePath);
    const money = (amount: number) => formatMoney(amount, currency.code, lang);
    return {
      checkoutEnabled: this.enabled,
      currency: currency.code,
      currencies: global.currencies.map((c) => ({
        code: c.code,
        href: `${urls.page}?currency=${c.code}${frequency === "one-time" ? "" : `&frequency=${frequency}`}`,
      })),
      frequency,
      presets: currency.presets.map((amount) => ({
        value: formatMajorAmount(amount, currency.code),
        label: money(amount),
      })),
      range: `${money(currency.min)} – ${money(currency.max)}`,
      tiers: global.tiers.flatMap((tier) => {
        const amount = tier.amounts[currency.code];
        if (amount === undefined) return [];
        const text = texts.tiers[tier.key];
        return [
          {
            key: tier.key,
            name: text?.name ?? tier.key,
            description: text?.description ?? "",
            price: translate(lang, tier.interval === "year" ? "support.tiers.year" : "support.tiers.month", {
              amount: money(amount),
            }),
          },
        ];
      }),
      pitch: texts.pitch,
      faq: texts.faq,
      patronUrl: texts.patronUrl,
      bankDetails: texts.bankDetails,
      paypalUrl: texts.paypalUrl ?? "",
      crypto: texts.crypto ?? [],
      actions: { checkout: urls.checkout, manage: urls.manage },
    };
  }

  status(): StripeStatus {
    const { secretKey, webhookSecret } = this.deps.stripe.keys();
    const { apiBase } = this.deps.stripe;
    const missing = [...(secretKey ? [] : ["STRIPE_SECRET_KEY"]), ...(webhookSecret ? [] : ["STRIPE_WEBHOOK_SECRET"])];
    return {
      checkout: secretKey !== null,
      webhooks: secretKey !== null && webhookSecret !== null,
      missing,
      mode: secretKey ? (/^(sk|rk)_live_/.test(secretKey) ? "live" : "test") : null,
      apiBase,
      webhookUrl: `${this.deps.publicUrl}/webhooks/stripe`,
    };
  }
}
