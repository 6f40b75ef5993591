import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import formbody from "@fastify/formbody";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { Config } from "./config.js";
import { ArticlesRepository } from "./newsroom/articles.repository.js";
import { ArticlesService } from "./newsroom/articles.service.js";
import { EditionsRepository } from "./newsroom/editions.repository.js";
import { EditionsService } from "./newsroom/editions.service.js";
import { MediaRepository } from "./newsroom/media.repository.js";
import { MediaService } from "./newsroom/media.service.js";
import { SettingsRepository } from "./newsroom/settings.repository.js";
import { SettingsService } from "./newsroom/settings.service.js";
import { TaxonomyRepository } from "./newsroom/taxonomy.repository.js";
import { TaxonomyService } from "./newsroom/taxonomy.service.js";
import { PageCache } from "./platform/cache/page-cache.js";
import type { Database } from "./platform/db/database.js";
import { createErrorHandler } from "./platform/http/error-handler.js";
import { registerHealthRoutes } from "./platform/http/health.routes.js";
import { registerSecurityHeaders } from "./platform/http/security-headers.js";
import { LocalStorage } from "./platform/storage/local-storage.js";
import { type Assets, loadAssets } from "./site/assets.js";
import { registerMediaRoutes } from "./site/media.routes.js";
import { SiteRenderer } from "./site/site.renderer.js";
import { registerSiteRoutes } from "./site/site.routes.js";
import { SiteService } from "./site/site.service.js";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Services {
  editions: EditionsService;
  articles: ArticlesService;
  settings: SettingsService;
  media: MediaService;
  taxonomy: TaxonomyService;
  site: SiteService;
  pageCache: PageCache;
}

/** Wires repositories into services. Caches are purged by the services' change events. */
export async function createServices(config: Config, database: Database, now?: () => Date): Promise<Services> {
  const { db } = database;
  const taxonomy = new TaxonomyRepository(db);
  const mediaRepository = new MediaRepository(db);
  const editions = new EditionsService(new EditionsRepository(db));
  await editions.load();
  const articles = new ArticlesService(new ArticlesRepository(db), taxonomy, mediaRepository, now);
  const settings = new SettingsService(new SettingsRepository(db), now);
  const media = new MediaService(mediaRepository, new LocalStorage(config.mediaDir), now);
  const pageCache = new PageCache(config.pageCache);
  articles.onChange((keys) => pageCache.purge(keys));
  settings.onChange((keys) => pageCache.purge(keys));
  const taxonomyService = new TaxonomyService(taxonomy);
  const site = new SiteService(editions, articles, settings, taxonomyService, now);
  return { editions, articles, settings, media, taxonomy: taxonomyService, site, pageCache };
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
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  const assets = options.assets ?? loadAssets(PROJECT_ROOT);
  if (!assets.built) app.log.warn("Browser assets are not built (run npm run build); pages will be unstyled.");
  const renderer = new SiteRenderer(assets, config.publicUrl);

  await app.register(formbody);
  registerSecurityHeaders(app);
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
      allowedPath: (pathName) => !pathName.includes("/.vite/"),
    });
  }

  registerHealthRoutes(app);
  registerMediaRoutes(app, services.media);
  registerSiteRoutes(app, {
    site: services.site,
    editions: services.editions,
    renderer,
    pageCache: services.pageCache,
    cachePolicy: { maxAgeSeconds: config.pageCache.maxAgeSeconds, keepsPages: config.pageCache.enabled },
  });
  return app;
}
