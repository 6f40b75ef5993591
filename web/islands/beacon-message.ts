/**
 * The reader beacon's messages, built from what the page already knows (docs/analytics.md has
 * the contract; src/analytics/beacon-payload.ts reads them). Pure, so a test feeds them to the
 * server's parser. Nothing here identifies a reader: a host, campaign tags, a width class, a step.
 * Positional parameters and short keys keep the served script under 1 kB.
 */

/**
 * The view message: `t`ype, `e`dition, `a`rticle (its id as the page's data-article-id carries
 * it; undefined, so left out, off articles), `r`eferrer host (none for a
 * link within the site), `u`tm_source, utm_`m`edium, `d`evice class from the viewport's width.
 */
export function viewMessage(
  edition: string,
  articleId: string | undefined,
  referrer: string,
  ownHost: string,
  search: string,
  width: number,
): string {
  const query = new URLSearchParams(search);
  let host = "";
  try {
    host = new URL(referrer).hostname;
  } catch {
    // No referrer, or not a URL: counted as direct.
  }
  return JSON.stringify({
    t: "view",
    e: edition,
    a: articleId,
    r: host === ownHost ? "" : host,
    u: query.get("utm_source") ?? "",
    m: query.get("utm_medium") ?? "",
    d: width < 768 ? "m" : width < 1200 ? "t" : "d",
  });
}

/**
 * The deepest step (0/25/50/75/100) an article's box has reached: how much of its height has
 * come above the viewport's bottom edge.
 */
export function depthStep(top: number, height: number, viewportHeight: number): number {
  // `| 0` also turns the NaN or Infinity of an empty box into 0.
  return Math.min(100, Math.max(0, (((viewportHeight - top) / height) * 4) | 0) * 25);
}

/** The engage message, once at page hide: the read-depth step `k` and whole `s`econds on the page. */
export function engageMessage(edition: string, articleId: string, depth: number, seconds: number): string {
  return JSON.stringify({ t: "engage", e: edition, a: articleId, k: depth, s: Math.min(86_400, seconds | 0) });
}
