import { isSafeUrl } from "../../newsroom/safe-url.shared.js";
import { translate } from "../../platform/i18n/messages.js";
import type { Assets } from "../assets.js";
import type { HeadTag } from "../page-head.js";
import type { PageContext } from "../site.service.js";
import { Layout } from "./Layout.js";

export type SupportFrequency = "one-time" | "monthly" | "yearly";

/** Everything the support page shows, prepared by the revenue capability. */
export interface SupportPageView {
  /** False without Stripe: only the external options are shown. */
  checkoutEnabled: boolean;
  currency: string;
  currencies: { code: string; href: string }[];
  frequency: SupportFrequency;
  presets: { value: string; label: string }[];
  /** "€1 – €10,000", shown beside the custom amount. */
  range: string;
  tiers: { key: string; name: string; description: string; price: string }[];
  pitch: string;
  faq: { question: string; answer: string }[];
  patronUrl: string;
  bankDetails: string;
  /** "" for none. */
  paypalUrl: string;
  crypto: { label: string; address: string }[];
  actions: { checkout: string; manage: string };
}

const FREQUENCY_KEYS = {
  "one-time": "support.frequency.oneTime",
  monthly: "support.frequency.monthly",
  yearly: "support.frequency.yearly",
} as const;

export function SupportPage(props: {
  context: PageContext;
  assets: Assets;
  canonical: string;
  head?: readonly HeadTag[];
  view: SupportPageView;
}) {
  const { context, view } = props;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    translate(context.edition.language, key, params);
  const title = t("support.title");
  const hasExternal =
    view.patronUrl !== "" || view.paypalUrl !== "" || view.bankDetails !== "" || view.crypto.length > 0;
  return (
    <Layout
      context={context}
      assets={props.assets}
      title={`${title} — ${context.settings.siteName}`}
      description={view.pitch || undefined}
      canonical={props.canonical}
      pageType="support"
      head={props.head}
    >
      <div class="support-page">
        <h1>{title}</h1>
        {view.pitch ? <p class="support-page__pitch">{view.pitch}</p> : null}

        {view.checkoutEnabled ? (
          <form class="support-form" method="post" action={view.actions.checkout}>
            <input type="hidden" name="currency" value={view.currency} />
            <fieldset>
              <legend>{t("support.currency.legend")}</legend>
              <p class="support-form__currencies">
                {view.currencies.map((currency) =>
                  currency.code === view.currency ? (
                    <strong aria-current="true">{currency.code}</strong>
                  ) : (
                    <a href={currency.href}>{currency.code}</a>
                  ),
                )}
              </p>
            </fieldset>
            <fieldset>
              <legend>{t("support.frequency.legend")}</legend>
              {(["one-time", "monthly", "yearly"] as const).map((frequency) => (
                <label class="support-form__choice">
                  <input type="radio" name="frequency" value={frequency} checked={frequency === view.frequency} />{" "}
                  {t(FREQUENCY_KEYS[frequency])}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t("support.amount.legend")}</legend>
              {view.presets.map((preset, index) => (
                <label class="support-form__choice">
                  <input type="radio" name="preset" value={preset.value} checked={index === 1} /> {preset.label}
                </label>
              ))}
              <label class="support-form__other" for="support-amount">
                {t("support.amount.other", { currency: view.currency })}
              </label>
              <input
                id="support-amount"
                name="amount"
                inputMode="decimal"
                autocomplete="off"
                pattern="[0-9 ]+([.,][0-9]{1,2})?"
                aria-describedby="support-range"
              />
              <small id="support-range">{view.range}</small>
            </fieldset>
            <p>
              <label for="support-name">{t("support.name")}</label>
              <input id="support-name" name="name" maxLength={100} autocomplete="name" />
            </p>
            <p>
              <label for="support-email">{t("support.email")}</label>
              <input id="support-email" name="email" type="email" maxLength={254} autocomplete="email" />
            </p>
            <p>
              <button type="submit" class="button">
                {t("support.submit")}
              </button>
            </p>
            <p class="promo__meta">{t("support.card.note")}</p>
          </form>
        ) : hasExternal ? null : (
          // Nothing to give through at all: say so rather than show an empty page.
          <p class="support-page__unavailable">{t("support.unavailable")}</p>
        )}

        {view.checkoutEnabled && view.tiers.length > 0 ? (
          <section class="support-tiers" aria-labelledby="support-tiers-title">
            <h2 id="support-tiers-title">{t("support.tiers.heading")}</h2>
            <ul>
              {view.tiers.map((tier) => (
                <li>
                  <form method="post" action={view.actions.checkout}>
                    <input type="hidden" name="currency" value={view.currency} />
                    <input type="hidden" name="tier" value={tier.key} />
                    <h3>{tier.name}</h3>
                    <p class="support-tiers__price">{tier.price}</p>
                    {tier.description ? <p>{tier.description}</p> : null}
                    <button
                      type="submit"
                      class="button button--ghost"
                      aria-label={`${t("support.tiers.choose")}: ${tier.name}`}
                    >
                      {t("support.tiers.choose")}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {hasExternal ? (
          <section class="support-other" id="support-other" aria-labelledby="support-other-title">
            <h2 id="support-other-title">
              {t(view.checkoutEnabled ? "support.other.heading" : "support.ways.heading")}
            </h2>
            {view.paypalUrl && isSafeUrl(view.paypalUrl) ? (
              <p>
                <a class="button" href={view.paypalUrl} rel="noopener noreferrer">
                  {t("support.other.paypal")}
                </a>
              </p>
            ) : null}
            {view.patronUrl && isSafeUrl(view.patronUrl) ? (
              <p>
                <a href={view.patronUrl} rel="noopener noreferrer">
                  {t("support.other.patron")}
                </a>
              </p>
            ) : null}
            {view.bankDetails ? (
              <>
                <h3>{t("support.other.bank")}</h3>
                <pre class="support-other__bank">{view.bankDetails}</pre>
              </>
            ) : null}
            {view.crypto.length > 0 ? (
              <>
                <h3>{t("support.other.crypto")}</h3>
                <dl class="support-other__crypto">
                  {view.crypto.map((wallet) => (
                    <>
                      <dt>{wallet.label}</dt>
                      <dd>
                        <code>{wallet.address}</code>
                      </dd>
                    </>
                  ))}
                </dl>
              </>
            ) : null}
          </section>
        ) : null}

        {view.faq.length > 0 ? (
          <section class="support-faq" aria-labelledby="support-faq-title">
            <h2 id="support-faq-title">{t("support.faq.heading")}</h2>
            <dl>
              {view.faq.map((item) => (
                <>
                  <dt>{item.question}</dt>
                  <dd>{item.answer}</dd>
                </>
              ))}
            </dl>
          </section>
        ) : null}

        {view.checkoutEnabled ? (
          <section class="support-manage" aria-labelledby="support-manage-title">
            <h2 id="support-manage-title">{t("support.manage.heading")}</h2>
            <p>{t("support.manage.body")}</p>
            <form method="post" action={view.actions.manage}>
              <label for="support-manage-email">{t("support.manage.email")}</label>
              <input
                id="support-manage-email"
                name="email"
                type="email"
                required
                maxLength={254}
                autocomplete="email"
              />
              <button type="submit" class="button button--ghost">
                {t("support.manage.submit")}
              </button>
            </form>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
