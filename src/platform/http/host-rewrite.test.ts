import { describe, expect, it } from "vitest";
import { makePage } from "../cache/page-cache.js";
import { HostVariants, isRewritable, rewriteOrigin } from "./host-rewrite.js";

const FROM = "https://news.example";
const TO = "https://mirror.example";
const HTML = "text/html; charset=utf-8";

describe("rewriteOrigin", () => {
  it("points links, assets, forms and share links at the mirror", () => {
    const page = [
      `<a href="${FROM}/news/a">`,
      `<img src="${FROM}/media/k/640.webp">`,
      `<form action="${FROM}/search">`,
      `<meta property="og:url" content="${FROM}/news/a">`,
      `<a href="https://x.com/intent/tweet?url=${encodeURIComponent(`${FROM}/news/a`)}&amp;text=A">`,
    ].join("");
    const out = rewriteOrigin(page, HTML, FROM, TO);
    expect(out).not.toContain("news.example");
    expect(out).toContain(`href="${TO}/news/a"`);
    expect(out).toContain(`url=${encodeURIComponent(`${TO}/news/a`)}&amp;`);
  });

  it("keeps the canonical link, hreflang alternates and JSON-LD on the original host", () => {
    const kept = [
      `<link rel="canonical" href="${FROM}/news/a"/>`,
      `<link rel="alternate" href="${FROM}/ru/news/a" hreflang="ru"/>`,
      `<script type="application/ld+json">{"url":"${FROM}/news/a"}</script>`,
    ].join("");
    const out = rewriteOrigin(`${kept}<a href="${FROM}/">home</a>`, HTML, FROM, TO);
    expect(out).toBe(`${kept}<a href="${TO}/">home</a>`);
  });

  it("does not touch another host that starts with the same name", () => {
    const page = `<a href="${FROM}.org/x">other</a><a href="${FROM}:8443/y">port</a><a href="${FROM}">root</a>`;
    expect(rewriteOrigin(page, HTML, FROM, TO)).toBe(
      `<a href="${FROM}.org/x">other</a><a href="${FROM}:8443/y">port</a><a href="${TO}">root</a>`,
    );
  });

  it("moves every link of a feed, which has no canonical of its own", () => {
    const feed = `<item><link>${FROM}/news/a</link><guid>${FROM}/news/a</guid></item>`;
    expect(rewriteOrigin(feed, "application/rss+xml; charset=utf-8", FROM, TO)).toBe(
      `<item><link>${TO}/news/a</link><guid>${TO}/news/a</guid></item>`,
    );
  });

  it("applies to pages and feeds, not to sitemaps or JSON APIs", () => {
    expect(isRewritable(HTML)).toBe(true);
    expect(isRewritable("application/atom+xml; charset=utf-8")).toBe(true);
    expect(isRewritable("application/feed+json")).toBe(true);
    expect(isRewritable("application/xml; charset=utf-8")).toBe(false);
    expect(isRewritable("application/json; charset=utf-8")).toBe(false);
    expect(isRewritable(undefined)).toBe(false);
  });
});

describe("HostVariants", () => {
  it("makes a host's copy once, with its own ETag, and leaves the cached page as it was", () => {
    const page = makePage(200, HTML, `<a href="${FROM}/news/a">a</a>`, ["article:1"]);
    const variants = new HostVariants();
    const copy = variants.of(page, { from: FROM, to: TO });
    expect(copy.body.toString()).toBe(`<a href="${TO}/news/a">a</a>`);
    expect(copy.etag).not.toBe(page.etag);
    expect(copy.keys).toEqual(["article:1"]);
    expect(variants.of(page, { from: FROM, to: TO })).toBe(copy);
    expect(page.body.toString()).toContain(FROM);
  });

  it("serves the page itself when it names no other host", () => {
    const page = makePage(200, HTML, `<a href="/news/a">a</a>`, []);
    expect(new HostVariants().of(page, { from: FROM, to: TO })).toBe(page);
    const sitemap = makePage(200, "application/xml", `<loc>${FROM}/</loc>`, []);
    expect(new HostVariants().of(sitemap, { from: FROM, to: TO })).toBe(sitemap);
  });
});
