import { renderToString } from "preact-render-to-string";
import { originOf } from "../newsroom/editions.service.js";
import { type CachedPage, makePage } from "../platform/cache/page-cache.js";
import type { Assets } from "../site/assets.js";
import type { HeadTag } from "../site/page-head.js";
import { placeName } from "../site/place-name.js";
import type { PageContext } from "../site/site.service.js";
import { urls } from "../site/urls.js";
import type { MapAssets } from "./map-assets.js";
import type { MapPageData, PlacePageData } from "./map-pages.service.js";
import { MapPage } from "./views/MapPage.js";
import { PlacePage } from "./views/PlacePage.js";

const HTML = "text/html; charset=utf-8";

function socialTags(title: string, description: string, url: string, image: string | null): HeadTag[] {
  return [
    { kind: "property", property: "og:type", content: "website" },
    { kind: "property", property: "og:title", content: title },
    ...(description ? [{ kind: "property" as const, property: "og:description", content: description }] : []),
    { kind: "property", property: "og:url", content: url },
    ...(image
      ? [
          { kind: "property" as const, property: "og:image", content: image },
          { kind: "meta" as const, name: "twitter:card", content: "summary_large_image" },
        ]
      : []),
  ];
}

/** Map and place pages as cacheable HTML. */
export class MapPagesRenderer {
  constructor(
    private readonly assets: Assets,
    private readonly mapAssets: MapAssets,
    private readonly publicUrl: string,
    private readonly tileUrl: string | null,
  ) {}

  /** Where the edition's pages live: its own host under EDITION_HOSTS, else the site's. */
  private originOf(context: PageContext): string {
    return originOf(context.edition, this.publicUrl);
  }

  map(context: PageContext, data: MapPageData): CachedPage {
    const base = context.edition.basePath;
    const url = `${this.originOf(context)}${urls.map(base, data.map.slug)}`;
    const head = socialTags(
      data.title,
      data.description,
      url,
      `${this.originOf(context)}${urls.map(base, data.map.slug)}/card.png`,
    );
    const html = renderToString(
      <MapPage
        data={data}
        context={context}
        assets={this.assets}
        mapAssets={this.mapAssets}
        publicUrl={this.originOf(context)}
        tileUrl={this.tileUrl}
        head={head}
      />,
    );
    return makePage(200, HTML, `<!doctype html>${html}`, data.keys);
  }

  place(context: PageContext, data: PlacePageData): CachedPage {
    const base = context.edition.basePath;
    const name = placeName(data.place, context.edition.language);
    const head = socialTags(name, "", `${this.originOf(context)}${urls.place(base, data.place.slug)}`, null);
    const html = renderToString(
      <PlacePage
        data={data}
        context={context}
        assets={this.assets}
        mapAssets={this.mapAssets}
        publicUrl={this.originOf(context)}
        head={head}
      />,
    );
    return makePage(200, HTML, `<!doctype html>${html}`, data.keys);
  }
}
