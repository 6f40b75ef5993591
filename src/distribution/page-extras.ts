import { excerptBody } from "../newsroom/body-text.renderer.js";
import { type Edition, originOf } from "../newsroom/editions.service.js";
import { cropsFor } from "../newsroom/media.service.js";
import type { MediaRow } from "../platform/db/schema.js";
import { isoWithOffset } from "../platform/i18n/dates.js";
import { translate } from "../platform/i18n/messages.js";
import type { HeadTag, PageExtras, PageExtrasProvider } from "../site/page-head.js";
import type { ArticlePageData, ListPageData, PageContext } from "../site/site.service.js";
import { urls } from "../site/urls.js";
import { articleTimes } from "./article-times.js";
import { feedImageSize } from "./feeds.service.js";
import { hreflangAlternates } from "./hreflang.js";
import { breadcrumbs, type Crumb, newsArticle, organization, webSite } from "./json-ld.js";
import { liveBlogPosting } from "./json-ld-live.js";
import { LOGO_SIZE } from "./publisher-logo.js";
import { shareLinks } from "./share-links.js";
import { type SocialImage, socialTags } from "./social-meta.js";
import { distributionUrls, FEED_CONTENT_TYPE, FEED_FORMATS, type FeedFormat } from "./urls.js";

const FORMAT_NAME: Record<FeedFormat, string> = { rss: "RSS", atom: "Atom", json: "JSON Feed" };

// Lets search engines show large previews of our photos (Google Discover needs it).
const ROBOTS: HeadTag = { kind: "meta", name: "robots", content: "max-image-preview:large" };

const jsonLd = (data: object): HeadTag => ({ kind: "json-ld", data });

/**
 * What distribution adds to reader pages: feed autodiscovery, hreflang alternates, Open Graph and
 * X cards, JSON-LD, the robots directive and share links. Plugged into the site's renderer.
 */
export class DistributionPageExtras implements PageExtrasProvider {
  constructor(private readonly publicUrl: string) {}

  /** An absolute URL: on the edition's own host when it has one (EDITION_HOSTS), else the site's. */
  private abs(path: string, edition?: Edition): string {
    return `${edition ? originOf(edition, this.publicUrl) : this.publicUrl}${path}`;
  }

  private feedLinks(listPath: string, title: string, edition: Edition): HeadTag[] {
    return FEED_FORMATS.map((format) => ({
      kind: "link",
      rel: "alternate",
      type: FEED_CONTENT_TYPE[format],
      title: `${title} (${FORMAT_NAME[format]})`,
      href: this.abs(distributionUrls.feed(listPath, format), edition),
    }));
  }

  private logoImage(siteName: string): SocialImage {
    return { url: this.abs(distributionUrls.logoPng()), width: LOGO_SIZE, height: LOGO_SIZE, alt: siteName };
  }

  /** The 16:9 crop when the photo allows one (what social networks show best), else the plain image. */
  private photo(image: MediaRow): SocialImage {
    const wide = cropsFor(image.width, image.height).find((crop) => crop.ratio === "16:9");
    if (wide) {
      return {
        url: this.abs(urls.mediaCrop(image.file_key, wide.width, wide.height)),
        width: wide.width,
        height: wide.height,
        alt: image.alt,
      };
    }
    const size = feedImageSize(image);
    return { url: this.abs(size.path), width: size.width, height: size.height, alt: image.alt };
  }

  private homeCrumb(edition: Edition, siteName: string): Crumb {
    return { name: siteName, url: this.abs(urls.home(edition.basePath), edition) };
  }

  article(data: ArticlePageData): PageExtras {
    const { context, view, translations } = data;
    const { edition, settings } = context;
    const { article } = view;
    const url = this.abs(urls.article(edition.basePath, article.slug), edition);
    const { published, modified } = articleTimes(article);
    const alternates = hreflangAlternates(article, translations, context.editions, (member) => {
      const e = context.editions.find((candidate) => candidate.code === member.edition_code);
      return e ? this.abs(urls.article(e.basePath, member.slug), e) : undefined;
    });
    const alternateLocales = [
      ...new Set(
        translations.flatMap((t) => context.editions.filter((e) => e.code === t.edition_code).map((e) => e.locale)),
      ),
    ].filter((locale) => locale !== edition.locale);
    const section = view.section;
    const crumbs: Crumb[] = [
      this.homeCrumb(edition, settings.siteName),
      ...(section
        ? [{ name: section.name, url: this.abs(urls.section(edition.basePath, section.slug), edition) }]
        : []),
      { name: article.title, url },
    ];
    const head: HeadTag[] = [
      ROBOTS,
      ...alternates.map(
        (alternate): HeadTag => ({
          kind: "link",
          rel: "alternate",
          hreflang: alternate.hreflang,
          href: alternate.href,
        }),
      ),
      ...this.feedLinks(urls.home(edition.basePath), settings.siteName, edition),
      // An episode points podcast apps at its show's feed.
      ...(article.kind === "audio"
        ? [
            {
              kind: "link" as const,
              rel: "alternate",
              type: "application/rss+xml",
              title: `${settings.siteName} (podcast)`,
              href: this.abs(distributionUrls.podcast(edition.basePath), edition),
            },
          ]
        : []),
      ...socialTags({
        type: "article",
        title: article.title,
        description: article.seo_description ?? article.dek ?? excerptBody(view.body),
        url,
        edition,
        settings,
        image: view.leadMedia ? this.photo(view.leadMedia) : this.logoImage(settings.siteName),
        largeImage: view.leadMedia !== null,
        alternateLocales,
        article: {
          publishedTime: isoWithOffset(published, edition.timeZone),
          modifiedTime: isoWithOffset(modified, edition.timeZone),
          section: section?.name ?? null,
          tags: view.tags.map((tag) => tag.name),
          authors: view.authors.map((person) => this.abs(urls.author(edition.basePath, person.slug), edition)),
        },
      }),
      jsonLd(
        data.live
          ? liveBlogPosting(originOf(edition, this.publicUrl), { ...data, live: data.live })
          : newsArticle(originOf(edition, this.publicUrl), data),
      ),
      jsonLd(breadcrumbs(crumbs)),
    ];
    return { head, share: shareLinks(url, article.title, settings.xHandle) };
  }

  list(data: ListPageData, pageUrl: string): PageExtras {
    const { context, kind, subject } = data;
    const { edition, settings, editions } = context;
    const homePath = urls.home(edition.basePath);
    const listPath = urls.list(edition.basePath, kind, subject?.slug ?? "");
    const url = this.abs(data.firstPage ? listPath : pageUrl, edition);
    const name = kind === "home" ? settings.siteName : (subject?.name ?? "");
    const title = kind === "home" ? settings.siteName : `${name} — ${settings.siteName}`;
    const description =
      subject && "bio" in subject && subject.bio ? subject.bio : translate(edition.language, "site.tagline");
    const root = editions.find((e) => e.basePath === "/" && !e.origin);
    // The front pages of the editions are one page in several languages.
    const homeAlternates: HeadTag[] =
      kind === "home" && data.firstPage && editions.length > 1
        ? [
            ...editions.map(
              (e): HeadTag => ({ kind: "link", rel: "alternate", hreflang: e.language, href: this.abs(e.basePath, e) }),
            ),
            ...(root
              ? [
                  {
                    kind: "link",
                    rel: "alternate",
                    hreflang: "x-default",
                    href: this.abs(root.basePath, root),
                  } as const,
                ]
              : []),
          ]
        : [];
    const head: HeadTag[] = [
      ROBOTS,
      ...homeAlternates,
      ...this.feedLinks(listPath, title, edition),
      ...(kind === "home" ? [] : this.feedLinks(homePath, settings.siteName, edition)),
      ...socialTags({
        type: "website",
        title,
        description,
        url,
        edition,
        settings,
        image: this.logoImage(settings.siteName),
        largeImage: false,
        alternateLocales: kind === "home" ? editions.filter((e) => e.code !== edition.code).map((e) => e.locale) : [],
      }),
      ...(kind === "home"
        ? [
            jsonLd(organization(this.publicUrl, settings)),
            jsonLd(webSite(originOf(edition, this.publicUrl), edition, settings)),
          ]
        : [
            jsonLd(
              breadcrumbs([this.homeCrumb(edition, settings.siteName), { name, url: this.abs(listPath, edition) }]),
            ),
          ]),
    ];
    return { head, share: [] };
  }

  message(context: PageContext, title: string, canonical: string): PageExtras {
    const { edition, settings } = context;
    const head = socialTags({
      type: "website",
      title,
      description: translate(edition.language, "site.tagline"),
      url: canonical,
      edition,
      settings,
      image: this.logoImage(settings.siteName),
      largeImage: false,
      alternateLocales: [],
    });
    return { head, share: [] };
  }
}
