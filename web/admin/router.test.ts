import { describe, expect, it } from "vitest";
import { parseRoute, tokenFromHash } from "./router.js";

describe("parseRoute", () => {
  it.each([
    ["/admin", { name: "dashboard" }],
    ["/admin/", { name: "dashboard" }],
    ["/admin/sign-in", { name: "signIn" }],
    ["/admin/setup", { name: "setup" }],
    ["/admin/invite", { name: "acceptInvitation" }],
    ["/admin/invitation", { name: "acceptInvitation" }],
    ["/admin/reset", { name: "resetPassword" }],
    ["/admin/reset-password", { name: "resetPassword" }],
    ["/admin/forgot-password", { name: "forgotPassword" }],
    ["/admin/articles/new", { name: "newArticle" }],
    ["/admin/articles/42", { name: "article", id: 42 }],
    ["/admin/articles/42/live", { name: "liveDesk", id: 42 }],
    ["/admin/articles/42/live/", { name: "liveDesk", id: 42 }],
    ["/admin/articles/42/stats", { name: "articleStats", id: 42 }],
    ["/admin/articles/new/stats", { name: "notFound" }],
    ["/admin/audience", { name: "audience" }],
    ["/admin/audience/reports", { name: "audienceReports" }],
    ["/admin/audience/other", { name: "notFound" }],
    ["/admin/articles/42/other", { name: "notFound" }],
    ["/admin/articles/new/live", { name: "notFound" }],
    ["/admin/articles/42/live/7", { name: "notFound" }],
    ["/admin/maps/3/live", { name: "notFound" }],
    ["/admin/media", { name: "media" }],
    ["/admin/sections", { name: "taxonomy", kind: "sections" }],
    ["/admin/tags", { name: "taxonomy", kind: "tags" }],
    ["/admin/people", { name: "taxonomy", kind: "people" }],
    ["/admin/settings", { name: "settings" }],
    ["/admin/banner", { name: "banner" }],
    ["/admin/crisis", { name: "crisis" }],
    ["/admin/crisis/x", { name: "notFound" }],
    ["/admin/staff", { name: "staff" }],
    ["/admin/tokens", { name: "tokens" }],
    ["/admin/api-keys", { name: "apiKeys" }],
    ["/admin/mirrors", { name: "mirrors" }],
    ["/admin/mirrors/1", { name: "notFound" }],
    ["/admin/account", { name: "account" }],
    ["/admin/outbox", { name: "outbox" }],
    ["/admin/telegram", { name: "telegram" }],
    ["/admin/push", { name: "push" }],
    ["/admin/webhooks", { name: "webhooks" }],
    ["/admin/maps", { name: "maps" }],
    ["/admin/maps/3", { name: "map", id: 3 }],
    ["/admin/maps/x", { name: "notFound" }],
    ["/admin/revenue", { name: "revenue" }],
    ["/admin/revenue/supporters", { name: "supporters" }],
    ["/admin/audit", { name: "audit" }],
    ["/admin/audit/extra", { name: "notFound" }],
    ["/admin/revenue/settings", { name: "revenueSettings" }],
    ["/admin/settings/publication-check", { name: "publicationCheck" }],
    ["/admin/settings/publication-check/x", { name: "notFound" }],
    ["/admin/revenue/other", { name: "notFound" }],
    ["/admin/newsletters", { name: "newsletters" }],
    ["/admin/newsletters/3", { name: "newsletterList", id: 3 }],
    ["/admin/newsletter-issues/17", { name: "newsletterIssue", id: 17 }],
    ["/admin/newsletter-issues", { name: "notFound" }],
    ["/admin/newsletters/x1", { name: "notFound" }],
    ["/admin/imports", { name: "imports" }],
    ["/admin/imports/3", { name: "notFound" }],
    ["/admin/redirects", { name: "redirects" }],
    ["/admin/redirects/x", { name: "notFound" }],
  ])("%s", (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it("reads the Audience screens' edition and range from the query", () => {
    expect(parseRoute("/admin/audience", "?edition=ru")).toEqual({ name: "audience", edition: "ru" });
    expect(parseRoute("/admin/audience/reports", "?edition=en&days=30")).toEqual({
      name: "audienceReports",
      edition: "en",
      days: 30,
    });
    expect(parseRoute("/admin/audience/reports", "?days=-3")).toEqual({ name: "audienceReports" });
  });

  it("reads the list filters and the new article's edition from the query", () => {
    expect(parseRoute("/admin/articles", "?edition=en&status=draft&q=%20Bakhmut%20")).toEqual({
      name: "articles",
      edition: "en",
      status: "draft",
      q: "Bakhmut",
    });
    expect(parseRoute("/admin/articles", "?edition=&q=")).toEqual({ name: "articles" });
    expect(parseRoute("/admin/articles/new", "?edition=ru")).toEqual({ name: "newArticle", edition: "ru" });
    expect(parseRoute("/admin/settings", "?edition=uk")).toEqual({ name: "settings", edition: "uk" });
    expect(parseRoute("/admin/banner", "?edition=ru")).toEqual({ name: "banner", edition: "ru" });
  });

  it("reads the planning board's view, day and filters, and the assignments list", () => {
    expect(parseRoute("/admin/planning", "?view=day&date=2026-12-08&edition=uk&section=4&person=9")).toEqual({
      name: "planning",
      view: "day",
      date: "2026-12-08",
      edition: "uk",
      sectionId: 4,
      assigneeId: 9,
    });
    expect(parseRoute("/admin/planning", "?view=month&date=tomorrow&person=x")).toEqual({ name: "planning" });
    expect(parseRoute("/admin/planning/mine")).toEqual({ name: "myAssignments" });
    expect(parseRoute("/admin/planning/other")).toEqual({ name: "notFound" });
  });

  it("reads the followed import run from the query and ignores one that is not an id", () => {
    expect(parseRoute("/admin/imports", "?run=12")).toEqual({ name: "imports", run: 12 });
    expect(parseRoute("/admin/imports", "?run=0")).toEqual({ name: "imports" });
    expect(parseRoute("/admin/imports", "?run=1e3")).toEqual({ name: "imports" });
  });

  it.each(["/admin/articles/0", "/admin/articles/abc", "/admin/articles/1e3", "/admin/nope", "/admin/media/x", "/en/"])(
    "%s is not a screen",
    (path) => {
      expect(parseRoute(path)).toEqual({ name: "notFound" });
    },
  );
});

describe("tokenFromHash", () => {
  it("reads #token=… and nothing else", () => {
    expect(tokenFromHash("#token=abc_DEF-123")).toBe("abc_DEF-123");
    expect(tokenFromHash("#other=1&token=xyz")).toBe("xyz");
    expect(tokenFromHash("")).toBeUndefined();
    expect(tokenFromHash("#token=")).toBeUndefined();
  });
});
