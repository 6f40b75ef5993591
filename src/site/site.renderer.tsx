import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { type CachedPage, makePage } from "../platform/cache/page-cache.js";
import type { Assets } from "./assets.js";
import type { ArticlePageData, ListPageData, PageContext } from "./site.service.js";
import { ArticlePage } from "./views/ArticlePage.js";
import { type ErrorKind, ErrorPage, MessagePage } from "./views/ErrorPage.js";
import { ListPage } from "./views/ListPage.js";

const HTML = "text/html; charset=utf-8";

function document(root: VNode): string {
  return `<!doctype html>${renderToString(root)}`;
}

/** Turns page data into cacheable HTML pages. */
export class SiteRenderer {
  constructor(
    private readonly assets: Assets,
    private readonly publicUrl: string,
  ) {}

  article(data: ArticlePageData): CachedPage {
    return makePage(
      200,
      HTML,
      document(<ArticlePage data={data} assets={this.assets} publicUrl={this.publicUrl} />),
      data.keys,
    );
  }

  list(data: ListPageData, pageUrl: string): CachedPage {
    return makePage(
      200,
      HTML,
      document(<ListPage data={data} assets={this.assets} publicUrl={this.publicUrl} pageUrl={pageUrl} />),
      data.keys,
    );
  }

  error(context: PageContext, kind: ErrorKind, status: number, backHref?: string): CachedPage {
    const html = document(
      <ErrorPage context={context} assets={this.assets} publicUrl={this.publicUrl} kind={kind} backHref={backHref} />,
    );
    return makePage(status, HTML, html, [`settings:${context.edition.code}`]);
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
      />,
    );
    return makePage(status, HTML, html, []);
  }
}
