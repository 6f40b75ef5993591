// Browser-safe: the admin app imports this module (no server code may be imported here).

/** Video providers the site may embed: the one allowlist of the body validator, the HTML import and the editor. */
export type EmbedProvider = "youtube" | "vimeo";

export interface VideoRef {
  provider: EmbedProvider;
  videoId: string;
}

/** The shape of each provider's video id; an id of another shape is never embedded. */
export const VIDEO_ID: Record<EmbedProvider, RegExp> = {
  youtube: /^[A-Za-z0-9_-]{11}$/,
  vimeo: /^\d{1,12}$/,
};
const YOUTUBE_ID = VIDEO_ID.youtube;
const VIMEO_ID = VIDEO_ID.vimeo;
const YOUTUBE_HOSTS = new Set(["youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com"]);

function youtube(url: URL): string | undefined {
  const host = url.hostname.replace(/^www\./, "");
  if (host === "youtu.be") return url.pathname.split("/")[1];
  if (!YOUTUBE_HOSTS.has(host)) return undefined;
  if (url.pathname === "/watch") return url.searchParams.get("v") ?? undefined;
  const [, kind, id] = url.pathname.split("/");
  return kind === "embed" || kind === "shorts" || kind === "live" || kind === "v" ? id : undefined;
}

function vimeo(url: URL): string | undefined {
  const host = url.hostname.replace(/^www\./, "");
  if (host === "player.vimeo.com") {
    const [, kind, id] = url.pathname.split("/");
    return kind === "video" ? id : undefined;
  }
  if (host !== "vimeo.com") return undefined;
  // vimeo.com/123, vimeo.com/channels/staffpicks/123, vimeo.com/groups/x/videos/123: the last numeric segment.
  return url.pathname
    .split("/")
    .filter((segment) => VIMEO_ID.test(segment))
    .at(-1);
}

/**
 * Reads a YouTube or Vimeo address as pasted by a person (watch, short, embed, youtu.be,
 * player links, with or without scheme). Anything else, or an id of the wrong shape, is undefined.
 */
export function parseVideoUrl(input: string): VideoRef | undefined {
  const text = input.trim();
  if (!text || /\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const youtubeId = youtube(url);
  if (youtubeId !== undefined)
    return YOUTUBE_ID.test(youtubeId) ? { provider: "youtube", videoId: youtubeId } : undefined;
  const vimeoId = vimeo(url);
  if (vimeoId !== undefined) return VIMEO_ID.test(vimeoId) ? { provider: "vimeo", videoId: vimeoId } : undefined;
  return undefined;
}

/** The public page of a video, for a "watch on …" link in the editor. */
export function videoPageUrl(ref: VideoRef): string {
  return ref.provider === "youtube"
    ? `https://www.youtube.com/watch?v=${encodeURIComponent(ref.videoId)}`
    : `https://vimeo.com/${encodeURIComponent(ref.videoId)}`;
}

export const PROVIDER_NAMES: Record<EmbedProvider, string> = { youtube: "YouTube", vimeo: "Vimeo" };
