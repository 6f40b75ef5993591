import { describe, expect, it } from "vitest";
import { isSafeHref, isSafeUrl, safeUrlOrUndefined } from "./safe-url.shared.js";

describe("the link rule", () => {
  it.each(["https://t.me/x", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG", "/en/support", "/"])(
    "lets a setting hold %s",
    (href) => {
      expect(isSafeUrl(href)).toBe(true);
      expect(isSafeHref(href)).toBe(true);
    },
  );

  it.each([
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    '"><script>alert(1)</script>',
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    'https://t.me/x"><script>',
    "https://t.me/x y",
    "https:evil.example",
    "ftp://example.org",
    "mailto:desk@example.org",
    "#top",
    "",
    `https://example.org/${"a".repeat(2100)}`,
  ])("refuses %j in a setting", (href) => {
    expect(isSafeUrl(href)).toBe(false);
    expect(safeUrlOrUndefined(href)).toBeUndefined();
  });

  it("lets body links also be mail addresses and anchors, but not scripts", () => {
    expect(isSafeHref("mailto:desk@example.org")).toBe(true);
    expect(isSafeHref("#takeaways")).toBe(true);
    expect(isSafeHref("javascript:alert(1)")).toBe(false);
    expect(isSafeHref('#"><script>')).toBe(false);
  });
});
