import { describe, expect, it } from "vitest";
import { importHtml } from "../newsroom/html-import.js";
import { extractImages, linkHrefs, placeImages, rewriteLinks } from "./import-body.js";

describe("images and links of an imported body", () => {
  it("takes images out, with a figure's caption, and puts them back in place", () => {
    const { html, images } = extractImages(
      '<p>One.</p><figure class="wp-caption"><img src="/up/a.jpg?x=1&amp;y=2" alt="A &amp; B"><figcaption>The <b>caption</b></figcaption></figure><p>Two <img src=\'/up/b.png\'> three.</p>',
    );
    expect(images).toEqual([{ src: "/up/a.jpg?x=1&y=2", alt: "A & B", caption: "The caption" }, { src: "/up/b.png" }]);
    const body = placeImages(importHtml(html).body, (index) => ({ type: "image", attrs: { mediaId: index + 10 } }));
    expect(body.content.map((block) => block.type)).toEqual(["paragraph", "image", "paragraph", "image", "paragraph"]);
    expect(JSON.stringify(body)).not.toContain("gazette-import-image");
  });

  it("leaves nothing where an image could not be had", () => {
    const { html } = extractImages('<p>Text.</p><img src="/gone.jpg"><p>More.</p>');
    const body = placeImages(importHtml(html).body, () => null);
    expect(body.content.map((block) => block.type)).toEqual(["paragraph", "paragraph"]);
  });

  it("lists and rewrites link addresses", () => {
    const { body } = importHtml('<p><a href="https://old.example/a/">A</a> and <a href="https://x.example/">X</a></p>');
    expect(linkHrefs(body)).toEqual(["https://old.example/a/", "https://x.example/"]);
    const rewritten = rewriteLinks(body, new Map([["https://old.example/a/", "https://news.example/news/a"]]));
    expect(linkHrefs(rewritten)).toEqual(["https://news.example/news/a", "https://x.example/"]);
    expect(linkHrefs(body)).toEqual(["https://old.example/a/", "https://x.example/"]);
  });
});
