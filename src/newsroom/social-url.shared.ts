// Browser-safe: the admin app imports this module (no server code may be imported here).

/** Platforms whose posts a story may quote as a social-post card; the one allowlist of validator, import and editor. */
export const SOCIAL_PLATFORMS = ["telegram", "x", "instagram", "facebook", "tiktok", "bluesky", "mastodon"] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];

export const SOCIAL_PLATFORM_NAMES: Readonly<Record<SocialPlatform, string>> = {
  telegram: "Telegram",
  x: "X",
  instagram: "Instagram",
  facebook: "Facebook",
  tiktok: "TikTok",
  bluesky: "Bluesky",
  mastodon: "Mastodon",
};

export interface SocialPostRef {
  platform: SocialPlatform;
  /** The one address stored for the post: https, the platform's main host, no tracking query. */
  url: string;
  /** The platform's own embed page for the post, loaded only after a reader asks for it. */
  embedUrl: string;
  /** The origin `embedUrl` is on: the only host the embed page's policy lets in. */
  embedOrigin: string;
}

const MAX_URL_LENGTH = 2048;
const DIGITS = /^\d{1,20}$/;
// A hostname of public DNS labels with at least one dot: never an IP literal or "localhost".
const PUBLIC_HOST = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

type Parser = (url: URL, segments: string[]) => SocialPostRef | undefined;

function ref(platform: SocialPlatform, url: string, embedUrl: string): SocialPostRef {
  return { platform, url, embedUrl, embedOrigin: new URL(embedUrl).origin };
}

const PARSERS: Record<SocialPlatform, { hosts: readonly string[] | null; parse: Parser }> = {
  telegram: {
    hosts: ["t.me", "telegram.me"],
    parse: (_url, s) => {
      const [channel, id] = s[0] === "s" ? s.slice(1) : s;
      if (s.length > (s[0] === "s" ? 3 : 2) || !channel || !id) return undefined;
      if (!/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(channel) || !DIGITS.test(id)) return undefined;
      return ref("telegram", `https://t.me/${channel}/${id}`, `https://t.me/${channel}/${id}?embed=1`);
    },
  },
  x: {
    hosts: ["x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"],
    parse: (_url, s) => {
      const [user, kind, id] = s;
      if (!user || kind !== "status" || !id || !DIGITS.test(id) || (s.length > 3 && s[3] !== "photo")) return undefined;
      if (!/^[A-Za-z0-9_]{1,15}$/.test(user)) return undefined;
      return ref(
        "x",
        `https://x.com/${user}/status/${id}`,
        `https://platform.twitter.com/embed/Tweet.html?dnt=true&id=${id}`,
      );
    },
  },
  instagram: {
    hosts: ["instagram.com"],
    parse: (_url, s) => {
      const [kind, code] = s;
      if (!code || !["p", "reel", "tv"].includes(kind ?? "") || !/^[A-Za-z0-9_-]{5,40}$/.test(code)) return undefined;
      if (s.length > 3 || (s.length === 3 && s[2] !== "embed")) return undefined;
      return ref(
        "instagram",
        `https://www.instagram.com/${kind}/${code}/`,
        `https://www.instagram.com/${kind}/${code}/embed/`,
      );
    },
  },
  facebook: {
    hosts: ["facebook.com", "m.facebook.com"],
    parse: (url, s) => {
      let path: string | undefined;
      if (s.length === 1 && s[0] === "permalink.php") {
        const story = url.searchParams.get("story_fbid") ?? "";
        const owner = url.searchParams.get("id") ?? "";
        if (/^(?:\d{1,20}|pfbid[A-Za-z0-9]{10,80})$/.test(story) && DIGITS.test(owner))
          path = `permalink.php?story_fbid=${story}&id=${owner}`;
      } else if (s.length === 3 && (s[1] === "posts" || s[1] === "videos")) {
        const [page = "", kind, id = ""] = s;
        if (/^[A-Za-z0-9.]{1,80}$/.test(page) && /^(?:\d{1,20}|pfbid[A-Za-z0-9]{10,80})$/.test(id))
          path = `${page}/${kind}/${id}`;
      }
      if (!path) return undefined;
      const canonical = `https://www.facebook.com/${path}`;
      const plugin = s[1] === "videos" ? "video" : "post";
      return ref(
        "facebook",
        canonical,
        `https://www.facebook.com/plugins/${plugin}.php?href=${encodeURIComponent(canonical)}`,
      );
    },
  },
  tiktok: {
    hosts: ["tiktok.com", "m.tiktok.com"],
    parse: (_url, s) => {
      const [user, kind, id] = s;
      if (s.length !== 3 || kind !== "video" || !id || !DIGITS.test(id)) return undefined;
      if (!user || !/^@[A-Za-z0-9_.]{2,24}$/.test(user)) return undefined;
      return ref("tiktok", `https://www.tiktok.com/${user}/video/${id}`, `https://www.tiktok.com/embed/v2/${id}`);
    },
  },
  bluesky: {
    hosts: ["bsky.app"],
    parse: (_url, s) => {
      const [profile, who, kind, rkey] = s;
      if (s.length !== 4 || profile !== "profile" || kind !== "post" || !who || !rkey) return undefined;
      const handle = who.toLowerCase();
      if (!PUBLIC_HOST.test(handle) && !/^did:(?:plc|web):[a-z0-9.:-]{3,120}$/.test(handle)) return undefined;
      if (!/^[a-z2-7]{13}$/.test(rkey)) return undefined;
      return ref(
        "bluesky",
        `https://bsky.app/profile/${handle}/post/${rkey}`,
        `https://embed.bsky.app/embed/${handle}/app.bsky.feed.post/${rkey}`,
      );
    },
  },
  mastodon: {
    // Any instance: a public host whose path is a status (`/@user/123` or `/users/user/statuses/123`).
    hosts: null,
    parse: (url, s) => {
      let user: string | undefined;
      let id: string | undefined;
      if (s.length === 2 && s[0]?.startsWith("@")) [user, id] = [s[0].slice(1), s[1]];
      else if (s.length === 4 && s[0] === "users" && s[2] === "statuses") [user, id] = [s[1], s[3]];
      if (!user || !id || !/^[A-Za-z0-9_]{1,30}$/.test(user) || !DIGITS.test(id)) return undefined;
      const base = `https://${url.hostname}/@${user}/${id}`;
      return ref("mastodon", base, `${base}/embed`);
    },
  },
};

// Hosts of the named platforms (and the video hosts): a path there that is not one of their
// posts is not a Mastodon status either.
const KNOWN_HOSTS = new Set([
  ...SOCIAL_PLATFORMS.flatMap((platform) => PARSERS[platform].hosts ?? []),
  "youtube.com",
  "youtu.be",
  "vimeo.com",
]);

/**
 * Reads the address of one post on a platform Gazette quotes, as pasted by a person (with or
 * without scheme, with tracking queries or a trailing slash). Anything else is undefined: a
 * profile, a search, another host, a port, a password, a `javascript:` address.
 */
export function parseSocialUrl(input: string): SocialPostRef | undefined {
  const text = input.trim();
  if (!text || text.length > MAX_URL_LENGTH || /\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username || url.password || url.port) return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  if (!PUBLIC_HOST.test(host)) return undefined;
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  for (const platform of SOCIAL_PLATFORMS) {
    const { hosts, parse } = PARSERS[platform];
    if (hosts ? !hosts.includes(host) : KNOWN_HOSTS.has(host)) continue;
    const found = parse(url, segments);
    if (found) return found;
  }
  return undefined;
}
