import { renderToString } from "preact-render-to-string";
import { originOf } from "../newsroom/editions.service.js";
import { surrogateKey } from "../newsroom/surrogate-keys.js";
import { type CachedPage, makePage } from "../platform/cache/page-cache.js";
import type { Assets } from "../site/assets.js";
import type { PageExtrasProvider } from "../site/page-head.js";
import type { PageContext } from "../site/site.service.js";
import { SupportPage, type SupportPageView } from "../site/views/SupportPage.js";

const HTML = "text/html; charset=utf-8";

/** The support page, in the edition's language (the short pages around a payment are the site's message pages). */
export class SupportRenderer {
  constructor(
    private readonly assets: Assets,
    private readonly publicUrl: string,
    private readonly extras: PageExtrasProvider,
  ) {}

  /** Where the edition's pages live: its own host under EDITION_HOSTS, else the site's. */
  private originOf(context: PageContext): string {
    return originOf(context.edition, this.publicUrl);
  }

  supportPage(context: PageContext, view: SupportPageView, path: string, title: string): CachedPage {
    const canonical = `${this.originOf(context)}${path}`;
    const head = this.extras.message(context, `${title} — ${context.settings.siteName}`, canonical).head;
    const html = renderToString(
      <SupportPage context={context} assets={this.assets} canonical={canonical} head={head} view={view} />,
    );
    // The page shows the edition's settings and revenue settings; both purge `settings:{edition}`.
    return makePage(200, HTML, `<!doctype html>${html}`, [surrogateKey.settings(context.edition.code)]);
  }
}
