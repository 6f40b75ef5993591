import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";

describe("the social-post embed page", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp("sqlite");
  });
  afterEach(async () => t.close());

  it("frames the platform's embed in a sandbox, under a policy that lets in that one origin only", async () => {
    const response = await t.app.inject({ url: "/embed/social?url=https%3A%2F%2Ft.me%2Ffrontline_news%2F4821" });
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("frame-src https://t.me;");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(response.body).toContain('<iframe src="https://t.me/frontline_news/4821?embed=1"');
    expect(response.body).toContain(
      'sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"',
    );
    expect(response.body).not.toContain("<script");
  });

  it("rebuilds the embed address from the parsed post, so query tricks never reach the page", async () => {
    const url = encodeURIComponent('https://mastodon.social/@frontline/1?"><script>alert(1)</script>');
    const response = await t.app.inject({ url: `/embed/social?url=${url}` });
    expect(response.body).toContain('<iframe src="https://mastodon.social/@frontline/1/embed"');
    expect(response.body).not.toContain("alert");
  });

  it("refuses an address that is not a known platform's post with social_url_unsupported", async () => {
    const response = await t.app.inject({
      url: "/embed/social?url=javascript%3Aalert(1)",
      headers: { accept: "application/json" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("social_url_unsupported");
  });

  it("lets reader pages frame only our own embed page besides the video players", async () => {
    const response = await t.app.inject({ url: "/embed/social?url=https%3A%2F%2Ft.me%2Fa_channel%2F1" });
    expect(response.headers["x-frame-options"]).toBeUndefined();
    // Any HTML page of the site: the admin app's shell will do.
    const page = await t.app.inject({ url: "/admin/" });
    expect(String(page.headers["content-type"])).toContain("text/html");
    expect(String(page.headers["content-security-policy"])).toContain(
      "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com;",
    );
  });
});
