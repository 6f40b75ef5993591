import { describe, expect, it } from "vitest";
import { socialPostNode } from "../../test/factories.js";
import { audioRow, documentRow } from "../../test/media-fixtures.js";
import { notedBodies } from "../../test/note-fixtures.js";
import type { BodyDocument } from "../newsroom/body.types.js";
import type { MediaRow } from "../platform/db/schema.js";
import { absolutizeSitePaths, renderBodyForApi } from "./api-body.renderer.js";

const ORIGIN = "https://news.example";

describe("Content API body HTML", () => {
  it("makes links and images of the site absolute, and leaves other sites' links alone", () => {
    const image: MediaRow = {
      id: 7,
      file_key: "pic00001",
      mime: "image/jpeg",
      width: 1600,
      height: 900,
      alt: "A street",
      caption: null,
      credit: null,
      created_at: "2026-01-01T00:00:00.000Z",
    } as MediaRow;
    const body: BodyDocument = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "See " },
            { type: "text", text: "the map", marks: [{ type: "link", attrs: { href: "/en/maps/bakhmut" } }] },
            { type: "text", text: " and " },
            {
              type: "text",
              text: "the source",
              marks: [{ type: "link", attrs: { href: "https://isw.example/report" } }],
            },
            { type: "text", text: ' with text like href="/x".' },
          ],
        },
        { type: "image", attrs: { mediaId: 7 } },
      ],
    } as BodyDocument;
    const html = renderBodyForApi(body, new Map([[7, image]]), { language: "en", basePath: "/en/", origin: ORIGIN });
    expect(html).toContain(`href="${ORIGIN}/en/maps/bakhmut"`);
    expect(html).toContain('href="https://isw.example/report"');
    expect(html).toContain(`src="${ORIGIN}/media/pic00001/`);
    expect(html).not.toMatch(/srcset="\/|, \/media/);
    expect(html).toContain("href=&quot;/x&quot;");
  });

  it("keeps protocol-relative addresses as they are", () => {
    expect(absolutizeSitePaths('<a href="//cdn.example/a">x</a>', ORIGIN)).toBe('<a href="//cdn.example/a">x</a>');
  });

  it("gives partners a social-post card with the platform link kept and our embed page made absolute", () => {
    const html = renderBodyForApi({ type: "doc", content: [socialPostNode()] }, new Map(), {
      language: "en",
      basePath: "/en/",
      origin: ORIGIN,
    });
    expect(html).toContain('href="https://t.me/frontline_news/4821"');
    expect(html).toContain('data-social-embed="https://news.example/embed/social?url=');
    expect(html).toContain("Post as quoted on 2 December 2026.");
  });

  it("gives a clip's player and a PDF card absolute addresses on the site", () => {
    const body: BodyDocument = {
      type: "doc",
      content: [
        { type: "audio", attrs: { mediaId: 21, title: "Briefing", transcript: "Words." } },
        { type: "document", attrs: { mediaId: 22, title: "Report" } },
      ],
    };
    const media = new Map<number, MediaRow>([
      [21, audioRow(21)],
      [22, documentRow(22)],
    ]);
    const html = renderBodyForApi(body, media, { language: "en", basePath: "/en/", origin: ORIGIN });
    expect(html).toContain(`<audio controls preload="none" src="${ORIGIN}/media/aud21x/audio.mp3">`);
    expect(html).toContain(`href="${ORIGIN}/media/doc22x/document.pdf" download>`);
    expect(html).toContain(`<img src="${ORIGIN}/media/doc22x/page-1.jpg"`);
  });
});

describe("editorial notes in the Content API's HTML", () => {
  it("renders a body with note marks exactly as the same body without them", () => {
    const { plain, noted } = notedBodies();
    const edition = { language: "en", basePath: "/en/", origin: ORIGIN };
    expect(renderBodyForApi(noted, new Map(), edition)).toBe(renderBodyForApi(plain, new Map(), edition));
  });
});
