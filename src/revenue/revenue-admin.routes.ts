import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import type { EditionsService } from "../newsroom/editions.service.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import type { CheckoutService } from "./checkout.service.js";
import { canRevenue, type RevenueAction } from "./revenue.policy.js";
import { EditionRevenueSettingsSchema, GlobalRevenueSettingsSchema } from "./revenue.schemas.js";
import type { RevenueReportsService } from "./revenue-reports.service.js";
import type { RevenueSettingsService } from "./revenue-settings.service.js";
import type { StripeKeys } from "./stripe-keys.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const Total = Type.Object({
  period: Type.String(),
  currency: Type.String(),
  total: Type.Integer(),
  refunded: Type.Integer(),
  count: Type.Integer(),
});
const ContributionSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  currency: Type.String(),
  amount: Type.Integer(),
  refundedAmount: Type.Integer(),
  status: Type.String(),
  paidAt: Type.String(),
  supporter: Type.Union([
    Type.Object({ email: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
});
const SummarySchema = Type.Object({
  byDay: Type.Array(Total),
  byMonth: Type.Array(Total),
  patrons: Type.Object({
    active: Type.Integer(),
    monthlyRecurring: Type.Array(Type.Object({ currency: Type.String(), amount: Type.Integer() })),
  }),
  latest: Type.Array(ContributionSchema),
  refunds: Type.Array(ContributionSchema),
});
const SupporterSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
  createdAt: Type.String(),
  contributions: Type.Integer(),
  activeSubscriptions: Type.Integer(),
});
const StatusSchema = Type.Object({
  checkout: Type.Boolean(),
  webhooks: Type.Boolean(),
  missing: Type.Array(Type.String()),
  mode: Type.Union([Type.Literal("test"), Type.Literal("live"), Type.Null()]),
  apiBase: Type.Union([Type.String(), Type.Null()]),
  webhookUrl: Type.String(),
});
const SettingsSchema = Type.Object({
  global: GlobalRevenueSettingsSchema,
  editions: Type.Record(Type.String(), EditionRevenueSettingsSchema),
});

const KeyStateSchema = Type.Object({
  set: Type.Boolean(),
  source: Type.Union([Type.Literal("environment"), Type.Literal("app"), Type.Null()]),
  last4: Type.Union([Type.String(), Type.Null()]),
});
const KeysStatusSchema = Type.Object({
  secretKey: KeyStateSchema,
  webhookSecret: KeyStateSchema,
  storedReadable: Type.Boolean(),
});
const KeysBody = Type.Object(
  {
    secretKey: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    webhookSecret: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export interface RevenueAdminDeps {
  checkout: CheckoutService;
  keys: StripeKeys;
  settings: RevenueSettingsService;
  reports: RevenueReportsService;
  editions: EditionsService;
}

function authorize(request: FastifyRequest, action: RevenueAction, what: string): void {
  const actor = requireActor(request);
  if (!canRevenue(actor.role, action)) throw new AppError("forbidden", `Your role may not ${what}.`);
}

/** The admin API of reader revenue under /admin/api/revenue. */
export function registerRevenueAdminRoutes(app: FastifyInstance, deps: RevenueAdminDeps): void {
  const { checkout, settings, reports, editions, keys } = deps;

  async function allSettings() {
    const entries = await Promise.all(
      editions.list().map(async (edition) => [edition.code, await settings.editionSettings(edition)] as const),
    );
    return { global: await settings.globalSettings(), editions: Object.fromEntries(entries) };
  }

  app.get("/admin/api/revenue/status", { schema: { response: { 200: StatusSchema, ...errors } } }, async (request) => {
    authorize(request, "viewStatus", "see the payment setup");
    return checkout.status();
  });

  // Never the keys themselves: whether each is set, where it comes from, its last four characters.
  app.get(
    "/admin/api/revenue/stripe-keys",
    { schema: { response: { 200: KeysStatusSchema, ...errors } } },
    async (request) => {
      authorize(request, "managePaymentKeys", "see the payment keys");
      await keys.load();
      return keys.status();
    },
  );

  app.put(
    "/admin/api/revenue/stripe-keys",
    { schema: { body: KeysBody, response: { 200: KeysStatusSchema, ...errors } } },
    async (request: FastifyRequest<{ Body: { secretKey?: string | null; webhookSecret?: string | null } }>) => {
      authorize(request, "managePaymentKeys", "change the payment keys");
      return keys.save(request.body);
    },
  );

  app.get(
    "/admin/api/revenue/summary",
    { schema: { response: { 200: SummarySchema, ...errors } } },
    async (request) => {
      authorize(request, "viewSummary", "see revenue");
      return reports.summary();
    },
  );

  const SupportersQuery = Type.Object({
    q: Type.Optional(Type.String({ maxLength: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 20 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  });
  app.get(
    "/admin/api/revenue/supporters",
    {
      schema: {
        querystring: SupportersQuery,
        response: {
          200: Type.Object({
            items: Type.Array(SupporterSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request: FastifyRequest<{ Querystring: { q?: string; cursor?: string; limit?: number } }>) => {
      authorize(request, "viewSupporters", "see supporters");
      const { q, cursor, limit } = request.query;
      return reports.supporters({ q, cursor, limit: limit ?? 50 });
    },
  );

  app.get(
    "/admin/api/revenue/supporters.csv",
    {
      schema: {
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: Type.String({ description: "text/csv" }), ...errors },
      },
    },
    async (request: FastifyRequest<{ Querystring: { q?: string } }>, reply) => {
      authorize(request, "exportSupporters", "export supporters");
      const csv = await reports.supportersCsv(request.query.q);
      return reply
        .header("content-disposition", 'attachment; filename="supporters.csv"')
        .header("cache-control", "private, no-store")
        .type("text/csv; charset=utf-8")
        .send(csv);
    },
  );

  app.get(
    "/admin/api/revenue/settings",
    { schema: { response: { 200: SettingsSchema, ...errors } } },
    async (request) => {
      authorize(request, "manageSettings", "see revenue settings");
      return allSettings();
    },
  );

  app.put(
    "/admin/api/revenue/settings/global",
    { schema: { body: GlobalRevenueSettingsSchema, response: { 200: SettingsSchema, ...errors } } },
    async (request) => {
      authorize(request, "manageSettings", "change revenue settings");
      await settings.updateGlobal(request.body);
      return allSettings();
    },
  );

  app.put(
    "/admin/api/revenue/settings/editions/:edition",
    {
      schema: {
        params: Type.Object({ edition: Type.String({ minLength: 1, maxLength: 20 }) }),
        body: EditionRevenueSettingsSchema,
        response: { 200: SettingsSchema, ...errors },
      },
    },
    async (request: FastifyRequest<{ Params: { edition: string } }>) => {
      authorize(request, "manageSettings", "change revenue settings");
      const edition = editions.byCode(request.params.edition);
      if (!edition) throw new AppError("not_found", `There is no "${request.params.edition}" edition.`);
      await settings.updateEdition(edition, request.body);
      return allSettings();
    },
  );
}
