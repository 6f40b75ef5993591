import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import { AppError } from "../errors.js";
import { isUniqueViolation } from "../platform/db/database.js";
import type {
  ArticlePendingTable,
  ArticleRow,
  ArticleUpdate,
  DB,
  NewArticle,
  RevisionLabel,
} from "../platform/db/schema.js";
import { containsAnyCase } from "./text-match.js";

/** Queries over `articles as a`: the filters below refer to the article by that alias. */
type ArticleScope = ExpressionBuilder<DB & { a: DB["articles"] }, "a">;

/** The article carries this tag. */
function taggedWith(tagId: number) {
  return ({ exists, selectFrom }: ArticleScope) =>
    exists(
      selectFrom("article_tags as t")
        .select("t.article_id")
        .whereRef("t.article_id", "=", "a.id")
        .where("t.tag_id", "=", tagId),
    );
}

/** The article is bylined to this person. */
function bylinedBy(personId: number) {
  return ({ exists, selectFrom }: ArticleScope) =>
    exists(
      selectFrom("article_authors as aa")
        .select("aa.article_id")
        .whereRef("aa.article_id", "=", "a.id")
        .where("aa.person_id", "=", personId),
    );
}

/** Which published articles a feed lists. */
export type FeedScope =
  | { kind: "home"; edition: string }
  | { kind: "section"; edition: string; sectionId: number }
  | { kind: "tag"; edition: string; tagId: number }
  | { kind: "author"; edition: string; personId: number };

export interface AdminArticleFilters {
  edition?: string;
  status?: ArticleRow["status"];
  sectionId?: number;
  personId?: number;
  createdBy?: number;
  createdByToken?: number;
  /** Only these articles (the matches of a full-text search); an empty list matches nothing. */
  ids?: readonly number[];
  /** Only articles whose headline contains each word of this, in any case. */
  titleContains?: string;
}

/** A feed position: the last item seen. Items strictly older than it come next. */
/** Which published articles a Content API list shows, and in which order (newest first). */
export interface PublishedFilter {
  edition: string;
  sectionId?: number;
  tagId?: number;
  personId?: number;
  /** Only articles changed at or after this instant (ISO). */
  updatedSince?: string;
  orderBy: "published" | "updated";
}

/** Where a keyset page of a PublishedFilter list starts: the last item's sort time and id. */
export interface PublishedPosition {
  at: string;
  id: number;
}

export interface FeedPosition {
  publishedAt: string;
  id: number;
}

/** What a list needs to show an article: no body. */
export interface ArticleCardRow {
  id: number;
  edition_code: string;
  slug: string;
  title: string;
  dek: string | null;
  published_at: string;
  is_breaking: number;
  is_featured: number;
  section_slug: string | null;
  section_name: string | null;
  media_id: number | null;
  media_file_key: string | null;
  media_width: number | null;
  media_height: number | null;
  media_alt: string | null;
  /** With `live_version`, the version of what the site shows: what feeds key their kept items by. */
  updated_at: string;
  live_version: number;
}

/** A published article as sitemaps and hreflang links name it. */
export interface PublishedArticleRef {
  id: number;
  edition_code: string;
  slug: string;
  title: string;
  published_at: string;
  updated_at: string;
  translation_group: string | null;
}

/** Published articles of one calendar month (UTC, "2026-03"). */
export interface ArchiveMonth {
  month: string;
  count: number;
  lastModified: string;
}

/** Rows per IN list: well under SQLite's and PostgreSQL's limits on bound parameters. */
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class ArticlesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: NewArticle, tagIds: number[], authorIds: number[]): Promise<ArticleRow> {
    try {
      const run = async (trx: Kysely<DB>) => {
        const article = await trx.insertInto("articles").values(row).returningAll().executeTakeFirstOrThrow();
        await replaceLinks(trx, article.id, tagIds, authorIds);
        return article;
      };
      // Callers that already hold a transaction (the demo seeder) make the insert part of it.
      return await (this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("conflict", `An article with the slug "${row.slug}" already exists in this edition.`);
      }
      throw error;
    }
  }

  /**
   * Applies a change to the live row and bumps the version (the row's content is then that
   * version). With `expectedVersion`, the change applies only if nobody saved in between;
   * undefined then means "missing or stale" (the caller tells which). `where` adds a guard on the
   * current row (e.g. status = 'scheduled'), checked atomically. `clearPending` drops the pending
   * revision in the same transaction (it has just been made live).
   */
  async update(
    id: number,
    changes: ArticleUpdate,
    links?: { tagIds: number[]; authorIds: number[] },
    options: {
      expectedVersion?: number;
      where?: Partial<Pick<ArticleRow, "status" | "published_at">>;
      clearPending?: boolean;
    } = {},
  ): Promise<ArticleRow | undefined> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        let query = trx
          .updateTable("articles")
          .set({
            ...changes,
            version: sql<number>`version + 1`,
            live_version: sql<number>`version + 1`,
          })
          .where("id", "=", id);
        if (options.expectedVersion !== undefined) query = query.where("version", "=", options.expectedVersion);
        if (options.where?.status !== undefined) query = query.where("status", "=", options.where.status);
        if (options.where?.published_at !== undefined) {
          query = query.where("published_at", "=", options.where.published_at);
        }
        const article = await query.returningAll().executeTakeFirst();
        if (article && links) await replaceLinks(trx, id, links.tagIds, links.authorIds);
        if (article && options.clearPending) {
          await trx.deleteFrom("article_pending").where("article_id", "=", id).execute();
        }
        return article;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError(
          "conflict",
          `An article with the slug "${String(changes.slug)}" already exists in this edition.`,
        );
      }
      throw error;
    }
  }

  async slugsStartingWith(edition: string, base: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("articles")
      .select("slug")
      .where("edition_code", "=", edition)
      .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
      .execute();
    return rows.map((r) => r.slug);
  }

  /** Whether another article of the edition has this slug now. */
  async slugTaken(edition: string, slug: string, exceptId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom("articles")
      .select("id")
      .where("edition_code", "=", edition)
      .where("slug", "=", slug)
      .where("id", "!=", exceptId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The language of an edition's texts (the primary subtag of its locale), for slugs. */
  async editionLanguage(edition: string): Promise<string> {
    const row = await this.db.selectFrom("editions").select("locale").where("code", "=", edition).executeTakeFirst();
    return row ? (row.locale.split("-")[0] ?? row.locale).toLowerCase() : edition;
  }

  /**
   * Stores which fields of a translation are still untranslated, without a new version: the
   * markers follow edits saved into a pending revision too.
   */
  async setUntranslated(id: number, untranslated: string): Promise<void> {
    await this.db.updateTable("articles").set({ untranslated }).where("id", "=", id).execute();
  }

  findById(id: number): Promise<ArticleRow | undefined> {
    return this.db.selectFrom("articles").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findPublishedBySlug(edition: string, slug: string): Promise<ArticleRow | undefined> {
    return this.db
      .selectFrom("articles")
      .selectAll()
      .where("edition_code", "=", edition)
      .where("slug", "=", slug)
      .where("status", "=", "published")
      .executeTakeFirst();
  }

  async findByIds(ids: readonly number[]): Promise<ArticleRow[]> {
    const rows: ArticleRow[] = [];
    for (const part of chunks([...new Set(ids)])) {
      rows.push(...(await this.db.selectFrom("articles").selectAll().where("id", "in", part).execute()));
    }
    return rows;
  }

  private sitemapRows() {
    return this.db
      .selectFrom("articles")
      .select(["id", "edition_code", "slug", "title", "updated_at", "translation_group"])
      .select(sql<string>`published_at`.as("published_at"))
      .where("status", "=", "published");
  }

  /** Published members of the translation groups, every edition. */
  async publishedInGroups(groups: readonly string[]): Promise<PublishedArticleRef[]> {
    const rows: PublishedArticleRef[] = [];
    for (const part of chunks([...new Set(groups)])) {
      rows.push(...(await this.sitemapRows().where("translation_group", "in", part).orderBy("id").execute()));
    }
    return rows;
  }

  /** Every member of a translation group, any status, oldest first. */
  groupMembers(group: string): Promise<ArticleRow[]> {
    return this.db.selectFrom("articles").selectAll().where("translation_group", "=", group).orderBy("id").execute();
  }

  /** Months with published articles (by UTC publication time), oldest first. */
  async archiveMonths(): Promise<ArchiveMonth[]> {
    // Times are fixed-width ISO strings in both dialects, so the month is their first 7 characters.
    const month = sql<string>`substr(published_at, 1, 7)`;
    const rows = await this.db
      .selectFrom("articles")
      .select([
        month.as("month"),
        (eb) => eb.fn.countAll<number | string>().as("n"),
        (eb) => eb.fn.max("updated_at").as("last_modified"),
      ])
      .where("status", "=", "published")
      .groupBy(month)
      .orderBy(month)
      .execute();
    return rows.map((r) => ({ month: r.month, count: Number(r.n), lastModified: String(r.last_modified) }));
  }

  /** One page of a month's published articles, oldest first, so pages only grow at the end. */
  monthPage(month: string, offset: number, limit: number): Promise<PublishedArticleRef[]> {
    const [year, mon] = month.split("-").map(Number) as [number, number];
    const next = mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, "0")}`;
    return this.sitemapRows()
      .where("published_at", ">=", month)
      .where("published_at", "<", next)
      .orderBy("published_at")
      .orderBy("id")
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** An edition's articles published at or after `since`, newest first. */
  publishedSince(edition: string, since: string, limit: number): Promise<PublishedArticleRef[]> {
    return this.sitemapRows()
      .where("edition_code", "=", edition)
      .where("published_at", ">=", since)
      .orderBy("published_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
  }

  async linkIds(articleId: number): Promise<{ tagIds: number[]; authorIds: number[] }> {
    const [tags, authors] = await Promise.all([
      this.db.selectFrom("article_tags").select("tag_id").where("article_id", "=", articleId).execute(),
      this.db.selectFrom("article_authors").select("person_id").where("article_id", "=", articleId).execute(),
    ]);
    return { tagIds: tags.map((t) => t.tag_id), authorIds: authors.map((a) => a.person_id) };
  }

  /** Newest first, keyset-paginated on (published_at, id). */
  async listFeed(
    scope: FeedScope,
    after: FeedPosition | null,
    limit: number,
    excludeId?: number,
  ): Promise<ArticleCardRow[]> {
    let query = this.cards().where("a.edition_code", "=", scope.edition).where("a.status", "=", "published");
    if (scope.kind === "section") query = query.where("a.section_id", "=", scope.sectionId);
    if (scope.kind === "tag") {
      query = query.where(taggedWith(scope.tagId));
    }
    if (scope.kind === "author") {
      query = query.where(bylinedBy(scope.personId));
    }
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb("a.published_at", "<", after.publishedAt),
          eb.and([eb("a.published_at", "=", after.publishedAt), eb("a.id", "<", after.id)]),
        ]),
      );
    }
    if (excludeId !== undefined) query = query.where("a.id", "!=", excludeId);
    return query.orderBy("a.published_at", "desc").orderBy("a.id", "desc").limit(limit).execute();
  }

  /** Published article ids of a filter, newest first, keyset-paginated on (sort time, id). */
  async listPublishedPositions(
    filter: PublishedFilter,
    after: PublishedPosition | null,
    limit: number,
  ): Promise<{ id: number; at: string }[]> {
    const column = filter.orderBy === "updated" ? "a.updated_at" : "a.published_at";
    let query = this.db
      .selectFrom("articles as a")
      .select(["a.id", `${column} as at`])
      .where("a.edition_code", "=", filter.edition)
      .where("a.status", "=", "published");
    if (filter.sectionId !== undefined) query = query.where("a.section_id", "=", filter.sectionId);
    if (filter.tagId !== undefined) {
      query = query.where(taggedWith(filter.tagId));
    }
    if (filter.personId !== undefined) {
      query = query.where(bylinedBy(filter.personId));
    }
    if (filter.updatedSince !== undefined) query = query.where("a.updated_at", ">=", filter.updatedSince);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb(column, "<", after.at), eb.and([eb(column, "=", after.at), eb("a.id", "<", after.id)])]),
      );
    }
    const rows = await query.orderBy(column, "desc").orderBy("a.id", "desc").limit(limit).execute();
    return rows.map((row) => ({ id: row.id, at: String(row.at) }));
  }

  /** The newest published live blog of an edition that is still running (crisis mode pins it). */
  findNewestRunningLive(edition: string): Promise<ArticleRow | undefined> {
    return this.db
      .selectFrom("articles")
      .selectAll()
      .where("edition_code", "=", edition)
      .where("status", "=", "published")
      .where("kind", "=", "live")
      .where("live_ended_at", "is", null)
      .orderBy("published_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
  }

  /** The featured article an edition leads with: the newest featured, else the newest of all. */
  async findLead(edition: string): Promise<ArticleCardRow | undefined> {
    const [featured] = await this.listFeatured(edition, 1);
    if (featured) return featured;
    const [newest] = await this.listFeed({ kind: "home", edition }, null, 1);
    return newest;
  }

  private async listFeatured(edition: string, limit: number): Promise<ArticleCardRow[]> {
    const rows = await this.db
      .selectFrom("articles")
      .select("id")
      .where("edition_code", "=", edition)
      .where("status", "=", "published")
      .where("is_featured", "=", 1)
      .orderBy("published_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    const first = rows[0];
    if (!first) return [];
    const card = await this.findCard(first.id);
    return card ? [card] : [];
  }

  /** Cards of the published articles among `ids` in one edition; the others are left out. */
  async publishedCards(edition: string, ids: readonly number[]): Promise<ArticleCardRow[]> {
    if (ids.length === 0) return [];
    return this.cards()
      .where("a.edition_code", "=", edition)
      .where("a.status", "=", "published")
      .where("a.id", "in", [...ids])
      .execute();
  }

  findCard(id: number): Promise<ArticleCardRow | undefined> {
    return this.cards().where("a.id", "=", id).executeTakeFirst();
  }

  private cards() {
    return this.db
      .selectFrom("articles as a")
      .leftJoin("sections as s", "s.id", "a.section_id")
      .leftJoin("media as m", "m.id", "a.lead_media_id")
      .select([
        "a.id",
        "a.edition_code",
        "a.slug",
        "a.title",
        "a.dek",
        "a.is_breaking",
        "a.is_featured",
        "s.slug as section_slug",
        "s.name as section_name",
        "m.id as media_id",
        "m.file_key as media_file_key",
        "m.width as media_width",
        "m.height as media_height",
        "m.alt as media_alt",
        "a.updated_at",
        "a.live_version",
      ])
      .select(sql<string>`a.published_at`.as("published_at"));
  }

  async insertRevision(revision: NewRevision): Promise<void> {
    await insertRevision(this.db, revision);
  }

  listRevisions(articleId: number) {
    return this.db
      .selectFrom("article_revisions")
      .select(["version", "created_at", "author_name", "staff_id", "token_id", "label", "pending", "restored_from"])
      .where("article_id", "=", articleId)
      .orderBy("version", "desc")
      .execute();
  }

  findPending(articleId: number) {
    return this.db.selectFrom("article_pending").selectAll().where("article_id", "=", articleId).executeTakeFirst();
  }

  /**
   * Saves the pending revision and its history entry, bumping only `articles.version` (never the
   * row's content, `live_version` or `updated_at`, which the site shows). Undefined when the
   * article is missing or `expectedVersion` is stale.
   */
  async savePending(
    articleId: number,
    expectedVersion: number,
    pending: Omit<ArticlePendingTable, "article_id" | "version">,
    revision: Omit<NewRevision, "article_id" | "version" | "snapshot" | "pending">,
  ): Promise<number | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const bumped = await trx
        .updateTable("articles")
        .set({ version: sql<number>`version + 1` })
        .where("id", "=", articleId)
        .where("version", "=", expectedVersion)
        .returning("version")
        .executeTakeFirst();
      if (!bumped) return undefined;
      const row = { ...pending, article_id: articleId, version: bumped.version };
      await trx
        .insertInto("article_pending")
        .values(row)
        .onConflict((oc) =>
          oc.column("article_id").doUpdateSet({
            version: row.version,
            snapshot: row.snapshot,
            staff_id: row.staff_id,
            author_name: row.author_name,
            restored_from: row.restored_from,
            saved_at: row.saved_at,
          }),
        )
        .execute();
      await insertRevision(trx, {
        ...revision,
        article_id: articleId,
        version: bumped.version,
        snapshot: pending.snapshot,
        pending: 1,
      });
      return bumped.version;
    });
  }

  /**
   * Drops the pending revision and bumps the version, so a tab still editing it gets a conflict
   * instead of starting a new one unseen. False when there was none or the version is stale.
   */
  async dropPending(articleId: number, expectedVersion?: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom("article_pending").where("article_id", "=", articleId).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) return false;
      let bump = trx.updateTable("articles").set({ version: sql<number>`version + 1` }).where("id", "=", articleId);
      if (expectedVersion !== undefined) bump = bump.where("version", "=", expectedVersion);
      const bumped = await bump.executeTakeFirst();
      if (Number(bumped.numUpdatedRows) === 0) throw new StalePending();
      return true;
    });
  }

  findRevision(articleId: number, version: number) {
    return this.db
      .selectFrom("article_revisions")
      .selectAll()
      .where("article_id", "=", articleId)
      .where("version", "=", version)
      .executeTakeFirst();
  }

  /** The newsroom's list: any status, newest change first, keyset on (updated_at, id). */
  async listForAdmin(
    filters: AdminArticleFilters,
    after: { updatedAt: string; id: number } | null,
    limit: number,
  ): Promise<ArticleRow[]> {
    let query = this.db.selectFrom("articles as a").selectAll("a");
    if (filters.edition) query = query.where("a.edition_code", "=", filters.edition);
    if (filters.status) query = query.where("a.status", "=", filters.status);
    if (filters.sectionId !== undefined) query = query.where("a.section_id", "=", filters.sectionId);
    if (filters.createdBy !== undefined) query = query.where("a.created_by", "=", filters.createdBy);
    if (filters.createdByToken !== undefined) query = query.where("a.created_by_token", "=", filters.createdByToken);
    if (filters.personId !== undefined) {
      query = query.where(bylinedBy(filters.personId));
    }
    if (filters.ids) query = query.where("a.id", "in", filters.ids.length > 0 ? [...filters.ids] : [-1]);
    // Every word typed must be in the headline, in any order.
    for (const word of filters.titleContains?.split(/\s+/).filter(Boolean).slice(0, 8) ?? []) {
      query = query.where((eb) => eb.or(containsAnyCase("a.title", word)));
    }
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb("a.updated_at", "<", after.updatedAt),
          eb.and([eb("a.updated_at", "=", after.updatedAt), eb("a.id", "<", after.id)]),
        ]),
      );
    }
    return query.orderBy("a.updated_at", "desc").orderBy("a.id", "desc").limit(limit).execute();
  }

  /** Ids and versions in id order after `afterId`: for walking every article in pages. */
  idVersions(afterId: number, limit: number): Promise<{ id: number; version: number }[]> {
    return this.db
      .selectFrom("articles")
      .select(["id", "version"])
      .where("id", ">", afterId)
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  /** Remembers a slug an article leaves, so its old URL can redirect; a slug reused by another article moves on. */
  async recordOldSlug(edition: string, slug: string, articleId: number, at: string): Promise<void> {
    await this.db
      .insertInto("slug_history")
      .values({ edition_code: edition, slug, article_id: articleId, created_at: at })
      .onConflict((oc) => oc.columns(["edition_code", "slug"]).doUpdateSet({ article_id: articleId, created_at: at }))
      .execute();
  }

  /** The article that used to have this slug in the edition, if any. */
  async findIdByOldSlug(edition: string, slug: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom("slug_history")
      .select("article_id")
      .where("edition_code", "=", edition)
      .where("slug", "=", slug)
      .executeTakeFirst();
    return row?.article_id;
  }

  async countArticles(): Promise<number> {
    const row = await this.db
      .selectFrom("articles")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Articles waiting for their scheduled time, with that time. */
  async listScheduled(): Promise<{ id: number; published_at: string }[]> {
    const rows = await this.db
      .selectFrom("articles")
      .select(["id", "published_at"])
      .where("status", "=", "scheduled")
      .orderBy("published_at")
      .execute();
    return rows.flatMap((row) => (row.published_at ? [{ id: row.id, published_at: row.published_at }] : []));
  }
}

export interface NewRevision {
  article_id: number;
  version: number;
  snapshot: string;
  staff_id: number | null;
  token_id?: number | null;
  author_name: string | null;
  created_at: string;
  label: RevisionLabel;
  pending?: number;
  restored_from?: number | null;
}

/** Thrown inside a transaction to roll it back when a guarded bump finds a newer version. */
export class StalePending extends Error {}

async function insertRevision(db: Kysely<DB>, revision: NewRevision): Promise<void> {
  await db
    .insertInto("article_revisions")
    .values(revision)
    .onConflict((oc) => oc.columns(["article_id", "version"]).doNothing())
    .execute();
}

async function replaceLinks(trx: Kysely<DB>, articleId: number, tagIds: number[], authorIds: number[]): Promise<void> {
  await trx.deleteFrom("article_tags").where("article_id", "=", articleId).execute();
  await trx.deleteFrom("article_authors").where("article_id", "=", articleId).execute();
  if (tagIds.length > 0) {
    await trx
      .insertInto("article_tags")
      .values([...new Set(tagIds)].map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
      .execute();
  }
  if (authorIds.length > 0) {
    await trx
      .insertInto("article_authors")
      .values([...new Set(authorIds)].map((person_id, position) => ({ article_id: articleId, person_id, position })))
      .execute();
  }
}
