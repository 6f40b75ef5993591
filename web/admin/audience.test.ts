import { describe, expect, it } from "vitest";
import {
  articleStatsHref,
  chartColumns,
  chartSummary,
  csvHref,
  depthRows,
  deviceRows,
  fillHours,
  rangeFrom,
  sourceRows,
  timeRows,
  viewsText,
} from "./audience.js";

const sources = { direct: 10, search: 30, social: 0, newsletter: 5, telegram: 5, push: 0, referral: 0 };

describe("the Audience screens' data shaping", () => {
  it("lists only the sources that brought views, most first, with whole-per-cent shares", () => {
    expect(sourceRows(sources)).toEqual([
      { key: "search", label: "Search", views: 30, percent: 60 },
      { key: "direct", label: "Direct", views: 10, percent: 20 },
      { key: "newsletter", label: "Newsletters", views: 5, percent: 10 },
      { key: "telegram", label: "Telegram", views: 5, percent: 10 },
    ]);
    expect(sourceRows({ ...sources, direct: 0, search: 0, newsletter: 0, telegram: 0 })).toEqual([]);
  });

  it("shows read depth exactly as the server sends it, already cumulative, never added up again", () => {
    const rows = depthRows({ views: 200, depth: { "25": 120, "50": 80, "75": 50, "100": 20 } });
    expect(rows.map((row) => [row.step, row.reads, row.percent])).toEqual([
      ["25", 120, 60],
      ["50", 80, 40],
      ["75", 50, 25],
      ["100", 20, 10],
    ]);
    expect(rows[3]?.label).toBe("Read to the end");
  });

  it("gives no share of nothing when a story has no views", () => {
    expect(depthRows({ views: 0, depth: { "25": 0, "50": 0, "75": 0, "100": 0 } }).map((r) => r.percent)).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it("keeps time on page in the buckets' order, short to long", () => {
    const rows = timeRows({ lt10s: 1, "10to30s": 0, "30to60s": 2, "1to3m": 1, "3to10m": 0, gt10m: 0 });
    expect(rows.map((row) => row.key)).toEqual(["lt10s", "10to30s", "30to60s", "1to3m", "3to10m", "gt10m"]);
    expect(rows.map((row) => row.percent)).toEqual([25, 0, 50, 25, 0, 0]);
  });

  it("names devices and leaves out the kinds nobody used", () => {
    expect(deviceRows({ mobile: 3, tablet: 0, desktop: 1, unknown: 0 }).map((r) => [r.label, r.percent])).toEqual([
      ["Phones", 75],
      ["Computers", 25],
    ]);
  });

  it("fills the hours nobody read with zeros, from the first counted hour to the last", () => {
    const filled = fillHours([
      { hour: "2026-03-01T12:00:00.000Z", views: 4 },
      { hour: "2026-03-01T09:00:00.000Z", views: 2 },
    ]);
    expect(filled).toEqual([
      { hour: "2026-03-01T09:00:00.000Z", views: 2 },
      { hour: "2026-03-01T10:00:00.000Z", views: 0 },
      { hour: "2026-03-01T11:00:00.000Z", views: 0 },
      { hour: "2026-03-01T12:00:00.000Z", views: 4 },
    ]);
    expect(fillHours([])).toEqual([]);
  });

  it("gives uPlot Unix seconds and views, and screen readers a summary of the same numbers", () => {
    const points = [
      { hour: "2026-03-01T09:00:00.000Z", views: 2 },
      { hour: "2026-03-01T10:00:00.000Z", views: 7 },
    ];
    expect(chartColumns(points)).toEqual([
      [1772355600, 1772359200],
      [2, 7],
    ]);
    expect(chartSummary(points, (iso) => iso.slice(11, 16))).toBe(
      "Views per hour from 09:00 to 10:00: 9 in all, the most (7) in the hour from 10:00.",
    );
    expect(chartSummary([], String)).toBe("Views per hour: none counted yet.");
    expect(chartSummary(points.slice(0, 1), (iso) => iso.slice(11, 16))).toBe(
      "Views per hour: 2 in the one hour from 09:00.",
    );
  });

  it("builds the CSV and per-article addresses and a period's start", () => {
    expect(csvHref("sections", "uk", "2026-03-01T00:00:00.000Z")).toBe(
      "/admin/api/stats/sections.csv?edition=uk&from=2026-03-01T00%3A00%3A00.000Z",
    );
    expect(articleStatsHref("42")).toBe("/admin/articles/42/stats");
    expect(rangeFrom(7, new Date("2026-03-08T12:00:00Z"))).toBe("2026-03-01T12:00:00.000Z");
  });

  it("says one view and many views", () => {
    expect([viewsText(0), viewsText(1), viewsText(12_345)]).toEqual(["0 views", "1 view", "12,345 views"]);
  });
});
