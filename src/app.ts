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
import type { Config } from "./config.js";
import { registerFeedRoutes } from "./distribution/feeds.routes.js";
import { FeedsService } from "./distribution/feeds.service.js";
import { DistributionPageExtras } from "./distribution/page-extras.js";
import { registerPublisherLogoRoutes } from "./distribution/publisher-logo.routes.js";
import { registerSitemapRoutes } from "./distribution/sitemaps.routes.js";
import { SitemapsService } from "./distribution/sitemaps.service.js";
import { WebSubService } from "./distribution/websub.service.js";
import { loadBasemap } from "./maps/basemap.js";
import { loadGazetteer } from "./maps/gazetteer.js";
import { loadMapAssets, tileImageSources } from "./maps/map-assets.js";
import { MapPagesRenderer } from "./maps/map-pages.renderer.js";
import { registerMapPageRoutes } from "./maps/map-pages.routes.js";
import { MapPagesService } from "./maps/map-pages.service.js";
import { MapsRepository } from "./maps/maps.repository.js";
import { registerMapsRoutes } from "./maps/maps.routes.js";
import { MapsService } from "./maps/maps.service.js";
import { NewslettersRepository } from "./newsletters/newsletters.repository.js";
import { registerNewsletterRoutes } from "./newsletters/newsletters.routes.js";
import { NewslettersService } from "./newsletters/newsletters.service.js";
import { registerNewsletterAdminRoutes } from "./newsletters/newsletters-admin.routes.js";
import { ArticlesRepository } from "./newsroom/articles.repository.js";
import { registerArticleRoutes } from "./newsroom/articles.routes.js";
import { ArticlesService } from "./newsroom/articles.service.js";
import { BreakingBannerService } from "./newsroom/breaking-banner.service.js";
import { EditionsRepository } from "./newsroom/editions.repository.js";
import { EditionsService } from "./newsroom/editions.service.js";
import { LiveCoverageRepository } from "./newsroom/live-coverage.repository.js";
import { registerLiveCoverageRoutes } from "./newsroom/live-coverage.routes.js";
import { LiveCoverageService } from "./newsroom/live-coverage.service.js";
import { MediaRepository } from "./newsroom/media.repository.js";
import { MediaService } from "./newsroom/media.service.js";
import { MAX_UPLOAD_BYTES, registerMediaLibraryRoutes } from "./newsroom/media-library.routes.js";
import { SettingsRepository } from "./newsroom/settings.repository.js";
import { registerSettingsRoutes } from "./newsroom/settings.routes.js";
import { SettingsService } from "./newsroom/settings.service.js";
import { surrogateKey } from "./newsroom/surrogate-keys.js";
import { TaxonomyRepository } from "./newsroom/taxonomy.repository.js";
import { registerTaxonomyRoutes } from "./newsroom/taxonomy.routes.js";
import { TaxonomyService } from "./newsroom/taxonomy.service.js";
import { PageCache } from "./platform/cache/page-cache.js";
import { PurgeWebhook } from "./platform/cache/purge-webhook.js";
import type { Database } from "./platform/db/database.js";
import { createErrorHandler } from "./platform/http/error-handler.js";
import { type ReadinessCheck, registerHealthRoutes } from "./platform/http/health.routes.js";
import { registerSecurityHeaders } from "./platform/http/security-headers.js";
import { JobQueue } from "./platform/jobs/job-queue.js";
import { countSentMail } from "./platform/mail/mailer.js";
import { SmtpMailer } from "./platform/mail/smtp-mailer.js";
import { instrumentRequests, Metrics, registerMetricsRoutes } from "./platform/metrics/metrics.js";
import { MemoryRateLimiter, type RateLimiter } from "./platform/rate-limit/rate-limiter.js";
import { RedisRateLimiter } from "./platform/rate-limit/redis-rate-limiter.js";
import { ScaledMode } from "./platform/redis/scaled-mode.js";
import { LinkSigner, resolveSigningSecret } from "./platform/security/link-signer.js";
import { LocalStorage } from "./platform/storage/local-storage.js";
import { RevenueRepository } from "./revenue/revenue.repository.js";
import { registerSupportRoutes } from "./revenue/revenue.routes.js";
import { createRevenueServices, type RevenueServices } from "./revenue/revenue.services.js";
import { registerRevenueAdminRoutes } from "./revenue/revenue-admin.routes.js";
import { RevenueSettingsService } from "./revenue/revenue-settings.service.js";
import { checkoutOrigins } from "./revenue/stripe.gateway.js";
import { StripeKeys } from "./revenue/stripe-keys.service.js";
import { registerStripeWebhookRoutes } from "./revenue/stripe-webhook.routes.js";
import { SupportRenderer } from "./revenue/support.renderer.js";
import { SupportWidgets } from "./revenue/support-widgets.js";
import { SearchRepository } from "./search/search.repository.js";
import { registerSearchRoutes } from "./search/search.routes.js";
import { SearchService } from "./search/search.service.js";
import { type Assets, loadAssets } from "./site/assets.js";
import { registerMediaRoutes } from "./site/media.routes.js";
import { registerPreviewRoutes } from "./site/preview.routes.js";
import { SiteRenderer } from "./site/site.renderer.js";
import { registerSiteRoutes } from "./site/site.routes.js";
import { SiteService } from "./site/site.service.js";
import { urls } from "./site/urls.js";
import { registerStaffAuth } from "./staff/auth.plugin.js";
import { registerAuthRoutes } from "./staff/auth.routes.js";
import { registerOutboxRoutes } from "./staff/outbox.routes.js";
import { RedisLoginThrottle } from "./staff/redis-login-throttle.js";
import { registerStaffRoutes } from "./staff/staff.routes.js";
import { createStaffServices, type StaffServices } from "./staff/staff.services.js";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The staff capability's services (auth, staff, tokens, mailer) sit at the top level. */
export interface Services extends StaffServices {
  editions: EditionsService;
  articles: ArticlesService;
  settings: SettingsService;
  /** Live blog entries, corrections and updates. */
  live: LiveCoverageService;
  banners: BreakingBannerService;
  media: MediaService;
  taxonomy: TaxonomyService;
  site: SiteService;
  pageCache: PageCache;
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
  newsletters: NewslettersService;
  /** Reader revenue: donations and patrons through Stripe. */
  revenue: RevenueServices;
  /** Battle maps, the gazetteer and the places articles name. */
  maps: MapsService;
}

/** Wires repositories into services. Caches are purged by the services' change events. */
export async function createServices(config: Config, database: Database, now?: () => Date): Promise<Services> {
  const { db } = database;
  const scaled = config.redis
    ? await ScaledMode.open({ ...config.redis, lockMs: config.jobs.lockSeconds * 1000 })
    : null;
  const taxonomy = new TaxonomyRepository(db);
  const mediaRepository = new MediaRepository(db);
  const editions = new EditionsService(new EditionsRepository(db), config.editionHosts, config.publicUrl);
  await editions.load();
  const jobs = new JobQueue(db, { now, ...(scaled ? { engine: scaled.jobEngine() } : {}) });
  const articles = new ArticlesService(new ArticlesRepository(db), taxonomy, mediaRepository, now, jobs);
  const settingsRepository = new SettingsRepository(db);
  const settings = new SettingsService(settingsRepository, now);
  const live = new LiveCoverageService(new LiveCoverageRepository(db), now);
  const banners = new BreakingBannerService(settingsRepository, now);
  const media = new MediaService(mediaRepository, new LocalStorage(config.mediaDir), now);
  const pageCache = new PageCache({ ...config.pageCache, now });
  await scaled?.relayPurges(pageCache);
  if (config.purgeWebhook) {
    new PurgeWebhook(jobs, config.purgeWebhook).watch(pageCache, (error) =>
      console.error("gazette: could not queue a CDN purge:", error),
    );
  }
  articles.onChange((keys) => pageCache.purge(keys));
  settings.onChange((keys) => pageCache.purge(keys));
  live.onChange((keys) => pageCache.purge(keys));
  banners.onChange((keys) => pageCache.purge(keys));
  const taxonomyService = new TaxonomyService(taxonomy);
  taxonomyService.onChange((keys) => pageCache.purge(keys));
  const smtp = config.mail.smtpUrl
    ? new SmtpMailer({
        url: config.mail.smtpUrl,
        poolSize: config.mail.smtpPoolSize,
        dkim: config.mail.dkim,
        defaultFrom: { name: "Gazette", address: `no-reply@${new URL(config.publicUrl).hostname}` },
      })
    : undefined;
  const staff = createStaffServices(config.publicUrl, db, {
    now,
    ...(scaled ? { throttle: new RedisLoginThrottle(scaled.commands, scaled.prefix, now) } : {}),
    ...(smtp ? { mailer: smtp } : {}),
  });
  const signingSecret = resolveSigningSecret(config.secretKey, config.dataDir);
  const stripeKeys = new StripeKeys(new RevenueRepository(db), signingSecret, config.stripe, now);
  await stripeKeys.load();
  const revenueSettings = new RevenueSettingsService(new RevenueRepository(db), () => editions.list(), now);
  revenueSettings.onChange((keys) => pageCache.purge(keys));
  // Keys set in the app turn the support cards and pages of every edition into card forms (or back).
  stripeKeys.onChange(() => pageCache.purge(editions.list().map((edition) => surrogateKey.settings(edition.code))));
  const support = new SupportWidgets(revenueSettings, async () => {
    await stripeKeys.refreshIfStale();
    return stripeKeys.gateway() !== null;
  });
  const maps = new MapsService(new MapsRepository(db), loadGazetteer(), now);
  maps.onChange((keys) => pageCache.purge(keys));
  maps.watch(articles);
  const site = new SiteService(editions, articles, settings, taxonomyService, now, {
    live,
    banners,
    support,
    places: maps,
  });
  const { publicUrl, websubHubUrl } = config;
  const feeds = new FeedsService(articles, settings, taxonomyService, { publicUrl, websubHubUrl });
  const sitemaps = new SitemapsService(editions, articles, taxonomyService, settings, { publicUrl, now });
  const websub = websubHubUrl
    ? new WebSubService(editions, taxonomyService, jobs, { hubUrl: websubHubUrl, publicUrl })
    : null;
  websub?.watch(articles);
  const signer = new LinkSigner(signingSecret);
  const metrics = new Metrics({ role: config.role });
  // Newsletters and thank-you mail count toward the send rate; staff links are too few to matter.
  const countedMailer = countSentMail(staff.mailer, () => metrics.mailSent.inc());
  metrics.observePageCache(pageCache);
  metrics.observeQueue(() => jobs.depth());
  const readiness: ReadinessCheck[] = [{ name: "database", check: async () => void (await sql`select 1`.execute(db)) }];
  if (scaled) readiness.push({ name: "redis", check: () => scaled.ping() });
  const search = new SearchService(new SearchRepository(db, database.dialect), editions, articles, now);
  search.watch();
  const rateLimiter = scaled ? new RedisRateLimiter(scaled.commands, scaled.prefix, now) : new MemoryRateLimiter(now);
  const newsletters = new NewslettersService(
    new NewslettersRepository(db),
    { editions, articles, settings, mailer: countedMailer, signer, rateLimiter, jobs },
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
  });
  return {
    ...staff,
    editions,
    articles,
    settings,
    live,
    banners,
    media,
    taxonomy: taxonomyService,
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
  };
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
    logger: options.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    // Room for an imported HTML article (the html field allows 2 MB).
    bodyLimit: 4 * 1024 * 1024,
    return503OnClosing: true,
  });
  // TypeBox's own validator: bodies are checked as sent (a number is not silently turned into a
  // string), while params and query strings are converted from text to the declared types.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  const assets = options.assets ?? loadAssets(PROJECT_ROOT);
  if (!assets.built) app.log.warn("Browser assets are not built (run npm run build); pages will be unstyled.");
  const renderer = new SiteRenderer(assets, config.publicUrl, new DistributionPageExtras(config.publicUrl));

  const editionOrigin = (code: string) => services.editions.byCode(code)?.origin ?? config.publicUrl;
  await app.register(formbody);
  await app.register(fastifyCookie);
  // Uploads are read as a stream by the media route, which enforces its own size limit.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  // Before any route, so every /admin/api route sees `request.actor` and the CSRF check.
  registerStaffAuth(app, { auth: services.auth, tokens: services.tokens, publicUrl: config.publicUrl });
  registerSecurityHeaders(app, {
    formActionSources: checkoutOrigins(config.stripe),
    imgSources: tileImageSources(config.maps.tileUrl),
  });
  app.setErrorHandler(
    createErrorHandler(async (request, status) => {
      const segment = request.url.split("?")[0]?.split("/")[1];
      const edition =
        services.editions.byHost(request.host) ??
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
  registerMetricsRoutes(app, services.metrics);
  instrumentRequests(app, services.metrics);
  registerMediaRoutes(app, services.media);
  registerAuthRoutes(app, { auth: services.auth, publicUrl: config.publicUrl });
  registerStaffRoutes(app, services);
  registerOutboxRoutes(app, services.mailer);
  registerPreviewRoutes(app, { site: services.site, articles: services.articles, renderer });
  registerArticleRoutes(app, {
    articles: services.articles,
    editions: services.editions,
    articleUrl: (code, slug) =>
      `${editionOrigin(code)}${urls.article(services.editions.byCode(code)?.basePath ?? "/", slug)}`,
    textSearch: services.search,
  });
  registerMediaLibraryRoutes(app, services.media);
  registerTaxonomyRoutes(app, { taxonomy: services.taxonomy, editions: services.editions });
  registerSettingsRoutes(app, { settings: services.settings, editions: services.editions });
  registerLiveCoverageRoutes(app, { live: services.live, banners: services.banners, editions: services.editions });
  registerAdminRoutes(app, { assets, editions: services.editions });
  registerMapsRoutes(app, { maps: services.maps, articles: services.articles });
  registerNewsletterAdminRoutes(app, { newsletters: services.newsletters, staff: services.staff });
  registerNewsletterRoutes(app, {
    newsletters: services.newsletters,
    site: services.site,
    editions: services.editions,
    renderer,
  });
  const distributionCache = { maxAgeSeconds: config.pageCache.maxAgeSeconds, keepsPages: config.pageCache.enabled };
  registerFeedRoutes(app, {
    feeds: services.feeds,
    editions: services.editions,
    pageCache: services.pageCache,
    cachePolicy: distributionCache,
  });
  registerSitemapRoutes(app, {
    sitemaps: services.sitemaps,
    editions: services.editions,
    pageCache: services.pageCache,
    cachePolicy: distributionCache,
  });
  registerPublisherLogoRoutes(app);
  registerMapPageRoutes(app, {
    pages: new MapPagesService(services.maps, loadBasemap, { pinDays: config.maps.pinDays }),
    renderer: new MapPagesRenderer(assets, loadMapAssets(PROJECT_ROOT), config.publicUrl, config.maps.tileUrl),
    site: services.site,
    siteRenderer: renderer,
    editions: services.editions,
    pageCache: services.pageCache,
    cachePolicy: { maxAgeSeconds: config.pageCache.maxAgeSeconds, keepsPages: config.pageCache.enabled },
  });
  registerSearchRoutes(app, {
    search: services.search,
    site: services.site,
    editions: services.editions,
    renderer,
    rateLimiter: services.rateLimiter,
    cachePolicy: { maxAgeSeconds: config.pageCache.maxAgeSeconds, keepsPages: false },
  });
  registerSupportRoutes(app, {
    checkout: services.revenue.checkout,
    site: services.site,
    editions: services.editions,
    renderer: new SupportRenderer(assets, config.publicUrl, new DistributionPageExtras(config.publicUrl)),
    pageCache: services.pageCache,
    cachePolicy: { maxAgeSeconds: config.pageCache.maxAgeSeconds, keepsPages: config.pageCache.enabled },
  });
  await registerStripeWebhookRoutes(app, { gateway: services.revenue.gateway, events: services.revenue.events });
  registerRevenueAdminRoutes(app, { ...services.revenue, editions: services.editions });
  registerSiteRoutes(app, {
    site: services.site,
    editions: services.editions,
    renderer,
    pageCache: services.pageCache,
    cachePolicy: { maxAgeSeconds: config.pageCache.maxAgeSeconds, keepsPages: config.pageCache.enabled },
  });
  return app;
}
