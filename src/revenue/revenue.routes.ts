import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Static, Type } from "typebox";
import { isAppError } from "../errors.js";
import type { Edition } from "../newsroom/editions.service.js";
import { type MessageKey, translate } from "../platform/i18n/messages.js";
import { EDITION_PREFIXES, editionParams, HtmlPage, type ReaderRoutes } from "../site/reader-routes.js";
import type { SiteRenderer } from "../site/site.renderer.js";
import type { SiteService } from "../site/site.service.js";
import type { CheckoutProblem, CheckoutService } from "./checkout.service.js";
import { GatewayError } from "./stripe.gateway.js";
import type { SupportRenderer } from "./support.renderer.js";
import { supportUrls } from "./support-urls.js";

export interface SupportRouteDeps {
  checkout: CheckoutService;
  site: SiteService;
  renderer: SupportRenderer;
  /** The site's short message pages: the answers around a payment. */
  siteRenderer: Pick<SiteRenderer, "message">;
  reader: ReaderRoutes;
}

const FormField = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

const CheckoutBody = Type.Object({
  amount: FormField(40),
  preset: FormField(40),
  currency: FormField(10),
  frequency: FormField(20),
  tier: FormField(40),
  // Longer names are refused with a message, not cut by the schema into a generic error.
  name: FormField(1000),
  email: FormField(320),
  fromArticle: FormField(20),
});
type CheckoutBody = Static<typeof CheckoutBody>;

type WithEdition<T = object> = FastifyRequest<{ Params: { edition?: string } } & T>;

/** The reader's side of revenue: the support page, checkout, the pages after it, the patron portal. */
export function registerSupportRoutes(app: FastifyInstance, deps: SupportRouteDeps): void {
  const { checkout, site, renderer, siteRenderer, reader } = deps;

  /** A short page in the reader's language; never cached (it answers one reader's request). */
  async function messagePage(
    reply: FastifyReply,
    edition: Edition,
    status: number,
    title: MessageKey,
    body: string,
  ): Promise<FastifyReply> {
    const lang = edition.language;
    const page = siteRenderer.message(await site.context(edition), status, {
      title: translate(lang, title),
      body,
      backHref: supportUrls("", edition.basePath).page,
      back: translate(lang, "support.back"),
    });
    return reader.sendPrivate(reply, page);
  }

  /** Turns a refused checkout or portal request into a page that says why, in the reader's language. */
  async function failurePage(reply: FastifyReply, edition: Edition, error: unknown): Promise<FastifyReply> {
    const lang = edition.language;
    if (error instanceof GatewayError) {
      reply.log.warn({ err: error.cause ?? error }, "Stripe request failed");
      return messagePage(reply, edition, 502, "support.error.title", translate(lang, "support.error.gateway"));
    }
    if (!isAppError(error)) throw error;
    switch (error.code) {
      case "validation_failed": {
        const details = (error.details ?? {}) as { problem?: CheckoutProblem; min?: string; max?: string };
        const key = `support.error.${details.problem ?? "amount"}` as MessageKey;
        return messagePage(
          reply,
          edition,
          400,
          "support.error.title",
          translate(lang, key, { min: details.min ?? "", max: details.max ?? "" }),
        );
      }
      case "rate_limited": {
        const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) reply.header("retry-after", String(retry));
        return messagePage(reply, edition, 429, "support.error.title", translate(lang, "support.error.rateLimited"));
      }
      case "service_unavailable":
        return messagePage(reply, edition, 503, "support.error.title", translate(lang, "support.unavailable"));
      case "invalid_link":
      case "link_expired":
        return messagePage(
          reply,
          edition,
          error.status,
          "support.portal.invalid.title",
          translate(lang, "support.portal.invalid.body"),
        );
      default:
        throw error;
    }
  }

  for (const prefix of EDITION_PREFIXES) {
    const params = editionParams(prefix);

    app.get(
      `${prefix}/support`,
      {
        schema: {
          params,
          querystring: Type.Object({ currency: FormField(10), frequency: FormField(20) }),
          response: { 200: HtmlPage, 304: Type.Null(), 404: HtmlPage },
        },
      },
      async (request: WithEdition<{ Querystring: { currency?: string; frequency?: string } }>, reply) => {
        const edition = reader.editionOf(request);
        if (!edition) return reply.callNotFound();
        const view = await checkout.supportView(edition, request.query);
        const path = supportUrls("", edition.basePath).page;
        // One cache entry per real choice: unknown or missing values have already fallen back.
        const key = `${path}?currency=${view.currency}&frequency=${view.frequency}`;
        return reader.servePage(request, reply, edition, key, async () =>
          renderer.supportPage(await site.context(edition), view, path, translate(edition.language, "support.title")),
        );
      },
    );

    app.post(
      `${prefix}/support/checkout`,
      {
        schema: {
          params,
          body: CheckoutBody,
          response: { 303: Type.Null(), 400: HtmlPage, 404: HtmlPage, 429: HtmlPage, 502: HtmlPage, 503: HtmlPage },
        },
      },
      async (request: WithEdition<{ Body: CheckoutBody }>, reply) => {
        const edition = reader.editionOf(request);
        if (!edition) return reply.callNotFound();
        try {
          const session = await checkout.start(edition, request.body, request.ip);
          return reply.header("cache-control", "no-store").redirect(session.url, 303);
        } catch (error) {
          return failurePage(reply, edition, error);
        }
      },
    );

    for (const [path, title, body] of [
      ["thanks", "support.thanks.title", "support.thanks.body"],
      ["cancelled", "support.cancelled.title", "support.cancelled.body"],
    ] as const) {
      app.get(
        `${prefix}/support/${path}`,
        {
          schema: {
            params,
            querystring: Type.Object({ session_id: FormField(300) }),
            response: { 200: HtmlPage, 404: HtmlPage },
          },
        },
        async (request: WithEdition, reply) => {
          const edition = reader.editionOf(request);
          if (!edition) return reply.callNotFound();
          return messagePage(reply, edition, 200, title, translate(edition.language, body));
        },
      );
    }

    app.post(
      `${prefix}/support/manage`,
      {
        schema: {
          params,
          body: Type.Object({ email: FormField(320) }),
          response: { 202: HtmlPage, 400: HtmlPage, 404: HtmlPage, 429: HtmlPage },
        },
      },
      async (request: WithEdition<{ Body: { email?: string } }>, reply) => {
        const edition = reader.editionOf(request);
        if (!edition) return reply.callNotFound();
        try {
          await checkout.requestPortalLink(edition, request.body.email ?? "", request.ip);
        } catch (error) {
          return failurePage(reply, edition, error);
        }
        return messagePage(
          reply,
          edition,
          202,
          "support.manage.sent.title",
          translate(edition.language, "support.manage.sent.body"),
        );
      },
    );

    app.get(
      `${prefix}/support/portal`,
      {
        schema: {
          params,
          querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }) }),
          response: { 303: Type.Null(), 400: HtmlPage, 404: HtmlPage, 410: HtmlPage, 502: HtmlPage, 503: HtmlPage },
        },
      },
      async (request: WithEdition<{ Querystring: { token: string } }>, reply) => {
        const edition = reader.editionOf(request);
        if (!edition) return reply.callNotFound();
        try {
          const portal = await checkout.openPortal(edition, request.query.token);
          return reply.header("cache-control", "no-store").redirect(portal.url, 303);
        } catch (error) {
          return failurePage(reply, edition, error);
        }
      },
    );
  }
}
