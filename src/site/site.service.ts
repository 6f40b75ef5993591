import { AppError } from "../errors.js";
import type { ArticleQueries, ArticleView, FeedPage } from "../newsroom/article-queries.service.js";
import type { ArticleCardRow, PublishedArticleRef } from "../newsroom/articles.repository.js";
import type { BreakingBanner } from "../newsroom/breaking-banner.schemas.js";
import type { BreakingBannerService } from "../newsroom/breaking-banner.service.js";
import type { ActiveCrisis } from "../newsroom/crisis-mode.service.js";
import type { Edition, EditionsService } from "../newsroom/editions.service.js";
import type { CorrectionListRow } from "../newsroom/live-coverage.repository.js";
import type { ArticleNote, LiveCoverageService, LiveEntry } from "../newsroom/live-coverage.service.js";
import type { AuthorProfile } from "../newsroom/profiles.service.js";
import { relatedArticleIds } from "../newsroom/related.shared.js";
import type { EditionSettings } from "../newsroom/settings.schemas.js";
import type { SettingsService } from "../newsroom/settings.service.js";
import { mediaSurrogateKeys, surrogateKey } from "../newsroom/surrogate-keys.js";
import type { ListKind, TaxonomyService } from "../newsroom/taxonomy.service.js";
import type { MediaRow, PersonRow, SectionRow, TagRow } from "../platform/db/schema.js";
import { decodeCursor } from "./feed-cursor.js";
import type { SupportWidget, SupportWidgetSource } from "./support-widget.types.js";

export const FEED_PAGE_SIZE = 20;
export const MORE_NEWS_SIZE = 8;
/** Stories on the lite front page: enough for a day of news, small enough for 15 KB. */
export const LITE_HOME_SIZE = 50;
/** Entries of the pinned live blog the lite front page shows; the rest are one link away. */
export const LITE_LIVE_ENTRIES = 5;

/** What every page of an edition needs: who it is for and how the site is set up. */
export interface PageContext {
  edition: Edition;
  editions: readonly Edition[];
  settings: EditionSettings;
  sections: readonly SectionRow[];
  now: Date;
  /** The edition's breaking-news banner while it is up; pages showing it expire with it. */
  banner: BreakingBanner | null;
  /** The support card's amount buttons; absent when card payments are not set up. */
  support?: SupportWidget | null;
  /** The edition's crisis mode while it is on: pages leave heavy modules out and expire at its end. */
  crisis?: ActiveCrisis | null;
}

/** A live blog's entries on the page, in page order (pinned first, then newest first). */
export interface LiveCoverage {
  entries: LiveEntry[];
  /** The images the entries show. */
  media: Map<number, MediaRow>;
  /** The newest entry id: where the page's polling starts. */
  latestId: number;
  endedAt: string | null;
}

export interface ArticlePageData {
  context: PageContext;
  view: ArticleView;
  more: FeedPage;
  /** The article's other published translations (other editions), for hreflang and og:locale. */
  translations: PublishedArticleRef[];
  /** Present on live blogs only. */
  live?: LiveCoverage;
  /** Corrections and update notes, oldest first. */
  notes: ArticleNote[];
  keys: string[];
  /** Places the story names (most mentioned first); tag changes purge the article's key. */
  places?: ArticlePlace[];
  /** Set by the newsroom's preview only: the page then says the story's state in a banner. */
  preview?: boolean;
}

export interface ArticlePlace {
  slug: string;
  names: { uk: string; ru: string; en: string };
}

export interface ArticlePlacesSource {
  placesOfArticle(articleId: number): Promise<ArticlePlace[]>;
}

export interface CorrectionsPageData {
  context: PageContext;
  items: CorrectionListRow[];
  keys: string[];
}

/** What the reader's live.json poll returns. */
export interface LivePollData {
  entries: LiveEntry[];
  media: Map<number, MediaRow>;
  endedAt: string | null;
  keys: string[];
}

export type { ListKind };

/** The lite front page: the newest stories, and in crisis mode the running live blog on top. */
export interface LiteHomeData {
  context: PageContext;
  items: ArticleCardRow[];
  /** The newest running live blog and its newest entries, pinned on top in crisis mode. */
  live?: { view: ArticleView; entries: LiveEntry[] };
  keys: string[];
}

/** Whether an edition's crisis mode is on now (the newsroom's CrisisModeService fills it). */
export interface CrisisSource {
  active(edition: string): ActiveCrisis | null;
}

export interface ListPageData {
  context: PageContext;
  kind: ListKind;
  /** The section, tag or author the list is about; absent on the home page. */
  subject?: SectionRow | TagRow | PersonRow;
  /** Name used by cursors of this list. */
  listName: string;
  /** True on the first page: the home page then leads with its featured story. */
  firstPage: boolean;
  lead?: FeedPage["items"][number];
  feed: FeedPage;
  keys: string[];
  /** On the author page of a staff member: their profile in the edition's language. */
  profile?: AuthorProfile;
}

export interface AuthorProfileSource {
  authorProfile(person: PersonRow, edition: Edition): Promise<AuthorProfile | undefined>;
}

/**
 * Loads what the reader pages show. Reads go through the newsroom's services and the taxonomy;
 * this is the only place the site touches content.
 */
export class SiteService {
  constructor(
    private readonly editions: EditionsService,
    private readonly articles: ArticleQueries,
    private readonly settings: SettingsService,
    private readonly taxonomy: TaxonomyService,
    private readonly now: () => Date = () => new Date(),
    private readonly coverage: {
      live?: LiveCoverageService;
      banners?: BreakingBannerService;
      support?: SupportWidgetSource;
      /** The places an article names (maps capability), for "Places in this story". */
      places?: ArticlePlacesSource;
      /** Staff profiles (name, bio, photo, links) for the author pages of staff members. */
      profiles?: AuthorProfileSource;
      /** Each edition's crisis mode. */
      crisis?: CrisisSource;
    } = {},
  ) {}

  async context(edition: Edition): Promise<PageContext> {
    const [settings, sections, banner, support] = await Promise.all([
      this.settings.editionSettings(edition.code),
      this.taxonomy.listSections(edition.code),
      this.coverage.banners?.current(edition.code) ?? null,
      this.coverage.support?.widget(edition) ?? null,
    ]);
    const crisis = this.crisisOf(edition);
    return { edition, editions: this.editions.list(), settings, sections, now: this.now(), banner, support, crisis };
  }

  /** The edition's crisis mode now, or null when it is off. */
  crisisOf(edition: Edition): ActiveCrisis | null {
    return this.coverage.crisis?.active(edition.code) ?? null;
  }

  /**
   * The lite front page: the newest stories of the edition and, while crisis mode is on, the
   * newest running live blog pinned on top with its latest entries.
   */
  async liteHome(edition: Edition): Promise<LiteHomeData> {
    const [context, feed] = await Promise.all([
      this.context(edition),
      this.articles.feed({ kind: "home", edition: edition.code }, null, LITE_HOME_SIZE),
    ]);
    const liveView =
      context.crisis && this.coverage.live ? await this.articles.newestRunningLive(edition.code) : undefined;
    const entries = liveView ? await this.coverage.live?.entriesForPage(liveView.article) : undefined;
    const keys = [
      surrogateKey.home(edition.code),
      surrogateKey.settings(edition.code),
      ...feed.items.map((item) => surrogateKey.article(item.id)),
      ...mediaSurrogateKeys(feed.items.map((item) => item.media_id)),
      ...(liveView ? [surrogateKey.article(liveView.article.id)] : []),
    ];
    return {
      context,
      items: feed.items,
      ...(liveView && entries ? { live: { view: liveView, entries: entries.slice(0, LITE_LIVE_ENTRIES) } } : {}),
      keys,
    };
  }

  async articlePage(edition: Edition, slug: string): Promise<ArticlePageData | undefined> {
    const view = await this.articles.getPublished(edition.code, slug);
    if (!view) return undefined;
    const [context, more, translations, live, notes] = await Promise.all([
      this.context(edition),
      this.articles.feed({ kind: "home", edition: edition.code }, null, MORE_NEWS_SIZE, view.article.id),
      this.articles.publishedTranslations(view.article),
      this.liveCoverage(view.article),
      this.coverage.live?.notesForPage(view.article) ?? [],
    ]);
    const group = view.article.translation_group;
    const keys = [
      surrogateKey.article(view.article.id),
      surrogateKey.home(edition.code),
      surrogateKey.settings(edition.code),
      // The hreflang links change when a translation is published, renamed or withdrawn.
      ...(group ? [surrogateKey.translation(group)] : []),
      // The lead and body images, the live entries' and "More news" cards'.
      ...mediaSurrogateKeys([
        ...view.media.keys(),
        ...(live?.media.keys() ?? []),
        ...more.items.map((item) => item.media_id),
      ]),
      // Related-stories cards: a retitled, published or withdrawn story purges this page too.
      ...relatedArticleIds(view.body).map(surrogateKey.article),
    ];
    const places = (await this.coverage.places?.placesOfArticle(view.article.id)) ?? [];
    return { context, view, more, translations, ...(live ? { live } : {}), notes, keys, places };
  }

  /** The current slug of a published article that was known by `slug` before a rename. */
  currentSlugFor(edition: Edition, slug: string): Promise<string | undefined> {
    return this.articles.currentSlugFor(edition.code, slug);
  }

  private async liveCoverage(article: ArticleView["article"]): Promise<LiveCoverage | undefined> {
    if (article.kind !== "live" || !this.coverage.live) return undefined;
    const entries = await this.coverage.live.entriesForPage(article);
    const latestId = entries.reduce((max, entry) => Math.max(max, entry.id), 0);
    const media = await this.coverage.live.mediaOf(entries);
    return { entries, media, latestId, endedAt: article.live_ended_at };
  }

  /** Entries of a published live blog newer than `afterId`; undefined when there is no such live blog. */
  async livePoll(edition: Edition, slug: string, afterId: number): Promise<LivePollData | undefined> {
    const view = await this.articles.getPublished(edition.code, slug);
    if (!view || !this.coverage.live || view.article.kind !== "live") return undefined;
    const entries = await this.coverage.live.entriesAfter(view.article, afterId);
    // The article's key: adding, editing or ending purges the poll answers with the page.
    const media = await this.coverage.live.mediaOf(entries);
    const keys = [surrogateKey.article(view.article.id), ...mediaSurrogateKeys(media.keys())];
    return { entries, media, endedAt: view.article.live_ended_at, keys };
  }

  async correctionsPage(edition: Edition): Promise<CorrectionsPageData> {
    const [context, items] = await Promise.all([
      this.context(edition),
      this.coverage.live?.listCorrections(edition.code) ?? [],
    ]);
    return {
      context,
      items,
      // Each listed article's key too: retitling or unpublishing one changes this page.
      keys: [
        surrogateKey.corrections(edition.code),
        surrogateKey.settings(edition.code),
        ...items.map((item) => surrogateKey.article(item.article_id)),
      ],
    };
  }

  /**
   * The article page of an article in any state, as it will look once published. Never cached;
   * the caller checks that the person may see the article.
   */
  async previewPage(articleId: number): Promise<ArticlePageData> {
    const view = await this.articles.getViewById(articleId);
    const edition = this.editions.byCode(view.article.edition_code);
    if (!edition)
      throw new AppError("not_found", `The article's edition "${view.article.edition_code}" no longer exists.`);
    const [context, more] = await Promise.all([
      this.context(edition),
      this.articles.feed({ kind: "home", edition: edition.code }, null, MORE_NEWS_SIZE, view.article.id),
    ]);
    const [live, notes] = await Promise.all([
      this.liveCoverage(view.article),
      this.coverage.live?.notesForPage(view.article) ?? [],
    ]);
    return { context, view, more, translations: [], ...(live ? { live } : {}), notes, keys: [], preview: true };
  }

  /**
   * A page of a list. Returns undefined when the section, tag or author does not exist.
   * Throws `invalid_cursor` when `after` is damaged or belongs to another list.
   */
  async listPage(
    edition: Edition,
    kind: ListKind,
    slug: string | null,
    after?: string,
  ): Promise<ListPageData | undefined> {
    const list = await this.taxonomy.findList(edition.code, kind, slug ?? "");
    if (!list) return undefined;
    const { scope, subject, key: listKey } = list;
    const profile =
      subject && "bio" in subject ? await this.coverage.profiles?.authorProfile(subject, edition) : undefined;
    const position = after === undefined ? null : decodeCursor(listKey, after);
    const firstPage = position === null;
    const lead = firstPage && kind === "home" ? await this.articles.findLead(edition.code) : undefined;
    const [context, feed] = await Promise.all([
      this.context(edition),
      this.articles.feed(scope, position, FEED_PAGE_SIZE, lead?.id),
    ]);
    const keys = [
      listKey,
      surrogateKey.settings(edition.code),
      ...(lead ? [surrogateKey.article(lead.id)] : []),
      ...feed.items.map((item) => surrogateKey.article(item.id)),
      ...mediaSurrogateKeys([lead?.media_id ?? null, ...feed.items.map((item) => item.media_id)]),
    ];
    return { context, kind, subject, listName: listKey, firstPage, lead, feed, keys, ...(profile ? { profile } : {}) };
  }
}
