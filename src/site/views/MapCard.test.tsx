import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { findBodyIssues } from "../../newsroom/body.validator.js";
import { ArticleBody } from "./ArticleBody.js";

const mapEmbed = {
  type: "embed" as const,
  attrs: { provider: "map" as const, videoId: "bakhmut", title: "Battle map" },
};

describe("a map embedded in an article body", () => {
  it("is accepted by the body validator only with a slug", () => {
    expect(findBodyIssues({ type: "doc", content: [mapEmbed] })).toEqual([]);
    const bad = { type: "embed", attrs: { provider: "map", videoId: "../admin", title: "x" } };
    expect(findBodyIssues({ type: "doc", content: [bad] })).toEqual([
      expect.objectContaining({ path: "content[0].attrs.videoId" }),
    ]);
  });

  it("renders as the map's SVG preview linking to the edition's map page", () => {
    const html = renderToString(
      <ArticleBody body={{ type: "doc", content: [mapEmbed] }} media={new Map()} language="en" basePath="/en/" />,
    );
    expect(html).toContain('href="/en/maps/bakhmut"');
    expect(html).toContain('src="/en/maps/bakhmut/preview.svg"');
    expect(html).toContain("Open the interactive map");
  });
});
