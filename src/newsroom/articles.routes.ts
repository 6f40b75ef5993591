import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import type { ArticleRow } from "../platform/db/schema.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { parseZonedDateTime } from "../platform/i18n/dates.js";
import { type Actor, requireActor } from "../staff/actor.js";
import type { ArticleQueries } from "./article-queries.service.js";
import { type ArticleAction, canArticle } from "./articles.policy.js";
import {
  ApplyPendingBody,
  type ArticleDto,
  ArticleListQuery,
  ArticleListSchema,
  ArticleSchema,
  ArticleStatusDtoSchema,
  AwaitingReviewSchema,
  CreateArticleBody,
  CreateTranslationBody,
  DiscardPendingQuery,
  IdParams,
  type PendingDto,
  PublishResultSchema,
  ReturnBody,
  RevisionContentSchema,
  RevisionDiffQuery,
  RevisionDiffSchema,
  RevisionListSchema,
  RevisionParams,
  ScheduleBody,
  StatusQuery,
  TranslationListSchema,
  UpdateArticleBody,
} from "./articles.schemas.js";
import type { ArticleInput, ArticlePatch, ArticleSnapshot, ArticlesService, ChangeAuthor } from "./articles.service.js";
import type { EditionsService } from "./editions.service.js";
import { bylinesOwnArticles } from "./profiles.policy.js";
import { PublishRefusalSchema } from "./publication-check/publication-check.schemas.js";
import { parseUntranslated } from "./translation-todo.shared.js";

/** Full-text matching for the list's `q` (the search capability provides it). */
export interface ArticleTextSearch {
  /** Ids of matching articles, newest first, capped. */
  matchingArticleIds(query: string, filters: { edition?: string; status?: ArticleRow["status"] }): Promise<number[]>;
}

export interface ArticleRouteDeps {
  articles: ArticlesService;
  /** Reads: the article a request acts on. */
  queries: Pick<ArticleQueries, "getById">;
  editions: EditionsService;
  /** The public URL of an article (the site decides its URL scheme). */
  articleUrl: (edition: string, slug: string) => string;
  textSearch: ArticleTextSearch;
  /** Staff bylines: a contributor's or author's new article carries their own (ProfilesService). */
  profiles: { bylineFor(staffId: number, edition: string): Promise<number> };
  /** Thumbnails of lead images in lists (MediaService). */
  media: { thumbnailUrls(ids: number[]): Promise<Map<number, string>> };
  /** The wartime publication check: refuses (409, with its findings) what may not go out yet. */
  publicationCheck?: { assertMayPublish(article: ArticleRow, publishAt?: Date): Promise<void> };
}

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

function authorOf(actor: Actor): ChangeAuthor {
  return { staffId: actor.staffId, tokenId: actor.tokenId, name: actor.name };
}

function ensure(actor: Actor, action: ArticleAction, article?: ArticleRow): void {
  if (!canArticle(actor, action, article)) {
    throw new AppError("forbidden", `Your role (${actor.role}) may not ${action} this article.`);
  }
}

/** A version's content in the API's field names. */
function versionFields(snapshot: ArticleSnapshot) {
  return {
    title: snapshot.title,
    slug: snapshot.slug,
    dek: snapshot.dek,
    body: JSON.parse(snapshot.body),
    section: snapshot.section_id,
    tags: snapshot.tagIds ?? [],
    authors: snapshot.authorIds ?? [],
    leadImage:
      snapshot.lead_media_id === null
        ? null
        : {
            mediaId: snapshot.lead_media_id,
            caption: snapshot.lead_caption,
            credit: snapshot.lead_credit,
            alt: snapshot.lead_alt,
          },
    sourceAttribution: snapshot.source_attribution,
    seoTitle: snapshot.seo_title,
    seoDescription: snapshot.seo_description,
    breaking: snapshot.is_breaking === 1,
    featured: snapshot.is_featured === 1,
    // Versions saved before the switch existed showed the video of the day.
    videoOfTheDay: snapshot.video_of_the_day !== 0,
  };
}

function returnNoteOf(article: ArticleRow) {
  return article.return_note === null
    ? null
    : { message: article.return_note, by: article.return_note_by, at: article.return_note_at ?? article.updated_at };
}

function encodeCursor(row: ArticleRow): string {
  return Buffer.from(`${row.updated_at}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { updatedAt: string; id: number } {
  const [updatedAt, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const numericId = Number(id);
  if (!updatedAt || Number.isNaN(Date.parse(updatedAt)) || !Number.isSafeInteger(numericId) || numericId <= 0) {
    throw new AppError("invalid_cursor", "The list cursor is damaged; start again from the first page.");
  }
  return { updatedAt, id: numericId };
}

/** The newsroom's article API: HTTP only; rules live in ArticlesService and articles.policy. */
export function registerArticleRoutes(app: FastifyInstance, deps: ArticleRouteDeps): void {
  const { articles, queries, editions, articleUrl, textSearch, profiles, media, publicationCheck } = deps;
  const refusals = { ...errors, 409: PublishRefusalSchema };

  async function toDto(article: ArticleRow, warnings?: string[]): Promise<ArticleDto> {
    const [{ tagIds, authorIds }, pending] = await Promise.all([
      articles.getForEditing(article.id),
      articles.getPending(article.id),
    ]);
    const pendingDto: PendingDto | null = pending
      ? {
          version: pending.version,
          savedAt: pending.saved_at,
          savedBy: pending.author_name,
          savedById: pending.staff_id,
          restoredFrom: pending.restored_from,
          ...versionFields(pending.content),
        }
      : null;
    return {
      id: article.id,
      edition: article.edition_code,
      slug: article.slug,
      status: article.status,
      title: article.title,
      dek: article.dek,
      body: JSON.parse(article.body),
      section: article.section_id,
      tags: tagIds,
      authors: authorIds,
      leadImage:
        article.lead_media_id === null
          ? null
          : {
              mediaId: article.lead_media_id,
              caption: article.lead_caption,
              credit: article.lead_credit,
              alt: article.lead_alt,
            },
      sourceAttribution: article.source_attribution,
      seoTitle: article.seo_title,
      seoDescription: article.seo_description,
      breaking: article.is_breaking === 1,
      featured: article.is_featured === 1,
      videoOfTheDay: article.video_of_the_day === 1,
      publishedAt: article.published_at,
      embargoUntil: article.embargo_until,
      eventAt: article.event_at,
      createdAt: article.created_at,
      updatedAt: article.updated_at,
      version: article.version,
      url: articleUrl(article.edition_code, article.slug),
      kind: article.kind,
      liveEndedAt: article.live_ended_at,
      translationGroup: article.translation_group,
      translatedFrom: article.translated_from,
      slugFollowsTitle: article.slug_follows_title === 1,
      untranslated: parseUntranslated(article.untranslated),
      liveVersion: article.live_version,
      pending: pendingDto,
      returnNote: returnNoteOf(article),
      ...(warnings && warnings.length > 0 ? { warnings } : {}),
    };
  }

  async function toSummaries(rows: ArticleRow[]) {
    const leads = rows.flatMap((row) => (row.lead_media_id === null ? [] : [row.lead_media_id]));
    const thumbnails = await media.thumbnailUrls([...new Set(leads)]);
    return rows.map((row) => toSummary(row, thumbnails));
  }

  function toSummary(a: ArticleRow, thumbnails: Map<number, string>) {
    return {
      id: a.id,
      edition: a.edition_code,
      slug: a.slug,
      status: a.status,
      title: a.title,
      publishedAt: a.published_at,
      updatedAt: a.updated_at,
      version: a.version,
      url: articleUrl(a.edition_code, a.slug),
      leadMediaId: a.lead_media_id,
      thumbnailUrl: a.lead_media_id === null ? null : (thumbnails.get(a.lead_media_id) ?? null),
    };
  }

  function toInput(body: Partial<CreateArticleBody>): ArticlePatch {
    const patch: ArticlePatch = {};
    if (body.title !== undefined) patch.title = body.title;
    if (body.slug !== undefined) patch.slug = body.slug;
    if (body.dek !== undefined) patch.dek = body.dek;
    if (body.body !== undefined) patch.body = body.body;
    if (body.html !== undefined) patch.html = body.html;
    if (body.section !== undefined) patch.sectionId = body.section;
    if (body.tags !== undefined) patch.tagIds = body.tags;
    if (body.authors !== undefined) patch.authorIds = body.authors;
    if (body.leadImage !== undefined) {
      patch.leadMediaId = body.leadImage?.mediaId ?? null;
      patch.leadCaption = body.leadImage?.caption ?? null;
      patch.leadCredit = body.leadImage?.credit ?? null;
      patch.leadAlt = body.leadImage?.alt ?? null;
    }
    if (body.sourceAttribution !== undefined) patch.sourceAttribution = body.sourceAttribution;
    if (body.seoTitle !== undefined) patch.seoTitle = body.seoTitle;
    if (body.seoDescription !== undefined) patch.seoDescription = body.seoDescription;
    if (body.breaking !== undefined) patch.breaking = body.breaking;
    if (body.featured !== undefined) patch.featured = body.featured;
    if (body.videoOfTheDay !== undefined) patch.videoOfTheDay = body.videoOfTheDay;
    if (body.embargoUntil !== undefined) patch.embargoUntil = body.embargoUntil;
    if (body.eventAt !== undefined) patch.eventAt = body.eventAt;
    return patch;
  }

  async function load(request: FastifyRequest<{ Params: { id: number } }>, action: ArticleAction) {
    const actor = requireActor(request);
    const article = await queries.getById(request.params.id);
    ensure(actor, action, article);
    return { actor, article };
  }

  app.get(
    "/admin/api/articles",
    { schema: { querystring: ArticleListQuery, response: { 200: ArticleListSchema, ...errors } } },
    async (request: FastifyRequest<{ Querystring: ArticleListQuery }>) => {
      const actor = requireActor(request);
      ensure(actor, "view");
      const q = request.query;
      const limit = q.limit ?? 30;
      // Below editor, the list shows what this person (or token) created.
      const own = !canArticle(actor, "view", { created_by: -1, created_by_token: -1, status: "draft" });
      const text = q.q?.trim();
      const matching = text
        ? await textSearch.matchingArticleIds(text, { edition: q.edition, status: q.status })
        : undefined;
      const wanted = q.ids ? new Set(q.ids.split(",").map(Number)) : undefined;
      const ids = wanted && matching ? matching.filter((id) => wanted.has(id)) : (matching ?? (wanted && [...wanted]));
      const rows = await articles.listForAdmin(
        {
          edition: q.edition,
          status: q.status,
          sectionId: q.section,
          personId: q.author,
          ...(ids ? { ids } : {}),
          ...(q.title?.trim() ? { titleContains: q.title.trim() } : {}),
          ...(own && actor.tokenId !== null ? { createdByToken: actor.tokenId } : {}),
          ...(own && actor.tokenId === null ? { createdBy: actor.staffId ?? -1 } : {}),
        },
        q.cursor ? decodeCursor(q.cursor) : null,
        limit + 1,
      );
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: await toSummaries(items),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      };
    },
  );

  app.get(
    "/admin/api/articles/awaiting-review",
    { schema: { response: { 200: AwaitingReviewSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      // Without an article, the policy answers whether the role reviews at all.
      ensure(actor, "return");
      const rows = await articles.awaitingReview();
      return { count: rows.length, items: await toSummaries(rows) };
    },
  );

  app.get(
    "/admin/api/articles/:id/status",
    { schema: { params: IdParams, querystring: StatusQuery, response: { 200: ArticleStatusDtoSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number }; Querystring: StatusQuery }>) => {
      await load(request, "view");
      const { article, lastChange } = await articles.statusOf(request.params.id);
      return {
        id: article.id,
        status: article.status,
        version: article.version,
        changed: request.query.since !== undefined && article.version > request.query.since,
        lastChange,
        returnNote: returnNoteOf(article),
      };
    },
  );

  app.post(
    "/admin/api/articles/:id/return",
    { schema: { params: IdParams, body: ReturnBody, response: { 200: ArticleSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number }; Body: ReturnBody }>) => {
      const { actor } = await load(request, "return");
      return toDto(
        await articles.returnToAuthor(request.params.id, request.body.message, {
          expectedVersion: request.body.version,
          by: authorOf(actor),
        }),
      );
    },
  );

  app.get(
    "/admin/api/articles/:id",
    { schema: { params: IdParams, response: { 200: ArticleSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => toDto((await load(request, "view")).article),
  );

  app.post(
    "/admin/api/articles",
    { schema: { body: CreateArticleBody, response: { 201: ArticleSchema, ...errors } } },
    async (request: FastifyRequest<{ Body: CreateArticleBody }>, reply) => {
      const actor = requireActor(request);
      ensure(actor, "create");
      const edition = editions.byCode(request.body.edition);
      if (!edition) {
        throw new AppError("validation_failed", `There is no "${request.body.edition}" edition.`, { field: "edition" });
      }
      const input = {
        ...toInput(request.body),
        edition: edition.code,
        title: request.body.title,
        kind: request.body.kind ?? "standard",
      } as ArticleInput;
      if (input.authorIds === undefined && actor.staffId !== null && bylinesOwnArticles(actor)) {
        input.authorIds = [await profiles.bylineFor(actor.staffId, edition.code)];
      }
      const { article, warnings } = await articles.createWithWarnings(input, authorOf(actor));
      return reply.code(201).send(await toDto(article, warnings));
    },
  );

  app.patch(
    "/admin/api/articles/:id",
    { schema: { params: IdParams, body: UpdateArticleBody, response: { 200: ArticleSchema, ...refusals } } },
    async (request: FastifyRequest<{ Params: { id: number }; Body: UpdateArticleBody }>) => {
      const { actor } = await load(request, "edit");
      const { article, warnings } = await articles.updateWithWarnings(request.params.id, toInput(request.body), {
        expectedVersion: request.body.version,
        by: authorOf(actor),
        pending: request.body.pending === true,
      });
      return toDto(article, warnings);
    },
  );

  app.post(
    "/admin/api/articles/:id/update",
    { schema: { params: IdParams, body: ApplyPendingBody, response: { 200: ArticleSchema, ...refusals } } },
    async (request: FastifyRequest<{ Params: { id: number }; Body: ApplyPendingBody }>) => {
      const { actor } = await load(request, "update");
      return toDto(
        await articles.applyPending(request.params.id, { expectedVersion: request.body.version, by: authorOf(actor) }),
      );
    },
  );

  app.delete(
    "/admin/api/articles/:id/pending",
    {
      schema: { params: IdParams, querystring: DiscardPendingQuery, response: { 200: ArticleSchema, ...errors } },
    },
    async (request: FastifyRequest<{ Params: { id: number }; Querystring: DiscardPendingQuery }>) => {
      await load(request, "discard");
      return toDto(await articles.discardPending(request.params.id, { expectedVersion: request.query.version }));
    },
  );

  app.post(
    "/admin/api/articles/:id/submit",
    { schema: { params: IdParams, response: { 200: ArticleSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      const { actor } = await load(request, "submit");
      return toDto(await articles.submit(request.params.id, authorOf(actor)));
    },
  );

  app.post(
    "/admin/api/articles/:id/publish",
    { schema: { params: IdParams, response: { 200: PublishResultSchema, ...refusals } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      const { actor, article: before } = await load(request, "publish");
      await publicationCheck?.assertMayPublish(before);
      const article = await articles.publish(request.params.id, undefined, authorOf(actor));
      const dto = await toDto(article);
      return { url: dto.url, article: dto };
    },
  );

  app.post(
    "/admin/api/articles/:id/schedule",
    { schema: { params: IdParams, body: ScheduleBody, response: { 200: ArticleSchema, ...refusals } } },
    async (request: FastifyRequest<{ Params: { id: number }; Body: ScheduleBody }>) => {
      const { actor, article } = await load(request, "schedule");
      const zone = request.body.timeZone ?? editions.byCode(article.edition_code)?.timeZone ?? "UTC";
      const at = parseZonedDateTime(request.body.at, zone);
      if (!at) {
        throw new AppError("validation_failed", `"${request.body.at}" in ${zone} is not a date and time we can read.`, {
          field: "at",
        });
      }
      await publicationCheck?.assertMayPublish(article, at);
      return toDto(await articles.schedule(request.params.id, at, authorOf(actor)));
    },
  );

  for (const action of ["unpublish", "archive"] as const) {
    app.post(
      `/admin/api/articles/:id/${action}`,
      { schema: { params: IdParams, response: { 200: ArticleSchema, ...errors } } },
      async (request: FastifyRequest<{ Params: { id: number } }>) => {
        const { actor } = await load(request, action);
        return toDto(
          action === "unpublish"
            ? await articles.unpublish(request.params.id, authorOf(actor))
            : await articles.archive(request.params.id, authorOf(actor)),
        );
      },
    );
  }

  app.get(
    "/admin/api/articles/:id/translations",
    { schema: { params: IdParams, response: { 200: TranslationListSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      await load(request, "view");
      return { items: await toSummaries(await articles.translationGroupOf(request.params.id)) };
    },
  );

  app.post(
    "/admin/api/articles/:id/translations",
    {
      schema: { params: IdParams, body: CreateTranslationBody, response: { 201: ArticleSchema, ...errors } },
    },
    async (request: FastifyRequest<{ Params: { id: number }; Body: CreateTranslationBody }>, reply) => {
      const { actor } = await load(request, "view");
      ensure(actor, "create");
      const edition = editions.byCode(request.body.edition);
      if (!edition) {
        throw new AppError("validation_failed", `There is no "${request.body.edition}" edition.`, { field: "edition" });
      }
      const article = await articles.createTranslation(request.params.id, edition.code, authorOf(actor));
      return reply.code(201).send(await toDto(article));
    },
  );

  app.get(
    "/admin/api/articles/:id/revisions",
    { schema: { params: IdParams, response: { 200: RevisionListSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      await load(request, "view");
      const history = await articles.history(request.params.id);
      return {
        ...history,
        items: history.items.map((item) => ({ ...item, live: item.version === history.liveVersion })),
      };
    },
  );

  app.get(
    "/admin/api/articles/:id/revisions/diff",
    {
      schema: { params: IdParams, querystring: RevisionDiffQuery, response: { 200: RevisionDiffSchema, ...errors } },
    },
    async (request: FastifyRequest<{ Params: { id: number }; Querystring: RevisionDiffQuery }>) => {
      await load(request, "view");
      const { from, to } = request.query;
      return { from, to, ...(await articles.diffVersions(request.params.id, from, to)) };
    },
  );

  app.get(
    "/admin/api/articles/:id/revisions/:version",
    { schema: { params: RevisionParams, response: { 200: RevisionContentSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number; version: number } }>) => {
      const { article } = await load(request, "view");
      const content = await articles.versionContent(article.id, request.params.version);
      const pending = await articles.getPending(article.id);
      return {
        version: content.version,
        live: content.version === article.live_version,
        isPending: pending?.version === content.version,
        bodyText: content.bodyText,
        ...versionFields(content.snapshot),
      };
    },
  );

  app.post(
    "/admin/api/articles/:id/revisions/:version/restore",
    { schema: { params: RevisionParams, response: { 200: ArticleSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number; version: number } }>) => {
      const { actor } = await load(request, "restore");
      return toDto(await articles.restoreRevision(request.params.id, request.params.version, authorOf(actor)));
    },
  );
}
