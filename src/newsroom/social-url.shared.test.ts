import { describe, expect, it } from "vitest";
import { parseSocialUrl } from "./social-url.shared.js";

describe("social post addresses", () => {
  it.each([
    ["https://t.me/kyivindependent/1234", "telegram", "https://t.me/kyivindependent/1234"],
    ["t.me/s/kyivindependent/1234?single", "telegram", "https://t.me/kyivindependent/1234"],
    ["https://telegram.me/some_channel/5", "telegram", "https://t.me/some_channel/5"],
    [
      "https://twitter.com/Defence_UA/status/1730000000000000000?s=20",
      "x",
      "https://x.com/Defence_UA/status/1730000000000000000",
    ],
    ["https://x.com/someone/status/17/photo/1", "x", "https://x.com/someone/status/17"],
    ["https://www.instagram.com/p/C0abcDEF12x/?igsh=xyz", "instagram", "https://www.instagram.com/p/C0abcDEF12x/"],
    ["instagram.com/reel/C0abcDEF12x", "instagram", "https://www.instagram.com/reel/C0abcDEF12x/"],
    [
      "https://www.facebook.com/GeneralStaff.ua/posts/pfbid02abcdefghijkLMNOP",
      "facebook",
      "https://www.facebook.com/GeneralStaff.ua/posts/pfbid02abcdefghijkLMNOP",
    ],
    [
      "https://m.facebook.com/permalink.php?story_fbid=123&id=456",
      "facebook",
      "https://www.facebook.com/permalink.php?story_fbid=123&id=456",
    ],
    [
      "https://www.tiktok.com/@reporter.ua/video/7300000000000000000",
      "tiktok",
      "https://www.tiktok.com/@reporter.ua/video/7300000000000000000",
    ],
    [
      "https://bsky.app/profile/Reporter.bsky.social/post/3kabcdefgh2xy",
      "bluesky",
      "https://bsky.app/profile/reporter.bsky.social/post/3kabcdefgh2xy",
    ],
    [
      "https://mastodon.social/@reporter/111222333444555666",
      "mastodon",
      "https://mastodon.social/@reporter/111222333444555666",
    ],
    ["https://social.example.org/users/reporter/statuses/42", "mastodon", "https://social.example.org/@reporter/42"],
  ])("reads %s as a %s post", (input, platform, url) => {
    expect(parseSocialUrl(input)).toMatchObject({ platform, url });
  });

  it("gives each post the platform's embed page and its origin", () => {
    expect(parseSocialUrl("https://t.me/kyivindependent/1234")).toEqual({
      platform: "telegram",
      url: "https://t.me/kyivindependent/1234",
      embedUrl: "https://t.me/kyivindependent/1234?embed=1",
      embedOrigin: "https://t.me",
    });
    expect(parseSocialUrl("https://x.com/a/status/1")?.embedOrigin).toBe("https://platform.twitter.com");
    expect(parseSocialUrl("https://mastodon.social/@a/1")?.embedUrl).toBe("https://mastodon.social/@a/1/embed");
  });

  it.each([
    "javascript:alert(1)//t.me/channel/1",
    "https://t.me/channel",
    "https://t.me/c/123/45",
    "https://t.me/channel/abc",
    "https://user:pw@t.me/channel/1",
    "https://t.me:8443/channel/1",
    "https://x.com/someone",
    "https://x.com/someone/likes",
    "https://www.instagram.com/someone/",
    "https://www.facebook.com/someone",
    "https://www.tiktok.com/@someone",
    "https://bsky.app/profile/someone.bsky.social",
    "https://127.0.0.1/@user/1",
    "https://localhost/@user/1",
    "https://www.youtube.com/@channel/12",
    "https://example.com/news/1",
    "ftp://t.me/channel/1",
    "t.me/channel/1 and more",
    `https://t.me/channel/1?${"x".repeat(3000)}`,
    "",
  ])("refuses %s", (input) => {
    expect(parseSocialUrl(input)).toBeUndefined();
  });
});
