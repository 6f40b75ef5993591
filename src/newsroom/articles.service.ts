import { AppError } from "../errors.js";
import type { ArticleRow, ArticleUpdate, MediaRow, PersonRow, SectionRow, TagRow } from "../platform/db/schema.js";
import type { ArticleCardRow, ArticlesRepository, FeedPosition, FeedScope } from "./articles.repository.js";
import type { BodyDocument } from "./body.types.js";
import { collectMediaIds, parseBody } from "./body.validator.js";
import type { MediaRepository } from "./media.repository.js";
import { isValidSlug, slugify } from "./slug.js";
import { articleSurrogateKeys } from "./surrogate-keys.js";
import type { TaxonomyRepository } from "./taxonomy.repository.js";

export interface ArticleInput {
  edition: string;
  title: string;
  slug?: string;
  dek?: string | null;
  sectionId?: number | null;
  tagIds?: number[];
  authorIds?: number[];
  leadMediaId?: number | null;
  body: unknown;
  sourceAttribution?: string | null;
  translationGroup?: string | null;
  breaking?: boolean;
  featured?: boolean;
}

export type ArticlePatch = Partial<Omit<ArticleInput, "edition">>;

/** Everything the article page shows. */
export interface ArticleView {
  article: ArticleRow;
  body: BodyDocument;
  section: SectionRow | null;
  tags: TagRow[];
  authors: PersonRow[];
  leadMedia: MediaRow | null;
  /** Images referenced in the body, by id. */
  media: Map<number, MediaRow>;
}

export interface FeedPage {
  items: ArticleCardRow[];
  /** Where the next page starts, or null at the end of the archive. */
  next: FeedPosition | null;
}

/** Told which surrogate keys a change touched, so caches can drop exactly those pages. */
export type ContentChangeListener = (keys: string[]) => void;

const LIMITS = { title: 300, dek: 600, source: 600 };

export class ArticlesService {
  private readonly listeners: ContentChangeListener[] = [];

  constructor(
    private readonly articles: ArticlesRepository,
    private readonly taxonomy: TaxonomyRepository,
    private readonly media: MediaRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  onChange(listener: ContentChangeListener): void {
    this.listeners.push(listener);
  }

  private emit(keys: Iterable<string>): void {
    const list = [...new Set(keys)];
    for (const listener of this.listeners) listener(list);
  }

  async getPublished(edition: string, slug: string): Promise<ArticleView | undefined> {
    const article = await this.articles.findPublishedBySlug(edition, slug);
    if (!article) return undefined;
    return this.view(article);
  }

  private async view(article: ArticleRow): Promise<ArticleView> {
    const body = JSON.parse(article.body) as BodyDocument;
    const mediaIds = collectMediaIds(body);
    if (article.lead_media_id !== null) mediaIds.push(article.lead_media_id);
    const [section, tags, authors, mediaRows] = await Promise.all([
      article.section_id === null ? undefined : this.taxonomy.findSectionById(article.section_id),
      this.taxonomy.tagsOfArticle(article.id),
      this.taxonomy.authorsOfArticle(article.id),
      this.media.findByIds([...new Set(mediaIds)]),
    ]);
    const media = new Map(mediaRows.map((m) => [m.id, m]));
    return {
      article,
      body,
      section: section ?? null,
      tags,
      authors,
      leadMedia: article.lead_media_id === null ? null : (media.get(article.lead_media_id) ?? null),
      media,
    };
  }

  /** One page of a feed, newest first. */
  async feed(scope: FeedScope, after: FeedPosition | null, limit: number, excludeId?: number): Promise<FeedPage> {
    const rows = await this.articles.listFeed(scope, after, limit + 1, excludeId);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const next = rows.length > limit && last ? { publishedAt: last.published_at, id: last.id } : null;
    return { items, next };
  }

  findLead(edition: string): Promise<ArticleCardRow | undefined> {
    return this.articles.findLead(edition);
  }

  async create(input: ArticleInput): Promise<ArticleRow> {
    const body = parseBody(input.body);
    const title = requireText(input.title, "title", LIMITS.title);
    await this.checkSection(input.edition, input.sectionId ?? null);
    const now = this.now().toISOString();
    const slug = input.slug ? checkSlug(input.slug) : slugify(title, input.edition);
    return this.articles.insert(
      {
        edition_code: input.edition,
        slug,
        status: "draft",
        title,
        dek: optionalText(input.dek, "dek", LIMITS.dek),
        section_id: input.sectionId ?? null,
        lead_media_id: input.leadMediaId ?? null,
        body: JSON.stringify(body),
        source_attribution: optionalText(input.sourceAttribution, "sourceAttribution", LIMITS.source),
        published_at: null,
        created_at: now,
        updated_at: now,
        translation_group: input.translationGroup ?? null,
        is_breaking: input.breaking ? 1 : 0,
        is_featured: input.featured ? 1 : 0,
      },
      input.tagIds ?? [],
      input.authorIds ?? [],
    );
  }

  /** Changes an article; a published one is purged from every page that shows it, before and after. */
  async update(id: number, patch: ArticlePatch): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    const changes: ArticleUpdate = { updated_at: this.now().toISOString() };
    if (patch.title !== undefined) changes.title = requireText(patch.title, "title", LIMITS.title);
    if (patch.slug !== undefined) changes.slug = checkSlug(patch.slug);
    if (patch.dek !== undefined) changes.dek = optionalText(patch.dek, "dek", LIMITS.dek);
    if (patch.body !== undefined) changes.body = JSON.stringify(parseBody(patch.body));
    if (patch.sectionId !== undefined) {
      await this.checkSection(before.edition_code, patch.sectionId);
      changes.section_id = patch.sectionId;
    }
    if (patch.leadMediaId !== undefined) changes.lead_media_id = patch.leadMediaId;
    if (patch.sourceAttribution !== undefined) {
      changes.source_attribution = optionalText(patch.sourceAttribution, "sourceAttribution", LIMITS.source);
    }
    if (patch.translationGroup !== undefined) changes.translation_group = patch.translationGroup;
    if (patch.breaking !== undefined) changes.is_breaking = patch.breaking ? 1 : 0;
    if (patch.featured !== undefined) changes.is_featured = patch.featured ? 1 : 0;
    const linksBefore = await this.articles.linkIds(id);
    const links =
      patch.tagIds !== undefined || patch.authorIds !== undefined
        ? { tagIds: patch.tagIds ?? linksBefore.tagIds, authorIds: patch.authorIds ?? linksBefore.authorIds }
        : undefined;
    const after = await this.articles.update(id, changes, links);
    if (!after) throw new AppError("not_found", `Article ${id} does not exist.`);
    if (before.status === "published" || after.status === "published") {
      this.emit([
        ...articleSurrogateKeys({ ...before, ...linksBefore }),
        ...articleSurrogateKeys({ ...after, ...(links ?? linksBefore) }),
      ]);
    }
    return after;
  }

  /**
   * Publishes now, or schedules when `at` is in the future. The first publication time is kept
   * when an article is published again, so it does not jump back to the top of the feed.
   */
  async publish(id: number, at?: Date): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    const now = this.now();
    const when = at ?? (before.published_at ? new Date(before.published_at) : now);
    const scheduled = when.getTime() > now.getTime();
    const after = await this.articles.update(id, {
      status: scheduled ? "scheduled" : "published",
      published_at: when.toISOString(),
      updated_at: now.toISOString(),
    });
    if (!after) throw new AppError("not_found", `Article ${id} does not exist.`);
    if (!scheduled || before.status === "published") {
      this.emit(articleSurrogateKeys({ ...after, ...(await this.articles.linkIds(id)) }));
    }
    return after;
  }

  /** Takes an article off the site (back to draft), purging every page that showed it. */
  async unpublish(id: number): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    const after = await this.articles.update(id, { status: "draft", updated_at: this.now().toISOString() });
    if (!after) throw new AppError("not_found", `Article ${id} does not exist.`);
    if (before.status === "published") {
      this.emit(articleSurrogateKeys({ ...before, ...(await this.articles.linkIds(id)) }));
    }
    return after;
  }

  private async mustFind(id: number): Promise<ArticleRow> {
    const article = await this.articles.findById(id);
    if (!article) throw new AppError("not_found", `Article ${id} does not exist.`);
    return article;
  }

  private async checkSection(edition: string, sectionId: number | null): Promise<void> {
    if (sectionId === null) return;
    const section = await this.taxonomy.findSectionById(sectionId);
    if (!section || section.edition_code !== edition) {
      throw new AppError("validation_failed", `Section ${sectionId} does not exist in the "${edition}" edition.`);
    }
  }

  countArticles(): Promise<number> {
    return this.articles.countArticles();
  }
}

function requireText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text === "") throw new AppError("validation_failed", `The ${field} must not be empty.`, { field });
  if (text.length > max)
    throw new AppError("validation_failed", `The ${field} must be at most ${max} characters.`, { field });
  return text;
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === undefined || value === null || value.trim() === "") return null;
  return requireText(value, field, max);
}

function checkSlug(slug: string): string {
  if (!isValidSlug(slug)) {
    throw new AppError(
      "validation_failed",
      "The slug may hold only lowercase letters a–z, digits and single hyphens.",
      {
        field: "slug",
      },
    );
  }
  return slug;
}
