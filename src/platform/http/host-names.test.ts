import { describe, expect, it } from "vitest";
import { canonicalHost, isOnionHost } from "./host-names.js";

describe("canonicalHost", () => {
  it.each([
    ["Mirror.Example", "mirror.example"],
    [" mirror.example:8443 ", "mirror.example:8443"],
    ["xn--80ak6aa92e.example", "xn--80ak6aa92e.example"],
    ["a-b.c-d.example:080", "a-b.c-d.example:80"],
  ])("accepts %s as %s", (raw, host) => {
    expect(canonicalHost(raw)).toBe(host);
  });

  it.each([
    "https://mirror.example",
    "mirror.example/path",
    "user@mirror.example",
    "localhost",
    "10.0.0.1",
    "-bad.example",
    "bad-.example",
    "mirror.example:0",
    "mirror.example:70000",
    "зеркало.example",
    "",
  ])("refuses %s", (raw) => {
    expect(canonicalHost(raw)).toBeNull();
  });
});

describe("isOnionHost", () => {
  it("knows a v3 address from a v2 one or a name", () => {
    expect(isOnionHost(`${"a".repeat(52)}2345.onion`)).toBe(true);
    expect(isOnionHost(`${"a".repeat(16)}.onion`)).toBe(false);
    expect(isOnionHost(`${"a".repeat(52)}2345.onion.example`)).toBe(false);
  });
});
