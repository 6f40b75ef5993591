import { describe, expect, it } from "vitest";
import { jsonForScript } from "./page-head.js";

describe("JSON for an inline data block", () => {
  it("cannot end the script element or open a comment, and still parses to the same value", () => {
    const value = { headline: "</script><script>alert(1)</script> <!-- & -->", line: "a\u2028b" };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/<|>|&|\u2028/);
    expect(json).toContain("\\u003c/script\\u003e");
    expect(JSON.parse(json)).toEqual(value);
  });
});
