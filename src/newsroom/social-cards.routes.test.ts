import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeSocial } from "../../test/fake-social.js";
import { testConfig } from "../../test/harness.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { Role } from "../staff/actor.js";
import type { MediaService } from "./media.service.js";
import { SocialCardsService } from "./social-cards.service.js";
import { SOCIAL_PLATFORM_NAMES, type SocialPlatform } from "./social-url.shared.js";

const POSTS: [SocialPlatform, string][] = [
  ["telegram", "https://t.me/frontline_news/4821"],
  ["x", "https://x.com/frontline_news/status/1731000000000000000"],
  ["instagram", "https://www.instagram.com/p/C0abcDEF12x/"],
  ["facebook", "https://www.facebook.com/frontline.news/posts/123456789"],
  ["tiktok", "https://www.tiktok.com/@frontline.news/video/7300000000000000000"],
  ["bluesky", "https://bsky.app/profile/frontline.bsky.social/post/3kabcdefgh2xy"],
  ["mastodon", "https://mastodon.social/@frontline/111222333444555666"],
];

describe.each(DIALECTS)("social-post cards API on %s", (dialect) => {
  let t: TestApp;
  let fake: FakeSocial;
  const fetchCard = async (url: string, role: Role = "contributor") =>
    t.app.inject({
      method: "POST",
      url: "/admin/api/social-cards",
      headers: await t.bearer(role),
      payload: { url },
    });

  beforeEach(async () => {
    fake = await FakeSocial.start();
    t = await startTestApp(dialect, {
      env: { ...fake.envFor(), SOCIAL_FETCH_TIMEOUT_SECONDS: "1" },
      now: () => new Date("2026-12-02T10:00:00Z"),
    });
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  it.each(POSTS)(
    "makes a static %s card from the platform's endpoint, its image stored in the media library",
    async (platform, url) => {
      fake.addPost(url, {
        author: "Frontline News",
        text: "Air defence is working.\n\nStay in shelters <script>alert(1)</script>",
        publishedAt: "2026-12-01T06:15:00Z",
        image: true,
      });
      const response = await fetchCard(url);
      expect(response.statusCode).toBe(200);
      const card = response.json();
      expect(card).toMatchObject({
        platform,
        url,
        author: "Frontline News",
        quotedOn: "2026-12-02",
        source: "fetched",
      });
      // Words only: markup from the platform is never kept, so nothing of it can run on our pages.
      expect(card.text).toBe("Air defence is working.\n\nStay in shelters <script>alert(1)</script>");
      const row = await t.services.media.get(card.mediaId);
      expect(row).toMatchObject({
        mime: "image/jpeg",
        width: 64,
        height: 48,
        credit: `Frontline News / ${SOCIAL_PLATFORM_NAMES[platform]}`,
      });
      expect(row.alt).toContain("Frontline News");
      // OpenGraph gives the instant; an oEmbed answer only the day, in its closing link.
      expect(card.postedAt).toBe(
        ["x", "tiktok", "bluesky", "mastodon"].includes(platform) ? "2026-12-01" : "2026-12-01T06:15",
      );
    },
  );

  it("reads the post's date from OpenGraph where the platform gives one", async () => {
    fake.addPost(POSTS[0]![1], { author: "Frontline News", text: "Sirens.", publishedAt: "2026-12-01T06:15:00Z" });
    const card = (await fetchCard("t.me/s/frontline_news/4821?single")).json();
    expect(card).toMatchObject({ url: POSTS[0]![1], postedAt: "2026-12-01T06:15", mediaId: null });
  });

  it("answers social_fetch_failed with reason not_found for a deleted post, so the editor types it by hand", async () => {
    const response = await fetchCard(POSTS[1]![1]);
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: "social_fetch_failed", details: { reason: "not_found" } });
  });

  it("answers social_fetch_failed with reason timeout when the platform does not answer in time", async () => {
    fake.hang("telegram");
    const response = await fetchCard(POSTS[0]![1]);
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: "social_fetch_failed", details: { reason: "timeout" } });
  });

  it("refuses an address that is not a post of a known platform, before fetching anything", async () => {
    for (const url of ["javascript:alert(1)", "https://example.com/post/1", "https://t.me/frontline_news"]) {
      const response = await fetchCard(url);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("social_url_unsupported");
    }
    expect(fake.requests).toEqual([]);
  });

  it("requires a signed-in member", async () => {
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/admin/api/social-cards",
      payload: { url: POSTS[0]![1] },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(fake.requests).toEqual([]);
  });
});

describe("social-post card fetching without SOCIAL_ALLOW_PRIVATE", () => {
  it("never fetches a Mastodon instance whose name resolves to a private address", async () => {
    const config = { ...testConfig().social, allowPrivate: false };
    const cards = new SocialCardsService(config, {} as MediaService, undefined, async () => ["10.0.0.7"]);
    await expect(
      cards.fetchCard("https://intranet.example.org/@staff/42", { staffId: null, tokenId: null }),
    ).rejects.toMatchObject({ code: "social_fetch_failed", details: { reason: "private_address" } });
  });
});
