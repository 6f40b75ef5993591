import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { originOf } from "../newsroom/editions.service.js";
import { surrogateKey } from "../newsroom/surrogate-keys.js";
import { type CachedPage, makePage } from "../platform/cache/page-cache.js";
import { translate } from "../platform/i18n/messages.js";
import type { Assets } from "./assets.js";
import { NO_EXTRAS, type PageExtrasProvider } from "./page-head.js";
import type {
  ArticlePageData,
  CorrectionsPageData,
  ListPageData,
  LiteHomeData,
  LivePollData,
  PageContext,
} from "./site.service.js";
import { urls } from "./urls.js";
import { ArticlePage } from "./views/ArticlePage.js";
import { CorrectionsPage } from "./views/CorrectionsPage.js";
import { type ErrorKind, ErrorPage, MessagePage } from "./views/ErrorPage.js";
import { Layout } from "./views/Layout.js";
import { ListPage } from "./views/ListPage.js";
import { LiteArticlePage, LiteHomePage } from "./views/LitePages.js";
import { LiveEntryItem } from "./views/LiveBlog.js";
import { type AudiencePolicy, PrivacyPage, privacyTextOf } from "./views/PrivacyPage.js";
import { SearchPage, type SearchPageResults } from "./views/SearchPage.js";

const HTML = "text/html; charset=utf-8";

function document(root: VNode): string {
  return `<!doctype html>${renderToString(root)}`;
}

/**
 * A page that shows the breaking banner goes stale when the banner expires, and one rendered in
 * crisis mode when the mode ends: the page cache drops it then, without a purge.
 */
function bannerExpiry(context: PageContext): { expiresAt?: Date } {
  const ends = [context.banner?.expiresAt, context.crisis?.until ?? undefined]
    .filter((at): at is string => at !== undefined)
    .map((at) => Date.parse(at));
  return ends.length > 0 ? { expiresAt: new Date(Math.min(...ends)) } : {};
}

/** The JSON a live blog's poll answers with: each new entry rendered as the page would show it. */
export interface LivePollJson {
  entries: { id: number; html: string }[];
  ended: boolean;
}

const noExtras: PageExtrasProvider = {
  article: () => NO_EXTRAS,
  list: () => NO_EXTRAS,
  message: () => NO_EXTRAS,
};

/** Turns page data into cacheable HTML pages. */
export class SiteRenderer {
  constructor(
    private readonly assets: Assets,
    private readonly publicUrl: string,
    /** Feed links, social cards, structured data and share links from the distribution capability. */
    private readonly extras: PageExtrasProvider = noExtras,
    /** What the privacy page says about counting: the server's analytics settings. */
    private readonly audience: AudiencePolicy = { enabled: true, retentionDays: 730 },
  ) {}

  /** Where the edition's pages live: its own host (EDITION_HOSTS) or the site's. */
  private originOf(context: PageContext): string {
    return originOf(context.edition, this.publicUrl);
  }

  article(data: ArticlePageData): CachedPage {
    const extras = this.extras.article(data);
    return makePage(
      200,
      HTML,
      document(
        <ArticlePage data={data} assets={this.assets} publicUrl={this.originOf(data.context)} extras={extras} />,
      ),
      data.keys,
      bannerExpiry(data.context),
    );
  }

  /**
   * The lite front page (`{base}lite/`), or in crisis mode the edition's front page itself
   * (`asHome`). Same keys as the lists it shows, so publishing purges it.
   */
  liteHome(data: LiteHomeData, asHome: boolean): CachedPage {
    const html = document(<LiteHomePage data={data} publicUrl={this.originOf(data.context)} asHome={asHome} />);
    return makePage(200, HTML, html, data.keys, bannerExpiry(data.context));
  }

  /** The lite page of an article: the article's own surrogate keys, so every save purges it too. */
  liteArticle(data: ArticlePageData): CachedPage {
    const html = document(<LiteArticlePage data={data} publicUrl={this.originOf(data.context)} />);
    return makePage(200, HTML, html, data.keys, bannerExpiry(data.context));
  }

  corrections(data: CorrectionsPageData): CachedPage {
    const { edition, settings } = data.context;
    const title = `${translate(edition.language, "corrections.title")} — ${settings.siteName}`;
    const canonical = `${this.originOf(data.context)}${urls.corrections(edition.basePath)}`;
    const head = this.extras.message(data.context, title, canonical).head;
    return makePage(
      200,
      HTML,
      document(
        <CorrectionsPage data={data} assets={this.assets} publicUrl={this.originOf(data.context)} head={head} />,
      ),
      data.keys,
      bannerExpiry(data.context),
    );
  }

  /** The privacy page; it changes only with the edition's settings (and a restart for ANALYTICS_*). */
  privacy(context: PageContext): CachedPage {
    const { edition, settings } = context;
    const title = `${privacyTextOf(edition.language).title} — ${settings.siteName}`;
    const canonical = `${this.originOf(context)}${urls.privacy(edition.basePath)}`;
    const head = this.extras.message(context, title, canonical).head;
    return makePage(
      200,
      HTML,
      document(
        <PrivacyPage
          context={context}
          policy={this.audience}
          assets={this.assets}
          publicUrl={this.originOf(context)}
          head={head}
        />,
      ),
      [surrogateKey.settings(edition.code)],
      bannerExpiry(context),
    );
  }

  /** New live entries as JSON for the reader island; cached under the article's key like the page. */
  livePoll(context: PageContext, data: LivePollData): CachedPage {
    const json: LivePollJson = {
      entries: data.entries.map((entry) => ({
        id: entry.id,
        html: renderToString(
          <LiveEntryItem entry={entry} edition={context.edition} now={context.now} media={data.media} />,
        ),
      })),
      ended: data.endedAt !== null,
    };
    return makePage(200, "application/json; charset=utf-8", JSON.stringify(json), data.keys);
  }

  list(data: ListPageData, pageUrl: string): CachedPage {
    const extras = this.extras.list(data, pageUrl);
    return makePage(
      200,
      HTML,
      document(
        <ListPage
          data={data}
          assets={this.assets}
          publicUrl={this.originOf(data.context)}
          pageUrl={pageUrl}
          extras={extras}
        />,
      ),
      data.keys,
      bannerExpiry(data.context),
    );
  }

  /** A search page; `notice` replaces the results (a rate-limited reader is told why). */
  search(context: PageContext, results: SearchPageResults, status = 200, notice?: string): CachedPage {
    const { edition, settings } = context;
    const title = `${translate(edition.language, "search.title")} — ${settings.siteName}`;
    const canonical = `${this.originOf(context)}${urls.search(edition.basePath)}`;
    // Result pages are endless and thin: crawlers may follow their links but should not index them.
    const head = [
      { kind: "meta" as const, name: "robots", content: "noindex, follow" },
      ...this.extras.message(context, title, canonical).head,
    ];
    const html = document(
      <SearchPage
        context={context}
        results={results}
        assets={this.assets}
        publicUrl={this.originOf(context)}
        head={head}
        notice={notice}
      />,
    );
    // A CDN keeps a result page until something is published in the edition.
    return makePage(
      status,
      HTML,
      html,
      [surrogateKey.home(edition.code), surrogateKey.settings(edition.code)],
      bannerExpiry(context),
    );
  }

  private messageHead(context: PageContext, title: string) {
    const canonical = `${this.originOf(context)}${context.edition.basePath}`;
    return this.extras.message(context, `${title} — ${context.settings.siteName}`, canonical).head;
  }

  error(context: PageContext, kind: ErrorKind, status: number, backHref?: string): CachedPage {
    const head = this.messageHead(context, translate(context.edition.language, `error.${kind}.title`));
    const html = document(
      <ErrorPage
        context={context}
        assets={this.assets}
        publicUrl={this.originOf(context)}
        kind={kind}
        backHref={backHref}
        head={head}
      />,
    );
    // A 404 is cached too, so it carries the edition's home key: publishing anything in the edition
    // (say, the article a reader asked for too early) drops it.
    return makePage(
      status,
      HTML,
      html,
      [surrogateKey.settings(context.edition.code), surrogateKey.home(context.edition.code)],
      bannerExpiry(context),
    );
  }

  /** A short page with a title, a paragraph and a link back (to the edition's front page unless `backHref`). */
  message(
    context: PageContext,
    status: number,
    text: { title: string; body: string; back: string; backHref?: string },
  ): CachedPage {
    const html = document(
      <MessagePage
        context={context}
        assets={this.assets}
        publicUrl={this.originOf(context)}
        title={text.title}
        body={text.body}
        backHref={text.backHref ?? context.edition.basePath}
        backLabel={text.back}
        head={this.messageHead(context, text.title)}
      />,
    );
    return makePage(status, HTML, html, []);
  }

  /** A page another capability composes (the newsletter pages): its content in the site's layout. */
  page(context: PageContext, status: number, title: string, path: string, content: VNode): CachedPage {
    const html = document(
      <Layout
        context={context}
        assets={this.assets}
        title={`${title} — ${context.settings.siteName}`}
        canonical={`${this.originOf(context)}${path}`}
        pageType="list"
        head={this.messageHead(context, title)}
      >
        {content}
      </Layout>,
    );
    return makePage(status, HTML, html, [surrogateKey.settings(context.edition.code)]);
  }
}
