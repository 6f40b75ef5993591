import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import { type AnalyticsAction, canReadAnalytics } from "./analytics.policy.js";
import {
  ArticleParams,
  ArticleRangeQuery,
  ArticleStats,
  AuthorRows,
  EditionRangeQuery,
  NewsletterRows,
  NowQuery,
  NowStats,
  RangeQuery,
  SectionRows,
} from "./stats.schemas.js";
import type { StatsService } from "./stats.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const CsvBody = Type.String({ description: "text/csv" });

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply
    .header("content-disposition", `attachment; filename="${name}.csv"`)
    .header("cache-control", "private, no-store")
    .type("text/csv; charset=utf-8")
    .send(csv);
}

/** The audience numbers' admin API (docs/admin-api.md): HTTP and the editors-and-up check. */
export function registerStatsRoutes(instance: FastifyInstance, deps: { stats: StatsService }): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { stats } = deps;
  const allow = (request: Parameters<typeof requireActor>[0], action: AnalyticsAction) => {
    if (!canReadAnalytics(requireActor(request), action)) {
      throw new AppError("forbidden", "Only editors and owners read the audience numbers.");
    }
  };

  app.get(
    "/admin/api/stats/now",
    { schema: { querystring: NowQuery, response: { 200: NowStats, ...errors } } },
    async (request) => {
      allow(request, "view");
      return stats.now30(request.query.edition);
    },
  );

  app.get(
    "/admin/api/stats/articles/:id",
    { schema: { params: ArticleParams, querystring: ArticleRangeQuery, response: { 200: ArticleStats, ...errors } } },
    async (request) => {
      allow(request, "view");
      return stats.article(request.params.id, request.query);
    },
  );

  app.get(
    "/admin/api/stats/sections",
    { schema: { querystring: EditionRangeQuery, response: { 200: SectionRows, ...errors } } },
    async (request) => {
      allow(request, "view");
      return stats.sections(request.query.edition, request.query);
    },
  );

  app.get(
    "/admin/api/stats/authors",
    { schema: { querystring: EditionRangeQuery, response: { 200: AuthorRows, ...errors } } },
    async (request) => {
      allow(request, "view");
      return stats.authors(request.query.edition, request.query);
    },
  );

  app.get(
    "/admin/api/stats/newsletters",
    { schema: { querystring: RangeQuery, response: { 200: NewsletterRows, ...errors } } },
    async (request) => {
      allow(request, "view");
      return stats.newsletters(request.query);
    },
  );

  for (const table of ["articles", "sections", "authors"] as const) {
    app.get(
      `/admin/api/stats/${table}.csv`,
      { schema: { querystring: EditionRangeQuery, response: { 200: CsvBody, ...errors } } },
      async (request, reply) => {
        allow(request, "export");
        const { edition } = request.query;
        const csv =
          table === "articles"
            ? await stats.articlesCsv(edition, request.query)
            : table === "sections"
              ? await stats.sectionsCsv(edition, request.query)
              : await stats.authorsCsv(edition, request.query);
        return sendCsv(reply, `${table}-${edition}`, csv);
      },
    );
  }
}
