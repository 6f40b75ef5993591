import { translate } from "../../platform/i18n/messages.js";
import { urls } from "../urls.js";

/**
 * A battle map's card: the server-drawn SVG of its current layer (an image, cached under the map's
 * key, so a new layer shows at once) linking to the interactive map page.
 */
export function MapPreview({ slug, basePath, alt }: { slug: string; basePath: string; alt: string }) {
  return (
    <a class="map-card__preview" href={urls.map(basePath, slug)}>
      <img src={urls.mapPreview(basePath, slug)} width={600} height={315} alt={alt} loading="lazy" decoding="async" />
    </a>
  );
}

/** A map embedded in an article body. */
export function MapEmbedCard({
  slug,
  title,
  basePath,
  language,
}: {
  slug: string;
  title: string;
  basePath: string;
  language: string;
}) {
  return (
    <figure class="body-embed map-card" data-embed="map">
      <MapPreview slug={slug} basePath={basePath} alt={title} />
      <figcaption>
        <a href={urls.map(basePath, slug)}>{title}</a> · {translate(language, "map.open")}
      </figcaption>
    </figure>
  );
}
