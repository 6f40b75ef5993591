import { isSafeUrl, safeUrlOrUndefined } from "../../newsroom/safe-url.shared.js";
import type { FollowLinks, Promo } from "../../newsroom/settings.schemas.js";
import { translate } from "../../platform/i18n/messages.js";
import type { PageContext } from "../site.service.js";
import { MapPreview } from "./MapCard.js";
import { SignupForm } from "./NewsletterPages.js";

type T = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => string;

const FOLLOW_LABELS: { key: keyof FollowLinks; label: string }[] = [
  { key: "x", label: "X (Twitter)" },
  { key: "facebook", label: "Facebook" },
  { key: "googleNews", label: "Google News" },
  { key: "telegram", label: "Telegram" },
];

function NewsletterPromo({
  promo,
  context,
  index,
  t,
  fromArticle,
}: {
  promo: Extract<Promo, { type: "newsletter" }>;
  context: PageContext;
  index: number;
  t: T;
  fromArticle: number | undefined;
}) {
  const id = `promo-${index}`;
  const language = t(`language.${promo.language}` as Parameters<T>[0]);
  return (
    <section
      class="promo promo--newsletter"
      data-promo="newsletter"
      data-list={promo.list}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} lang={promo.language}>
        {promo.title}
      </h2>
      {promo.description ? <p lang={promo.language}>{promo.description}</p> : null}
      <p class="promo__meta">
        <span lang={promo.language}>{promo.cadence}</span> · {t("promo.newsletter.language", { language })}
      </p>
      <SignupForm
        basePath={context.edition.basePath}
        list={promo.list}
        idPrefix={id}
        t={t}
        {...(fromArticle ? { fromArticle } : {})}
      />
    </section>
  );
}

function MapPromo({
  promo,
  index,
  t,
  basePath,
}: {
  promo: Extract<Promo, { type: "map" }>;
  index: number;
  t: T;
  basePath: string;
}) {
  const id = `promo-${index}`;
  // A card linking to one of our map pages shows that map's current layer; any other link, a drawing.
  const slug = promo.href.startsWith(`${basePath}maps/`) ? promo.href.slice(`${basePath}maps/`.length) : null;
  return (
    <section class="promo promo--map" data-promo="map" aria-labelledby={`${id}-title`}>
      {slug && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) ? (
        <MapPreview slug={slug} basePath={basePath} alt={promo.title} />
      ) : (
        <svg class="promo__map-art" viewBox="0 0 120 60" aria-hidden="true" focusable="false">
          <path d="M4 40 C 20 30, 30 44, 46 34 S 72 20, 88 28 S 108 18, 116 22" />
          <path class="front" d="M30 8 C 34 20, 44 26, 42 38 S 52 52, 60 56" />
        </svg>
      )}
      <h2 id={`${id}-title`}>{promo.title}</h2>
      {promo.description ? <p>{promo.description}</p> : null}
      {isSafeUrl(promo.href) ? (
        <p>
          <a class="button button--ghost" href={promo.href}>
            {t("promo.map.open")}
          </a>
        </p>
      ) : null}
    </section>
  );
}

function SupportPromo({
  promo,
  context,
  index,
  t,
  fromArticle,
}: {
  promo: Extract<Promo, { type: "support" }>;
  context: PageContext;
  index: number;
  t: T;
  fromArticle: number | undefined;
}) {
  const id = `promo-${index}`;
  const widget = context.support;
  // An unsafe link stored before links were checked is never rendered.
  const external = safeUrlOrUndefined(context.settings.supportUrl);
  if (external && widget?.kind !== "card") {
    // Without card payments here, the outlet's own support page elsewhere: it decides what it offers.
    const join = external.includes("?") ? "&" : "?";
    return (
      <section class="promo promo--support" data-promo="support" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{promo.title}</h2>
        {promo.description ? <p>{promo.description}</p> : null}
        <p class="promo__actions">
          <a class="button" href={`${external}${join}frequency=one-time`}>
            {t("promo.support.oneTime")}
          </a>
          <a class="button button--ghost" href={`${external}${join}frequency=monthly`}>
            {t("promo.support.patron")}
          </a>
        </p>
      </section>
    );
  }
  // No way to give at all: no card, rather than buttons that lead nowhere.
  if (!widget) return null;
  if (widget.kind === "other") {
    return (
      <section class="promo promo--support" data-promo="support" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{promo.title}</h2>
        {promo.description ? <p>{promo.description}</p> : null}
        <p class="promo__actions">
          {widget.paypalUrl && isSafeUrl(widget.paypalUrl) ? (
            <a class="button" href={widget.paypalUrl} rel="noopener noreferrer">
              {t("promo.support.paypal")}
            </a>
          ) : null}
          {widget.patronUrl && isSafeUrl(widget.patronUrl) ? (
            <a class="button button--ghost" href={widget.patronUrl} rel="noopener noreferrer">
              {t("promo.support.patron")}
            </a>
          ) : null}
          {widget.detailsHref ? (
            <a class="button button--ghost" href={widget.detailsHref}>
              {t("promo.support.otherWays")}
            </a>
          ) : null}
        </p>
      </section>
    );
  }
  // Each amount is a submit button of one form, so a click goes to checkout without JavaScript.
  return (
    <section class="promo promo--support" data-promo="support" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{promo.title}</h2>
      {promo.description ? <p>{promo.description}</p> : null}
      <form class="support-card" method="post" action={widget.checkoutAction}>
        <input type="hidden" name="currency" value={widget.currency} />
        <input type="hidden" name="frequency" value="one-time" />
        {fromArticle ? <input type="hidden" name="fromArticle" value={String(fromArticle)} /> : null}
        <fieldset class="support-card__amounts">
          <legend class="support-card__label">{t("promo.support.oneTime")}</legend>
          {widget.presets.map((preset) => (
            <button type="submit" class="button" name="amount" value={preset.value}>
              {preset.label}
            </button>
          ))}
          <a class="button button--ghost" href={widget.otherAmountHref}>
            {t("support.card.other")}
          </a>
        </fieldset>
      </form>
      <p class="promo__actions">
        <a class="button button--ghost" href={widget.patronHref}>
          {t("promo.support.patron")}
        </a>
      </p>
      <p class="promo__meta">{t("support.card.note")}</p>
    </section>
  );
}

function FollowPromo({ context, index, t }: { context: PageContext; index: number; t: T }) {
  // The settings are checked on save; this re-check covers links stored before that check.
  const links = FOLLOW_LABELS.filter(({ key }) => isSafeUrl(context.settings.follow[key] ?? ""));
  if (links.length === 0) return null;
  const id = `promo-${index}`;
  return (
    <section class="promo promo--follow" data-promo="follow" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("promo.follow.heading")}</h2>
      <ul class="follow-links">
        {links.map(({ key, label }) => (
          <li>
            <a href={context.settings.follow[key]} rel="noopener noreferrer" data-network={key}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The editors' placement with the newsletter cards reshuffled among their own slots: those in the
 * reader's language first, then the others in their configured order. A reader of the English
 * edition should meet the English newsletter before one they may not read.
 */
export function orderPromosForLanguage(promos: readonly Promo[], language: string): Promo[] {
  const newsletters = promos.filter((p) => p.type === "newsletter");
  const ordered = [
    ...newsletters.filter((p) => p.language === language),
    ...newsletters.filter((p) => p.language !== language),
  ];
  let next = 0;
  return promos.map((p) => (p.type === "newsletter" ? (ordered[next++] ?? p) : p));
}

/** The modules an edition places after an article, in the configured order (newsletters: reader's language first). */
/** `fromArticle`: the article page the promos sit on; its forms say so, for the article's conversions. */
export function Promos({ context, fromArticle }: { context: PageContext; fromArticle?: number }) {
  const t: T = (key, params) => translate(context.edition.language, key, params);
  const promos = orderPromosForLanguage(context.settings.articlePromos, context.edition.language);
  if (promos.length === 0) return null;
  return (
    <div class="promos">
      {promos.map((promo, index) => {
        switch (promo.type) {
          case "newsletter":
            return <NewsletterPromo promo={promo} context={context} index={index} t={t} fromArticle={fromArticle} />;
          case "map":
            return <MapPromo promo={promo} index={index} t={t} basePath={context.edition.basePath} />;
          case "support":
            return <SupportPromo promo={promo} context={context} index={index} t={t} fromArticle={fromArticle} />;
          case "follow":
            return <FollowPromo context={context} index={index} t={t} />;
          default:
            return null;
        }
      })}
    </div>
  );
}
