import type { DeviceClass } from "./traffic-source.js";

export const DEPTH_STEPS = [0, 25, 50, 75, 100] as const;
export type DepthStep = (typeof DEPTH_STEPS)[number];

export const TIME_BUCKETS = ["lt10s", "10to30s", "30to60s", "1to3m", "3to10m", "gt10m"] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

export type Beacon =
  | {
      type: "view";
      edition: string;
      /** 0 when the page is not an article. */
      articleId: number;
      referrer: string;
      utmSource: string;
      utmMedium: string;
      device: DeviceClass;
    }
  | { type: "engage"; edition: string; articleId: number; depth: DepthStep; seconds: number };

const HOST = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;
const MAX_ARTICLE_ID = 2_147_483_647;

function text(value: unknown, max: number): string | undefined {
  if (value === undefined) return "";
  if (typeof value !== "string") return undefined;
  // Campaign tags are free text: control characters (a tab separates the counters' key parts) go.
  let out = "";
  for (const char of value.slice(0, max)) {
    const code = char.charCodeAt(0);
    if (code > 31 && code !== 127) out += char;
  }
  return out;
}

function articleIdOf(value: unknown): number | undefined {
  if (value === undefined || value === "" || value === null) return 0;
  const id =
    typeof value === "number" ? value : typeof value === "string" && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(id) && id > 0 && id <= MAX_ARTICLE_ID ? id : undefined;
}

/** The time-on-page bucket of a number of seconds. */
export function timeBucketOf(seconds: number): TimeBucket {
  if (seconds < 10) return "lt10s";
  if (seconds < 30) return "10to30s";
  if (seconds < 60) return "30to60s";
  if (seconds < 180) return "1to3m";
  if (seconds < 600) return "3to10m";
  return "gt10m";
}

/**
 * Reads a beacon's body (the contract in docs/analytics.md); undefined for anything malformed,
 * which the route drops without a word. `editionExists` keeps unknown codes out of the counters.
 */
export function parseBeacon(body: string, editionExists: (code: string) => boolean): Beacon | undefined {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  const v = data as Record<string, unknown>;
  if (typeof v.e !== "string" || !editionExists(v.e)) return undefined;
  const articleId = articleIdOf(v.a);
  if (articleId === undefined) return undefined;
  if (v.t === "view") {
    const referrer = text(v.r, 253)?.toLowerCase();
    const utmSource = text(v.u, 64);
    const utmMedium = text(v.m, 64);
    if (referrer === undefined || utmSource === undefined || utmMedium === undefined) return undefined;
    if (referrer !== "" && !HOST.test(referrer)) return undefined;
    const device = v.d === "m" || v.d === "t" || v.d === "d" ? v.d : undefined;
    if (!device) return undefined;
    return { type: "view", edition: v.e, articleId, referrer, utmSource, utmMedium, device };
  }
  if (v.t === "engage") {
    // Read depth and time belong to an article; an engage beacon from elsewhere means nothing.
    if (articleId === 0) return undefined;
    const depth = v.k === undefined ? 0 : v.k;
    if (!DEPTH_STEPS.includes(depth as DepthStep)) return undefined;
    const seconds = v.s;
    if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 0 || seconds > 86_400) return undefined;
    return { type: "engage", edition: v.e, articleId, depth: depth as DepthStep, seconds };
  }
  return undefined;
}
