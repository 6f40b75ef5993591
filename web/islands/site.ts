/**
 * The reader site's only script. Pages work without it; it (1) appends the next page of a
 * news list in place when "Show more news" is pressed, (2) swaps a video facade for the
 * provider's player on click, so no third-party request happens before the reader asks, and
 * (3) makes the "Copy link" share link copy the article's address instead of opening it, and
 * (4) on a running live blog, polls for new entries and adds them at the top (below pinned ones),
 * (5) offers breaking-news push alerts in the footer where the browser supports them, and (6) on a
 * page with a photo gallery, loads the full-screen gallery viewer (a chunk of its own).
 */

import { setUpPushAlerts } from "./push-alerts.js";

/** Often enough to feel live; the answers come from the page cache, so a crowd costs little. */
const LIVE_POLL_MS = 10_000;

interface LivePollAnswer {
  entries: { id: number; html: string }[];
  ended: boolean;
}

function watchLiveBlog(list: HTMLOListElement): void {
  const url = list.dataset.livePoll;
  if (!url) return;
  let after = Number(list.dataset.liveAfter ?? "0");
  const notice = list.closest(".live-blog")?.querySelector<HTMLElement>("[data-live-notice]");
  const tick = async (): Promise<void> => {
    // A hidden tab does not poll; it catches up when shown again.
    if (document.visibilityState === "hidden") return schedule();
    try {
      const response = await fetch(`${url}?after=${after}`, { headers: { accept: "application/json" } });
      if (!response.ok) return schedule();
      const answer = (await response.json()) as LivePollAnswer;
      for (const entry of answer.entries) {
        if (list.querySelector(`#entry-${entry.id}`)) continue;
        const template = document.createElement("template");
        template.innerHTML = entry.html;
        const item = template.content.firstElementChild;
        if (!item) continue;
        // Newest first, but pinned entries stay on top.
        const firstUnpinned = list.querySelector(":scope > li:not(.live-entry--pinned)");
        list.insertBefore(item, firstUnpinned);
        after = Math.max(after, entry.id);
      }
      if (answer.entries.length > 0) {
        list.parentElement?.querySelector(".live-blog__empty")?.remove();
        if (notice) notice.hidden = false;
      }
      if (!answer.ended) schedule();
    } catch {
      schedule();
    }
  };
  const schedule = (): void => {
    window.setTimeout(() => void tick(), LIVE_POLL_MS);
  };
  schedule();
}

for (const list of document.querySelectorAll<HTMLOListElement>("ol[data-live-poll]")) watchLiveBlog(list);

const PLAYER_URL: Record<string, (id: string) => string> = {
  youtube: (id) => `https://www.youtube-nocookie.com/embed/${encodeURIComponent(id)}?autoplay=1&rel=0`,
  vimeo: (id) => `https://player.vimeo.com/video/${encodeURIComponent(id)}?autoplay=1&dnt=1`,
};

async function showMore(link: HTMLAnchorElement): Promise<void> {
  const container = link.closest<HTMLElement>("[data-feed-more]");
  const feed = container?.parentElement?.querySelector<HTMLOListElement>("[data-feed]");
  if (!container || !feed || link.dataset.busy) return;
  link.dataset.busy = "1";
  const label = link.textContent;
  link.textContent = link.dataset.loading ?? label;
  link.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(link.href, { headers: { accept: "text/html" }, credentials: "same-origin" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const items = [...doc.querySelectorAll("[data-feed] > li")];
    const first = items[0];
    for (const item of items) feed.append(document.adoptNode(item));
    const nextMore = doc.querySelector("[data-feed-more]");
    history.replaceState(history.state, "", link.href);
    if (nextMore) container.replaceChildren(...[...nextMore.childNodes].map((n) => document.adoptNode(n)));
    // Move focus to the first new story so keyboard and screen-reader users continue from there.
    first?.querySelector<HTMLAnchorElement>(".card__title a")?.focus();
  } catch {
    // Fall back to the plain link: the browser loads the next page itself.
    window.location.assign(link.href);
  } finally {
    delete link.dataset.busy;
    link.removeAttribute("aria-busy");
    link.textContent = label;
  }
}

function playVideo(link: HTMLAnchorElement): boolean {
  const facade = link.closest<HTMLElement>(".video-facade");
  const provider = facade?.dataset.videoProvider;
  const id = facade?.dataset.videoId;
  const player = provider ? PLAYER_URL[provider] : undefined;
  if (!facade || !id || !player) return false;
  const frame = document.createElement("iframe");
  frame.src = player(id);
  frame.title = facade.dataset.videoTitle ?? "";
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  facade.replaceChildren(frame);
  frame.focus();
  return true;
}

/**
 * Swaps a social-post card's "Show the original" link for a frame of our own embed page, which
 * alone may load the platform (see src/site/social-embed.routes.ts). Nothing is asked of the
 * platform before this click.
 */
function showSocialOriginal(link: HTMLAnchorElement): boolean {
  const path = link.dataset.socialEmbed;
  if (!path?.startsWith("/embed/social?")) return false;
  const frame = document.createElement("iframe");
  frame.src = path;
  frame.title = link.dataset.socialTitle ?? link.textContent ?? "";
  frame.className = "social-post__frame";
  frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox");
  frame.referrerPolicy = "no-referrer";
  link.closest("figure")?.after(frame);
  link.removeAttribute("data-social-embed");
  frame.focus();
  return true;
}

/** Copies the link's address; false when the clipboard is not available (the link then opens). */
function copyLink(link: HTMLAnchorElement): boolean {
  if (!navigator.clipboard || !window.isSecureContext) return false;
  const label = link.dataset.label ?? link.textContent ?? "";
  link.dataset.label = label;
  navigator.clipboard.writeText(link.href).then(
    () => {
      const copied = link.dataset.copied ?? label;
      const status = link.closest(".share")?.querySelector<HTMLElement>("[data-share-status]");
      // Shown on the link, and said by screen readers through the status region.
      link.textContent = copied;
      if (status) status.textContent = copied;
      window.setTimeout(() => {
        link.textContent = label;
        if (status) status.textContent = "";
      }, 2500);
    },
    () => window.location.assign(link.href),
  );
  return true;
}

document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  const target = event.target as Element | null;
  const more = target?.closest<HTMLAnchorElement>("a[data-more]");
  if (more) {
    event.preventDefault();
    void showMore(more);
    return;
  }
  const video = target?.closest<HTMLAnchorElement>(".video-facade__link");
  if (video && playVideo(video)) {
    event.preventDefault();
    return;
  }
  const social = target?.closest<HTMLAnchorElement>("a[data-social-embed]");
  if (social && showSocialOriginal(social)) {
    event.preventDefault();
    return;
  }
  const copy = target?.closest<HTMLAnchorElement>("a[data-copy-link]");
  if (copy && copyLink(copy)) event.preventDefault();
});

for (const box of document.querySelectorAll<HTMLElement>("[data-push-alerts]")) void setUpPushAlerts(box);

if (document.querySelector("[data-gallery]")) {
  void import("./gallery-viewer.js").then((viewer) => viewer.setUpGalleries(document));
}
