import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import type { SocialPlatform } from "../src/newsroom/social-url.shared.js";

export interface FakeSocialPost {
  author: string;
  text: string;
  /** An ISO instant, given as OpenGraph's article:published_time on the platforms read through OpenGraph. */
  publishedAt?: string;
  /** Whether the post has an image (served by the fake at /images/{n}.png). */
  image?: boolean;
}

/** "December 1, 2026", as X labels a post's day. */
const dayLabel = (iso: string) =>
  new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "long", day: "numeric", year: "numeric" }).format(
    new Date(iso),
  );

const OEMBED: ReadonlySet<SocialPlatform> = new Set(["x", "tiktok", "bluesky", "mastodon"]);

const escapeText = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/**
 * A local stand-in for the seven platforms' oEmbed and OpenGraph endpoints, one path prefix each
 * (`/telegram/{channel}/{id}`, `/x/oembed?url=…`, `/mastodon/api/oembed?url=…`…), so the app points
 * `SOCIAL_*_BASE` here (`envFor`). It knows the posts it was given by their canonical address,
 * answers 404 for others (a deleted post), can hang a platform (a timeout) and records every request.
 */
export class FakeSocial {
  readonly requests: string[] = [];
  private readonly posts = new Map<string, FakeSocialPost>();
  private readonly hanging = new Set<string>();
  private image: Buffer = Buffer.alloc(0);

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeSocial> {
    let fake: FakeSocial | undefined;
    const server = http.createServer((request, response) => fake?.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSocial(server, `http://127.0.0.1:${port}`);
    fake.image = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c33" } })
      .png()
      .toBuffer();
    return fake;
  }

  /** The app's settings that send every platform's fetch here (private addresses allowed: this is loopback). */
  envFor(): Record<string, string> {
    return {
      SOCIAL_TELEGRAM_BASE: `${this.url}/telegram`,
      SOCIAL_X_BASE: `${this.url}/x`,
      SOCIAL_INSTAGRAM_BASE: `${this.url}/instagram`,
      SOCIAL_FACEBOOK_BASE: `${this.url}/facebook`,
      SOCIAL_TIKTOK_BASE: `${this.url}/tiktok`,
      SOCIAL_BLUESKY_BASE: `${this.url}/bluesky`,
      SOCIAL_MASTODON_BASE: `${this.url}/mastodon`,
      SOCIAL_ALLOW_PRIVATE: "true",
    };
  }

  /** Serves a post under its canonical address (as `parseSocialUrl` gives it). */
  addPost(url: string, post: FakeSocialPost): void {
    this.posts.set(url, post);
  }

  /** Requests for this platform are never answered (until `close`). */
  hang(platform: SocialPlatform): void {
    this.hanging.add(platform);
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    this.requests.push(request.url ?? "");
    const url = new URL(request.url ?? "/", this.url);
    const [, platform = "", ...rest] = url.pathname.split("/");
    if (this.hanging.has(platform)) return;
    if (platform === "images") {
      response.writeHead(200, { "content-type": "image/png" }).end(this.image);
      return;
    }
    const canonical = OEMBED.has(platform as SocialPlatform)
      ? url.searchParams.get("url")
      : this.canonicalOf(platform, rest.join("/"), url.search);
    const post = canonical ? this.posts.get(canonical) : undefined;
    if (!post) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const imageUrl = post.image ? `${this.url}/images/${this.posts.size}.png` : undefined;
    if (OEMBED.has(platform as SocialPlatform)) {
      response.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          version: "1.0",
          type: "rich",
          author_name: post.author,
          // Ends, like X's and Bluesky's, with a link to the post labelled with its day.
          html: `<blockquote class="embed"><p>${escapeText(post.text).replace(/\n\n/g, "</p><p>")}</p>&mdash; ${escapeText(post.author)}${post.publishedAt ? ` <a href="${escapeText(canonical ?? "")}">${dayLabel(post.publishedAt)}</a>` : ""}</blockquote><script async src="https://platform.example/widgets.js"></script>`,
          ...(imageUrl ? { thumbnail_url: imageUrl } : {}),
        }),
      );
      return;
    }
    const meta = [
      ["og:title", post.author],
      ["og:description", post.text],
      ...(post.publishedAt ? [["article:published_time", post.publishedAt]] : []),
      ...(imageUrl ? [["og:image", imageUrl]] : []),
    ];
    response
      .writeHead(200, { "content-type": "text/html; charset=utf-8" })
      .end(
        `<!doctype html><html><head>${meta.map(([p, c]) => `<meta property="${p}" content="${escapeText(c ?? "")}">`).join("")}</head><body><script>alert(1)</script></body></html>`,
      );
  }

  private canonicalOf(platform: string, path: string, search: string): string | undefined {
    switch (platform) {
      case "telegram":
        return `https://t.me/${path}`;
      case "instagram":
        return `https://www.instagram.com/${path}`;
      case "facebook":
        return `https://www.facebook.com/${path}${search}`;
      default:
        return undefined;
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
