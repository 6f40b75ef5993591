import { formatDateline } from "../../platform/i18n/dates.js";
import { type MessageKey, translate } from "../../platform/i18n/messages.js";
import type { Assets } from "../../site/assets.js";
import type { HeadTag } from "../../site/page-head.js";
import { placeName } from "../../site/place-name.js";
import type { PageContext } from "../../site/site.service.js";
import { urls } from "../../site/urls.js";
import { Layout } from "../../site/views/Layout.js";
import type { MapAssets } from "../map-assets.js";
import type { PlacePageData } from "../map-pages.service.js";

/** A place: its stories, newest first, and a small map. */
export function PlacePage({
  data,
  context,
  assets,
  mapAssets,
  publicUrl,
  head,
}: {
  data: PlacePageData;
  context: PageContext;
  assets: Assets;
  mapAssets: MapAssets;
  publicUrl: string;
  head?: readonly HeadTag[];
}) {
  const { edition } = context;
  const language = edition.language;
  const t = (key: MessageKey, params?: Record<string, string>) => translate(language, key, params);
  const base = edition.basePath;
  const name = placeName(data.place, language);
  return (
    <Layout
      context={context}
      assets={assets}
      title={`${name} — ${context.settings.siteName}`}
      canonical={`${publicUrl}${urls.place(base, data.place.slug)}`}
      pageType="list"
      head={head}
    >
      {mapAssets.css.map((href) => (
        <link rel="stylesheet" href={href} />
      ))}
      <div class="place-page">
        <h1>{name}</h1>
        {data.oblast ? (
          <p class="place-page__oblast">
            <a href={urls.place(base, data.oblast.slug)}>{placeName(data.oblast, language)}</a>
          </p>
        ) : null}
        <figure class="place-page__map">
          <div class="map-figure__svg" dangerouslySetInnerHTML={{ __html: data.svg }} />
          <figcaption class="map-figure__credit">{t("map.basemapCredit")}</figcaption>
        </figure>
        <h2>{t("place.stories", { name })}</h2>
        {data.stories.length === 0 ? <p>{t("place.noStories")}</p> : null}
        <ul class="place-stories">
          {data.stories.map((s) => (
            <li>
              <a href={urls.article(base, s.slug)}>{s.title}</a>
              {s.dek ? <p class="place-stories__dek">{s.dek}</p> : null}
              <time datetime={s.publishedAt}>
                {formatDateline(s.publishedAt, edition.locale, edition.timeZone, context.now)}
              </time>
            </li>
          ))}
        </ul>
        {data.liveBlogs.length > 0 ? (
          <section class="place-live" aria-labelledby="place-live-heading">
            <h2 id="place-live-heading">{t("place.liveBlogs", { name })}</h2>
            <ul class="place-stories place-stories--live">
              {data.liveBlogs.map((blog) => (
                <li>
                  <a href={urls.article(base, blog.slug)}>{blog.title}</a>{" "}
                  <time datetime={blog.publishedAt}>
                    {formatDateline(blog.publishedAt, edition.locale, edition.timeZone, context.now)}
                  </time>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
