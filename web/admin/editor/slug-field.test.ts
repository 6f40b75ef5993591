import { describe, expect, it } from "vitest";
import { slugProblem, tidySlug, urlBaseOf } from "./slug-field.js";
import { sourceParagraphs } from "./translation-source-panel.js";

describe("the slug field", () => {
  it("takes the address before the slug from the article's URL", () => {
    expect(urlBaseOf("https://news.example/ru/news/zhiteli-gorlovki")).toBe("https://news.example/ru/news/");
    expect(urlBaseOf("https://news.example/news/boi")).toBe("https://news.example/news/");
  });

  it("tidies what is typed into slug shape", () => {
    expect(tidySlug("Vybory 2026")).toBe("vybory-2026");
    expect(tidySlug("a_b  c")).toBe("a-b-c");
  });

  it("names what the server would refuse", () => {
    expect(slugProblem("vybory-2026")).toBeNull();
    expect(slugProblem("")).toMatch(/empty/);
    expect(slugProblem("double--hyphen")).toMatch(/single hyphens/);
    expect(slugProblem("кирилиця")).toMatch(/lowercase letters/);
    expect(slugProblem("a".repeat(121))).toMatch(/120/);
  });
});

describe("the original beside a translation", () => {
  it("reads the body as paragraphs: blocks, list rows and image captions in order", () => {
    const body = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "What we know" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "First " },
            { type: "text", text: "line." },
          ],
        },
        { type: "image", attrs: { mediaId: 1, caption: "A ferry at the pier" } },
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "One" }] }] }],
        },
        { type: "paragraph" },
      ],
    };
    expect(sourceParagraphs(body)).toEqual(["What we know", "First line.", "[Image] A ferry at the pier", "One"]);
  });
});
