import { describe, expect, it } from "vitest";
import { publishFindings } from "./publish-checks.js";

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

  it("names a lead image without alternative text and a missing section", () => {
    const findings = publishFindings({ ...complete, leadImage: { ...complete.leadImage, alt: " " }, section: null });
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatch(/alternative text/);
    expect(findings[1]).toMatch(/no section/);
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
