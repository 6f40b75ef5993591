import { isTimeZone, parseLocalDateTime, zoneOffset } from "./zones.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, withYear: boolean): Intl.DateTimeFormat {
  const id = `${locale}|${timeZone}|${withYear}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      day: "numeric",
      month: "long",
      ...(withYear ? { year: "numeric" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      // English editions read "07:30 PM"; Ukrainian and Russian use the 24-hour clock.
      // hourCycle, not hour12: en-GB with hour12 writes noon as "00:00 pm".
      hourCycle: locale.startsWith("en") ? "h12" : "h23",
    });
    formatters.set(id, f);
  }
  return f;
}

// Building an Intl.DateTimeFormat costs far more than using one; pages format many dates.
const yearFormatters = new Map<string, Intl.DateTimeFormat>();

function yearIn(date: Date, timeZone: string): string {
  let f = yearFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en", { timeZone, year: "numeric" });
    yearFormatters.set(timeZone, f);
  }
  return f.format(date);
}

/**
 * A dateline such as "21 March, 07:30 PM" (en), "21 березня, 19:30" (uk), "21 марта, 19:30" (ru),
 * in the edition's time zone. The year is added when it is not the current one.
 */
export function formatDateline(iso: string, locale: string, timeZone: string, now: Date = new Date()): string {
  // Every list page formats the same recent stories' times again; formatToParts is the cost.
  const id = `${iso}|${locale}|${timeZone}|${yearIn(now, timeZone)}`;
  let dateline = datelines.get(id);
  if (dateline === undefined) {
    dateline = buildDateline(iso, locale, timeZone, now);
    remember(datelines, id, dateline);
  }
  return dateline;
}

const MEMO_SIZE = 5000;
const datelines = new Map<string, string>();

/** Keeps a pure function's answer, forgetting the oldest once the map is full. */
function remember<T>(memo: Map<string, T>, id: string, value: T): void {
  if (memo.size >= MEMO_SIZE) {
    const oldest = memo.keys().next().value;
    if (oldest !== undefined) memo.delete(oldest);
  }
  memo.set(id, value);
}

function buildDateline(iso: string, locale: string, timeZone: string, now: Date): string {
  const date = new Date(iso);
  const withYear = yearIn(date, timeZone) !== yearIn(now, timeZone);
  const parts = formatter(locale, timeZone, withYear).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const day = get("day");
  const month = get("month");
  const year = withYear ? ` ${get("year")}` : "";
  const time = `${get("hour")}:${get("minute")}`;
  const period = get("dayPeriod");
  if (locale.startsWith("en")) return `${day} ${month}${year}, ${time} ${period.toUpperCase()}`.trim();
  return `${day} ${month}${year}, ${time}`;
}

export { isTimeZone };

/**
 * The instant of a wall-clock time in a zone: "2026-12-01T09:00" in America/New_York → 14:00Z.
 * An ISO string with an offset or "Z" is taken as it is. Returns undefined for nonsense.
 */
export function parseZonedDateTime(value: string, timeZone: string): Date | undefined {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return parseLocalDateTime(value, timeZone);
}

/**
 * An instant as ISO 8601 with the zone's offset at that moment: "2026-03-21T19:30:00+02:00".
 * Structured data and sitemaps want the offset written out, and readers' local time is what
 * the page's dateline shows.
 */
export function isoWithOffset(iso: string, timeZone: string): string {
  const id = `${iso}|${timeZone}`;
  let written = offsetIsos.get(id);
  if (written === undefined) {
    written = buildIsoWithOffset(iso, timeZone);
    remember(offsetIsos, id, written);
  }
  return written;
}

const offsetIsos = new Map<string, string>();

function buildIsoWithOffset(iso: string, timeZone: string): string {
  const instant = new Date(iso).getTime();
  const offset = Math.round(zoneOffset(instant, timeZone) / 60_000);
  const local = new Date(Math.floor(instant / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
  return `${local}${sign}${hours}:${minutes}`;
}
