import type { ComponentChildren } from "preact";
import { editionHref } from "../../newsroom/editions.service.js";
import { isSafeUrl } from "../../newsroom/safe-url.shared.js";
import { translate } from "../../platform/i18n/messages.js";
import type { Assets } from "../assets.js";
import type { HeadTag } from "../page-head.js";
import type { PageContext } from "../site.service.js";
import { urls } from "../urls.js";
import { HeadTags } from "./HeadTags.js";

interface LayoutProps {
  context: PageContext;
  assets: Assets;
  title: string;
  description?: string;
  canonical: string;
  /** Extra class on <body>, for page-type styling. */
  pageType: "article" | "list" | "home" | "error" | "support";
  /** Feed links, hreflang alternates, social cards and structured data (see page-head.ts). */
  head?: readonly HeadTag[];
  /**
   * Where the language switcher goes, by edition code: the same story's translation on an
   * article page. An edition not listed gets its home page.
   */
  editionLinks?: Readonly<Record<string, string>>;
  /** The newsroom preview's banner (English, the admin's language); never set on reader pages. */
  previewNotice?: string;
  /** The same content in the lite edition: an article's text-only page. */
  lite?: { href: string; title: string };
  /** The article a page shows, for the no-JS audience pixel; 0 or absent elsewhere. */
  articleId?: number;
  children: ComponentChildren;
}

const EDITION_LABEL: Record<string, string> = { uk: "UA", ru: "RU", en: "EN" };

export function Layout({
  context,
  assets,
  title,
  description,
  canonical,
  pageType,
  head,
  editionLinks,
  previewNotice,
  lite,
  articleId = 0,
  children,
}: LayoutProps) {
  const { edition, settings } = context;
  const t = (key: Parameters<typeof translate>[1]) => translate(edition.language, key);
  // The newsroom's previews are not reader views.
  const counted = !previewNotice;
  return (
    <html lang={edition.language} dir="ltr" data-edition={edition.code}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="canonical" href={canonical} />
        {/* No `media`: the lite page is for any screen on a weak signal, not a mobile variant to swap in. */}
        {lite ? <link rel="alternate" href={lite.href} title={lite.title} /> : null}
        {head ? <HeadTags tags={head} /> : null}
        <meta name="color-scheme" content="light dark" />
        {/* No icon yet: an empty one keeps browsers from asking for /favicon.ico (an uncached 404) on every view. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assets.css} />
        {/* In crisis mode pages are left as plain HTML: no facade to swap, no live poll to run. */}
        {context.crisis ? null : <script type="module" src={assets.js} />}
        {/* data-audience: a static snapshot of the site leaves the counting out (snapshot-links.ts). */}
        {counted && !context.crisis ? <script type="module" src={assets.beacon} data-audience="beacon" /> : null}
      </head>
      <body class={`page-${pageType}`}>
        {previewNotice ? (
          <p class="preview-banner" role="status" lang="en" data-preview-banner>
            {previewNotice}
          </p>
        ) : null}
        <a class="skip-link" href="#main">
          {t("site.skip")}
        </a>
        <header class="masthead">
          <div class="masthead__bar">
            <a class="masthead__logo" href={urls.home(edition.basePath)}>
              {settings.siteName}
            </a>
            <nav class="editions" aria-label={t("site.editions")}>
              <ul>
                {context.editions.map((e) => (
                  <li>
                    <a
                      href={editionLinks?.[e.code] ?? editionHref(edition, e, urls.home(e.basePath))}
                      lang={e.language}
                      hreflang={e.language}
                      title={e.name}
                      aria-current={e.code === edition.code ? "true" : undefined}
                    >
                      {EDITION_LABEL[e.code] ?? e.code.toUpperCase()}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <nav class="sections" aria-label={t("site.sections")}>
            <ul>
              <li>
                <a href={urls.home(edition.basePath)}>{t("site.home")}</a>
              </li>
              {context.sections.map((s) => (
                <li>
                  <a href={urls.section(edition.basePath, s.slug)}>{s.name}</a>
                </li>
              ))}
              <li class="sections__search">
                <a href={urls.search(edition.basePath)}>{t("search.title")}</a>
              </li>
            </ul>
          </nav>
        </header>
        {context.banner ? (
          <aside class="breaking-banner" aria-label={t("banner.label")}>
            <strong class="breaking-banner__label">{t("banner.label")}</strong>{" "}
            {context.banner.url && isSafeUrl(context.banner.url) ? (
              <a class="breaking-banner__text" href={context.banner.url}>
                {context.banner.text}
              </a>
            ) : (
              <span class="breaking-banner__text">{context.banner.text}</span>
            )}
          </aside>
        ) : null}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        {/*
         * Without JavaScript the pixel counts the view. In crisis mode pages carry no script, yet a
         * spike is when the desk needs "Right now" most: the pixel is there for every reader then.
         */}
        {counted ? (
          context.crisis ? (
            <AudiencePixel edition={edition.code} articleId={articleId} />
          ) : (
            <noscript data-audience="pixel">
              <AudiencePixel edition={edition.code} articleId={articleId} />
            </noscript>
          )
        ) : null}
        <footer class="site-footer">
          <p>
            <strong>{settings.siteName}</strong> — {t("site.tagline")}
          </p>
          <p class="site-footer__small">{t("site.footer")}</p>
          <p class="site-footer__small">
            <a href={urls.corrections(edition.basePath)}>{t("corrections.link")}</a>
            {" · "}
            <a href={urls.privacy(edition.basePath)}>{t("privacy.link")}</a>
          </p>
          {/* Shown by the site island only where the browser can take push alerts; never asks by itself. */}
          <p
            class="site-footer__small push-alerts"
            hidden
            data-push-alerts={edition.code}
            data-label-subscribe={t("push.subscribe")}
            data-label-unsubscribe={t("push.unsubscribe")}
            data-label-on={t("push.on")}
            data-label-blocked={t("push.blocked")}
            data-label-failed={t("push.failed")}
          >
            <button type="button" class="push-alerts__button">
              {t("push.subscribe")}
            </button>{" "}
            <span class="push-alerts__status" role="status" />
          </p>
        </footer>
      </body>
    </html>
  );
}

/** A view counted by GET /beacon.gif (the server honours Sec-GPC and DNT on it too). */
function AudiencePixel({ edition, articleId }: { edition: string; articleId: number }) {
  return (
    <img
      data-audience="pixel"
      class="audience-pixel"
      src={`/beacon.gif?e=${encodeURIComponent(edition)}&a=${articleId}`}
      alt=""
      width={1}
      height={1}
    />
  );
}
