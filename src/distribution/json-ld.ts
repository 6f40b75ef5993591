import type {
  BreadcrumbList,
  CorrectionComment,
  ImageObject,
  NewsArticle,
  Organization,
  Person,
  QuantitativeValue,
  SearchAction,
  WebSite,
  WithActionConstraints,
  WithContext,
} from "schema-dts";
import { excerptBody } from "../newsroom/body-text.renderer.js";
import type { Edition } from "../newsroom/editions.service.js";
import { cropsFor } from "../newsroom/media.service.js";
import type { EditionSettings } from "../newsroom/settings.schemas.js";
import type { MediaRow } from "../platform/db/schema.js";
import { isoWithOffset } from "../platform/i18n/dates.js";
import type { ArticlePageData } from "../site/site.service.js";
import { urls } from "../site/urls.js";
import { articleTimes } from "./article-times.js";
import { feedImageSize } from "./feeds.service.js";
import { LOGO_SIZE } from "./publisher-logo.js";
import { distributionUrls } from "./urls.js";

/**
 * schema.org structured data as Google reads it for news (NewsArticle, Organization, WebSite,
 * BreadcrumbList). The objects are typed with schema-dts, so a misspelt property or a wrong
 * type fails the type check.
 */

export interface Crumb {
  name: string;
  url: string;
}

function organizationId(publicUrl: string): string {
  return `${publicUrl}/#organization`;
}

/** A size in pixels: schema.org's width and height take a QuantitativeValue, E37 being UN/CEFACT's pixel. */
function px(value: number): QuantitativeValue {
  return { "@type": "QuantitativeValue", value, unitCode: "E37" };
}

function imageObject(url: string, width: number, height: number): ImageObject {
  return { "@type": "ImageObject", url, width: px(width), height: px(height) };
}

function logo(publicUrl: string): ImageObject {
  return imageObject(`${publicUrl}${distributionUrls.logoPng()}`, LOGO_SIZE, LOGO_SIZE);
}

/** The outlet: the publisher of every article, described in full on the home page. */
export function organization(publicUrl: string, settings: EditionSettings): WithContext<Organization> {
  const sameAs = Object.values(settings.follow).filter((href): href is string => !!href && /^https?:\/\//.test(href));
  return {
    "@context": "https://schema.org",
    "@type": "Organization",
    "@id": organizationId(publicUrl),
    name: settings.siteName,
    url: `${publicUrl}/`,
    logo: logo(publicUrl),
    ...(sameAs.length > 0 ? { sameAs } : {}),
  };
}

/** An edition's front page as a WebSite, with the search box sitelinks can show. */
export function webSite(publicUrl: string, edition: Edition, settings: EditionSettings): WithContext<WebSite> {
  const home = `${publicUrl}${urls.home(edition.basePath)}`;
  const search: WithActionConstraints<SearchAction> = {
    "@type": "SearchAction",
    target: { "@type": "EntryPoint", urlTemplate: `${home}search?q={search_term_string}` },
    "query-input": "required name=search_term_string",
  };
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    "@id": `${home}#website`,
    url: home,
    name: settings.siteName,
    inLanguage: edition.language,
    publisher: { "@id": organizationId(publicUrl) },
    potentialAction: search,
  };
}

export function breadcrumbs(crumbs: readonly Crumb[]): WithContext<BreadcrumbList> {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((crumb, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  };
}

/**
 * The lead image in the 16:9, 4:3 and 1:1 crops Google asks for (each the largest listed crop
 * the original can fill, 1200 px wide where it allows), or the plain image when no crop fits.
 */
export function articleImages(publicUrl: string, image: MediaRow): ImageObject[] {
  const crops = cropsFor(image.width, image.height);
  if (crops.length === 0) {
    const size = feedImageSize(image);
    return [imageObject(`${publicUrl}${size.path}`, size.width, size.height)];
  }
  return crops.map((crop) =>
    imageObject(`${publicUrl}${urls.mediaCrop(image.file_key, crop.width, crop.height)}`, crop.width, crop.height),
  );
}

/** The photos of the body's galleries, in reading order, once each: search engines may show any of them. */
export function galleryImages(publicUrl: string, view: Pick<ArticlePageData["view"], "body" | "media">): ImageObject[] {
  const seen = new Set<number>();
  return view.body.content.flatMap((node) =>
    node.type !== "gallery"
      ? []
      : node.attrs.photos.flatMap((photo) => {
          const row = view.media.get(photo.mediaId);
          if (!row || seen.has(row.id)) return [];
          seen.add(row.id);
          const size = feedImageSize(row);
          return [imageObject(`${publicUrl}${size.path}`, size.width, size.height)];
        }),
  );
}

export function newsArticle(publicUrl: string, data: ArticlePageData): WithContext<NewsArticle> {
  const { context, view } = data;
  const { edition, settings } = context;
  const { article } = view;
  const url = `${publicUrl}${urls.article(edition.basePath, article.slug)}`;
  const { published, modified } = articleTimes(article);
  const images = [
    ...(view.leadMedia ? articleImages(publicUrl, view.leadMedia) : []),
    ...galleryImages(publicUrl, view),
  ];
  const authors: Person[] = view.authors.map((person) => ({
    "@type": "Person",
    name: person.name,
    url: `${publicUrl}${urls.author(edition.basePath, person.slug)}`,
    ...(person.role ? { jobTitle: person.role } : {}),
  }));
  const publisher: Organization = {
    "@type": "Organization",
    "@id": organizationId(publicUrl),
    name: settings.siteName,
    url: `${publicUrl}/`,
    logo: logo(publicUrl),
  };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": `${url}#article`,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    headline: article.title,
    description: article.seo_description ?? article.dek ?? excerptBody(view.body),
    ...(images.length > 0 ? { image: images } : {}),
    datePublished: isoWithOffset(published, edition.timeZone),
    dateModified: isoWithOffset(modified, edition.timeZone),
    // An unsigned story is the outlet's own.
    author: authors.length > 0 ? authors : [publisher],
    publisher,
    ...(view.section ? { articleSection: view.section.name } : {}),
    ...(view.tags.length > 0 ? { keywords: view.tags.map((tag) => tag.name) } : {}),
    inLanguage: edition.language,
    isAccessibleForFree: true,
    ...(data.notes.some((note) => note.kind === "correction") ? { correction: corrections(url, data) } : {}),
  };
}

/** The article's corrections as schema.org reads them; update notes are not corrections. */
export function corrections(url: string, data: ArticlePageData): CorrectionComment[] {
  const { timeZone } = data.context.edition;
  return data.notes
    .filter((note) => note.kind === "correction")
    .map((note) => ({
      "@type": "CorrectionComment",
      text: note.text,
      datePublished: isoWithOffset(note.createdAt, timeZone),
      url: `${url}#note-${note.id}`,
    }));
}
