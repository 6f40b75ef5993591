import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type TSchema, Type } from "typebox";
import type { CachedPage } from "../platform/cache/page-cache.js";
import type { MessageKey } from "../platform/i18n/messages.js";
import { EDITION_PREFIXES, editionParams, htmlPages, type ReaderRoutes } from "../site/reader-routes.js";
import type { SiteRenderer } from "../site/site.renderer.js";
import type { PageContext } from "../site/site.service.js";
import {
  ConfirmActionPage,
  HONEYPOT_FIELD,
  NewslettersIndex,
  PreferencesPage,
  translator,
} from "../site/views/NewsletterPages.js";
import type { NewsletterServices } from "./newsletters.factory.js";

export interface NewsletterRouteDeps {
  newsletters: NewsletterServices;
  renderer: SiteRenderer;
  reader: ReaderRoutes;
}

// Form fields are read loosely (a repeated field arrives as an array) and judged in the handler,
// so that hostile input gets the reader's page with a clear message, not a schema error.
const Field = Type.Union([
  Type.String({ maxLength: 10_000 }),
  Type.Array(Type.String({ maxLength: 10_000 }), { maxItems: 50 }),
]);
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 4096 })) });

type FieldValue = string | string[] | undefined;
type FormBody = Record<string, FieldValue> | undefined | null;

function first(value: FieldValue): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** The form's `fromArticle` when it is an article id; anything else is ignored, not refused. */
function articleIdOf(value: string): { fromArticle?: number } {
  return /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? { fromArticle: Number(value) } : {};
}

function all(value: FieldValue): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The reader side of newsletters: sign-up, confirmation, preferences and unsubscribing, per edition. */
export function registerNewsletterRoutes(app: FastifyInstance, deps: NewsletterRouteDeps): void {
  const { newsletters, renderer, reader } = deps;

  // Answers to forms and personal links are never cached, by us or a CDN.
  const send = (reply: FastifyReply, page: CachedPage): FastifyReply => reader.sendPrivate(reply, page);

  function message(
    context: PageContext,
    status: number,
    title: MessageKey,
    body: MessageKey,
    params: Record<string, string> = {},
  ): CachedPage {
    const t = translator(context.edition.language);
    return renderer.message(context, status, {
      title: t(title, params),
      body: t(body, params),
      back: t("error.notFound.back"),
    });
  }

  function linkProblem(context: PageContext, reason: "invalid" | "expired"): CachedPage {
    return reason === "expired"
      ? message(context, 410, "newsletter.link.expired.title", "newsletter.link.expired.body")
      : message(context, 400, "newsletter.link.invalid.title", "newsletter.link.invalid.body");
  }

  for (const prefix of EDITION_PREFIXES) {
    const params = editionParams(prefix);
    const route = (path: string) => `${prefix}/newsletters${path}`;
    type Req<B = unknown, Q = unknown> = FastifyRequest<{ Params: { edition?: string }; Body: B; Querystring: Q }>;
    const schema = (extra: Record<string, TSchema>, codes: number[]) => ({
      schema: { params, ...extra, response: htmlPages(...codes) },
    });

    app.get(
      route(""),
      schema({}, [200, 404]),
      reader.withContext(async (_request: Req, reply, context) => {
        const { edition } = context;
        const t = translator(edition.language);
        const lists = await newsletters.lists.listsForEdition(edition.code);
        const content = <NewslettersIndex basePath={edition.basePath} lists={lists} t={t} />;
        const path = `${edition.basePath}newsletters`;
        return send(reply, renderer.page(context, 200, t("newsletter.page.title"), path, content));
      }),
    );

    app.post(
      route("/subscribe"),
      schema(
        {
          body: Type.Object({
            email: Type.Optional(Field),
            list: Type.Optional(Field),
            [HONEYPOT_FIELD]: Type.Optional(Field),
            fromArticle: Type.Optional(Field),
          }),
        },
        [202, 400, 404, 429],
      ),
      reader.withContext(async (request: Req<FormBody>, reply, context) => {
        const { edition } = context;
        const body = request.body ?? {};
        const accepted = () => message(context, 202, "newsletter.check.title", "newsletter.check.body");
        // A filled trap field is a bot: it gets the page a person would, and nothing happens.
        if (first(body[HONEYPOT_FIELD]).trim() !== "") return send(reply, accepted());
        const outcome = await newsletters.subscriptions.signup({
          email: first(body.email),
          lists: all(body.list)
            .map((slug) => slug.trim())
            .filter((slug) => slug !== ""),
          ip: request.ip,
          edition,
          ...articleIdOf(first(body.fromArticle)),
        });
        switch (outcome.kind) {
          case "accepted":
            return send(reply, accepted());
          case "invalid_email":
            return send(reply, message(context, 400, "newsletter.invalidEmail.title", "newsletter.invalidEmail.body"));
          case "unknown_list":
            return send(reply, message(context, 404, "newsletter.unknownList.title", "newsletter.unknownList.body"));
          case "rate_limited":
            reply.header("retry-after", String(outcome.retryAfterSeconds));
            return send(reply, message(context, 429, "newsletter.rateLimited.title", "newsletter.rateLimited.body"));
        }
      }),
    );

    app.get(
      route("/confirm"),
      schema({ querystring: TokenQuery }, [200, 400, 404, 410]),
      reader.withContext(async (request: Req<unknown, { token?: string }>, reply, context) => {
        const { edition } = context;
        const token = request.query.token ?? "";
        const read = await newsletters.subscriptions.readConfirmation(token);
        if (!read.ok) return send(reply, linkProblem(context, read.reason));
        const t = translator(edition.language);
        const list = read.value.lists.map((l) => l.name).join(", ");
        const content = (
          <ConfirmActionPage
            title={t("newsletter.confirm.title")}
            body={t("newsletter.confirm.body", { list, email: read.value.email })}
            action={`${edition.basePath}newsletters/confirm`}
            token={token}
            button={t("newsletter.confirm.button")}
          />
        );
        const path = `${edition.basePath}newsletters/confirm`;
        return send(reply, renderer.page(context, 200, t("newsletter.confirm.title"), path, content));
      }),
    );

    app.post(
      route("/confirm"),
      schema({ body: Type.Object({ token: Type.Optional(Field) }) }, [200, 400, 404, 410]),
      reader.withContext(async (request: Req<FormBody>, reply, context) => {
        const result = await newsletters.subscriptions.confirm(first(request.body?.token));
        if (!result.ok) return send(reply, linkProblem(context, result.reason));
        const list = result.value.lists.map((l) => l.name).join(", ");
        return send(
          reply,
          message(context, 200, "newsletter.confirmed.title", "newsletter.confirmed.body", {
            list,
            email: result.value.email,
          }),
        );
      }),
    );

    app.get(
      route("/preferences"),
      schema({ querystring: TokenQuery }, [200, 400, 404]),
      reader.withContext(async (request: Req<unknown, { token?: string }>, reply, context) => {
        const { edition } = context;
        const token = request.query.token ?? "";
        const result = await newsletters.subscriptions.preferences(token);
        if (!result.ok) return send(reply, linkProblem(context, "invalid"));
        const t = translator(edition.language);
        const content = (
          <PreferencesPage
            action={`${edition.basePath}newsletters/preferences`}
            token={token}
            email={result.value.email}
            language={result.value.language}
            lists={result.value.lists.map(({ list, subscribed }) => ({ ...list, subscribed }))}
            t={t}
          />
        );
        const path = `${edition.basePath}newsletters/preferences`;
        return send(reply, renderer.page(context, 200, t("newsletter.prefs.title"), path, content));
      }),
    );

    app.post(
      route("/preferences"),
      schema(
        {
          body: Type.Object({
            token: Type.Optional(Field),
            lists: Type.Optional(Field),
            language: Type.Optional(Field),
            action: Type.Optional(Field),
          }),
        },
        [200, 400, 404],
      ),
      reader.withContext(async (request: Req<FormBody>, reply, context) => {
        const body = request.body ?? {};
        const result = await newsletters.subscriptions.savePreferences(first(body.token), {
          lists: all(body.lists),
          language: first(body.language),
          leaveAll: first(body.action) === "leave",
        });
        if (!result.ok) return send(reply, linkProblem(context, "invalid"));
        return send(
          reply,
          result.value.left
            ? message(context, 200, "newsletter.left.title", "newsletter.left.body")
            : message(context, 200, "newsletter.prefs.saved.title", "newsletter.prefs.saved.body"),
        );
      }),
    );

    app.get(
      route("/unsubscribe"),
      schema({ querystring: TokenQuery }, [200, 400, 404]),
      reader.withContext(async (request: Req<unknown, { token?: string }>, reply, context) => {
        const { edition } = context;
        const token = request.query.token ?? "";
        const read = await newsletters.subscriptions.readUnsubscribe(token);
        if (!read.ok) return send(reply, linkProblem(context, "invalid"));
        const t = translator(edition.language);
        const params = { list: read.value.list.name, email: read.value.email };
        const content = (
          <ConfirmActionPage
            title={t("newsletter.unsubscribe.title", params)}
            body={t("newsletter.unsubscribe.body", params)}
            action={`${edition.basePath}newsletters/unsubscribe?token=${encodeURIComponent(token)}`}
            token={token}
            button={t("newsletter.unsubscribe.button")}
          />
        );
        const path = `${edition.basePath}newsletters/unsubscribe`;
        return send(reply, renderer.page(context, 200, t("newsletter.unsubscribe.title", params), path, content));
      }),
    );

    // RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` to the URL from the
    // header, with no cookies; the token in the URL is all it takes. The page's button posts here too.
    app.post(
      route("/unsubscribe"),
      schema(
        {
          querystring: TokenQuery,
          body: Type.Optional(
            Type.Union([
              Type.Object({ token: Type.Optional(Field), "List-Unsubscribe": Type.Optional(Field) }),
              Type.Null(),
              Type.String({ maxLength: 10_000 }),
            ]),
          ),
        },
        [200, 400, 404],
      ),
      reader.withContext(async (request: Req<FormBody | string, { token?: string }>, reply, context) => {
        const body = request.body;
        const token = request.query.token ?? (body && typeof body === "object" ? first(body.token) : undefined) ?? "";
        const result = await newsletters.subscriptions.unsubscribe(token);
        if (!result.ok) return send(reply, linkProblem(context, "invalid"));
        return send(
          reply,
          message(context, 200, "newsletter.unsubscribed.title", "newsletter.unsubscribed.body", {
            list: result.value.list.name,
          }),
        );
      }),
    );
  }
}
