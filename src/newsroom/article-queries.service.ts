import { AppError } from "../errors.js";
import { EVERY_ENTRY, keySuffix, PurgeableMemo } from "../platform/cache/purgeable-memo.js";
import type { ArticleRow, MediaRow, PersonRow, SectionRow, TagRow } from "../platform/db/schema.js";
import type {
  ArchiveMonth,
  ArticleCardRow,
  ArticlesRepository,
  FeedPosition,
  FeedScope,
  PublishedArticleRef,
  PublishedFilter,
  PublishedPosition,
} from "./articles.repository.js";
import type { BodyDocument } from "./body.types.js";
import { collectMediaIds } from "./body.validator.js";
import type { MediaRepository } from "./media.repository.js";
import { relatedArticleIds } from "./related.shared.js";
import type { TaxonomyRepository } from "./taxonomy.repository.js";

const EMPTY_BODY: BodyDocument = { type: "doc", content: [] };

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
  /**
   * The stories the body's related-stories blocks name that are published in the same edition,
   * read now so a retitled story shows its new headline (the page carries their surrogate keys).
   */
  related: Map<number, ArticleCardRow>;
}

export interface FeedPage {
  items: ArticleCardRow[];
  /** Where the next page starts, or null at the end of the archive. */
  next: FeedPosition | null;
}

/**
 * What other capabilities read of articles: published pages, feeds, archives and rows by id.
 * Read-only; every change goes through ArticlesService (the editorial workflow), which announces it
 * as a domain event.
 */
export class ArticleQueries {
  /**
   * The newest cards of each edition's home list, and its lead. Every article page ("More
   * news"), the home page and the home feeds start from them, so a burst of renders (after a purge,
   * a deploy, on a busy night) reads them once. Kept until a purge names the edition's home list or
   * settings: `home:{edition}` (every change to a published story of the edition) or
   * `settings:{edition}` (a section renamed; a purge relayed from another process), or any image
   * (`media:{id}`: the cards show their lead image's alt text).
   */
  readonly memo = new PurgeableMemo<HomeHead>((key) =>
    keySuffix(key, ["media"]) === undefined ? keySuffix(key, ["home", "settings"]) : EVERY_ENTRY,
  );

  constructor(
    private readonly articles: ArticlesRepository,
    private readonly taxonomy: TaxonomyRepository,
    private readonly media: MediaRepository,
  ) {}

  private homeHead(edition: string): Promise<HomeHead> {
    return this.memo.get(edition, async () => {
      const [cards, lead] = await Promise.all([
        this.articles.listFeed({ kind: "home", edition }, null, HOME_HEAD_SIZE),
        this.articles.findLead(edition),
      ]);
      return {
        cards: Object.freeze(cards.map((card) => Object.freeze(card))),
        complete: cards.length < HOME_HEAD_SIZE,
        lead: lead ? Object.freeze(lead) : undefined,
      };
    });
  }

  /** The first `limit` cards of a list without `excludeId`, from the kept home list when it holds them. */
  private async firstCards(scope: FeedScope, limit: number, excludeId?: number): Promise<ArticleCardRow[]> {
    if (scope.kind === "home") {
      const head = await this.homeHead(scope.edition);
      const cards = head.cards.filter((card) => card.id !== excludeId);
      if (cards.length >= limit || head.complete) return cards.slice(0, limit);
    }
    return this.articles.listFeed(scope, null, limit, excludeId);
  }

  async getPublished(edition: string, slug: string): Promise<ArticleView | undefined> {
    const article = await this.articles.findPublishedBySlug(edition, slug);
    if (!article) return undefined;
    return this.view(article);
  }

  /** The newest running live blog of an edition, as its page shows it; undefined when none runs. */
  async newestRunningLive(edition: string): Promise<ArticleView | undefined> {
    const article = await this.articles.findNewestRunningLive(edition);
    return article ? this.view(article) : undefined;
  }

  /** Any article in any state, laid out as the page shows it: for the newsroom's preview. */
  async getViewById(id: number): Promise<ArticleView> {
    return this.view(await this.getById(id));
  }

  private async view(article: ArticleRow): Promise<ArticleView> {
    const body = JSON.parse(article.body) as BodyDocument;
    const mediaIds = collectMediaIds(body);
    if (article.lead_media_id !== null) mediaIds.push(article.lead_media_id);
    const [section, tags, authors, mediaRows, related] = await Promise.all([
      article.section_id === null ? undefined : this.taxonomy.findSectionById(article.section_id),
      this.taxonomy.tagsOfArticle(article.id),
      this.taxonomy.authorsOfArticle(article.id),
      this.media.findByIds([...new Set(mediaIds)]),
      this.relatedCards(article.edition_code, body),
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
      related,
    };
  }

  private async relatedCards(edition: string, body: BodyDocument): Promise<Map<number, ArticleCardRow>> {
    const ids = relatedArticleIds(body);
    if (ids.length === 0) return new Map();
    const cards = await this.articles.publishedCards(edition, ids);
    return new Map(cards.map((card) => [card.id, card]));
  }

  /**
   * One page of published articles with everything the Content API shows, newest first by
   * publication or by last change; `next` is where the following page starts (null at the end).
   */
  async publishedPage(
    filter: PublishedFilter,
    after: PublishedPosition | null,
    limit: number,
  ): Promise<{ views: ArticleView[]; next: PublishedPosition | null }> {
    const positions = await this.articles.listPublishedPositions(filter, after, limit + 1);
    const page = positions.slice(0, limit);
    const last = page.at(-1);
    const next = positions.length > limit && last ? { at: last.at, id: last.id } : null;
    return { views: await this.viewsOf(page.map((position) => position.id)), next };
  }

  /**
   * Views of articles by id, any status, in the order given (missing ids left out), in a handful
   * of queries whatever the count.
   */
  async viewsOf(ids: readonly number[]): Promise<ArticleView[]> {
    const [rows, tags, authors] = await Promise.all([
      this.articles.findByIds(ids),
      this.taxonomy.tagsOfArticles(ids),
      this.taxonomy.authorsOfArticles(ids),
    ]);
    const bodies = new Map(rows.map((row) => [row.id, JSON.parse(row.body) as BodyDocument]));
    const mediaIds = rows.flatMap((row) => [
      ...collectMediaIds(bodies.get(row.id) ?? EMPTY_BODY),
      ...(row.lead_media_id === null ? [] : [row.lead_media_id]),
    ]);
    const sectionIds = rows.flatMap((row) => (row.section_id === null ? [] : [row.section_id]));
    const [mediaRows, sections, related] = await Promise.all([
      this.media.findByIds([...new Set(mediaIds)]),
      this.taxonomy.findSectionsByIds([...new Set(sectionIds)]),
      // Most bodies have no related-stories block, and then this asks nothing.
      Promise.all(rows.map((row) => this.relatedCards(row.edition_code, bodies.get(row.id) ?? EMPTY_BODY))),
    ]);
    const relatedById = new Map(rows.map((row, i) => [row.id, related[i] ?? new Map<number, ArticleCardRow>()]));
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
          related: relatedById.get(id) ?? new Map(),
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
    const rows =
      after === null
        ? await this.firstCards(scope, limit + 1, excludeId)
        : await this.articles.listFeed(scope, after, limit + 1, excludeId);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const next = rows.length > limit && last ? { publishedAt: last.published_at, id: last.id } : null;
    return { items, next };
  }

  async findLead(edition: string): Promise<ArticleCardRow | undefined> {
    return (await this.homeHead(edition)).lead;
  }

  /** An article row by id, any status; not_found when there is none. */
  async getById(id: number): Promise<ArticleRow> {
    const article = await this.articles.findById(id);
    if (!article) throw new AppError("not_found", `Article ${id} does not exist.`);
    return article;
  }

  countArticles(): Promise<number> {
    return this.articles.countArticles();
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
}

/** Enough for the home page's first page (lead, 20 cards, one to know there is more) and a feed's 30 items. */
const HOME_HEAD_SIZE = 40;

interface HomeHead {
  cards: readonly ArticleCardRow[];
  /** True when the list has no more cards than these. */
  complete: boolean;
  lead: ArticleCardRow | undefined;
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
