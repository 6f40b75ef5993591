import { formatDateline } from "../../platform/i18n/dates.js";
import { type MessageKey, translate } from "../../platform/i18n/messages.js";
import type { Assets } from "../../site/assets.js";
import type { HeadTag } from "../../site/page-head.js";
import { jsonForScript } from "../../site/page-head.js";
import { placeName } from "../../site/place-name.js";
import type { PageContext } from "../../site/site.service.js";
import { urls } from "../../site/urls.js";
import { Layout } from "../../site/views/Layout.js";
import type { MapAssets } from "../map-assets.js";
import type { MapPageData } from "../map-pages.service.js";

/** What the map island reads from the page (a JSON data block; CSP allows no inline script). */
export interface MapIslandData {
  basemapUrl: string;
  tileUrl: string | null;
  center: { lat: number; lon: number };
  zoom: number;
  day: string | null;
  layers: { validOn: string; title: string; geojson: unknown }[];
  pins: { lat: number; lon: number; title: string; url: string; place: string }[];
  labels: { lat: number; lon: number; label: string }[];
  strings: Record<string, string>;
  locale: string;
}

export function MapLegend({ language }: { language: string }) {
  const t = (key: MessageKey) => translate(language, key);
  return (
    <section class="map-legend" aria-label={t("map.legend")}>
      <h2 class="map-legend__title">{t("map.legend")}</h2>
      <ul>
        <li>
          <span class="map-key map-key--front" aria-hidden="true" /> {t("map.legend.front")}
        </li>
        <li>
          <span class="map-key map-key--occupied" aria-hidden="true" /> {t("map.legend.occupied")}
        </li>
        <li>
          <span class="map-key map-key--contested" aria-hidden="true" /> {t("map.legend.contested")}
        </li>
        <li>
          <span class="map-key map-key--liberated" aria-hidden="true" /> {t("map.legend.liberated")}
        </li>
        <li>
          <span class="map-key map-key--claimed" aria-hidden="true" /> {t("map.legend.claimed")}
        </li>
        <li>
          <span class="map-key map-key--event" aria-hidden="true" /> {t("map.legend.event")}
        </li>
        <li>
          <span class="map-key map-key--story" aria-hidden="true" /> {t("map.legend.story")}
        </li>
      </ul>
    </section>
  );
}

/** "(in English)": said beside a text shown in the layer's own language, not the reader's. */
function InLanguage({
  show,
  language,
  locale,
  reader,
}: {
  show: boolean;
  language: string;
  locale: string;
  reader: string;
}) {
  if (!show) return null;
  let name = language;
  try {
    name = new Intl.DisplayNames([locale], { type: "language" }).of(language) ?? language;
  } catch {
    // An unknown code reads as itself.
  }
  return (
    <span class="map-fallback" lang={reader}>
      {" "}
      {translate(reader, "map.inLanguage", { language: name })}
    </span>
  );
}

function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/**
 * A battle map. Without JavaScript: the server's SVG of the chosen day, the legend, the history of
 * layers with their events and sources, and the latest stories. The map island turns the figure
 * into a Leaflet map with a date slider.
 */
export function MapPage({
  data,
  context,
  assets,
  mapAssets,
  publicUrl,
  tileUrl,
  head,
}: {
  data: MapPageData;
  context: PageContext;
  assets: Assets;
  mapAssets: MapAssets;
  publicUrl: string;
  tileUrl: string | null;
  head?: readonly HeadTag[];
}) {
  const { edition } = context;
  const language = edition.language;
  const t = (key: MessageKey, params?: Record<string, string>) => translate(language, key, params);
  const base = edition.basePath;
  // Crisis mode leaves the interactive map out: the page is its server-drawn SVG and lists.
  const interactive = !context.crisis;
  const island: MapIslandData = {
    basemapUrl: "/geo/basemap.topo.json",
    tileUrl,
    center: data.map.center,
    zoom: data.map.zoom,
    day: data.day,
    layers: data.history.map((l) => ({ validOn: l.validOn, title: l.title, geojson: l.geojson })),
    pins: data.pins.map((s) => ({
      lat: s.place.lat,
      lon: s.place.lon,
      title: s.title,
      url: urls.article(base, s.slug),
      place: placeName(s.place, language),
    })),
    labels: data.labels,
    strings: {
      date: t("map.date"),
      slider: t("map.slider"),
      source: t("map.source"),
      occupied: t("map.legend.occupied"),
      contested: t("map.legend.contested"),
      liberated: t("map.legend.liberated"),
      claimed: t("map.legend.claimed"),
      front: t("map.legend.front"),
    },
    locale: edition.locale,
  };
  const current = data.current;
  const events = (current?.geojson.features ?? [])
    .map((feature, index) => ({ feature, number: index + 1 }))
    .filter(({ feature }) => feature.properties.kind === "event");
  const fallback = (show: boolean) => (
    <InLanguage
      show={show}
      language={current?.originalLanguage ?? language}
      locale={edition.locale}
      reader={language}
    />
  );
  const draftMark = (status: string) =>
    data.preview && status === "draft" ? <strong class="map-draft-mark"> [{t("map.draftLayer")}]</strong> : null;
  return (
    <Layout
      context={context}
      assets={assets}
      title={`${data.title} — ${context.settings.siteName}`}
      description={data.description || undefined}
      canonical={`${publicUrl}${urls.map(base, data.map.slug)}`}
      pageType="list"
      head={head}
    >
      {interactive ? mapAssets.css.map((href) => <link rel="stylesheet" href={href} />) : null}
      <div class="map-page">
        {data.preview ? (
          <p class="map-preview-banner" role="status">
            {t("map.previewDrafts")}
          </p>
        ) : null}
        <h1 class="map-page__title">{data.title}</h1>
        {data.description ? <p class="map-page__dek">{data.description}</p> : null}
        <div class="map-page__body">
          <div class="map-page__main">
            <figure class="map-figure" id="battle-map">
              {current ? (
                <figcaption class="map-figure__date" id="map-date">
                  {t("map.date")} <time datetime={current.validOn}>{formatDay(current.validOn, edition.locale)}</time>
                  {" — "}
                  <span lang={current.fallback.title ? current.originalLanguage : undefined}>{current.title}</span>
                  {fallback(current.fallback.title)}
                  {draftMark(current.status)}
                </figcaption>
              ) : (
                <figcaption class="map-figure__date">{t("map.noLayers")}</figcaption>
              )}
              {/* Our own renderer's output: every text in it is escaped. */}
              <div class="map-figure__svg" dangerouslySetInnerHTML={{ __html: data.svg }} />
              <p class="map-figure__credit">{t("map.basemapCredit")}</p>
            </figure>
            {data.layers.length > 0 ? (
              <form class="map-date-form" method="get" action={urls.map(base, data.map.slug)}>
                <label for="map-date-select">{t("map.slider")}</label>{" "}
                <select id="map-date-select" name="date">
                  {data.layers.map((l) => (
                    <option value={l.validOn} selected={l.validOn === current?.validOn}>
                      {formatDay(l.validOn, edition.locale)}
                    </option>
                  ))}
                </select>{" "}
                <button type="submit">OK</button>
              </form>
            ) : null}
            <MapLegend language={language} />
            {events.length > 0 ? (
              <section class="map-events">
                <h2>{t("map.events")}</h2>
                <ul>
                  {events.map(({ feature: f, number }) =>
                    f.properties.kind === "event" ? (
                      <li>
                        <time datetime={f.properties.time}>{f.properties.time.slice(0, 10)}</time>{" "}
                        {f.properties.description}
                        {fallback(current?.fallback.events.includes(number) ?? false)}{" "}
                        <a href={f.properties.source} rel="noopener nofollow">
                          {t("map.source")}
                        </a>
                      </li>
                    ) : null,
                  )}
                </ul>
              </section>
            ) : null}
            <section class="map-changes">
              <h2>{t("map.changes")}</h2>
              {data.layers.length === 0 ? <p>{t("map.noLayers")}</p> : null}
              <ol>
                {data.layers.map((l) => (
                  <li>
                    <a href={`${urls.map(base, data.map.slug)}?date=${l.validOn}`}>
                      <time datetime={l.validOn}>{formatDay(l.validOn, edition.locale)}</time>
                    </a>
                    {" — "}
                    {l.title}
                    <InLanguage
                      show={l.fallback.title}
                      language={l.originalLanguage}
                      locale={edition.locale}
                      reader={language}
                    />
                    {draftMark(l.status)}
                    {l.note ? (
                      <p class="map-changes__note">
                        {l.note}
                        <InLanguage
                          show={l.fallback.note}
                          language={l.originalLanguage}
                          locale={edition.locale}
                          reader={language}
                        />
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            </section>
          </div>
          <aside class="map-page__side">
            <h2>{t("map.stories")}</h2>
            {data.stories.length === 0 ? <p>{t("map.noStories")}</p> : null}
            <ul class="map-stories">
              {data.stories.map((s) => (
                <li>
                  <a href={urls.article(base, s.slug)}>{s.title}</a>
                  <p class="map-stories__meta">
                    <a href={urls.place(base, s.place.slug)}>{placeName(s.place, language)}</a> ·{" "}
                    <time datetime={s.publishedAt}>
                      {formatDateline(s.publishedAt, edition.locale, edition.timeZone, context.now)}
                    </time>
                  </p>
                </li>
              ))}
            </ul>
          </aside>
        </div>
      </div>
      {interactive ? (
        <>
          <script type="application/json" id="map-data" dangerouslySetInnerHTML={{ __html: jsonForScript(island) }} />
          {mapAssets.js ? <script type="module" src={mapAssets.js} /> : null}
        </>
      ) : null}
    </Layout>
  );
}
