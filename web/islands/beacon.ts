/**
 * The audience beacon (issue #21), a script of its own so the page never waits for it: one view
 * on load, one engage message when the page is first hidden. No cookie, no storage, and nothing
 * sent when the reader asks not to be tracked (Global Privacy Control or Do Not Track). Kept
 * under 1 kB as served (beacon-size.test.ts); an error here stays in this module, never the page.
 */
import { depthStep, engageMessage, viewMessage } from "./beacon-message.js";

const nav = navigator as Navigator & { globalPrivacyControl?: boolean };

if (!nav.globalPrivacyControl && nav.doNotTrack !== "1" && nav.sendBeacon) {
  const edition = document.documentElement.dataset.edition as string;
  const article = document.querySelector<HTMLElement>("[data-article-id]");
  // Left out of the message off articles: the server counts such a view as the edition's, article 0.
  const articleId = article?.dataset.articleId;
  let depth = 0;
  nav.sendBeacon(
    "/beacon",
    viewMessage(edition, articleId, document.referrer, location.hostname, location.search, innerWidth),
  );
  if (article && articleId) {
    const measure = (): void => {
      const box = article.getBoundingClientRect();
      depth = Math.max(depth, depthStep(box.top, box.height, innerHeight));
    };
    measure();
    addEventListener("scroll", measure);
    let sent = false;
    document.addEventListener("visibilitychange", () => {
      if (sent || !document.hidden) return;
      sent = true;
      // Seconds on the page count from navigation, performance.now()'s origin.
      nav.sendBeacon("/beacon", engageMessage(edition, articleId, depth, performance.now() / 1000));
    });
  }
}
