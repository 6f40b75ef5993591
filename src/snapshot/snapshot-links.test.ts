import { describe, expect, it } from "vitest";
import { type LinkRewrite, linksOf, rewritePage, rewriteStyleSheet } from "./snapshot-links.js";

/** Site links become `file:<path>`; everything else stays. */
const link: LinkRewrite = (value) => {
  if (value.startsWith("#")) return undefined;
  const url = new URL(value, "https://news.example/news/a");
  return url.origin === "https://news.example" ? `file:${url.pathname}${url.search}${url.hash}` : undefined;
};
const rewrite = (html: string) => rewritePage(html, { link, formNote: "<aside>NOTE</aside>" });

describe("snapshot link rewriting", () => {
  it("rewrites href, src and every srcset candidate", () => {
    const html =
      '<a href="/section/war">War</a><img src="/media/k/400.jpg" srcset="/media/k/400.webp 400w, /media/k/800.webp 800w" alt="">';
    expect(rewrite(html)).toBe(
      '<a href="file:/section/war">War</a><img src="file:/media/k/400.jpg" srcset="file:/media/k/400.webp 400w, file:/media/k/800.webp 800w" alt="">',
    );
  });

  it("keeps the canonical link absolute", () => {
    const html =
      '<link rel="canonical" href="https://news.example/news/a"><link rel="alternate" hreflang="ru" href="https://news.example/ru/news/b">';
    expect(rewrite(html)).toBe(
      '<link rel="canonical" href="https://news.example/news/a"><link rel="alternate" hreflang="ru" href="file:/ru/news/b">',
    );
  });

  it("leaves what the rewrite keeps and attributes that are not links alone", () => {
    const html = '<a href="#top">Top</a><a href="https://x.example/p">X</a><meta content="/news/a">';
    expect(rewrite(html)).toBe(html);
  });

  it("decodes and re-escapes ampersands in attributes", () => {
    expect(rewrite('<a href="/?after=1&amp;utm=2">More</a>')).toBe('<a href="file:/?after=1&amp;utm=2">More</a>');
  });

  it("leaves the audience beacon and its pixels out: a static copy has no server to count", () => {
    const html =
      '<head><script type="module" src="/assets/site.js"></script><script type="module" src="/assets/beacon-x.js" data-audience="beacon"></script></head>' +
      '<main>A</main><noscript data-audience="pixel"><img data-audience="pixel" class="audience-pixel" src="/beacon.gif?e=en&amp;a=1" alt="" width="1" height="1"/></noscript>' +
      '<img data-audience="pixel" class="audience-pixel" src="/beacon.gif?e=en&amp;a=0" alt="" width="1" height="1"/><footer>B</footer>';
    const out = rewrite(html);
    expect(out).not.toContain("beacon");
    expect(out).not.toContain("noscript");
    expect(out).toContain("<main>A</main><footer>B</footer>");
    expect(out).toContain('s.src="file:/assets/site.js"');
  });

  it("replaces every form with the note, whose links are not rewritten", () => {
    const html =
      '<p>A</p><form action="/search" method="get"><input name="q"></form><p>B</p><form method="post" action="/newsletters/subscribe"><button>Go</button></form>';
    const out = rewritePage(html, { link, formNote: '<aside><a href="https://news.example/">live</a></aside>' });
    expect(out).toBe(
      '<p>A</p><aside><a href="https://news.example/">live</a></aside><p>B</p><aside><a href="https://news.example/">live</a></aside>',
    );
  });

  it("rewrites the URLs in a page's JSON data block (the map island's)", () => {
    const html =
      '<script type="application/json" id="map-data">{"basemapUrl":"/geo/basemap.topo.json","tileUrl":null,"pins":[{"url":"/news/b","title":"a \\u003cb\\u003e"}]}</script>';
    expect(rewrite(html)).toBe(
      '<script type="application/json" id="map-data">{"basemapUrl":"file:/geo/basemap.topo.json","tileUrl":null,"pins":[{"url":"file:/news/b","title":"a \\u003cb\\u003e"}]}</script>',
    );
  });

  it("loads the islands only off file://, where browsers refuse module scripts", () => {
    const out = rewrite('<script type="module" src="/assets/site.js"></script>');
    expect(out).toContain('if(location.protocol!=="file:")');
    expect(out).toContain('s.src="file:/assets/site.js"');
    expect(out).not.toContain('type="module" src=');
  });

  it("rewrites url() in style sheets but not data: URLs", () => {
    const css = '@font-face{src:url(/assets/f.woff2) format("woff2")}.a{background:url(data:image/png;base64,AA==)}';
    expect(rewriteStyleSheet(css, link)).toBe(
      '@font-face{src:url(file:/assets/f.woff2) format("woff2")}.a{background:url(data:image/png;base64,AA==)}',
    );
  });

  it("lists a page's links with what each is for", () => {
    const html =
      '<link rel="canonical" href="https://news.example/a"><a data-snapshot-mirror href="https://m.example/">m</a><img srcset="a.webp 1x, b.webp 2x">';
    expect(linksOf(html)).toEqual([
      { value: "https://news.example/a", kind: "canonical" },
      { value: "https://m.example/", kind: "mirror" },
      { value: "a.webp", kind: "file" },
      { value: "b.webp", kind: "file" },
    ]);
  });
});
