import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import { TypeBoxValidatorCompiler } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
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
import { TaxonomyRepository } from "./newsroom/taxonomy.repository.js";
import { registerTaxonomyRoutes } from "./newsroom/taxonomy.routes.js";
import { TaxonomyService } from "./newsroom/taxonomy.service.js";
import { PageCache } from "./platform/cache/page-cache.js";
import type { Database } from "./platform/db/database.js";
import { createErrorHandler } from "./platform/http/error-handler.js";
import { registerHealthRoutes } from "./platform/http/health.routes.js";
import { registerSecurityHeaders } from "./platform/http/security-headers.js";
import { JobQueue } from "./platform/jobs/job-queue.js";
import { MemoryRateLimiter, type RateLimiter } from "./platform/rate-limit/rate-limiter.js";
import { LinkSigner, resolveSigningSecret } from "./platform/security/link-signer.js";
import { LocalStorage } from "./platform/storage/local-storage.js";
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
  /** Battle maps, the gazetteer and the places articles name. */
  maps: MapsService;
}

/** Wires repositories into services. Caches are purged by the services' change events. */
export async function createServices(config: Config, database: Database, now?: () => Date): Promise<Services> {
  const { db } = database;
  const taxonomy = new TaxonomyRepository(db);
  const mediaRepository = new MediaRepository(db);
  const editions = new EditionsService(new EditionsRepository(db));
  await editions.load();
  const jobs = new JobQueue(db, { now });
  const articles = new ArticlesService(new ArticlesRepository(db), taxonomy, mediaRepository, now, jobs);
  const settingsRepository = new SettingsRepository(db);
  const settings = new SettingsService(settingsRepository, now);
  const live = new LiveCoverageService(new LiveCoverageRepository(db), now);
  const banners = new BreakingBannerService(settingsRepository, now);
  const media = new MediaService(mediaRepository, new LocalStorage(config.mediaDir), now);
  const pageCache = new PageCache({ ...config.pageCache, now });
  articles.onChange((keys) => pageCache.purge(keys));
  settings.onChange((keys) => pageCache.purge(keys));
  live.onChange((keys) => pageCache.purge(keys));
  banners.onChange((keys) => pageCache.purge(keys));
  const taxonomyService = new TaxonomyService(taxonomy);
  taxonomyService.onChange((keys) => pageCache.purge(keys));
  const maps = new MapsService(new MapsRepository(db), loadGazetteer(), now);
  maps.onChange((keys) => pageCache.purge(keys));
  maps.watch(articles);
  const site = new SiteService(editions, articles, settings, taxonomyService, now, { live, banners, places: maps });
  const staff = createStaffServices(config.publicUrl, db, { now });
  const { publicUrl, websubHubUrl } = config;
  const feeds = new FeedsService(articles, settings, taxonomyService, { publicUrl, websubHubUrl });
  const sitemaps = new SitemapsService(editions, articles, taxonomyService, settings, { publicUrl, now });
  const websub = websubHubUrl
    ? new WebSubService(editions, taxonomyService, jobs, { hubUrl: websubHubUrl, publicUrl })
    : null;
  websub?.watch(articles);
  const signer = new LinkSigner(resolveSigningSecret(config.secretKey, config.dataDir));
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
    rateLimiter: new MemoryRateLimiter(now),
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

  await app.register(formbody);
  await app.register(fastifyCookie);
  // Uploads are read as a stream by the media route, which enforces its own size limit.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  // Before any route, so every /admin/api route sees `request.actor` and the CSRF check.
  registerStaffAuth(app, { auth: services.auth, tokens: services.tokens, publicUrl: config.publicUrl });
  registerSecurityHeaders(app, tileImageSources(config.maps.tileUrl));
  app.setErrorHandler(
    createErrorHandler(async (request, status) => {
      const segment = request.url.split("?")[0]?.split("/")[1];
      const edition = (segment ? services.editions.bySegment(segment) : undefined) ?? services.editions.root();
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

  registerHealthRoutes(app);
  registerMediaRoutes(app, services.media);
  registerAuthRoutes(app, { auth: services.auth, publicUrl: config.publicUrl });
  registerStaffRoutes(app, services);
  registerOutboxRoutes(app, services.mailer);
  registerPreviewRoutes(app, { site: services.site, articles: services.articles, renderer });
  registerArticleRoutes(app, {
    articles: services.articles,
    editions: services.editions,
    articleUrl: (code, slug) =>
      `${config.publicUrl}${urls.article(services.editions.byCode(code)?.basePath ?? "/", slug)}`,
  });
  registerMediaLibraryRoutes(app, services.media);
  registerTaxonomyRoutes(app, { taxonomy: services.taxonomy, editions: services.editions });
  registerSettingsRoutes(app, { settings: services.settings, editions: services.editions });
  registerLiveCoverageRoutes(app, { live: services.live, banners: services.banners, editions: services.editions });
  registerAdminRoutes(app, { assets, editions: services.editions });
  registerMapsRoutes(app, { maps: services.maps, articles: services.articles });
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
  registerSiteRoutes(app, {
    site: services.site,
    editions: services.editions,
    renderer,
    pageCache: services.pageCache,
    cachePolicy: { maxAgeSeconds: config.pageCache.maxAgeSeconds, keepsPages: config.pageCache.enabled },
  });
  return app;
}
