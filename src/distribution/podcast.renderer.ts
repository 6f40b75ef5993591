import { fileUrlOf, transcriptParagraphs } from "../newsroom/media-files.shared.js";
import type { PodcastEpisode, PodcastShow } from "../newsroom/podcast.service.js";
import { element, emptyElement, escapeHtml, rfc822, XML_DECLARATION } from "./xml.js";

const NAMESPACES = {
  "xmlns:itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
  "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
  "xmlns:atom": "http://www.w3.org/2005/Atom",
};

export interface PodcastFeedData {
  show: PodcastShow;
  episodes: PodcastEpisode[];
  language: string;
  /** Absolute URLs: the edition's front page, this feed, and builders for the rest. */
  homeUrl: string;
  feedUrl: string;
  absolute: (path: string) => string;
  articleUrl: (episode: PodcastEpisode) => string;
  /** A guid that survives edits of the title and slug (an RFC 4151 tag URI). */
  guid: (episode: PodcastEpisode) => string;
  summary: (episode: PodcastEpisode) => string;
}

/** "News/Politics" → `<itunes:category text="News"><itunes:category text="Politics"/></itunes:category>`. */
function category(value: string): string {
  const [main = value, sub] = value.split("/");
  if (!sub) return emptyElement("itunes:category", { text: main });
  return `<itunes:category text="${escapeHtml(main)}">${emptyElement("itunes:category", { text: sub })}</itunes:category>`;
}

function episode(entry: PodcastEpisode, data: PodcastFeedData, explicit: string): string {
  const { article, audio, media } = entry;
  const summary = data.summary(entry);
  const transcript = transcriptParagraphs(audio.attrs.transcript);
  const parts = [
    element("title", article.title),
    element("link", data.articleUrl(entry)),
    element("guid", data.guid(entry), { isPermaLink: "false" }),
    element("pubDate", rfc822(article.published_at ?? article.updated_at)),
    element("description", summary),
    element("itunes:summary", summary),
    element("itunes:duration", String(Math.round((media.duration_ms ?? 0) / 1000))),
    element("itunes:explicit", explicit),
    // The real size and type of the stored file: directories check both before they list an episode.
    emptyElement("enclosure", { url: data.absolute(fileUrlOf(media)), length: media.byte_size ?? 0, type: media.mime }),
  ];
  if (transcript.length > 0) {
    parts.push(element("content:encoded", transcript.map((p) => `<p>${escapeHtml(p)}</p>`).join("")));
  }
  return `<item>${parts.join("")}</item>`;
}

/**
 * An edition's podcast as RSS 2.0 with the iTunes namespace, as Apple Podcasts and Spotify read
 * it: the show's artwork, author, category and explicit flag, and each episode's enclosure with
 * its byte length and type, its duration in seconds, a stable guid and its publication date.
 */
export function renderPodcastFeed(data: PodcastFeedData): string {
  const { show } = data;
  const explicit = show.explicit ? "true" : "false";
  const artwork = show.artwork ? data.absolute(`/media/${show.artwork.file_key}/artwork.jpg`) : null;
  const head = [
    element("title", show.title),
    element("link", data.homeUrl),
    element("description", show.description),
    element("language", data.language),
    element("generator", "Gazette"),
    emptyElement("atom:link", { href: data.feedUrl, rel: "self", type: "application/rss+xml" }),
    element("itunes:author", show.author),
    element("itunes:summary", show.description),
    element("itunes:type", "episodic"),
    element("itunes:explicit", explicit),
    category(show.category),
    ...(artwork
      ? [
          emptyElement("itunes:image", { href: artwork }),
          `<image>${element("url", artwork)}${element("title", show.title)}${element("link", data.homeUrl)}</image>`,
        ]
      : []),
    ...(data.episodes[0] ? [element("lastBuildDate", rfc822(data.episodes[0].article.updated_at))] : []),
  ];
  const namespaces = Object.entries(NAMESPACES)
    .map(([name, uri]) => ` ${name}="${uri}"`)
    .join("");
  const items = data.episodes.map((entry) => episode(entry, data, explicit)).join("");
  return `${XML_DECLARATION}<rss version="2.0"${namespaces}><channel>${head.join("")}${items}</channel></rss>`;
}
