import { AppError } from "../errors.js";
import type { ArticleRow, ArticleUpdate, MediaRow, PersonRow, SectionRow, TagRow } from "../platform/db/schema.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type {
  AdminArticleFilters,
  ArchiveMonth,
  ArticleCardRow,
  ArticlesRepository,
  FeedPosition,
  FeedScope,
  PublishedArticleRef,
} from "./articles.repository.js";
import type { BodyDocument } from "./body.types.js";
import { collectMediaIds, parseBody } from "./body.validator.js";
import { importHtml } from "./html-import.js";
import type { MediaRepository } from "./media.repository.js";
import { isValidSlug, slugify } from "./slug.js";
import { articleSurrogateKeys } from "./surrogate-keys.js";
import type { TaxonomyRepository } from "./taxonomy.repository.js";
import { optionalText, requireText } from "./text-fields.js";

export interface ArticleInput {
  edition: string;
  /** "live" makes a live blog (entries via LiveCoverageService); fixed at creation. */
  kind?: "standard" | "live";
  title: string;
  slug?: string;
  dek?: string | null;
  sectionId?: number | null;
  tagIds?: number[];
  authorIds?: number[];
  leadMediaId?: number | null;
  /** The body as a document; or give `html` instead, converted on the way in. */
  body?: unknown;
  html?: string;
  sourceAttribution?: string | null;
  translationGroup?: string | null;
  /** The article this one translates (see createTranslation). */
  translatedFrom?: number | null;
  breaking?: boolean;
  featured?: boolean;
  /** Show the edition's video of the day in this story (default true). */
  videoOfTheDay?: boolean;
  seoTitle?: string | null;
  seoDescription?: string | null;
  /** Per-article caption, credit and alt of the lead image (null: use the media library's). */
  leadCaption?: string | null;
  leadCredit?: string | null;
  leadAlt?: string | null;
}

export type ArticlePatch = Partial<Omit<ArticleInput, "edition">>;

/** Who made a change, for ownership and the revision history. */
export interface ChangeAuthor {
  staffId: number | null;
  tokenId: number | null;
  name: string;
}

export interface SaveResult {
  article: ArticleRow;
  /** What the HTML import could not keep (dropped images, unsafe links…); empty for JSON bodies. */
  warnings: string[];
}

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    "articles.publish-scheduled": { articleId: number; at: string };
  }
}

/** The fields a revision keeps: everything an editor edits, nothing of the workflow. */
const REVISED_FIELDS = [
  "title",
  "slug",
  "dek",
  "body",
  "section_id",
  "lead_media_id",
  "source_attribution",
  "seo_title",
  "seo_description",
  "lead_caption",
  "lead_credit",
  "lead_alt",
  "is_breaking",
  "is_featured",
  "video_of_the_day",
] as const;

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

/**
 * Told of every saved state of an article, drafts included (the search index follows them).
 * Awaited: when a save returns, its listeners are done.
 */
export type ArticleSavedListener = (article: ArticleRow) => Promise<void> | void;

const LIMITS = { title: 300, dek: 600, source: 600, seoTitle: 120, seoDescription: 320, caption: 1000 };

export class ArticlesService {
  private readonly listeners: ContentChangeListener[] = [];
  private readonly savedListeners: ArticleSavedListener[] = [];

  constructor(
    private readonly articles: ArticlesRepository,
    private readonly taxonomy: TaxonomyRepository,
    private readonly media: MediaRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly jobs?: JobQueue,
  ) {
    jobs?.register("articles.publish-scheduled", async (payload) => {
      await this.publishScheduled(payload.articleId, payload.at);
    });
  }

  onChange(listener: ContentChangeListener): void {
    this.listeners.push(listener);
  }

  onSaved(listener: ArticleSavedListener): void {
    this.savedListeners.push(listener);
  }

  private async saved(article: ArticleRow): Promise<ArticleRow> {
    for (const listener of this.savedListeners) await listener(article);
    return article;
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

  /** Any article in any state, laid out as the page shows it: for the newsroom's preview. */
  async getViewById(id: number): Promise<ArticleView> {
    return this.view(await this.mustFind(id));
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
      leadMedia: leadWithOverrides(article, media),
      media,
    };
  }

  /**
   * The newest published articles of a list with everything a full-text feed shows, loaded in a
   * handful of queries whatever the count (not one `view` per item).
   */
  async latestViews(scope: FeedScope, limit: number): Promise<ArticleView[]> {
    const cards = await this.articles.listFeed(scope, null, limit);
    const ids = cards.map((card) => card.id);
    const [rows, tags, authors] = await Promise.all([
      this.articles.findByIds(ids),
      this.taxonomy.tagsOfArticles(ids),
      this.taxonomy.authorsOfArticles(ids),
    ]);
    const bodies = new Map(rows.map((row) => [row.id, JSON.parse(row.body) as BodyDocument]));
    const mediaIds = rows.flatMap((row) => [
      ...collectMediaIds(bodies.get(row.id) ?? { type: "doc", content: [] }),
      ...(row.lead_media_id === null ? [] : [row.lead_media_id]),
    ]);
    const sectionIds = rows.flatMap((row) => (row.section_id === null ? [] : [row.section_id]));
    const [mediaRows, sections] = await Promise.all([
      this.media.findByIds([...new Set(mediaIds)]),
      this.taxonomy.findSectionsByIds([...new Set(sectionIds)]),
    ]);
    const media = new Map(mediaRows.map((m) => [m.id, m]));
    const sectionById = new Map(sections.map((section) => [section.id, section]));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const article = byId.get(id);
      if (!article) return [];
      return [
        {
          article,
          body: bodies.get(id) ?? { type: "doc", content: [] },
          section: article.section_id === null ? null : (sectionById.get(article.section_id) ?? null),
          tags: linkedTo(tags, id),
          authors: linkedTo(authors, id),
          leadMedia: leadWithOverrides(article, media),
          media,
        },
      ];
    });
  }

  /** The other published members of the article's translation group (other editions' versions). */
  async publishedTranslations(article: ArticleRow): Promise<PublishedArticleRef[]> {
    if (!article.translation_group) return [];
    const members = await this.articles.publishedInGroups([article.translation_group]);
    return members.filter((member) => member.id !== article.id);
  }

  /** Published members of each translation group, for hreflang alternates in sitemaps. */
  publishedInGroups(groups: readonly string[]): Promise<PublishedArticleRef[]> {
    return this.articles.publishedInGroups(groups);
  }

  archiveMonths(): Promise<ArchiveMonth[]> {
    return this.articles.archiveMonths();
  }

  archiveMonthPage(month: string, offset: number, limit: number): Promise<PublishedArticleRef[]> {
    return this.articles.monthPage(month, offset, limit);
  }

  publishedSince(edition: string, since: Date, limit: number): Promise<PublishedArticleRef[]> {
    return this.articles.publishedSince(edition, since.toISOString(), limit);
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

  async create(input: ArticleInput, by?: ChangeAuthor): Promise<ArticleRow> {
    return (await this.createWithWarnings(input, by)).article;
  }

  /** Creates a draft. Returns the HTML import's warnings too, for the newsroom to read. */
  async createWithWarnings(input: ArticleInput, by?: ChangeAuthor): Promise<SaveResult> {
    const { body, warnings } = this.resolveBody(input.body, input.html, true);
    const title = requireText(input.title, "title", LIMITS.title);
    await this.checkSection(input.edition, input.sectionId ?? null);
    await this.checkMedia(input.leadMediaId ?? null);
    const now = this.now().toISOString();
    const slug = input.slug ? checkSlug(input.slug) : await this.freeSlug(input.edition, slugify(title, input.edition));
    const article = await this.articles.insert(
      {
        edition_code: input.edition,
        kind: input.kind ?? "standard",
        slug,
        status: "draft",
        title,
        dek: optionalText(input.dek, "dek", LIMITS.dek),
        section_id: input.sectionId ?? null,
        lead_media_id: input.leadMediaId ?? null,
        body: JSON.stringify(body ?? { type: "doc", content: [] }),
        source_attribution: optionalText(input.sourceAttribution, "sourceAttribution", LIMITS.source),
        published_at: null,
        created_at: now,
        updated_at: now,
        translation_group: input.translationGroup ?? null,
        translated_from: input.translatedFrom ?? null,
        is_breaking: input.breaking ? 1 : 0,
        is_featured: input.featured ? 1 : 0,
        video_of_the_day: input.videoOfTheDay === false ? 0 : 1,
        seo_title: optionalText(input.seoTitle, "seoTitle", LIMITS.seoTitle),
        seo_description: optionalText(input.seoDescription, "seoDescription", LIMITS.seoDescription),
        lead_caption: optionalText(input.leadCaption, "leadImage.caption", LIMITS.caption),
        lead_credit: optionalText(input.leadCredit, "leadImage.credit", LIMITS.caption),
        lead_alt: optionalText(input.leadAlt, "leadImage.alt", LIMITS.caption),
        created_by: by?.staffId ?? null,
        created_by_token: by?.tokenId ?? null,
      },
      input.tagIds ?? [],
      input.authorIds ?? [],
    );
    await this.recordRevision(article, by);
    await this.saved(article);
    return { article, warnings };
  }

  private resolveBody(
    body: unknown,
    html: string | undefined,
    required: boolean,
  ): { body?: BodyDocument; warnings: string[] } {
    if (body !== undefined && html !== undefined) {
      throw new AppError("validation_failed", "Send the body either as a document (body) or as HTML (html), not both.");
    }
    if (html !== undefined) return importHtml(html);
    if (body !== undefined) return { body: parseBody(body), warnings: [] };
    return required ? { body: { type: "doc", content: [] }, warnings: [] } : { warnings: [] };
  }

  /** A slug not yet taken in the edition: "title", then "title-2", "title-3"… */
  private async freeSlug(edition: string, base: string): Promise<string> {
    const taken = new Set(await this.articles.slugsStartingWith(edition, base));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  private async checkMedia(mediaId: number | null): Promise<void> {
    if (mediaId === null) return;
    if (!(await this.media.findById(mediaId))) {
      throw new AppError("validation_failed", `Image ${mediaId} does not exist in the media library.`, {
        field: "leadImage",
      });
    }
  }

  private async recordRevision(article: ArticleRow, by?: ChangeAuthor): Promise<void> {
    const snapshot = Object.fromEntries(REVISED_FIELDS.map((field) => [field, article[field]]));
    const links = await this.articles.linkIds(article.id);
    await this.articles.insertRevision({
      article_id: article.id,
      version: article.version,
      snapshot: JSON.stringify({ ...snapshot, ...links }),
      staff_id: by?.staffId ?? null,
      author_name: by?.name ?? null,
      created_at: this.now().toISOString(),
    });
  }

  /** Changes an article; a published one is purged from every page that shows it, before and after. */
  async update(
    id: number,
    patch: ArticlePatch,
    options: { expectedVersion?: number; by?: ChangeAuthor } = {},
  ): Promise<ArticleRow> {
    return (await this.updateWithWarnings(id, patch, options)).article;
  }

  /**
   * Saves an edit. With `expectedVersion`, a save based on an older version is refused with a
   * 409 `conflict` that carries both versions, so the editor can reload instead of overwriting.
   */
  async updateWithWarnings(
    id: number,
    patch: ArticlePatch,
    options: { expectedVersion?: number; by?: ChangeAuthor } = {},
  ): Promise<SaveResult> {
    const before = await this.mustFind(id);
    if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
      throw staleVersion(before, options.expectedVersion);
    }
    const changes: ArticleUpdate = { updated_at: this.now().toISOString() };
    const { body, warnings } = this.resolveBody(patch.body, patch.html, false);
    if (body) changes.body = JSON.stringify(body);
    if (patch.title !== undefined) changes.title = requireText(patch.title, "title", LIMITS.title);
    if (patch.slug !== undefined) changes.slug = checkSlug(patch.slug);
    if (patch.dek !== undefined) changes.dek = optionalText(patch.dek, "dek", LIMITS.dek);
    if (patch.sectionId !== undefined) {
      await this.checkSection(before.edition_code, patch.sectionId);
      changes.section_id = patch.sectionId;
    }
    if (patch.leadMediaId !== undefined) {
      await this.checkMedia(patch.leadMediaId);
      changes.lead_media_id = patch.leadMediaId;
    }
    if (patch.seoTitle !== undefined) changes.seo_title = optionalText(patch.seoTitle, "seoTitle", LIMITS.seoTitle);
    if (patch.seoDescription !== undefined) {
      changes.seo_description = optionalText(patch.seoDescription, "seoDescription", LIMITS.seoDescription);
    }
    if (patch.leadCaption !== undefined)
      changes.lead_caption = optionalText(patch.leadCaption, "leadImage.caption", LIMITS.caption);
    if (patch.leadCredit !== undefined)
      changes.lead_credit = optionalText(patch.leadCredit, "leadImage.credit", LIMITS.caption);
    if (patch.leadAlt !== undefined) changes.lead_alt = optionalText(patch.leadAlt, "leadImage.alt", LIMITS.caption);
    if (patch.sourceAttribution !== undefined) {
      changes.source_attribution = optionalText(patch.sourceAttribution, "sourceAttribution", LIMITS.source);
    }
    if (patch.translationGroup !== undefined) changes.translation_group = patch.translationGroup;
    if (patch.breaking !== undefined) changes.is_breaking = patch.breaking ? 1 : 0;
    if (patch.featured !== undefined) changes.is_featured = patch.featured ? 1 : 0;
    if (patch.videoOfTheDay !== undefined) changes.video_of_the_day = patch.videoOfTheDay ? 1 : 0;
    const linksBefore = await this.articles.linkIds(id);
    const links =
      patch.tagIds !== undefined || patch.authorIds !== undefined
        ? { tagIds: patch.tagIds ?? linksBefore.tagIds, authorIds: patch.authorIds ?? linksBefore.authorIds }
        : undefined;
    const after = await this.articles.update(id, changes, links, { expectedVersion: before.version });
    if (!after) {
      const current = await this.mustFind(id);
      throw staleVersion(current, options.expectedVersion ?? before.version);
    }
    if (before.status === "published" || after.status === "published") {
      this.emit([
        ...articleSurrogateKeys({ ...before, ...linksBefore }),
        ...articleSurrogateKeys({ ...after, ...(links ?? linksBefore) }),
      ]);
    }
    if (before.slug !== after.slug) {
      await this.articles.recordOldSlug(before.edition_code, before.slug, id, this.now().toISOString());
    }
    await this.recordRevision(after, options.by);
    await this.saved(after);
    return { article: after, warnings };
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
    return this.saved(after);
  }

  /** Sends a draft to the editors. */
  async submit(id: number): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    if (before.status !== "draft") {
      throw new AppError(
        "invalid_state",
        `Only a draft can be submitted for review; this article is ${before.status}.`,
      );
    }
    const now = this.now().toISOString();
    const after = await this.articles.update(
      id,
      { status: "in_review", submitted_at: now, updated_at: now },
      undefined,
      {
        where: { status: "draft" },
      },
    );
    if (!after) throw new AppError("conflict", "The article changed while it was being submitted; reload it.");
    return this.saved(after);
  }

  /**
   * Publishes at a future moment. A durable job does it then; if the server is down at that
   * moment, the job runs on the next start. Scheduling again replaces the time.
   */
  async schedule(id: number, at: Date): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    if (at.getTime() <= this.now().getTime()) {
      throw new AppError("validation_failed", "The scheduled time is in the past; publish now instead.", {
        field: "at",
      });
    }
    if (!this.jobs) throw new AppError("service_unavailable", "Scheduled publishing is not available in this process.");
    const iso = at.toISOString();
    const after = await this.articles.update(id, {
      status: "scheduled",
      published_at: iso,
      updated_at: this.now().toISOString(),
    });
    if (!after) throw new AppError("not_found", `Article ${id} does not exist.`);
    await this.jobs.enqueue(
      "articles.publish-scheduled",
      { articleId: id, at: iso },
      { runAt: at, dedupeKey: `publish:${id}:${iso}` },
    );
    if (before.status === "published") {
      this.emit(articleSurrogateKeys({ ...before, ...(await this.articles.linkIds(id)) }));
    }
    return this.saved(after);
  }

  /**
   * The scheduled job. Publishes only if the article is still scheduled for exactly that time,
   * in one conditional update: a re-run, a re-schedule or an unpublish in between make it a no-op.
   */
  async publishScheduled(id: number, at: string): Promise<boolean> {
    const after = await this.articles.update(
      id,
      { status: "published", updated_at: this.now().toISOString() },
      undefined,
      { where: { status: "scheduled", published_at: at } },
    );
    if (!after) return false;
    this.emit(articleSurrogateKeys({ ...after, ...(await this.articles.linkIds(id)) }));
    await this.saved(after);
    return true;
  }

  /** Retires an article from the site and the newsroom's working lists. */
  async archive(id: number): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    const after = await this.articles.update(id, { status: "archived", updated_at: this.now().toISOString() });
    if (!after) throw new AppError("not_found", `Article ${id} does not exist.`);
    if (before.status === "published") {
      this.emit(articleSurrogateKeys({ ...before, ...(await this.articles.linkIds(id)) }));
    }
    return this.saved(after);
  }

  listRevisions(id: number) {
    return this.articles.listRevisions(id);
  }

  /** Makes an old version current again, as a new version (history is never rewritten). */
  async restoreRevision(id: number, version: number, by?: ChangeAuthor): Promise<ArticleRow> {
    const revision = await this.articles.findRevision(id, version);
    if (!revision) throw new AppError("not_found", `Article ${id} has no version ${version}.`);
    const snap = JSON.parse(revision.snapshot) as Record<string, unknown> & { tagIds: number[]; authorIds: number[] };
    return this.update(
      id,
      {
        title: snap.title as string,
        slug: snap.slug as string,
        dek: snap.dek as string | null,
        body: JSON.parse(snap.body as string),
        sectionId: snap.section_id as number | null,
        leadMediaId: snap.lead_media_id as number | null,
        sourceAttribution: snap.source_attribution as string | null,
        seoTitle: snap.seo_title as string | null,
        seoDescription: snap.seo_description as string | null,
        leadCaption: snap.lead_caption as string | null,
        leadCredit: snap.lead_credit as string | null,
        leadAlt: snap.lead_alt as string | null,
        breaking: snap.is_breaking === 1,
        featured: snap.is_featured === 1,
        videoOfTheDay: snap.video_of_the_day !== 0,
        tagIds: snap.tagIds,
        authorIds: snap.authorIds,
      },
      { by },
    );
  }

  async getById(id: number): Promise<ArticleRow> {
    return this.mustFind(id);
  }

  /** The article with its links, for the newsroom's editor. */
  async getForEditing(id: number): Promise<{ article: ArticleRow; tagIds: number[]; authorIds: number[] }> {
    const article = await this.mustFind(id);
    return { article, ...(await this.articles.linkIds(id)) };
  }

  listForAdmin(filters: AdminArticleFilters, after: { updatedAt: string; id: number } | null, limit: number) {
    return this.articles.listForAdmin(filters, after, limit);
  }

  /** Takes an article off the site (back to draft), purging every page that showed it. */
  async unpublish(id: number): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    const after = await this.articles.update(id, { status: "draft", updated_at: this.now().toISOString() });
    if (!after) throw new AppError("not_found", `Article ${id} does not exist.`);
    if (before.status === "published") {
      this.emit(articleSurrogateKeys({ ...before, ...(await this.articles.linkIds(id)) }));
    }
    return this.saved(after);
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

  /**
   * A draft translation of an article into another edition: the same structure, body (with its
   * images), lead image and source; the section, tags and bylines of the same slug in the target
   * edition (vocabularies are per edition; a term with no counterpart of that slug is left out).
   * Both join one translation group (the original's, or a new one named after it).
   */
  async createTranslation(sourceId: number, targetEdition: string, by?: ChangeAuthor): Promise<ArticleRow> {
    const source = await this.mustFind(sourceId);
    if (source.edition_code === targetEdition) {
      throw new AppError("validation_failed", "A translation goes into another edition than the original's.", {
        field: "edition",
      });
    }
    const group = source.translation_group ?? `article-${source.id}`;
    const members = await this.articles.groupMembers(group);
    const existing = members.find((member) => member.edition_code === targetEdition);
    if (existing) {
      throw new AppError("conflict", `This story already has a version in the "${targetEdition}" edition.`, {
        articleId: existing.id,
      });
    }
    if (!source.translation_group) await this.update(source.id, { translationGroup: group }, { by });
    const [section, tags, authors] = await Promise.all([
      source.section_id === null ? undefined : this.taxonomy.findSectionById(source.section_id),
      this.taxonomy.tagsOfArticle(source.id),
      this.taxonomy.authorsOfArticle(source.id),
    ]);
    // Vocabularies are per edition: a term carries over when the target edition has one of the same slug.
    const ids = async (slugs: string[], find: (slug: string) => Promise<{ id: number } | undefined>) =>
      (await Promise.all(slugs.map(find))).flatMap((row) => (row ? [row.id] : []));
    const [sectionIds, tagIds, authorIds] = await Promise.all([
      ids(section ? [section.slug] : [], (slug) => this.taxonomy.findSection(targetEdition, slug)),
      ids(
        tags.map((tag) => tag.slug),
        (slug) => this.taxonomy.findTag(targetEdition, slug),
      ),
      ids(
        authors.map((person) => person.slug),
        (slug) => this.taxonomy.findPerson(targetEdition, slug),
      ),
    ]);
    return this.create(
      {
        edition: targetEdition,
        kind: source.kind,
        title: source.title,
        dek: source.dek,
        body: JSON.parse(source.body),
        sectionId: sectionIds[0] ?? null,
        tagIds,
        authorIds,
        leadMediaId: source.lead_media_id,
        leadCaption: source.lead_caption,
        leadCredit: source.lead_credit,
        leadAlt: source.lead_alt,
        sourceAttribution: source.source_attribution,
        translationGroup: group,
        translatedFrom: source.id,
      },
      by,
    );
  }

  /** Every member of the article's translation group, any status, itself included. */
  async translationGroupOf(id: number): Promise<ArticleRow[]> {
    const article = await this.mustFind(id);
    return article.translation_group ? this.articles.groupMembers(article.translation_group) : [article];
  }

  /** Articles by id, any status, in no particular order; missing ids are left out. */
  findManyById(ids: readonly number[]): Promise<ArticleRow[]> {
    return this.articles.findByIds(ids);
  }

  /** Ids and versions after `afterId`, in id order: for indexes that follow every article. */
  idVersions(afterId: number, limit: number): Promise<{ id: number; version: number }[]> {
    return this.articles.idVersions(afterId, limit);
  }

  /** The current slug of the published article that had `slug` before it was renamed. */
  async currentSlugFor(edition: string, slug: string): Promise<string | undefined> {
    const id = await this.articles.findIdByOldSlug(edition, slug);
    if (id === undefined) return undefined;
    const article = await this.articles.findById(id);
    const live = article?.status === "published" && article.edition_code === edition;
    return live && article.slug !== slug ? article.slug : undefined;
  }

  /**
   * Queues the publishing job of every scheduled article again, under the same dedupe key as
   * schedule(), so a job still pending is kept and a lost one is restored (a Redis that lost its
   * data in scaled mode). Workers call it at boot; returns how many articles are scheduled.
   */
  async requeueScheduled(): Promise<number> {
    if (!this.jobs) return 0;
    const scheduled = await this.articles.listScheduled();
    for (const { id, published_at: at } of scheduled) {
      await this.jobs.enqueue(
        "articles.publish-scheduled",
        { articleId: id, at },
        { runAt: new Date(at), dedupeKey: `publish:${id}:${at}` },
      );
    }
    return scheduled.length;
  }
}

/** The rows linked to one article, without the link's `article_id`. */
function linkedTo<T extends { article_id: number }>(rows: readonly T[], articleId: number): Omit<T, "article_id">[] {
  return rows
    .filter((row) => row.article_id === articleId)
    .map((row) => {
      const { article_id: _linked, ...rest } = row;
      return rest;
    });
}

/** The lead image as this article shows it: the library's caption, credit and alt unless the article overrides them. */
function leadWithOverrides(article: ArticleRow, media: Map<number, MediaRow>): MediaRow | null {
  const row = article.lead_media_id === null ? undefined : media.get(article.lead_media_id);
  if (!row) return null;
  return {
    ...row,
    caption: article.lead_caption ?? row.caption,
    credit: article.lead_credit ?? row.credit,
    alt: article.lead_alt ?? row.alt,
  };
}

function staleVersion(current: ArticleRow, yourVersion: number): AppError {
  return new AppError(
    "conflict",
    `Someone saved this article after you opened it (your version ${yourVersion}, current ${current.version}). Reload to see their changes.`,
    { currentVersion: current.version, currentUpdatedAt: current.updated_at, yourVersion },
  );
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
