/**
 * The Audience screens' data shaping (issue #21): pure, so it is tested without a browser. The
 * answers' shapes are the server's schemas (src/analytics/stats.schemas.ts), imported, not copied.
 */
import type { ArticleStats, NowStats, Sources } from "../../src/analytics/stats.schemas.js";

export type { ArticleStats, NowStats, Sources };

/** How often "Right now" asks again while its tab is visible. */
export const NOW_POLL_MS = 5_000;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const SOURCE_LABELS: Record<keyof Sources, string> = {
  direct: "Direct",
  search: "Search",
  social: "Social networks",
  newsletter: "Newsletters",
  telegram: "Telegram",
  push: "Push alerts",
  referral: "Other sites",
};

export interface ShareRow {
  key: string;
  label: string;
  views: number;
  /** Whole per cent of the total, for "Search 40 %"; 0 when there is no total. */
  percent: number;
}

function percentOf(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 100) : 0;
}

/** The sources that brought any views, most first, with their share of all views. */
export function sourceRows(sources: Sources): ShareRow[] {
  const total = Object.values(sources).reduce((sum, views) => sum + views, 0);
  return (Object.keys(SOURCE_LABELS) as (keyof Sources)[])
    .map((key) => ({ key, label: SOURCE_LABELS[key], views: sources[key], percent: percentOf(sources[key], total) }))
    .filter((row) => row.views > 0)
    .sort((a, b) => b.views - a.views);
}

/** Devices as the server counts them; "unknown" is the no-JS pixel, which cannot tell. */
export function deviceRows(devices: ArticleStats["devices"]): ShareRow[] {
  const labels = { mobile: "Phones", tablet: "Tablets", desktop: "Computers", unknown: "Unknown (no JavaScript)" };
  const total = Object.values(devices).reduce((sum, views) => sum + views, 0);
  return (Object.keys(labels) as (keyof typeof labels)[])
    .map((key) => ({ key, label: labels[key], views: devices[key], percent: percentOf(devices[key], total) }))
    .filter((row) => row.views > 0);
}

export interface DepthRow {
  step: "25" | "50" | "75" | "100";
  label: string;
  reads: number;
  /** Per cent of the article's views that reached the step. */
  percent: number;
}

/**
 * Read depth as the server sends it: already cumulative ("reached at least 50 %" includes those
 * who went on to 75 %), so each step is shown as it is, never added up again.
 */
export function depthRows(stats: Pick<ArticleStats, "depth" | "views">): DepthRow[] {
  return (["25", "50", "75", "100"] as const).map((step) => ({
    step,
    label: step === "100" ? "Read to the end" : `Read at least ${step} %`,
    reads: stats.depth[step],
    percent: Math.min(100, percentOf(stats.depth[step], stats.views)),
  }));
}

export const TIME_LABELS: Record<keyof ArticleStats["timeOnPage"], string> = {
  lt10s: "Under 10 seconds",
  "10to30s": "10–30 seconds",
  "30to60s": "30–60 seconds",
  "1to3m": "1–3 minutes",
  "3to10m": "3–10 minutes",
  gt10m: "Over 10 minutes",
};

/** Time on page, in the buckets' own order (short to long), with each bucket's share. */
export function timeRows(timeOnPage: ArticleStats["timeOnPage"]): ShareRow[] {
  const total = Object.values(timeOnPage).reduce((sum, reads) => sum + reads, 0);
  return (Object.keys(TIME_LABELS) as (keyof ArticleStats["timeOnPage"])[]).map((key) => ({
    key,
    label: TIME_LABELS[key],
    views: timeOnPage[key],
    percent: percentOf(timeOnPage[key], total),
  }));
}

export interface HourPoint {
  /** ISO-8601 UTC, the hour's start. */
  hour: string;
  views: number;
}

/**
 * Every hour from the first counted one to the last, the hours nobody read counted as 0: the chart
 * must not draw a line across a silent night as if readers had come all along.
 */
export function fillHours(hourly: readonly HourPoint[]): HourPoint[] {
  if (hourly.length === 0) return [];
  const byHour = new Map(hourly.map((point) => [Date.parse(point.hour), point.views]));
  const times = [...byHour.keys()];
  const first = Math.min(...times);
  const last = Math.max(...times);
  const out: HourPoint[] = [];
  for (let at = first; at <= last; at += HOUR_MS) {
    out.push({ hour: new Date(at).toISOString(), views: byHour.get(at) ?? 0 });
  }
  return out;
}

/** uPlot's columns: x in Unix seconds, y the views. */
export function chartColumns(points: readonly HourPoint[]): [number[], number[]] {
  return [points.map((point) => Date.parse(point.hour) / 1000), points.map((point) => point.views)];
}

/** The chart's text alternative: what a sighted reader takes from it at a glance. */
export function chartSummary(points: readonly HourPoint[], formatHour: (iso: string) => string): string {
  if (points.length === 0) return "Views per hour: none counted yet.";
  const total = points.reduce((sum, point) => sum + point.views, 0);
  const peak = points.reduce((best, point) => (point.views > best.views ? point : best), points[0] as HourPoint);
  const first = points[0] as HourPoint;
  const last = points[points.length - 1] as HourPoint;
  if (points.length === 1) return `Views per hour: ${total} in the one hour from ${formatHour(first.hour)}.`;
  return (
    `Views per hour from ${formatHour(first.hour)} to ${formatHour(last.hour)}: ` +
    `${total} in all, the most (${peak.views}) in the hour from ${formatHour(peak.hour)}.`
  );
}

/** The time ranges the tables offer, in days back from now. */
export const RANGE_DAYS = [1, 7, 30, 90, 365] as const;
export type RangeDays = (typeof RANGE_DAYS)[number];

export function isRangeDays(value: number): value is RangeDays {
  return (RANGE_DAYS as readonly number[]).includes(value);
}

/** The `from` of a range of `days` ending now (the server's `to` defaults to now). */
export function rangeFrom(days: number, now: Date): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** A CSV download's address (a plain link: the browser sends the session cookie). */
export function csvHref(table: "articles" | "sections" | "authors", edition: string, from: string): string {
  return `/admin/api/stats/${table}.csv?${new URLSearchParams({ edition, from }).toString()}`;
}

/** Where an article's numbers are in the admin. */
export function articleStatsHref(articleId: number | string): string {
  return `/admin/articles/${articleId}/stats`;
}

/** "Right now"'s headline: the views in words, with a plural that reads right. */
export function viewsText(views: number): string {
  return `${views.toLocaleString("en")} ${views === 1 ? "view" : "views"}`;
}
