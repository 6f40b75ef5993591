import { describe, expect, it } from "vitest";
import { parseXml, textOf, type XmlNode } from "../../test/feed-readers.js";
import { element, escapeXml, rfc822 } from "./xml.js";

describe("XML text", () => {
  it("escapes markup so a hostile title stays text", () => {
    const hostile = `<script>alert("x")</script> ]]> & 'q'`;
    expect(escapeXml(hostile)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ]]&gt; &amp; &apos;q&apos;");
    // An XML parser reads back exactly the text, as text: one element, no <script> element.
    const parsed = parseXml(`<r>${element("t", hostile, { a: hostile })}</r>`);
    const t = (parsed.r as XmlNode).t as XmlNode;
    expect(textOf(t)).toBe(hostile);
    expect(t["@_a"]).toBe(hostile);
    expect(Object.keys(parsed.r as XmlNode)).toEqual(["t"]);
  });

  it("drops characters XML cannot carry instead of breaking the document", () => {
    const text = `bell\u0007 nul\u0000 lone\uD800 ok\u{1F600}`;
    expect(escapeXml(text)).toBe("bell nul lone ok\u{1F600}");
    expect(() => parseXml(`<r>${element("t", text)}</r>`)).not.toThrow();
  });

  it("writes RFC 822 dates with a four-digit year in GMT", () => {
    expect(rfc822("2026-03-21T17:30:00.000Z")).toBe("Sat, 21 Mar 2026 17:30:00 GMT");
  });
});
