import { type MessageKey, translate } from "../../platform/i18n/messages.js";
import { urls } from "../urls.js";

type T = (key: MessageKey, params?: Record<string, string>) => string;

export function translator(language: string): T {
  return (key, params) => translate(language, key, params);
}

/** The field bots fill and people never see; a filled one makes the sign-up a silent no-op. */
export const HONEYPOT_FIELD = "website";

/** A list as the reader pages show it. */
export interface ReaderList {
  slug: string;
  name: string;
  description: string;
  cadence: string;
  language: string;
}

/**
 * The sign-up form: a real POST that works without JavaScript. The hidden trap field sits outside
 * the accessibility tree and the tab order.
 */
export function SignupForm({
  basePath,
  list,
  idPrefix,
  t,
  fromArticle,
}: {
  basePath: string;
  list: string;
  idPrefix: string;
  t: T;
  /** The article page the form is on: a confirmed sign-up counts as that article's conversion. */
  fromArticle?: number;
}) {
  return (
    <form class="signup" method="post" action={urls.newsletterSignup(basePath)}>
      <input type="hidden" name="list" value={list} />
      {fromArticle ? <input type="hidden" name="fromArticle" value={String(fromArticle)} /> : null}
      <div class="signup__trap" hidden aria-hidden="true">
        <label for={`${idPrefix}-trap`}>{t("newsletter.form.trap")}</label>
        <input id={`${idPrefix}-trap`} type="text" name={HONEYPOT_FIELD} tabIndex={-1} autocomplete="off" />
      </div>
      <label for={`${idPrefix}-email`}>{t("promo.newsletter.email")}</label>
      <div class="signup__row">
        <input
          id={`${idPrefix}-email`}
          type="email"
          name="email"
          required
          maxLength={254}
          autocomplete="email"
          inputMode="email"
        />
        <button type="submit">{t("promo.newsletter.subscribe")}</button>
      </div>
    </form>
  );
}

/** `{base}newsletters`: every list the edition offers, each with its own form. */
export function NewslettersIndex({ basePath, lists, t }: { basePath: string; lists: ReaderList[]; t: T }) {
  return (
    <div class="newsletters-page">
      <h1>{t("newsletter.page.title")}</h1>
      <p>{t("newsletter.page.intro")}</p>
      {lists.length === 0 ? <p>{t("newsletter.page.empty")}</p> : null}
      <ul class="newsletters-page__lists">
        {lists.map((list) => (
          <li class="promo promo--newsletter" data-list={list.slug}>
            <h2 id={`nl-${list.slug}-title`} lang={list.language}>
              {list.name}
            </h2>
            <p lang={list.language}>{list.description}</p>
            <p class="promo__meta">
              <span lang={list.language}>{list.cadence}</span> ·{" "}
              {t("promo.newsletter.language", { language: t(`language.${list.language}` as MessageKey) })}
            </p>
            <SignupForm basePath={basePath} list={list.slug} idPrefix={`nl-${list.slug}`} t={t} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A page that asks for one button press before acting on a link (mail scanners follow links, not forms). */
export function ConfirmActionPage({
  title,
  body,
  action,
  token,
  button,
}: {
  title: string;
  body: string;
  action: string;
  token: string;
  button: string;
}) {
  return (
    <div class="message-page">
      <h1>{title}</h1>
      <p>{body}</p>
      <form method="post" action={action}>
        <input type="hidden" name="token" value={token} />
        <button type="submit" class="button">
          {button}
        </button>
      </form>
    </div>
  );
}

export function PreferencesPage({
  action,
  token,
  email,
  language,
  lists,
  t,
}: {
  action: string;
  token: string;
  email: string;
  language: string;
  lists: (ReaderList & { subscribed: boolean })[];
  t: T;
}) {
  return (
    <div class="message-page newsletter-preferences">
      <h1>{t("newsletter.prefs.title")}</h1>
      <p>{t("newsletter.prefs.intro", { email })}</p>
      <form method="post" action={action}>
        <input type="hidden" name="token" value={token} />
        <fieldset>
          <legend>{t("newsletter.page.title")}</legend>
          {lists.map((list) => (
            <p>
              <label>
                <input type="checkbox" name="lists" value={list.slug} checked={list.subscribed} />{" "}
                <span lang={list.language}>{list.name}</span> — <span lang={list.language}>{list.cadence}</span>
              </label>
            </p>
          ))}
          <p class="promo__meta">{t("newsletter.prefs.resubscribeNote")}</p>
        </fieldset>
        <p>
          <label for="nl-language">{t("newsletter.prefs.language")}</label>{" "}
          <select id="nl-language" name="language">
            {(["uk", "ru", "en"] as const).map((code) => (
              <option value={code} selected={code === language}>
                {t(`language.${code}`)}
              </option>
            ))}
          </select>
        </p>
        <p class="promo__actions">
          <button type="submit" class="button" name="action" value="save">
            {t("newsletter.prefs.save")}
          </button>
          <button type="submit" class="button button--ghost" name="action" value="leave">
            {t("newsletter.prefs.leaveAll")}
          </button>
        </p>
      </form>
    </div>
  );
}
