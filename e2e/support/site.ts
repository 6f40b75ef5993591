/** Finds the demo site's pages by reading its HTML, so the suite does not depend on generated slugs. */

export interface SitePages {
  enHome: string;
  /** The featured lead story of the English home page: the flagship analysis with takeaways. */
  enArticle: string;
  ukArticle: string;
  ruSection: string;
  enTag: string;
  enAuthor: string;
  notFound: string;
  badCursor: string;
  /** A Ukrainian search with results ("Бахмуті"). */
  ukSearch: string;
  /** The lite edition: front pages and the flagship's text-only page, linked from the full article. */
  enLiteHome: string;
  ruLiteHome: string;
  enLiteArticle: string;
  ukLiteArticle: string;
}

async function html(base: string, path: string): Promise<string> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.text();
}

function firstHref(page: string, pattern: RegExp, what: string): string {
  const href = page.match(pattern)?.[1];
  if (!href) throw new Error(`No ${what} link found`);
  return href.replace(/&amp;/g, "&");
}

/** The article linked from the lead story of an edition's home page. */
export async function leadStoryPath(base: string, homePath: string): Promise<string> {
  const home = await html(base, homePath);
  const lead = home.slice(home.indexOf('class="lead-story"'));
  return firstHref(lead, /<h2 class="card__title"><a href="([^"]+)"/, `lead story on ${homePath}`);
}

export async function findPages(base: string): Promise<SitePages> {
  const enArticle = await leadStoryPath(base, "/en/");
  const ukArticle = await leadStoryPath(base, "/");
  const article = await html(base, enArticle);
  const ukArticlePage = await html(base, ukArticle);
  const ruHome = await html(base, "/ru/");
  const liteLink = /<a class="article__lite" href="([^"]+)"/;
  return {
    enHome: "/en/",
    enArticle,
    ukArticle,
    ruSection: firstHref(ruHome, /href="(\/ru\/section\/[^"]+)"/, "Russian section"),
    enTag: firstHref(article, /href="(\/en\/tag\/[^"]+)"/, "English tag"),
    enAuthor: firstHref(article, /href="(\/en\/author\/[^"]+)"/, "English author"),
    notFound: "/en/news/no-such-story-here",
    badCursor: "/en/?after=garbage",
    ukSearch: `/search?q=${encodeURIComponent("Бахмуті")}`,
    enLiteHome: "/en/lite/",
    ruLiteHome: "/ru/lite/",
    enLiteArticle: firstHref(article, liteLink, "English lite version"),
    ukLiteArticle: firstHref(ukArticlePage, liteLink, "Ukrainian lite version"),
  };
}
