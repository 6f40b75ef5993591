import { describe, expect, it } from "vitest";
import { parseVideoUrl, videoPageUrl } from "./video-url.shared.js";

describe("parseVideoUrl", () => {
  it.each([
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s&list=PL123", "dQw4w9WgXcQ"],
    ["https://m.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ?si=abc", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/embed/dQw4w9WgXcQ?start=10", "dQw4w9WgXcQ"],
    ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/live/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["  https://youtu.be/dQw4w9WgXcQ  ", "dQw4w9WgXcQ"],
  ])("reads the YouTube address %s", (url, videoId) => {
    expect(parseVideoUrl(url)).toEqual({ provider: "youtube", videoId });
  });

  it.each([
    ["https://vimeo.com/76979871", "76979871"],
    ["https://www.vimeo.com/76979871#t=3s", "76979871"],
    ["https://player.vimeo.com/video/76979871?h=abc", "76979871"],
    ["https://vimeo.com/channels/staffpicks/76979871", "76979871"],
    ["vimeo.com/groups/shortfilms/videos/76979871", "76979871"],
  ])("reads the Vimeo address %s", (url, videoId) => {
    expect(parseVideoUrl(url)).toEqual({ provider: "vimeo", videoId });
  });

  it.each([
    "",
    "not a url",
    "https://example.com/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com/watch?v=short",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ<script>",
    "https://www.youtube.com/channel/UC1234567890",
    "https://youtu.be/",
    "https://vimeo.com/about",
    "https://evil.example/vimeo.com/76979871",
    "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
    "ftp://youtube.com/watch?v=dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ and more words",
  ])("refuses %j", (url) => {
    expect(parseVideoUrl(url)).toBeUndefined();
  });

  it("links back to the provider's page", () => {
    expect(videoPageUrl({ provider: "youtube", videoId: "dQw4w9WgXcQ" })).toBe(
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    );
    expect(videoPageUrl({ provider: "vimeo", videoId: "76979871" })).toBe("https://vimeo.com/76979871");
  });
});
