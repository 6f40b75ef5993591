import { describe, expect, it } from "vitest";
import { imagesOf, missingAltText, publishFindings } from "./publish-checks.js";

const complete = {
  leadImage: { mediaId: 1, caption: null, credit: null, alt: "A ferry at the pier" },
  section: 3,
  tabVersion: 4,
  serverVersion: 4,
};

describe("publishFindings", () => {
  it("asks nothing of a complete article this tab is up to date with", () => {
    expect(publishFindings(complete)).toEqual([]);
  });

  it("names a missing section", () => {
    expect(publishFindings({ ...complete, section: null })).toEqual([expect.stringMatching(/no section/)]);
  });

  it("warns when the server has a newer version than the tab loaded", () => {
    expect(publishFindings({ ...complete, serverVersion: 6 })).toEqual([expect.stringMatching(/version 6 .* 4 here/)]);
  });

  it("does not ask about an article without a lead image", () => {
    expect(publishFindings({ ...complete, leadImage: null })).toEqual([]);
  });

  it("lists the fields of a translation still in the original's language", () => {
    const findings = publishFindings({ ...complete, untranslated: ["dek", "body", "leadCaption", "section"] });
    expect(findings).toEqual(["Not yet translated (still in the original's language): dek, body, lead image caption."]);
  });
});

describe("alternative text before publishing", () => {
  it("lists the lead image and the body's images in reading order with the story's own alt text", () => {
    const images = imagesOf(
      { mediaId: 7, caption: null, credit: null, alt: null },
      {
        content: [
          { type: "paragraph" },
          { type: "image", attrs: { mediaId: 8, alt: "A crater by the road" } },
          { type: "image", attrs: { mediaId: 9, alt: null } },
        ],
      },
    );
    expect(images).toEqual([
      { where: "The lead image", mediaId: 7, alt: null },
      { where: "Image 1 in the body", mediaId: 8, alt: "A crater by the road" },
      { where: "Image 2 in the body", mediaId: 9, alt: null },
    ]);
  });

  it("names each image with no alt text in the story nor in the library, and lets the library's stand in", () => {
    expect(
      missingAltText([
        { where: "The lead image", alt: " ", libraryAlt: "Volunteers load a van" },
        { where: "Image 1 in the body", alt: null, libraryAlt: "" },
        { where: "Image 2 in the body", alt: "Smoke over the port", libraryAlt: null },
        { where: "Image 3 in the body", alt: null, libraryAlt: undefined },
      ]),
    ).toEqual(["Image 1 in the body has no alternative text.", "Image 3 in the body has no alternative text."]);
  });
});

describe("imagesOf galleries", () => {
  it("lists each photo of each gallery, so a photo without alt text holds publishing back", () => {
    const images = imagesOf(null, {
      content: [
        { type: "gallery", attrs: { layout: "grid", photos: [{ mediaId: 3, alt: "Smoke" }, { mediaId: 4 }] } },
        { type: "image", attrs: { mediaId: 5, alt: "Crater" } },
      ],
    });
    expect(images).toEqual([
      { where: "Photo 1 of gallery 1", mediaId: 3, alt: "Smoke" },
      { where: "Photo 2 of gallery 1", mediaId: 4, alt: null },
      { where: "Image 1 in the body", mediaId: 5, alt: "Crater" },
    ]);
    expect(missingAltText(images.map((image) => ({ ...image, libraryAlt: null })))).toEqual([
      "Photo 2 of gallery 1 has no alternative text.",
    ]);
  });
});
