import type { Kysely } from "kysely";
import type { StripeConfig } from "../config.js";
import type { Edition } from "../newsroom/editions.service.js";
import type { DB } from "../platform/db/schema.js";
import type { DomainEventBus } from "../platform/events/domain-events.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { Mailer } from "../platform/mail/mailer.js";
import type { RateLimiter } from "../platform/rate-limit/rate-limiter.js";
import type { LinkSigner } from "../platform/security/link-signer.js";
import { CheckoutService } from "./checkout.service.js";
import { RevenueRepository } from "./revenue.repository.js";
import { RevenueReportsService } from "./revenue-reports.service.js";
import type { RevenueSettingsService } from "./revenue-settings.service.js";
import type { PaymentGateway } from "./stripe.gateway.js";
import { StripeEventsService } from "./stripe-events.service.js";
import { CurrentGateway, type StripeKeys } from "./stripe-keys.service.js";

export interface RevenueServices {
  settings: RevenueSettingsService;
  checkout: CheckoutService;
  events: StripeEventsService;
  reports: RevenueReportsService;
  /** The Stripe keys in force: from the environment, or typed into the app (stored encrypted). */
  keys: StripeKeys;
  /** Always the gateway of the keys in force (its `canVerify` is false without keys). */
  gateway: PaymentGateway;
}

/** Reader revenue's services; the settings and gateway are made earlier, because the site needs them. */
export function createRevenueServices(deps: {
  db: Kysely<DB>;
  stripe: StripeConfig;
  keys: StripeKeys;
  settings: RevenueSettingsService;
  editions: { byCode(code: string): Edition | undefined; root(): Edition | undefined };
  siteName: (edition: Edition) => Promise<string>;
  jobs: JobQueue;
  mailer: Mailer;
  rateLimiter: RateLimiter;
  signer: LinkSigner;
  publicUrl: string;
  now?: () => Date;
  /** Where `donation.started` is announced. */
  events?: DomainEventBus;
}): RevenueServices {
  const repository = new RevenueRepository(deps.db);
  const { apiBase } = deps.stripe;
  const checkout = new CheckoutService({
    gateway: () => deps.keys.gateway(),
    refreshKeys: () => deps.keys.refreshIfStale(),
    settings: deps.settings,
    repository,
    rateLimiter: deps.rateLimiter,
    signer: deps.signer,
    mailer: deps.mailer,
    siteName: deps.siteName,
    publicUrl: deps.publicUrl,
    stripe: {
      keys: () => ({ secretKey: deps.keys.secretKey, webhookSecret: deps.keys.webhookSecret }),
      apiBase: apiBase ? `${apiBase.protocol}://${apiBase.host}:${apiBase.port}` : null,
    },
    now: deps.now,
    events: deps.events,
  });
  const events = new StripeEventsService({
    repository,
    jobs: deps.jobs,
    mailer: deps.mailer,
    editions: deps.editions,
    siteName: deps.siteName,
    publicUrl: deps.publicUrl,
    now: deps.now,
  });
  return {
    settings: deps.settings,
    checkout,
    events,
    reports: new RevenueReportsService(repository, deps.now),
    keys: deps.keys,
    gateway: new CurrentGateway(deps.keys),
  };
}
