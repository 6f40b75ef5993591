import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { parseZonedDateTime } from "../platform/i18n/dates.js";
import { neutralizeCell } from "../platform/security/spreadsheet-cell.js";
import { type Actor, requireActor } from "../staff/actor.js";
import type { NewsletterServices } from "./newsletters.factory.js";
import { canNewsletter, type NewsletterAction } from "./newsletters.policy.js";
import type { ListInput } from "./newsletters.types.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const ListSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  edition: Type.String(),
  language: Type.String(),
  name: Type.String(),
  description: Type.String(),
  cadence: Type.String(),
  fromName: Type.String(),
  fromAddress: Type.String(),
  kind: Type.Union([Type.Literal("digest"), Type.Literal("manual")]),
  cron: Nullable(Type.String()),
  timeZone: Nullable(Type.String()),
  digestSize: Type.Integer(),
  active: Type.Boolean(),
  subscribers: Type.Optional(Type.Integer()),
  nextSlot: Type.Optional(Nullable(Type.String())),
});

const listFields = {
  slug: Type.String({ minLength: 1, maxLength: 60 }),
  edition: Type.String({ minLength: 1, maxLength: 20 }),
  language: Type.String({ minLength: 2, maxLength: 5 }),
  name: Type.String({ minLength: 1, maxLength: 120 }),
  description: Type.String({ maxLength: 600 }),
  cadence: Type.String({ minLength: 1, maxLength: 120 }),
  fromName: Type.String({ minLength: 1, maxLength: 120 }),
  fromAddress: Type.String({ minLength: 3, maxLength: 254 }),
  kind: Type.Union([Type.Literal("digest"), Type.Literal("manual")]),
  cron: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
  timeZone: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  digestSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  active: Type.Optional(Type.Boolean()),
};
const CreateListBody = Type.Object(listFields, { additionalProperties: false });
const UpdateListBody = Type.Partial(Type.Object(listFields), { additionalProperties: false });

const SubscriberSchema = Type.Object({
  subscriberId: Type.Integer(),
  email: Type.String(),
  language: Type.String(),
  status: Type.String(),
  source: Type.String(),
  createdAt: Type.String(),
  confirmedAt: Nullable(Type.String()),
});

const IssueSchema = Type.Object({
  id: Type.Integer(),
  listId: Type.Integer(),
  status: Type.String(),
  subject: Type.String(),
  intro: Type.String(),
  articleIds: Type.Array(Type.Integer()),
  scheduledFor: Nullable(Type.String()),
  sendAt: Nullable(Type.String()),
  total: Type.Integer(),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});

const DELIVERY_STATES = ["pending", "sending", "sent", "failed", "bounced", "suppressed"] as const;

const DeliverySchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  state: Type.Union(DELIVERY_STATES.map((s) => Type.Literal(s))),
  attempts: Type.Integer(),
  sentAt: Nullable(Type.String()),
  nextAttemptAt: Nullable(Type.String()),
  error: Nullable(Type.String()),
});

const TestCopySchema = Type.Object({
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
});

const ProgressSchema = Type.Object({
  status: Type.String(),
  total: Type.Integer(),
  counts: Type.Object({
    pending: Type.Integer(),
    sending: Type.Integer(),
    sent: Type.Integer(),
    failed: Type.Integer(),
    bounced: Type.Integer(),
    suppressed: Type.Integer(),
  }),
  rate: Type.Number(),
  etaSeconds: Nullable(Type.Integer()),
  unsubscribed: Type.Integer(),
});

const ComposeBody = Type.Union([
  Type.Object({ kind: Type.Literal("digest") }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal("manual"),
      subject: Type.String({ minLength: 1, maxLength: 200 }),
      intro: Type.String({ maxLength: 5000 }),
      articleIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 30 }),
    },
    { additionalProperties: false },
  ),
]);
type ComposeBody = { kind: "digest" } | { kind: "manual"; subject: string; intro: string; articleIds: number[] };

const UpdateIssueBody = Type.Object(
  {
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    intro: Type.Optional(Type.String({ maxLength: 5000 })),
    articleIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 30 })),
  },
  { additionalProperties: false },
);

function allow(actor: Actor, action: NewsletterAction, message: string): void {
  if (!canNewsletter(actor.role, action)) throw new AppError("forbidden", message);
}

/** Where a test issue goes: the signed-in staff member's own address (the staff service fills it). */
export interface StaffAddressBook {
  emailOf(staffId: number): Promise<string | undefined>;
}

/** The newsroom app's newsletter API under /admin/api/newsletters. */
export function registerNewsletterAdminRoutes(
  app: FastifyInstance,
  deps: { newsletters: NewsletterServices; staff: StaffAddressBook },
): void {
  const { newsletters, staff } = deps;
  const base = "/admin/api/newsletters";

  app.get(
    `${base}/lists`,
    { schema: { response: { 200: Type.Object({ items: Type.Array(ListSchema) }), ...errors } } },
    async (request) => {
      allow(requireActor(request), "viewLists", "Your role may not see the newsletters.");
      return { items: await newsletters.lists.listsWithCounts() };
    },
  );

  app.post(
    `${base}/lists`,
    { schema: { body: CreateListBody, response: { 201: ListSchema, ...errors } } },
    async (request: FastifyRequest<{ Body: ListInput }>, reply) => {
      allow(requireActor(request), "manageLists", "Only admins may create newsletter lists.");
      return reply.code(201).send(await newsletters.lists.createList(request.body));
    },
  );

  app.patch(
    `${base}/lists/:id`,
    { schema: { params: Id, body: UpdateListBody, response: { 200: ListSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number }; Body: Partial<ListInput> }>) => {
      allow(requireActor(request), "manageLists", "Only admins may change newsletter lists.");
      return newsletters.lists.updateList(request.params.id, request.body);
    },
  );

  app.get(
    `${base}/lists/:id/subscribers`,
    {
      schema: {
        params: Id,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 254 })),
          after: Type.Optional(Type.String({ maxLength: 254 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(SubscriberSchema), next: Nullable(Type.String()) }),
          ...errors,
        },
      },
    },
    async (
      request: FastifyRequest<{ Params: { id: number }; Querystring: { q?: string; after?: string; limit?: number } }>,
    ) => {
      allow(requireActor(request), "viewSubscribers", "Your role may not see subscribers.");
      const limit = request.query.limit ?? 50;
      const items = await newsletters.subscriptions.subscribers(request.params.id, {
        limit: limit + 1,
        ...(request.query.q ? { query: request.query.q } : {}),
        ...(request.query.after ? { after: request.query.after } : {}),
      });
      const page = items.slice(0, limit);
      return { items: page, next: items.length > limit ? (page.at(-1)?.email ?? null) : null };
    },
  );

  app.post(
    `${base}/lists/:id/subscribers`,
    {
      schema: {
        params: Id,
        body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 320 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ outcome: Type.String() }), ...errors },
      },
    },
    async (request: FastifyRequest<{ Params: { id: number }; Body: { email: string } }>) => {
      allow(requireActor(request), "manageSubscribers", "Your role may not add subscribers.");
      return { outcome: await newsletters.subscriptions.addSubscriber(request.params.id, request.body.email) };
    },
  );

  app.delete(
    `${base}/lists/:id/subscribers/:subscriberId`,
    {
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), subscriberId: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request: FastifyRequest<{ Params: { id: number; subscriberId: number } }>, reply) => {
      allow(requireActor(request), "manageSubscribers", "Your role may not remove subscribers.");
      await newsletters.subscriptions.removeSubscriber(request.params.id, request.params.subscriberId);
      return reply.code(204).send();
    },
  );

  app.post(
    `${base}/lists/:id/import`,
    {
      schema: {
        params: Id,
        body: Type.Object({ csv: Type.String({ maxLength: 3_000_000 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            imported: Type.Integer(),
            alreadySubscribed: Type.Integer(),
            errors: Type.Array(Type.Object({ row: Type.Integer(), value: Type.String(), message: Type.String() })),
          }),
          ...errors,
        },
      },
    },
    async (request: FastifyRequest<{ Params: { id: number }; Body: { csv: string } }>) => {
      allow(requireActor(request), "manageSubscribers", "Your role may not import subscribers.");
      let rows: string[][];
      try {
        rows = parse(request.body.csv, { bom: true, relax_column_count: true, trim: true });
      } catch (error) {
        throw new AppError(
          "validation_failed",
          `The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
          { field: "csv" },
        );
      }
      if (rows.length > 100_000) {
        throw new AppError("validation_failed", "Import at most 100,000 rows at a time.", { field: "csv" });
      }
      return newsletters.subscriptions.importCsv(request.params.id, rows);
    },
  );

  app.get(
    `${base}/lists/:id/export.csv`,
    { schema: { params: Id, response: { 200: Type.String({ description: "CSV" }), ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>, reply) => {
      allow(requireActor(request), "viewSubscribers", "Your role may not export subscribers.");
      const list = await newsletters.lists.list(request.params.id);
      const rows = await newsletters.subscriptions.exportRows(request.params.id);
      const cell = (value: string | null) => neutralizeCell(value ?? "");
      const csv = stringify([
        ["email", "status", "language", "source", "subscribed_at", "confirmed_at"],
        ...rows.map((r) => [cell(r.email), r.status, r.language, r.source, r.createdAt, cell(r.confirmedAt)]),
      ]);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${list.slug}-subscribers.csv"`)
        .header("cache-control", "no-store")
        .send(csv);
    },
  );

  app.get(
    `${base}/lists/:id/issues`,
    { schema: { params: Id, response: { 200: Type.Object({ items: Type.Array(IssueSchema) }), ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allow(requireActor(request), "viewLists", "Your role may not see the newsletters.");
      return { items: await newsletters.issues.ofList(request.params.id) };
    },
  );

  app.post(
    `${base}/lists/:id/issues`,
    { schema: { params: Id, body: ComposeBody, response: { 201: IssueSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number }; Body: ComposeBody }>, reply) => {
      const actor = requireActor(request);
      allow(actor, "composeIssue", "Your role may not compose issues.");
      const body = request.body;
      const issue =
        body.kind === "digest"
          ? await newsletters.issues.composeNext(request.params.id, actor.staffId)
          : await newsletters.issues.composeManual(request.params.id, body, actor.staffId);
      return reply.code(201).send(issue);
    },
  );

  app.get(
    `${base}/issues/:id`,
    { schema: { params: Id, response: { 200: IssueSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allow(requireActor(request), "viewLists", "Your role may not see the newsletters.");
      return newsletters.issues.get(request.params.id);
    },
  );

  app.patch(
    `${base}/issues/:id`,
    { schema: { params: Id, body: UpdateIssueBody, response: { 200: IssueSchema, ...errors } } },
    async (
      request: FastifyRequest<{
        Params: { id: number };
        Body: { subject?: string; intro?: string; articleIds?: number[] };
      }>,
    ) => {
      allow(requireActor(request), "composeIssue", "Your role may not edit issues.");
      return newsletters.issues.updateIssue(request.params.id, request.body);
    },
  );

  app.get(
    `${base}/issues/:id/preview`,
    {
      schema: {
        params: Id,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal("html"), Type.Literal("text")])) }),
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request: FastifyRequest<{ Params: { id: number }; Querystring: { format?: "html" | "text" } }>, reply) => {
      allow(requireActor(request), "viewLists", "Your role may not see the newsletters.");
      const rendered = await newsletters.issues.preview(request.params.id);
      const text = request.query.format === "text";
      return (
        reply
          .type(text ? "text/plain; charset=utf-8" : "text/html; charset=utf-8")
          .header("cache-control", "no-store")
          // Email HTML is styled inline; the preview may show that and images, and run nothing.
          .header(
            "content-security-policy",
            "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
          )
          .send(text ? rendered.text : rendered.html)
      );
    },
  );

  app.post(
    `${base}/issues/:id/test`,
    { schema: { params: Id, response: { 200: TestCopySchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      const actor = requireActor(request);
      allow(actor, "composeIssue", "Your role may not send test issues.");
      const email = actor.staffId === null ? undefined : await staff.emailOf(actor.staffId);
      if (!email) throw new AppError("invalid_state", "A test goes to your own address; tokens have none.");
      // The copy comes back too: the editor reads what was sent even when the mail goes astray.
      return newsletters.issues.sendTest(request.params.id, email);
    },
  );

  app.post(
    `${base}/issues/:id/schedule`,
    {
      schema: {
        params: Id,
        body: Type.Object(
          { at: Type.String({ minLength: 1, maxLength: 40 }), timeZone: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: IssueSchema, ...errors },
      },
    },
    async (request: FastifyRequest<{ Params: { id: number }; Body: { at: string; timeZone: string } }>) => {
      allow(requireActor(request), "sendIssue", "Your role may not schedule issues.");
      const at = parseZonedDateTime(request.body.at, request.body.timeZone);
      if (!at) throw new AppError("validation_failed", "The sending time is not a date and time.", { field: "at" });
      return newsletters.issues.schedule(request.params.id, at);
    },
  );

  app.post(
    `${base}/issues/:id/send`,
    { schema: { params: Id, response: { 200: IssueSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allow(requireActor(request), "sendIssue", "Your role may not send issues.");
      return newsletters.delivery.startSending(request.params.id);
    },
  );

  app.post(
    `${base}/issues/:id/cancel`,
    { schema: { params: Id, response: { 200: IssueSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allow(requireActor(request), "sendIssue", "Your role may not cancel issues.");
      return newsletters.issues.cancel(request.params.id);
    },
  );

  app.get(
    `${base}/issues/:id/progress`,
    { schema: { params: Id, response: { 200: ProgressSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allow(requireActor(request), "viewLists", "Your role may not see the newsletters.");
      return newsletters.delivery.progress(request.params.id);
    },
  );

  app.get(
    `${base}/issues/:id/deliveries`,
    {
      schema: {
        params: Id,
        querystring: Type.Object({
          after: Type.Optional(Type.Integer({ minimum: 0 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          state: Type.Optional(Type.Union(DELIVERY_STATES.map((s) => Type.Literal(s)))),
        }),
        response: {
          200: Type.Object({ items: Type.Array(DeliverySchema), next: Nullable(Type.Integer()) }),
          ...errors,
        },
      },
    },
    async (
      request: FastifyRequest<{
        Params: { id: number };
        Querystring: { after?: number; limit?: number; state?: (typeof DELIVERY_STATES)[number] };
      }>,
    ) => {
      // Addresses are readers' personal data: the same right as the subscriber list.
      allow(requireActor(request), "viewSubscribers", "Your role may not see who an issue went to.");
      const limit = request.query.limit ?? 50;
      const items = await newsletters.delivery.deliveryLog(request.params.id, {
        limit: limit + 1,
        ...(request.query.after !== undefined ? { after: request.query.after } : {}),
        ...(request.query.state ? { state: request.query.state } : {}),
      });
      const page = items.slice(0, limit);
      return { items: page, next: items.length > limit ? (page.at(-1)?.id ?? null) : null };
    },
  );
}
