import { describe, expect, it } from "vitest";
import { classifySource } from "./traffic-source.js";

describe("classifySource", () => {
  it.each([
    ["", "", "", "direct"],
    ["", "email", "mail.google.com", "newsletter"],
    ["newsletter", "", "", "newsletter"],
    ["", "newsletter", "", "newsletter"],
    ["telegram", "", "", "telegram"],
    ["", "", "t.me", "telegram"],
    ["", "", "web.telegram.org", "telegram"],
    ["push", "", "", "push"],
    ["", "push", "", "push"],
    ["", "", "www.google.com", "search"],
    ["", "", "www.google.com.ua", "search"],
    ["", "", "yandex.ru", "search"],
    ["", "", "duckduckgo.com", "search"],
    ["", "", "search.yahoo.com", "search"],
    ["", "", "www.ecosia.org", "search"],
    ["", "", "www.bing.com", "search"],
    ["", "", "l.facebook.com", "social"],
    ["", "", "x.com", "social"],
    ["", "", "t.co", "social"],
    ["", "", "old.reddit.com", "social"],
    ["", "", "www.linkedin.com", "social"],
    ["", "", "kyivindependent.com", "referral"],
    ["", "", "notgoogle.com", "referral"],
    ["", "", "mygoogle.com.evil.example", "referral"],
  ])("utm_source %j, utm_medium %j, referrer %j is %s", (source, medium, referrer, expected) => {
    expect(classifySource(source, medium, referrer)).toBe(expected);
  });
});
