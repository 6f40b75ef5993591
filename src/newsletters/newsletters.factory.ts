import type { Kysely } from "kysely";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import type { EditionsService } from "../newsroom/editions.service.js";
import type { SettingsService } from "../newsroom/settings.service.js";
import type { DB } from "../platform/db/schema.js";
import type { DomainEventBus } from "../platform/events/domain-events.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { Mailer } from "../platform/mail/mailer.js";
import type { RateLimiter } from "../platform/rate-limit/rate-limiter.js";
import type { LinkSigner } from "../platform/security/link-signer.js";
import { NewsletterDeliveryService } from "./newsletter-delivery.service.js";
import { NewsletterIssuesService } from "./newsletter-issues.service.js";
import { NewsletterListsService } from "./newsletter-lists.service.js";
import { NewslettersRepository } from "./newsletters.repository.js";
import type { NewslettersOptions } from "./newsletters.types.js";
import { SubscriptionsService } from "./subscriptions.service.js";

/** The newsletters capability, one service per seam; they share one repository. */
export interface NewsletterServices {
  lists: NewsletterListsService;
  subscriptions: SubscriptionsService;
  issues: NewsletterIssuesService;
  /** Sending and the schedule's runs; it registers the newsletters' jobs on the queue it is given. */
  delivery: NewsletterDeliveryService;
}

export function createNewsletterServices(
  db: Kysely<DB>,
  deps: {
    editions: EditionsService;
    articleQueries: ArticleQueries;
    settings: SettingsService;
    mailer: Mailer;
    signer: LinkSigner;
    rateLimiter: RateLimiter;
    jobs: JobQueue;
    /** Where `newsletter.sent` is announced (webhooks follow it). */
    events?: DomainEventBus;
  },
  options: NewslettersOptions,
): NewsletterServices {
  const repository = new NewslettersRepository(db);
  const clock = options.now ? { now: options.now } : {};
  const lists = new NewsletterListsService(repository, deps, clock);
  const subscriptions = new SubscriptionsService(repository, lists, deps, { publicUrl: options.publicUrl, ...clock });
  const issues = new NewsletterIssuesService(repository, lists, deps, { publicUrl: options.publicUrl, ...clock });
  const delivery = new NewsletterDeliveryService(repository, { lists, issues, subscriptions }, deps, options);
  lists.onScheduleChanged = (list) => issues.planNextSlot(list);
  return { lists, subscriptions, issues, delivery };
}
