import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { surrogateKey } from "../newsroom/surrogate-keys.js";
import { type CachedPage, makePage } from "../platform/cache/page-cache.js";
import { translate } from "../platform/i18n/messages.js";
import type { Assets } from "./assets.js";
import { NO_EXTRAS, type PageExtrasProvider } from "./page-head.js";
import type { ArticlePageData, ListPageData, PageContext } from "./site.service.js";
import { ArticlePage } from "./views/ArticlePage.js";
import { type ErrorKind, ErrorPage, MessagePage } from "./views/ErrorPage.js";
import { ListPage } from "./views/ListPage.js";

const HTML = "text/html; charset=utf-8";

function document(root: VNode): string {
  return `<!doctype html>${renderToString(root)}`;
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
  ) {}

  article(data: ArticlePageData): CachedPage {
    const extras = this.extras.article(data);
    return makePage(
      200,
      HTML,
      document(<ArticlePage data={data} assets={this.assets} publicUrl={this.publicUrl} extras={extras} />),
      data.keys,
    );
  }

  list(data: ListPageData, pageUrl: string): CachedPage {
    const extras = this.extras.list(data, pageUrl);
    return makePage(
      200,
      HTML,
      document(
        <ListPage data={data} assets={this.assets} publicUrl={this.publicUrl} pageUrl={pageUrl} extras={extras} />,
      ),
      data.keys,
    );
  }

  private messageHead(context: PageContext, title: string) {
    const canonical = `${this.publicUrl}${context.edition.basePath}`;
    return this.extras.message(context, `${title} — ${context.settings.siteName}`, canonical).head;
  }

  error(context: PageContext, kind: ErrorKind, status: number, backHref?: string): CachedPage {
    const head = this.messageHead(context, translate(context.edition.language, `error.${kind}.title`));
    const html = document(
      <ErrorPage
        context={context}
        assets={this.assets}
        publicUrl={this.publicUrl}
        kind={kind}
        backHref={backHref}
        head={head}
      />,
    );
    // A 404 is cached too, so it carries the edition's home key: publishing anything in the edition
    // (say, the article a reader asked for too early) drops it.
    return makePage(status, HTML, html, [
      surrogateKey.settings(context.edition.code),
      surrogateKey.home(context.edition.code),
    ]);
  }

  message(context: PageContext, status: number, text: { title: string; body: string; back: string }): CachedPage {
    const html = document(
      <MessagePage
        context={context}
        assets={this.assets}
        publicUrl={this.publicUrl}
        title={text.title}
        body={text.body}
        backHref={context.edition.basePath}
        backLabel={text.back}
        head={this.messageHead(context, text.title)}
      />,
    );
    return makePage(status, HTML, html, []);
  }
}
