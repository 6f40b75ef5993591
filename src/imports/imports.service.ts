import { createHash } from "node:crypto";
import { isAppError } from "../errors.js";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import type { ArticleInput, ArticlesService, ChangeAuthor } from "../newsroom/articles.service.js";
import type { BodyDocument, ImageNode } from "../newsroom/body.types.js";
import type { Edition } from "../newsroom/editions.service.js";
import { importHtml } from "../newsroom/html-import.js";
import type { MediaService } from "../newsroom/media.service.js";
import { isValidSlug, slugify } from "../newsroom/slug.js";
import type { TaxonomyService } from "../newsroom/taxonomy.service.js";
import type { ArticleRow } from "../platform/db/schema.js";
import type { ImageFetcher } from "./image-fetcher.js";
import { extractImages, linkHrefs, placeImages, rewriteLinks } from "./import-body.js";
import type {
  ImportImage,
  ImportItem,
  ImportPerson,
  ImportReader,
  ImportReport,
  ImportSource,
} from "./import-item.types.js";
import type { ImportsRepository } from "./imports.repository.js";
import { oldPathKey } from "./old-url.js";
import type { RedirectsService } from "./redirects.service.js";

export type MediaMode = "fetch" | "skip";

export interface ImportScope {
  language?: string;
  category?: string;
}

/**
 * The item as this run imports it, or null when it belongs to another run (another language or
 * category). A language matches on its primary subtag ("uk" takes "uk", "uk-UA", "uk_UA").
 */
export function scopeItem(item: ImportItem, scope: ImportScope | undefined): ImportItem | null {
  if (!scope) return item;
  if (scope.language) {
    const language = item.language?.toLowerCase().split(/[-_]/)[0];
    if (language !== scope.language.toLowerCase()) return null;
  }
  if (scope.category) {
    const wanted = scope.category.trim().toLowerCase();
    const categories = item.categories.filter((category) => category.trim().toLowerCase() !== wanted);
    if (categories.length === item.categories.length) return null;
    return { ...item, categories };
  }
  return item;
}

export interface ImportOptions {
  edition: string;
  media: MediaMode;
  /** A local copy of the old uploads folder: images are taken from it by path instead of downloaded. */
  mediaDir?: string;
  dryRun?: boolean;
  /** Update articles edited in Gazette since the last import too (their edits are replaced). */
  overwrite?: boolean;
  /**
   * Only the items in this language (WPML/Polylang, a feed's language) or filed under this category:
   * a multilingual site comes in one edition per run. A matching category is a marker, not a section.
   */
  only?: ImportScope;
  runId?: number;
  by?: ChangeAuthor;
}

export interface ImportProgress {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

export type ImportAction = "create" | "update" | "unchanged" | "skip";

/** A few items and what the import does (or, in a dry run, would do) with them. */
export interface ImportSample {
  sourceId: string;
  title: string;
  action: ImportAction;
  status: ImportItem["status"];
  publishedAt: string | null;
}

export interface ImportOutcome {
  report: ImportReport;
  samples: ImportSample[];
}

export interface ImportsServiceDeps {
  repository: ImportsRepository;
  redirects: RedirectsService;
  articles: ArticlesService;
  articleQueries: ArticleQueries;
  taxonomy: TaxonomyService;
  media: MediaService;
  edition: (code: string) => Edition | undefined;
  /** The article's address on this site, for rewritten links. */
  articleUrl: (edition: string, slug: string) => string;
  /** Downloads an image of the old site (`--media fetch`). */
  fetchImage: ImageFetcher;
  /** Reads an image from a local folder by its path (`--media-dir`). */
  readImage: (dir: string) => ImageFetcher;
  now?: () => Date;
}

const MAX_WARNINGS = 500;
const MAX_SAMPLES = 10;
const LIMITS = { title: 300, dek: 600, caption: 1000 };
const IMPORTER: ChangeAuthor = { staffId: null, tokenId: null, name: "Import" };

/** The mark of an item whose article exists but whose import did not finish (a crash in between). */
const UNFINISHED = "";

class SkipItem extends Error {}

/** One run's memory: terms and images already brought in, and what the report will say. */
class RunState {
  readonly report: ImportReport = {
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    redirects: 0,
    media: { imported: 0, missing: 0 },
    warnings: [],
  };
  readonly progress: ImportProgress = { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  readonly samples: ImportSample[] = [];
  readonly sections = new Map<string, number | null>();
  readonly tags = new Map<string, number | null>();
  readonly people = new Map<string, number>();
  readonly images = new Map<string, number | null>();
  /** Articles whose bodies link to old addresses not imported yet: looked at again at the end. */
  readonly unresolved = new Set<number>();
  siteHosts = new Set<string>();
  droppedWarnings = 0;
  /** Items outside the run's language or category. */
  leftOut = 0;

  constructor(
    readonly source: ImportSource,
    readonly options: ImportOptions,
    readonly language: string,
  ) {}

  warn(text: string): void {
    if (this.report.warnings.length < MAX_WARNINGS) this.report.warnings.push(text);
    else this.droppedWarnings++;
  }

  count(action: ImportAction, item: ImportItem): void {
    const key = ({ create: "created", update: "updated", unchanged: "unchanged", skip: "skipped" } as const)[action];
    this.report[key]++;
    this.progress[key]++;
    if (this.samples.length < MAX_SAMPLES) {
      this.samples.push({
        sourceId: item.sourceId,
        title: item.title,
        action,
        status: item.status,
        publishedAt: item.publishedAt ?? null,
      });
    }
  }
}

/**
 * The import engine: turns what a reader yields into articles, bylines, sections, tags, images and
 * redirects, through the newsroom's own services (the same HTML import and body validator as the
 * editor's paste). Idempotent: each item is remembered by source and id with a hash of what was
 * imported, so a second run of the same file changes nothing, and a crashed run can simply run again.
 *
 * Articles are published quietly (`quiet` on their events): the page cache and search index follow
 * them, but no WebSub ping (or any other push to the outside world) goes out for old stories.
 */
export class ImportsService {
  private readonly now: () => Date;

  constructor(private readonly deps: ImportsServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async run(
    reader: ImportReader,
    options: ImportOptions,
    onProgress?: (progress: ImportProgress) => void | Promise<void>,
  ): Promise<ImportOutcome> {
    const edition = this.deps.edition(options.edition);
    if (!edition) throw new Error(`There is no edition "${options.edition}".`);
    let state: RunState | undefined;
    for await (const entry of reader.entries()) {
      state ??= this.startState(reader, options, edition);
      state.progress.read++;
      if ("failure" in entry) {
        state.report.skipped++;
        state.progress.skipped++;
        state.warn(`Skipped ${entry.failure.title ? `"${entry.failure.title}"` : "an item"}: ${entry.failure.reason}`);
      } else {
        const item = scopeItem(entry.item, options.only);
        if (item) await this.importOne(state, item);
        else {
          state.leftOut++;
          state.report.skipped++;
          state.progress.skipped++;
        }
      }
      await onProgress?.({ ...state.progress });
    }
    state ??= this.startState(reader, options, edition);
    if (!options.dryRun) await this.resolveLeftoverLinks(state);
    if (state.leftOut > 0) {
      const scope = [options.only?.language, options.only?.category].filter(Boolean).join(", ");
      state.warn(`${state.leftOut} items outside this run (${scope}) were left for another run.`);
    }
    if (state.droppedWarnings > 0) state.report.warnings.push(`…and ${state.droppedWarnings} more warnings.`);
    return { report: state.report, samples: state.samples };
  }

  private startState(reader: ImportReader, options: ImportOptions, edition: Edition): RunState {
    const state = new RunState(reader.info.source, options, edition.language);
    if (reader.info.siteUrl) {
      try {
        const host = new URL(reader.info.siteUrl).host.toLowerCase();
        state.siteHosts = new Set([host, host.startsWith("www.") ? host.slice(4) : `www.${host}`]);
      } catch {
        state.warn(
          `The old site's address "${reader.info.siteUrl}" is not a URL; only site-relative links are rewritten.`,
        );
      }
    }
    return state;
  }

  private async importOne(state: RunState, item: ImportItem): Promise<void> {
    const { options, source } = state;
    const label = item.title ? `"${item.title}"` : `item ${item.sourceId}`;
    try {
      const hash = hashOf(item);
      const known = await this.deps.repository.findItem(source, item.sourceId, options.edition);
      let article: ArticleRow | undefined;
      if (known) article = await this.deps.articleQueries.getById(known.article_id).catch(() => undefined);
      let action: ImportAction;
      if (!known || !article) action = "create";
      else if (known.content_hash === hash) action = "unchanged";
      else if (
        known.content_hash !== UNFINISHED &&
        !options.overwrite &&
        (await this.editedSince(article, known.imported_version))
      ) {
        state.warn(
          `Kept ${label}: it was edited in Gazette since the last import (use overwrite to replace the edit).`,
        );
        action = "skip";
      } else action = "update";

      if (options.dryRun) {
        if (action === "create" || action === "update")
          state.report.redirects += await this.deps.redirects.countNew(item.oldUrls);
        for (const warning of item.warnings) state.warn(`${label}: ${warning}`);
        state.count(action, item);
        return;
      }
      if (action === "unchanged" || action === "skip") {
        // Redirects removed by hand stay removed only until the item changes; an unchanged one keeps them.
        if (article && action === "unchanged")
          state.report.redirects += await this.deps.redirects.remember(item.oldUrls, article.id);
        state.count(action, item);
        return;
      }
      for (const warning of item.warnings) state.warn(`${label}: ${warning}`);
      const saved =
        action === "create" || !article
          ? await this.create(state, item, label)
          : await this.update(state, item, article, label);
      state.report.redirects += await this.deps.redirects.remember(item.oldUrls, saved.id);
      await this.deps.repository.saveItem({
        source,
        sourceId: item.sourceId,
        edition: options.edition,
        articleId: saved.id,
        hash,
        version: saved.version,
        runId: options.runId ?? null,
        at: this.now().toISOString(),
      });
      state.count(action, item);
    } catch (error) {
      if (error instanceof SkipItem) {
        state.warn(`Skipped ${label}: ${error.message}`);
        state.count("skip", item);
        return;
      }
      state.report.failed++;
      state.progress.failed++;
      state.warn(
        `Could not import ${label}: ${isAppError(error) || error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Whether someone changed the article in Gazette after the import left it at `version`. Its
   * schedule going out by itself (a "published" version by nobody) is not an edit.
   */
  private async editedSince(article: ArticleRow, version: number): Promise<boolean> {
    if (article.version === version) return false;
    const revisions = await this.deps.articles.listRevisions(article.id);
    return revisions.some(
      (revision) => revision.version > version && !(revision.label === "published" && revision.author_name === null),
    );
  }

  /** The article's fields from the item, with its people, terms and images brought in first. */
  private async contentOf(state: RunState, item: ImportItem, label: string, articleId?: number) {
    const title = item.title.trim();
    if (!title) throw new SkipItem("it has no title.");
    const authorIds: number[] = [];
    for (const person of item.authors) {
      const id = await this.personId(state, person);
      if (id !== undefined && !authorIds.includes(id)) authorIds.push(id);
    }
    const [sectionName, ...otherCategories] = item.categories;
    const sectionId = sectionName ? await this.termId(state, "section", sectionName) : null;
    const tagIds: number[] = [];
    for (const name of [...otherCategories, ...item.tags]) {
      const id = await this.termId(state, "tag", name);
      if (id !== null && !tagIds.includes(id)) tagIds.push(id);
    }
    const lead = item.leadImage ? await this.imageId(state, item.leadImage, label) : null;
    const body = await this.bodyOf(state, item, label, articleId);
    return {
      title: clip(state, title, LIMITS.title, label, "title"),
      dek: item.dek?.trim() ? clip(state, item.dek.trim(), LIMITS.dek, label, "summary") : null,
      body,
      sectionId,
      tagIds,
      authorIds,
      leadMediaId: lead,
      leadCaption: lead !== null && item.leadImage?.caption ? item.leadImage.caption.slice(0, LIMITS.caption) : null,
      leadCredit: lead !== null && item.leadImage?.credit ? item.leadImage.credit.slice(0, LIMITS.caption) : null,
      leadAlt: lead !== null && item.leadImage?.alt ? item.leadImage.alt.slice(0, LIMITS.caption) : null,
    };
  }

  private async create(state: RunState, item: ImportItem, label: string): Promise<ArticleRow> {
    const content = await this.contentOf(state, item, label);
    const input: ArticleInput = { edition: state.options.edition, ...content };
    const slug = item.slug?.toLowerCase();
    let article: ArticleRow;
    try {
      article = await this.deps.articles.create(
        slug && isValidSlug(slug) ? { ...input, slug } : input,
        state.options.by ?? IMPORTER,
      );
    } catch (error) {
      // The old slug is taken in this edition: the headline gives another one.
      if (!(isAppError(error) && error.code === "conflict")) throw error;
      article = await this.deps.articles.create(input, state.options.by ?? IMPORTER);
    }
    // Remembered before publishing: a crash from here on finds the article again instead of making a second one.
    await this.deps.repository.saveItem({
      source: state.source,
      sourceId: item.sourceId,
      edition: state.options.edition,
      articleId: article.id,
      hash: UNFINISHED,
      version: article.version,
      runId: state.options.runId ?? null,
      at: this.now().toISOString(),
    });
    if (hasLinksLeft(state, content.body)) state.unresolved.add(article.id);
    return this.applyStatus(state, item, article);
  }

  private async update(state: RunState, item: ImportItem, before: ArticleRow, label: string): Promise<ArticleRow> {
    const content = await this.contentOf(state, item, label, before.id);
    const saved = await this.deps.articles.update(before.id, content, {
      by: state.options.by ?? IMPORTER,
      quiet: true,
    });
    if (hasLinksLeft(state, content.body)) state.unresolved.add(saved.id);
    return this.applyStatus(state, item, saved);
  }

  /** Gives the article the item's state: published at its original time, scheduled, or left a draft. */
  private async applyStatus(state: RunState, item: ImportItem, article: ArticleRow): Promise<ArticleRow> {
    const by = state.options.by ?? IMPORTER;
    const at = item.publishedAt ? new Date(item.publishedAt) : undefined;
    const when = at && !Number.isNaN(at.getTime()) ? at : undefined;
    if (item.status === "scheduled" && when && when.getTime() > this.now().getTime()) {
      if (article.status === "scheduled" && article.published_at === when.toISOString()) return article;
      return this.deps.articles.schedule(article.id, when, by);
    }
    if (item.status === "published" || item.status === "scheduled") {
      // A scheduled story whose time has passed on the old site went out there: it is published here.
      const target = when ?? (article.published_at ? new Date(article.published_at) : this.now());
      if (article.status === "published" && article.published_at === target.toISOString()) return article;
      return this.deps.articles.publish(article.id, target, by, { quiet: true });
    }
    return article;
  }

  private async personId(state: RunState, person: ImportPerson): Promise<number | undefined> {
    const { source, options } = state;
    const cacheKey = person.key;
    const cached = state.people.get(cacheKey);
    if (cached !== undefined) return cached;
    const name = person.name.trim() || person.key.trim();
    if (!name) return undefined;
    let id = await this.deps.repository.findPerson(source, options.edition, person.key, person.email);
    if (id !== undefined && !(await this.deps.taxonomy.findById("person", id))) id = undefined;
    if (id === undefined) {
      const slug = slugify(name, state.language);
      const existing = await this.deps.taxonomy.findPerson(options.edition, slug);
      id =
        existing?.id ??
        (
          await this.deps.taxonomy.create("person", {
            edition: options.edition,
            name: name.slice(0, 200),
            slug,
            bio: person.bio?.trim() ? person.bio.trim().slice(0, 2000) : null,
          })
        ).id;
      await this.deps.repository.savePerson(source, options.edition, person.key, person.email, id);
    }
    state.people.set(cacheKey, id);
    return id;
  }

  private async termId(state: RunState, kind: "section" | "tag", name: string): Promise<number | null> {
    const clean = name.trim();
    if (!clean) return null;
    const cache = kind === "section" ? state.sections : state.tags;
    const cached = cache.get(clean.toLowerCase());
    if (cached !== undefined) return cached;
    const slug = slugify(clean, state.language);
    const edition = state.options.edition;
    const existing =
      kind === "section"
        ? await this.deps.taxonomy.findSection(edition, slug)
        : await this.deps.taxonomy.findTag(edition, slug);
    const id = existing?.id ?? (await this.deps.taxonomy.create(kind, { edition, name: clean.slice(0, 200), slug })).id;
    cache.set(clean.toLowerCase(), id);
    return id;
  }

  /** The image in the media library, or null when it cannot be had (the article goes in without it). */
  private async imageId(
    state: RunState,
    image: ImportImage | { url: string; alt?: string; caption?: string; localPath?: string; credit?: string },
    label: string,
  ): Promise<number | null> {
    const { options } = state;
    if (options.media === "skip" && !options.mediaDir) return null;
    const cached = state.images.get(image.url);
    if (cached !== undefined) return cached;
    let id: number | null = null;
    try {
      const bytes = options.mediaDir
        ? await this.deps.readImage(options.mediaDir)(image.localPath ?? image.url)
        : await this.deps.fetchImage(image.url);
      const row = await this.deps.media.importImage(
        bytes,
        {
          alt: (image.alt ?? "").slice(0, LIMITS.caption),
          caption: image.caption ?? null,
          credit: image.credit ?? null,
        },
        options.by ? { staffId: options.by.staffId, tokenId: options.by.tokenId } : undefined,
      );
      id = row.id;
      state.report.media.imported++;
    } catch (error) {
      state.report.media.missing++;
      state.warn(
        `${label}: the image ${image.url} could not be brought in (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    state.images.set(image.url, id);
    return id;
  }

  /** The body document: the editor's HTML import, then images back in place and old links rewritten. */
  private async bodyOf(state: RunState, item: ImportItem, label: string, _articleId?: number): Promise<BodyDocument> {
    const extracted = extractImages(item.html);
    const imported = importHtml(extracted.html);
    for (const warning of imported.warnings) state.warn(`${label}: ${warning}`);
    const nodes: (ImageNode | null)[] = [];
    for (const ref of extracted.images) {
      const known = item.bodyImages.find((image) => image.url === ref.src);
      const absolute = known?.url ?? absoluteUrl(ref.src, [...state.siteHosts][0]);
      if (!absolute) {
        nodes.push(null);
        continue;
      }
      const mediaId = await this.imageId(
        state,
        {
          url: absolute,
          ...(known?.localPath ? { localPath: known.localPath } : {}),
          alt: known?.alt ?? ref.alt,
          caption: known?.caption ?? ref.caption,
          credit: known?.credit,
        },
        label,
      );
      nodes.push(
        mediaId === null
          ? null
          : {
              type: "image",
              attrs: {
                mediaId,
                caption: known?.caption ?? ref.caption ?? null,
                credit: known?.credit ?? null,
                alt: known?.alt ?? ref.alt ?? null,
              },
            },
      );
    }
    const body = placeImages(imported.body, (index) => nodes[index] ?? null);
    return this.rewriteOldLinks(state, body);
  }

  /** Links to the old site's articles that were imported (in this run or an earlier one) now point here. */
  private async rewriteOldLinks(state: RunState, body: BodyDocument): Promise<BodyDocument> {
    const replace = new Map<string, string>();
    for (const href of linkHrefs(body)) {
      if (!isOldSiteLink(state, href)) continue;
      const target = await this.deps.redirects.articleFor(href);
      if (target === undefined) continue;
      const article = await this.deps.articleQueries.getById(target).catch(() => undefined);
      if (article) replace.set(href, this.deps.articleUrl(article.edition_code, article.slug));
    }
    return replace.size > 0 ? rewriteLinks(body, replace) : body;
  }

  /** The second pass: links to stories that came later in the file. */
  private async resolveLeftoverLinks(state: RunState): Promise<void> {
    for (const id of state.unresolved) {
      try {
        const { article } = await this.deps.articles.getForEditing(id);
        const body = JSON.parse(article.body) as BodyDocument;
        const rewritten = await this.rewriteOldLinks(state, body);
        if (rewritten === body) continue;
        const saved = await this.deps.articles.update(
          id,
          { body: rewritten },
          { by: state.options.by ?? IMPORTER, quiet: true },
        );
        await this.deps.repository.setImportedVersion(id, saved.version);
      } catch (error) {
        state.warn(
          `Links in article ${id} could not be updated: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

/** What an item's import depends on: a change to any of it is a change to import. */
function hashOf(item: ImportItem): string {
  const { warnings: _warnings, ...content } = item;
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

function clip(state: RunState, text: string, max: number, label: string, field: string): string {
  if (text.length <= max) return text;
  state.warn(`${label}: the ${field} was cut to ${max} characters.`);
  return text.slice(0, max);
}

function isOldSiteLink(state: RunState, href: string): boolean {
  if (href.startsWith("/") && !href.startsWith("//")) return true;
  try {
    return state.siteHosts.has(new URL(href).host.toLowerCase());
  } catch {
    return false;
  }
}

/** True when the body still links to the old site (a story not imported yet, perhaps later in the file). */
function hasLinksLeft(state: RunState, body: BodyDocument): boolean {
  return linkHrefs(body).some((href) => isOldSiteLink(state, href) && oldPathKey(href) !== undefined);
}

function absoluteUrl(src: string, host: string | undefined): string | undefined {
  try {
    return new URL(src).toString();
  } catch {
    if (!host || !src.startsWith("/")) return undefined;
    return `https://${host}${src}`;
  }
}
