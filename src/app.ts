import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import { TypeBoxValidatorCompiler } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { sql } from "kysely";
import { registerAdminRoutes } from "./admin/admin.routes.js";
import { type AnalyticsServices, createAnalyticsServices } from "./analytics/analytics.factory.js";
import { registerBeaconRoutes } from "./analytics/beacon.routes.js";
import { registerClickRoutes } from "./analytics/click.routes.js";
import { registerStatsRoutes } from "./analytics/stats.routes.js";
import { ApiKeysRepository } from "./api/api-keys.repository.js";
import { registerApiKeyAdminRoutes } from "./api/api-keys.routes.js";
import { ApiKeysService } from "./api/api-keys.service.js";
import { registerContentApiRoutes } from "./api/content-api.routes.js";
import { ContentApiService } from "./api/content-api.service.js";
import { AuditRepository } from "./audit/audit.repository.js";
import { registerAuditRoutes } from "./audit/audit.routes.js";
import { AuditService } from "./audit/audit.service.js";
import type { Config } from "./config.js";
import { registerFeedRoutes } from "./distribution/feeds.routes.js";
import { FeedsService } from "./distribution/feeds.service.js";
import { MirrorsRepository } from "./distribution/mirrors.repository.js";
import { registerMirrorHooks, registerMirrorRoutes } from "./distribution/mirrors.routes.js";
import { MIRRORS_KEY, MirrorsService } from "./distribution/mirrors.service.js";
import { DistributionPageExtras } from "./distribution/page-extras.js";
import { registerPodcastFeedRoutes } from "./distribution/podcast.routes.js";
import { registerPublisherLogoRoutes } from "./distribution/publisher-logo.routes.js";
import { registerSitemapRoutes } from "./distribution/sitemaps.routes.js";
import { SitemapsService } from "./distribution/sitemaps.service.js";
import { WebSubService } from "./distribution/websub.service.js";
import type { OpenImportReader } from "./imports/import-runs.service.js";
import { createImportServices, type ImportServices } from "./imports/imports.factory.js";
import { registerImportRoutes } from "./imports/imports.routes.js";
import { openImportReader } from "./imports/reader-factory.js";
import { loadBasemap } from "./maps/basemap.js";
import { loadGazetteer } from "./maps/gazetteer.js";
import { LivePlacesRepository } from "./maps/live-places.repository.js";
import { registerLivePlacesRoutes } from "./maps/live-places.routes.js";
import { LivePlacesService } from "./maps/live-places.service.js";
import { loadMapAssets, tileImageSources } from "./maps/map-assets.js";
import { MapPagesRenderer } from "./maps/map-pages.renderer.js";
import { registerMapPageRoutes } from "./maps/map-pages.routes.js";
import { MapPagesService } from "./maps/map-pages.service.js";
import { MapsRepository } from "./maps/maps.repository.js";
import { registerMapsRoutes } from "./maps/maps.routes.js";
import { MapsService } from "./maps/maps.service.js";
import { createNewsletterServices, type NewsletterServices } from "./newsletters/newsletters.factory.js";
import { registerNewsletterRoutes } from "./newsletters/newsletters.routes.js";
import { registerNewsletterAdminRoutes } from "./newsletters/newsletters-admin.routes.js";
import { ArticleQueries } from "./newsroom/article-queries.service.js";
import { ArticlesRepository } from "./newsroom/articles.repository.js";
import { registerArticleRoutes } from "./newsroom/articles.routes.js";
import { ArticlesService } from "./newsroom/articles.service.js";
import { BreakingBannerService } from "./newsroom/breaking-banner.service.js";
import { CrisisModeRepository } from "./newsroom/crisis-mode.repository.js";
import { registerCrisisModeRoutes } from "./newsroom/crisis-mode.routes.js";
import { CrisisModeService } from "./newsroom/crisis-mode.service.js";
import { EditionsRepository } from "./newsroom/editions.repository.js";
import { EditionsService } from "./newsroom/editions.service.js";
import { EditorialNotesRepository } from "./newsroom/editorial-notes.repository.js";
import { registerEditorialNotesRoutes } from "./newsroom/editorial-notes.routes.js";
import { EditorialNotesService } from "./newsroom/editorial-notes.service.js";
import { LiveCoverageRepository } from "./newsroom/live-coverage.repository.js";
import { registerLiveCoverageRoutes } from "./newsroom/live-coverage.routes.js";
import { LiveCoverageService } from "./newsroom/live-coverage.service.js";
import { MediaRepository } from "./newsroom/media.repository.js";
import { MediaService } from "./newsroom/media.service.js";
import { MAX_UPLOAD_BYTES, registerMediaLibraryRoutes } from "./newsroom/media-library.routes.js";
import { MediaUsageRepository } from "./newsroom/media-usage.repository.js";
import { LIVE_EVENTS, PUBLIC_ARTICLE_EVENTS } from "./newsroom/newsroom.events.js";
import { PodcastRepository } from "./newsroom/podcast.repository.js";
import { registerPodcastRoutes } from "./newsroom/podcast.routes.js";
import { PodcastService } from "./newsroom/podcast.service.js";
import { ProfilesRepository } from "./newsroom/profiles.repository.js";
import { registerProfileRoutes } from "./newsroom/profiles.routes.js";
import { ProfilesService } from "./newsroom/profiles.service.js";
import { PublicationCheckRepository } from "./newsroom/publication-check/publication-check.repository.js";
import { registerPublicationCheckRoutes } from "./newsroom/publication-check/publication-check.routes.js";
import { PublicationCheckService } from "./newsroom/publication-check/publication-check.service.js";
import { ReviewNotifications } from "./newsroom/review-notifications.service.js";
import { SAFE_URL_FORMAT, SAFE_URL_OR_EMPTY_FORMAT } from "./newsroom/safe-url.schemas.js";
import { SettingsRepository } from "./newsroom/settings.repository.js";
import { registerSettingsRoutes } from "./newsroom/settings.routes.js";
import { SettingsService } from "./newsroom/settings.service.js";
import { registerSocialCardRoutes } from "./newsroom/social-cards.routes.js";
import { SocialCardsService } from "./newsroom/social-cards.service.js";
import { surrogateKey } from "./newsroom/surrogate-keys.js";
import { TaxonomyRepository } from "./newsroom/taxonomy.repository.js";
import { registerTaxonomyRoutes } from "./newsroom/taxonomy.routes.js";
import { TaxonomyService } from "./newsroom/taxonomy.service.js";
import { PlanningRepository } from "./planning/planning.repository.js";
import { registerPlanningRoutes } from "./planning/planning.routes.js";
import { PlanningService } from "./planning/planning.service.js";
import { PageCache } from "./platform/cache/page-cache.js";
import { PurgeWebhook } from "./platform/cache/purge-webhook.js";
import type { Database } from "./platform/db/database.js";
import { DomainEventBus } from "./platform/events/domain-events.js";
import { createErrorHandler } from "./platform/http/error-handler.js";
import { type ReadinessCheck, registerHealthRoutes } from "./platform/http/health.routes.js";
import { loggerOptions } from "./platform/http/log-redaction.js";
import { cachedSerializerFactory, cachedValidatorCompiler } from "./platform/http/schema-compilers.js";
import { registerSecurityHeaders } from "./platform/http/security-headers.js";
import { fastifyTrustProxy } from "./platform/http/trust-proxy.js";
import { JobQueue } from "./platform/jobs/job-queue.js";
import { countSentMail } from "./platform/mail/mailer.js";
import { SmtpMailer } from "./platform/mail/smtp-mailer.js";
import { instrumentRequests, Metrics, registerMetricsRoutes } from "./platform/metrics/metrics.js";
import { MemoryRateLimiter, type RateLimiter } from "./platform/rate-limit/rate-limiter.js";
import { RedisRateLimiter } from "./platform/rate-limit/redis-rate-limiter.js";
import type { ScaledMode } from "./platform/redis/scaled-mode.js";
import { LinkSigner, resolveSigningSecret } from "./platform/security/link-signer.js";
import { loadSigningKey, type SigningKey } from "./platform/security/signing-key.js";
import { LocalStorage } from "./platform/storage/local-storage.js";
import { PushRepository } from "./push/push.repository.js";
import { pushWorkerFile, registerPushRoutes } from "./push/push.routes.js";
import { PushService } from "./push/push.service.js";
import { WebPushSender } from "./push/push-sender.js";
import { resolveVapidKeys } from "./push/vapid-keys.js";
import { createRevenueServices, type RevenueServices } from "./revenue/revenue.factory.js";
import { RevenueRepository } from "./revenue/revenue.repository.js";
import { registerSupportRoutes } from "./revenue/revenue.routes.js";
import { registerRevenueAdminRoutes } from "./revenue/revenue-admin.routes.js";
import { RevenueSettingsService } from "./revenue/revenue-settings.service.js";
import { openSecret, sealSecret } from "./revenue/secret-box.js";
import { checkoutOrigins } from "./revenue/stripe.gateway.js";
import { StripeKeys } from "./revenue/stripe-keys.service.js";
import { registerStripeWebhookRoutes } from "./revenue/stripe-webhook.routes.js";
import { SupportRenderer } from "./revenue/support.renderer.js";
import { SupportCardService } from "./revenue/support-card.service.js";
import { SearchRepository } from "./search/search.repository.js";
import { registerSearchRoutes } from "./search/search.routes.js";
import { SearchService } from "./search/search.service.js";
import { type Assets, loadAssets } from "./site/assets.js";
import { LITE_CSS } from "./site/lite-style.js";
import { registerMediaRoutes } from "./site/media.routes.js";
import { registerPreviewRoutes } from "./site/preview.routes.js";
import { ReaderRoutes } from "./site/reader-routes.js";
import { SiteRenderer } from "./site/site.renderer.js";
import { registerSiteRoutes } from "./site/site.routes.js";
import { SiteService } from "./site/site.service.js";
import { registerSocialEmbedRoutes } from "./site/social-embed.routes.js";
import { urls } from "./site/urls.js";
import { registerStaffAuth } from "./staff/auth.plugin.js";
import { registerAuthRoutes } from "./staff/auth.routes.js";
import { registerOutboxRoutes } from "./staff/outbox.routes.js";
import { RedisLoginThrottle } from "./staff/redis-login-throttle.js";
import { createStaffServices, type StaffServices } from "./staff/staff.factory.js";
import { registerStaffRoutes } from "./staff/staff.routes.js";
import { BotApiClient } from "./telegram/bot-api.client.js";
import { TelegramRepository } from "./telegram/telegram.repository.js";
import { registerTelegramRoutes } from "./telegram/telegram.routes.js";
import { TelegramService } from "./telegram/telegram.service.js";
import { WebhooksRepository } from "./webhooks/webhooks.repository.js";
import { registerWebhookRoutes } from "./webhooks/webhooks.routes.js";
import { WebhooksService } from "./webhooks/webhooks.service.js";

/** The checkout's root, from src/app.ts in development or a chunk in dist/server once bundled. */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
  }
  return path.resolve(from, "..");
}

/** The staff capability's services (auth, staff, tokens, mailer) sit at the top level. */
export interface Services extends StaffServices {
  editions: EditionsService;
  /** The editorial workflow: every change to an article, announced as domain events. */
  articles: ArticlesService;
  /** What other capabilities read of articles (published pages, feeds, rows by id). */
  articleQueries: ArticleQueries;
  /** The wartime publication check: findings before publishing and the two-person rule. */
  publicationCheck: PublicationCheckService;
  settings: SettingsService;
  /** Live blog entries, corrections and updates. */
  live: LiveCoverageService;
  banners: BreakingBannerService;
  /** Each edition's crisis mode: lite front page, longer cache lifetimes, no heavy modules. */
  crisis: CrisisModeService;
  media: MediaService;
  /** Social-post cards fetched from the platforms when an editor pastes a post's address. */
  socialCards: SocialCardsService;
  /** The editions' podcast shows and their episodes (articles of kind "audio"). */
  podcasts: PodcastService;
  taxonomy: TaxonomyService;
  /** Staff profiles: each member's name, bio, photo and links, and their byline in every edition. */
  profiles: ProfilesService;
  site: SiteService;
  pageCache: PageCache;
  /** Domain events (`article.published`…) and their listeners: see `subscribeToDomainEvents`. */
  events: DomainEventBus;
  /** Durable jobs (scheduled publishing…); `main` starts its polling in the worker role. */
  jobs: JobQueue;
  feeds: FeedsService;
  sitemaps: SitemapsService;
  /** Pings the WebSub hub on publishing; null when WEBSUB_HUB_URL is not set. */
  websub: WebSubService | null;
  /** Signs and checks the links sent to readers by email. */
  signer: LinkSigner;
  /** Request counters for reader forms (sign-ups, checkout, search); shared in Redis in scaled mode. */
  rateLimiter: RateLimiter;
  /** Prometheus metrics at /metrics; capabilities count their events, e.g. `metrics.mailSent.inc()`. */
  metrics: Metrics;
  /** What /readyz asks: the database, and Redis in scaled mode. */
  readiness: ReadinessCheck[];
  /** The Redis connections of scaled mode (REDIS_URL); null in the embedded mode. */
  scaled: ScaledMode | null;
  /** Full-text search of articles: the reader's search page and the newsroom's list filter. */
  search: SearchService;
  /** Lists, sign-ups, issues, sending and the digest schedule. */
  newsletters: NewsletterServices;
  /** Reader revenue: donations and patrons through Stripe. */
  revenue: RevenueServices;
  /** Archive imports (WordPress, Ghost, feeds) and the old site's redirects. */
  imports: ImportServices;
  /** Battle maps, the gazetteer and the places articles name. */
  maps: MapsService;
  /** The places live entries name (maps capability). */
  livePlaces: LivePlacesService;
  /** Keys of the public Content API (/api/v1). */
  apiKeys: ApiKeysService;
  /** What the public Content API reads and how it shapes it. */
  contentApi: ContentApiService;
  /** Telegram channel publishing: channel settings per edition, one post per story, edited on change. */
  telegram: TelegramService;
  /** Web push alerts: readers' subscriptions, editors' sends, the breaking banner's alert. */
  push: PushService;
  /** The story budget: planned items per day and edition, assignments and their reminders. */
  planning: PlanningService;
  /** The audit log: who did what to which story, written from the domain events, owners read it. */
  audit: AuditService;
  /** Editorial notes: the desk's margin comments on drafts, in threads, with @mention mail. */
  editorialNotes: EditorialNotesService;
  /** Outgoing signed webhooks: subscriptions, deliveries and their retries. */
  webhooks: WebhooksService;
  /** Mirror hosts and the onion address, and the signed public list of them. */
  mirrors: MirrorsService;
  /** The outlet's Ed25519 key: it signs the mirror list and static snapshots' manifests. */
  signingKey: SigningKey;
  /** First-party, cookieless audience counts: the beacon, the newsroom's numbers, their retention. */
  analytics: AnalyticsServices;
}

/** Wires repositories into services. Caches are purged by the services' change events. */
export async function createServices(
  config: Config,
  database: Database,
  now?: () => Date,
  overrides: { openImportReader?: OpenImportReader } = {},
): Promise<Services> {
  const { db } = database;
  // Loaded only in scaled mode: BullMQ and ioredis add a noticeable part of every start's imports.
  const scaled = config.redis
    ? await (await import("./platform/redis/scaled-mode.js")).ScaledMode.open({
        ...config.redis,
        lockMs: config.jobs.lockSeconds * 1000,
      })
    : null;
  const taxonomy = new TaxonomyRepository(db);
  const mediaRepository = new MediaRepository(db);
  const editions = new EditionsService(new EditionsRepository(db), config.editionHosts, config.publicUrl);
  await editions.load();
  const jobs = new JobQueue(db, { now, ...(scaled ? { engine: scaled.jobEngine() } : {}) });
  const events = new DomainEventBus(jobs, now);
  const articlesRepository = new ArticlesRepository(db);
  const liveRepository = new LiveCoverageRepository(db);
  const publicationCheck = new PublicationCheckService(
    new PublicationCheckRepository(db),
    (code) => editions.byCode(code)?.language,
    now,
    async (ids) =>
      (await mediaRepository.findByIds(ids)).map((row) => ({
        mediaId: row.id,
        had: JSON.parse(row.exif_traces) as ("location" | "time")[],
        caption: row.caption,
      })),
    events,
    async (id) =>
      (await liveRepository.listEntries(id)).map((row) => ({
        headline: row.headline,
        body: JSON.parse(row.body) as unknown,
        postedAt: row.created_at,
      })),
  );
  // The scheduler runs the check again at a story's time: it may have been flagged since.
  const articles = new ArticlesService(
    articlesRepository,
    taxonomy,
    mediaRepository,
    events,
    now,
    jobs,
    publicationCheck,
  );
  const articleQueries = new ArticleQueries(articlesRepository, taxonomy, mediaRepository);
  const settingsRepository = new SettingsRepository(db);
  const settings = new SettingsService(settingsRepository, now);
  // Entries of a published live blog face the publication check as they are posted or edited.
  const live = new LiveCoverageService(liveRepository, events, now, publicationCheck);
  const banners = new BreakingBannerService(settingsRepository, now, events);
  const media = new MediaService(
    mediaRepository,
    new LocalStorage(config.mediaDir),
    new MediaUsageRepository(db),
    now,
    jobs,
  );
  const podcasts = new PodcastService(new PodcastRepository(db), mediaRepository, media, now);
  const pageCache = new PageCache({ ...config.pageCache, now });
  await scaled?.relayPurges(pageCache);
  if (config.purgeWebhook) {
    new PurgeWebhook(jobs, config.purgeWebhook).watch(pageCache, (error) =>
      console.error("gazette: could not queue a CDN purge:", error),
    );
  }
  settings.onChange((keys) => pageCache.purge(keys));
  media.onChange((keys) => pageCache.purge(keys));
  banners.onChange((keys) => pageCache.purge(keys));
  const crisis = new CrisisModeService(new CrisisModeRepository(db), jobs, now, (error) =>
    console.error("gazette: could not end a crisis mode:", error),
  );
  await crisis.load();
  crisis.onChange((keys) => pageCache.purge(keys));
  // A switch made by another process reaches this one as a relayed purge of `crisis:{edition}`.
  pageCache.onPurge((keys, origin) => {
    if (origin !== "remote") return;
    for (const key of keys) {
      if (!key.startsWith("crisis:")) continue;
      const edition = key.slice("crisis:".length);
      // Pages rendered between the relayed purge and the re-read show the old mode: drop them again,
      // here only (a "remote" purge is neither relayed nor sent to the CDN).
      crisis.reload(edition).then(
        () => pageCache.purge([surrogateKey.settings(edition)], { origin: "remote" }),
        (error: unknown) => console.error("gazette: could not re-read the crisis mode:", error),
      );
    }
  });
  const taxonomyService = new TaxonomyService(taxonomy);
  taxonomyService.onChange((keys) => pageCache.purge(keys));
  // Every purge, also one relayed from another process, drops what the in-memory lookups keep.
  for (const memo of [settings.memo, taxonomyService.memo, articleQueries.memo]) memo.followPurges(pageCache);
  const smtp = config.mail.smtpUrl
    ? new SmtpMailer({
        url: config.mail.smtpUrl,
        poolSize: config.mail.smtpPoolSize,
        dkim: config.mail.dkim,
        defaultFrom: { name: "Gazette", address: `no-reply@${new URL(config.publicUrl).hostname}` },
      })
    : undefined;
  const staff = createStaffServices(config.publicUrl, db, {
    passwordCost: config.passwordHashing,
    now,
    ...(scaled ? { throttle: new RedisLoginThrottle(scaled.commands, scaled.prefix, now) } : {}),
    ...(smtp ? { mailer: smtp } : {}),
  });
  const profiles = new ProfilesService(
    new ProfilesRepository(db),
    taxonomy,
    mediaRepository,
    () => editions.list(),
    staff.staff,
    now,
  );
  profiles.onChange((keys) => pageCache.purge(keys));
  staff.auth.onJoined(async (member) => void (await profiles.ensure(member.id)));
  staff.staff.onJoined(async (member) => void (await profiles.ensure(member.id)));
  // Members who joined before profiles existed, and editions added since, get their bylines.
  await profiles.ensureAll();
  const signingSecret = resolveSigningSecret(config.secretKey, config.dataDir);
  const stripeKeys = new StripeKeys(new RevenueRepository(db), signingSecret, config.stripe, now);
  await stripeKeys.load();
  const revenueSettings = new RevenueSettingsService(new RevenueRepository(db), () => editions.list(), now);
  revenueSettings.onChange((keys) => pageCache.purge(keys));
  // Keys set in the app turn the support cards and pages of every edition into card forms (or back).
  stripeKeys.onChange(() => pageCache.purge(editions.list().map((edition) => surrogateKey.settings(edition.code))));
  const support = new SupportCardService(revenueSettings, async () => {
    await stripeKeys.refreshIfStale();
    return stripeKeys.gateway() !== null;
  });
  const maps = new MapsService(new MapsRepository(db), loadGazetteer(), now);
  maps.onChange((keys) => pageCache.purge(keys));
  const livePlaces = new LivePlacesService(new LivePlacesRepository(db), maps, now);
  livePlaces.onChange((keys) => pageCache.purge(keys));
  const site = new SiteService(editions, articleQueries, settings, taxonomyService, now, {
    live,
    banners,
    support,
    places: maps,
    profiles,
    crisis,
  });
  const { publicUrl, websubHubUrl } = config;
  const feeds = new FeedsService(articleQueries, settings, taxonomyService, { publicUrl, websubHubUrl });
  pageCache.onPurge((keys) => feeds.forget(keys));
  const sitemaps = new SitemapsService(editions, articleQueries, taxonomyService, settings, {
    publicUrl,
    now,
    podcastEditions: () => podcasts.editionsWithShows(),
  });
  const websub = websubHubUrl
    ? new WebSubService(editions, taxonomyService, jobs, { hubUrl: websubHubUrl, publicUrl })
    : null;
  const signer = new LinkSigner(signingSecret);
  const metrics = new Metrics({ role: config.role });
  // Newsletters and thank-you mail count toward the send rate; staff links are too few to matter.
  const countedMailer = countSentMail(staff.mailer, () => metrics.mailSent.inc());
  metrics.observePageCache(pageCache);
  metrics.observeQueue(() => jobs.depth());
  const readiness: ReadinessCheck[] = [{ name: "database", check: async () => void (await sql`select 1`.execute(db)) }];
  if (scaled) readiness.push({ name: "redis", check: () => scaled.ping() });
  const search = new SearchService(new SearchRepository(db, database.dialect), editions, articleQueries, now);
  const rateLimiter = scaled ? new RedisRateLimiter(scaled.commands, scaled.prefix, now) : new MemoryRateLimiter(now);
  const newsletters = createNewsletterServices(
    db,
    { editions, articleQueries, settings, mailer: countedMailer, signer, rateLimiter, jobs, events },
    { publicUrl, ...(now ? { now } : {}) },
  );
  const revenue = createRevenueServices({
    db,
    stripe: config.stripe,
    keys: stripeKeys,
    settings: revenueSettings,
    editions,
    siteName: async (edition) => (await settings.editionSettings(edition.code)).siteName,
    jobs,
    mailer: countedMailer,
    rateLimiter,
    signer,
    publicUrl,
    now,
    events,
  });
  const reviewMail = new ReviewNotifications({
    staff: staff.staff,
    mailer: staff.mailer,
    article: (id) => articleQueries.getById(id),
    editorUrl: (id) => `${publicUrl}/admin/articles/${id}`,
    site: new URL(publicUrl).host,
  });
  const imports = createImportServices(
    db,
    {
      articles,
      articleQueries,
      taxonomy: taxonomyService,
      media,
      editions,
      jobs,
      openReader: overrides.openImportReader ?? openImportReader,
      articleUrl: (code, slug) => {
        const edition = editions.byCode(code);
        return `${edition?.origin ?? publicUrl}${urls.article(edition?.basePath ?? "/", slug)}`;
      },
    },
    { ...config.imports, ...(now ? { now } : {}) },
  );
  // An import from the CLI ran in another process: the worker refreshes the edition's pages.
  imports.runs.onPagesChanged((edition) => void pageCache.purge([surrogateKey.settings(edition)]));
  const telegram = new TelegramService({
    repository: new TelegramRepository(db),
    client: new BotApiClient(config.telegram.apiBase),
    articles: articleQueries,
    media,
    live,
    editions,
    jobs,
    // The bot token is a secret at rest, like the Stripe keys typed into the app.
    secrets: {
      seal: (text) => sealSecret(text, signingSecret, "telegram-bot-token"),
      open: (sealed) => openSecret(sealed, signingSecret, "telegram-bot-token"),
    },
    publicUrl,
    ...(now ? { now } : {}),
  });
  const vapid = resolveVapidKeys(config.push.vapid, config.dataDir);
  const push = new PushService({
    repository: new PushRepository(db),
    editions,
    articles: articleQueries,
    siteName: async (edition) => (await settings.editionSettings(edition)).siteName,
    jobs,
    sender: new WebPushSender(vapid, config.push.subject),
    publicKey: vapid.publicKey,
    publicUrl,
    allowPrivateEndpoints: config.push.allowPrivateEndpoints,
    ...(now ? { now } : {}),
  });
  const webhooks = new WebhooksService(
    new WebhooksRepository(db),
    {
      jobs,
      mailer: staff.mailer,
      articles: {
        getById: (id) => articleQueries.getById(id),
        url: (code, slug) =>
          `${editions.byCode(code)?.origin ?? publicUrl}${urls.article(editions.byCode(code)?.basePath ?? "/", slug)}`,
      },
      owners: async () =>
        (await staff.staff.list()).filter((member) => member.role === "owner" && member.status === "active"),
      noteText: async (articleId, noteId) => (await live.listNotes(articleId)).find((note) => note.id === noteId)?.text,
      liveEntry: (articleId, entryId) => live.findEntry(articleId, entryId),
    },
    {
      allowPrivate: config.webhooks.allowPrivate,
      adminUrl: `${publicUrl}/admin/webhooks`,
      site: new URL(publicUrl).host,
      ...(now ? { now } : {}),
    },
  );
  const planning = new PlanningService({
    repository: new PlanningRepository(db),
    articles: {
      getById: (id) => articleQueries.getById(id),
      // The assignee's draft: theirs to edit, under their byline, whoever pressed the button.
      createDraft: async ({ assigneeId, ...input }, by) =>
        articles.create(
          assigneeId === null
            ? input
            : { ...input, ownerId: assigneeId, authorIds: [await profiles.bylineFor(assigneeId, input.edition)] },
          by,
        ),
      discardDraft: (id, by) => articles.archive(id, by),
    },
    editions,
    staff: staff.staff,
    mailer: staff.mailer,
    jobs,
    assignmentsUrl: `${publicUrl}/admin/planning/mine`,
    site: new URL(publicUrl).host,
    ...(now ? { now } : {}),
  });
  const editorialNotes = new EditorialNotesService({
    repository: new EditorialNotesRepository(db),
    article: (id) => articleQueries.getById(id),
    staff: staff.staff,
    mailer: staff.mailer,
    jobs,
    events,
    editorUrl: (id) => `${publicUrl}/admin/articles/${id}`,
    site: new URL(publicUrl).host,
    ...(now ? { now } : {}),
  });
  const audit = new AuditService(new AuditRepository(db), {
    retentionDays: config.auditLog.retentionDays,
    jobs,
    ...(now ? { now } : {}),
  });
  const analytics = createAnalyticsServices(
    db,
    {
      articles: (ids) => articleQueries.viewsOf(ids),
      editionExists: (code) => editions.byCode(code) !== undefined,
      articleUrl: (code, slug) => {
        const edition = editions.byCode(code);
        return `${edition?.origin ?? publicUrl}${urls.article(edition?.basePath ?? "/", slug)}`;
      },
      sentIssues: (range) => newsletters.issues.sentBetween(range.from, range.to),
      jobs,
      redis: scaled ? { commands: scaled.commands, prefix: scaled.prefix } : null,
      onError: (error) => console.error("gazette: could not write the audience counts:", error),
      ...(now ? { now } : {}),
    },
    config.analytics,
  );
  metrics.observeBeacons(analytics.beacons);
  const signingKey = loadSigningKey(config.dataDir);
  const mirrors = new MirrorsService(new MirrorsRepository(db), {
    editions: () => editions.list(),
    publicUrl,
    settings: config.mirrors,
    signingKey,
    ...(now ? { now } : {}),
  });
  await mirrors.load();
  // A change made in any process reaches the others as a purge of the list's key (the relay of
  // scaled mode), and each one reads the hosts again: no restart.
  mirrors.onChange((keys) => pageCache.purge(keys));
  pageCache.onPurge((keys, origin) => {
    if (origin === "remote" && keys.includes(MIRRORS_KEY)) {
      mirrors.load().catch((error) => console.error("gazette: could not reload the mirror hosts:", error));
    }
  });
  subscribeToDomainEvents(events, {
    pageCache,
    articleQueries,
    search,
    maps,
    websub,
    reviewMail,
    live,
    livePlaces,
    telegram,
    push,
    webhooks,
    planning,
    audit,
    analytics,
  });
  return {
    ...staff,
    events,
    editions,
    articles,
    articleQueries,
    publicationCheck,
    settings,
    live,
    banners,
    crisis,
    media,
    socialCards: new SocialCardsService(config.social, media, now),
    podcasts,
    taxonomy: taxonomyService,
    profiles,
    site,
    pageCache,
    jobs,
    feeds,
    sitemaps,
    websub,
    signer,
    metrics,
    readiness,
    scaled,
    search,
    rateLimiter,
    newsletters,
    revenue,
    maps,
    livePlaces,
    imports,
    apiKeys: new ApiKeysService(new ApiKeysRepository(db), now),
    contentApi: new ContentApiService({
      articles: articleQueries,
      editions,
      taxonomy: taxonomyService,
      live,
      maps,
      publicUrl,
    }),
    telegram,
    push,
    webhooks,
    mirrors,
    signingKey,
    planning,
    audit,
    editorialNotes,
    analytics,
  };
}

/**
 * Who listens to which domain event: the one list to read to follow a change from the route that
 * made it to every side effect. Durable listeners run as jobs (retried, crash-safe); in-process
 * ones only purge caches. The events are declared in `src/newsroom/newsroom.events.ts`.
 */
export function subscribeToDomainEvents(
  events: DomainEventBus,
  deps: {
    pageCache: PageCache;
    articleQueries: ArticleQueries;
    search: SearchService;
    maps: MapsService;
    websub: WebSubService | null;
    reviewMail: ReviewNotifications;
    live: LiveCoverageService;
    livePlaces: LivePlacesService;
    telegram: TelegramService;
    push: PushService;
    webhooks: WebhooksService;
    planning: PlanningService;
    audit: AuditService;
    analytics: AnalyticsServices;
  },
): void {
  const { pageCache, articleQueries, search, maps, websub, reviewMail, live, livePlaces, telegram, push, webhooks } =
    deps;
  // What left the site (an unpublished or archived story, a deleted live entry: perhaps pulled for
  // legal reasons) is purged hard and never served stale; any other change may be, for seconds.
  const HARD_PURGE_EVENTS = new Set<string>(["article.unpublished", "live.entry.deleted"]);
  for (const type of [...PUBLIC_ARTICLE_EVENTS, ...LIVE_EVENTS, "correction.created"] as const) {
    const mode = HARD_PURGE_EVENTS.has(type) ? "hard" : "soft";
    events.on(type, "page-cache", (event: { keys: string[] }) => void pageCache.purge(event.keys, { mode }));
  }
  // Every saved state, drafts included: the newsroom's list searches drafts, and the editor shows
  // the places a draft names.
  events.onDurable("article.saved", "search-index", (event) => search.indexById(event.articleId));
  events.onDurable(
    "article.saved",
    "geotag",
    async (event) => void (await maps.geotagArticle(articleQueries, event.articleId)),
  );
  // The review workflow's mail: editors learn of a submission, the author of a return.
  events.onDurable("article.submitted", "review-mail", (event) => reviewMail.submitted(event));
  events.onDurable("article.returned", "return-mail", (event) => reviewMail.returned(event));
  events.onDurable("article.held", "held-mail", (event) => reviewMail.held(event));
  // Each posted or edited entry, drafts included, like articles: place pages list the blog.
  events.onDurable(
    "live.entry.saved",
    "live-geotag",
    async (event) => void (await livePlaces.geotagEntry(live, event.articleId, event.entryId)),
  );
  // One post per story in the edition's Telegram channel, edited when its headline, dek or corrections change.
  // An archive import's stories (quiet events) are not posted: the channel is for news. Nothing is
  // queued for an edition without a channel.
  const toChannel = (event: { edition: string; quiet?: boolean }) => !event.quiet && telegram.takes(event.edition);
  events.onDurable(
    "article.published",
    "telegram",
    (event) => telegram.sync(event.articleId, event.edition, "published"),
    { when: toChannel },
  );
  events.onDurable("article.updated", "telegram", (event) => telegram.sync(event.articleId, event.edition, "updated"), {
    when: toChannel,
  });
  events.onDurable(
    "correction.created",
    "telegram",
    (event) => telegram.sync(event.articleId, event.edition, "updated"),
    { when: toChannel },
  );
  // A raised breaking banner goes to the edition's Telegram channel when the channel takes them.
  events.onDurable("breaking.raised", "telegram", (event) => telegram.postBreaking(event));
  // Live blogs: each new entry as a reply to the story's post, when the channel takes them.
  events.onDurable(
    "live.entry.created",
    "telegram",
    async (event) => {
      if (event.entryId !== null) await telegram.postLiveEntry(event.articleId, event.edition, event.entryId);
    },
    { when: toChannel },
  );
  // A planned story follows its article: in progress, filed, back in progress, published.
  const planned = { when: (event: { articleId: number }) => deps.planning.tracks(event.articleId) };
  events.onDurable("article.saved", "planning", (event) => deps.planning.followArticle("saved", event), planned);
  events.onDurable("article.returned", "planning", (event) => deps.planning.followArticle("returned", event), planned);
  events.onDurable(
    "article.published",
    "planning",
    (event) => deps.planning.followArticle("published", event),
    planned,
  );
  // The audit log: every saved state of a story (who created, edited, published… it) and the
  // publication check's dismissals and approvals; durable, so no entry is lost to a crash.
  // A delivery queued by a build before the audit log lacks the revision and actor: nothing to record.
  events.onDurable("article.saved", "audit", (event) => deps.audit.recordArticleSaved(event), {
    // A hold is recorded from `article.held`, which carries the findings.
    when: (event) => event.revision !== undefined && event.revision !== "held",
  });
  events.onDurable("article.held", "audit", (event) => deps.audit.recordHeld(event));
  events.onDurable("publication-check.acknowledged", "audit", (event) => deps.audit.recordAcknowledged(event));
  events.onDurable("publication-check.approved", "audit", (event) => deps.audit.recordApproved(event));
  events.onDurable("note.created", "audit", (event) => deps.audit.recordNote(event, "note_added"));
  events.onDurable("note.resolved", "audit", (event) => deps.audit.recordNote(event, "note_resolved"));
  // Audience analytics: a confirmed newsletter sign-up and a started donation count for the article
  // whose page the form was on. Durable, so a crash between the action and the count loses nothing.
  events.onDurable("newsletter.signup.confirmed", "analytics", (event) =>
    deps.analytics.conversions.countConversion(event.articleId, "newsletter_signup"),
  );
  events.onDurable("donation.started", "analytics", (event) =>
    deps.analytics.conversions.countConversion(event.articleId, "donation_started"),
  );
  // A raised breaking banner alerts the edition's push subscribers.
  events.onDurable("breaking.raised", "push", (event) => push.sendBreaking(event));
  if (websub) {
    for (const type of PUBLIC_ARTICLE_EVENTS) {
      // An archive import is not news: the hub is not pinged for each of its stories.
      events.onDurable(type, "websub", (event) => websub.feedsChanged(event.keys), { when: (event) => !event.quiet });
    }
  }
  // Outgoing webhooks: one signed delivery per subscription that takes the event. An archive
  // import's stories are not news either, and nothing is queued while no subscription takes the type.
  for (const type of PUBLIC_ARTICLE_EVENTS) {
    events.onDurable(type, "webhooks", (event) => webhooks.articleEvent(type, event), {
      when: (event) => !event.quiet && webhooks.takes(type),
    });
  }
  events.onDurable("live.entry.created", "webhooks", (event) => webhooks.liveEntryCreated(event), {
    when: () => webhooks.takes("live.entry.created"),
  });
  events.onDurable("correction.created", "webhooks", (event) => webhooks.correctionCreated(event), {
    when: () => webhooks.takes("correction.created"),
  });
  events.onDurable("newsletter.sent", "webhooks", (event) => webhooks.newsletterSent(event), {
    when: () => webhooks.takes("newsletter.sent"),
  });
}

export interface BuildAppOptions {
  logger?: FastifyServerOptions["logger"];
  assets?: Assets;
}

/** The HTTP application: plugins, then each capability's routes, registered explicitly. */
export async function buildApp(
  config: Config,
  services: Services,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    // The request line masks `?key=` and similar credentials (Content API keys are never logged).
    logger: options.logger ?? loggerOptions(config.logLevel),
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Room for an imported HTML article (the html field allows 2 MB).
    bodyLimit: 4 * 1024 * 1024,
    return503OnClosing: true,
    // Responses are checked by TypeBox on the way in; the serializer only needs to know the
    // link formats exist (it picks union branches with Ajv, which warns about unknown formats).
    serializerOpts: { ajv: { formats: { [SAFE_URL_FORMAT]: true, [SAFE_URL_OR_EMPTY_FORMAT]: true } } },
    // Compiled schemas are shared by every app in the process (see schema-compilers.ts).
    schemaController: { compilersFactory: { buildSerializer: cachedSerializerFactory } },
  });
  // TypeBox's own validator: bodies are checked as sent (a number is not silently turned into a
  // string), while params and query strings are converted from text to the declared types.
  app.setValidatorCompiler(cachedValidatorCompiler(TypeBoxValidatorCompiler));
  const assets = options.assets ?? loadAssets(PROJECT_ROOT);
  if (!assets.built) app.log.warn("Browser assets are not built (run npm run build); pages will be unstyled.");
  const renderer = new SiteRenderer(assets, config.publicUrl, new DistributionPageExtras(config.publicUrl), {
    enabled: config.analytics.enabled,
    retentionDays: config.analytics.retentionDays,
  });

  const editionOrigin = (code: string) => services.editions.byCode(code)?.origin ?? config.publicUrl;
  await app.register(formbody);
  await app.register(fastifyCookie);
  // Uploads are read as a stream by the media route, which enforces its own size limit.
  await app.register(fastifyMultipart, {
    limits: { fileSize: Math.max(MAX_UPLOAD_BYTES, config.mediaFileMaxBytes), files: 1 },
  });
  // Before any route, so every /admin/api route sees `request.actor` and the CSRF check.
  registerStaffAuth(app, { auth: services.auth, tokens: services.tokens, publicUrl: config.publicUrl });
  registerSecurityHeaders(app, {
    formActionSources: checkoutOrigins(config.stripe),
    imgSources: tileImageSources(config.maps.tileUrl),
    hsts: new URL(config.publicUrl).protocol === "https:",
    plainHttp: (host) => services.mirrors.isOnion(host),
    inlineStyles: [LITE_CSS],
  });
  registerMirrorHooks(app, services.mirrors);
  app.setErrorHandler(
    createErrorHandler(async (request, status) => {
      const segment = request.url.split("?")[0]?.split("/")[1];
      const served = services.mirrors.servedAs(request.host);
      const edition =
        services.editions.byHost(served ? served.editionHost : request.host) ??
        (segment ? services.editions.bySegment(segment) : undefined) ??
        services.editions.root();
      if (!edition) return undefined;
      // A reader route fails its schema only on a damaged query (the "show more" cursor) or path.
      const kind = status === 404 ? "notFound" : status >= 500 ? "server" : "badCursor";
      return renderer.error(await services.site.context(edition), kind, status);
    }),
  );
  if (fs.existsSync(assets.dir)) {
    await app.register(fastifyStatic, {
      root: assets.dir,
      prefix: "/assets/",
      // File names carry a content hash, so a cached copy never goes stale.
      maxAge: "365d",
      immutable: true,
      index: false,
      // The build writes .br/.gz copies (scripts/precompress-assets.ts); they are sent when accepted.
      preCompressed: true,
      allowedPath: (pathName) => !pathName.includes("/.vite/"),
    });
  }

  registerHealthRoutes(app, services.readiness);
  // Before the reader routes; its own scope answers 204 to anything, with no cookie.
  await registerBeaconRoutes(app, { beacons: services.analytics.beacons });
  services.analytics.beacons.start();
  // Counts not yet written go to the database (or Redis) before the process does.
  app.addHook("onClose", async () =>
    services.analytics.beacons.stop().catch((error) => app.log.error({ err: error }, "audience counts were lost")),
  );
  registerMetricsRoutes(app, services.metrics, config.metricsToken);
  instrumentRequests(app, services.metrics);
  registerMediaRoutes(app, services.media);
  registerAuthRoutes(app, { auth: services.auth, publicUrl: config.publicUrl });
  registerStaffRoutes(app, services);
  registerOutboxRoutes(app, services.mailer);
  registerPreviewRoutes(app, { site: services.site, articles: services.articleQueries, renderer });
  registerArticleRoutes(app, {
    articles: services.articles,
    queries: services.articleQueries,
    editions: services.editions,
    articleUrl: (code, slug) =>
      `${editionOrigin(code)}${urls.article(services.editions.byCode(code)?.basePath ?? "/", slug)}`,
    textSearch: services.search,
    profiles: services.profiles,
    media: services.media,
    publicationCheck: services.publicationCheck,
  });
  registerPublicationCheckRoutes(app, {
    check: services.publicationCheck,
    outgoing: (id) => services.articles.outgoing(id),
    editions: services.editions,
  });
  registerMediaLibraryRoutes(app, services.media, config.mediaFileMaxBytes);
  registerSocialCardRoutes(app, services.socialCards);
  registerSocialEmbedRoutes(app);
  registerTaxonomyRoutes(app, { taxonomy: services.taxonomy, editions: services.editions });
  registerProfileRoutes(app, { profiles: services.profiles });
  registerSettingsRoutes(app, { settings: services.settings, editions: services.editions });
  registerPodcastRoutes(app, { podcasts: services.podcasts, media: services.media, editions: services.editions });
  registerLiveCoverageRoutes(app, { live: services.live, banners: services.banners, editions: services.editions });
  registerCrisisModeRoutes(app, { crisis: services.crisis, editions: services.editions });
  registerAdminRoutes(app, { assets, editions: services.editions });
  registerWebhookRoutes(app, { webhooks: services.webhooks });
  registerMapsRoutes(app, { maps: services.maps, articles: services.articleQueries });
  registerLivePlacesRoutes(app, {
    livePlaces: services.livePlaces,
    live: services.live,
    articles: services.articleQueries,
  });
  registerNewsletterAdminRoutes(app, {
    newsletters: services.newsletters,
    staff: { emailOf: async (id) => (await services.staff.list()).find((member) => member.id === id)?.email },
  });
  // One kit for every reader route: edition from Host and path, page cache, response headers.
  const reader = new ReaderRoutes({
    editions: services.editions,
    contexts: services.site,
    pageCache: services.pageCache,
    cachePolicy: { maxAgeSeconds: config.pageCache.maxAgeSeconds, keepsPages: config.pageCache.enabled },
    hosts: services.mirrors,
    crisis: services.crisis,
  });
  registerMirrorRoutes(app, {
    mirrors: services.mirrors,
    editionCodes: () => services.editions.list().map((edition) => edition.code),
    publicUrl: config.publicUrl,
  });
  registerNewsletterRoutes(app, { newsletters: services.newsletters, renderer, reader });
  registerFeedRoutes(app, { feeds: services.feeds, reader });
  registerPodcastFeedRoutes(app, { podcasts: services.podcasts, reader, publicUrl: config.publicUrl });
  registerSitemapRoutes(app, { sitemaps: services.sitemaps, reader });
  registerPublisherLogoRoutes(app);
  registerMapPageRoutes(app, {
    pages: new MapPagesService(services.maps, loadBasemap, { pinDays: config.maps.pinDays }, services.livePlaces),
    renderer: new MapPagesRenderer(assets, loadMapAssets(PROJECT_ROOT), config.publicUrl, config.maps.tileUrl),
    site: services.site,
    siteRenderer: renderer,
    reader,
  });
  registerSearchRoutes(app, {
    search: services.search,
    renderer,
    rateLimiter: services.rateLimiter,
    reader,
  });
  registerSupportRoutes(app, {
    checkout: services.revenue.checkout,
    site: services.site,
    renderer: new SupportRenderer(assets, config.publicUrl, new DistributionPageExtras(config.publicUrl)),
    siteRenderer: renderer,
    reader,
  });
  await registerStripeWebhookRoutes(app, { gateway: services.revenue.gateway, events: services.revenue.events });
  registerRevenueAdminRoutes(app, { ...services.revenue, editions: services.editions });
  registerImportRoutes(app, {
    runs: services.imports.runs,
    redirects: services.imports.redirects,
    uploadDir: path.join(config.dataDir, "imports"),
    maxUploadBytes: config.imports.maxUploadBytes,
    editionExists: (code) => services.editions.byCode(code) !== undefined,
  });
  registerApiKeyAdminRoutes(app, { keys: services.apiKeys });
  await registerContentApiRoutes(app, {
    content: services.contentApi,
    keys: services.apiKeys,
    rateLimiter: services.rateLimiter,
    pageCache: services.pageCache,
    publicUrl: config.publicUrl,
    corsOrigins: config.api.corsOrigins,
    rateLimitPerMinute: config.api.rateLimitPerMinute,
    maxAgeSeconds: config.pageCache.maxAgeSeconds,
  });
  // Usage counted since the last batch is written before the process goes.
  app.addHook("onClose", async () => services.apiKeys.flushUsage());
  registerTelegramRoutes(app, { telegram: services.telegram });
  registerPlanningRoutes(app, { planning: services.planning });
  registerAuditRoutes(app, { audit: services.audit });
  registerEditorialNotesRoutes(app, { notes: services.editorialNotes });
  registerStatsRoutes(app, { stats: services.analytics.stats });
  registerClickRoutes(app, { signer: services.signer, conversions: services.analytics.conversions });
  registerPushRoutes(app, {
    push: services.push,
    rateLimiter: services.rateLimiter,
    workerFile: pushWorkerFile(assets),
  });
  registerSiteRoutes(app, {
    site: services.site,
    renderer,
    reader,
    oldAddresses: (pathWithQuery) => services.imports.redirects.resolve(pathWithQuery),
  });
  return app;
}
