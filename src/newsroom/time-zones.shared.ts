/**
 * Browser-safe (imported by the admin app): the newsroom's one time convention. Every time the
 * newsroom enters or reads is in the edition's IANA time zone and says which ("09:00 Kyiv time"),
 * so an editor in another city never has to guess. Intl only: no time-zone library.
 */

import { isTimeZone, parseLocalDateTime, wallClock } from "../platform/i18n/zones.js";

export { zoneOffset } from "../platform/i18n/zones.js";

/**
 * The UTC instant of a local date-time typed in the edition's zone, or undefined for text that
 * is not a real date and time (see `parseLocalDateTime` for daylight-saving changes).
 */
export const parseZonedDateTime = parseLocalDateTime;

/**
 * What a zone is called in the newsroom: its city, from the IANA name ("Europe/Kyiv" → "Kyiv",
 * "America/New_York" → "New York"); a zone with no city ("UTC") keeps its name.
 */
export function zoneCity(timeZone: string): string {
  const last = timeZone.split("/").at(-1) ?? timeZone;
  return last.replace(/_/g, " ");
}

/** "Kyiv time", "New York time", "UTC". */
export function zoneName(timeZone: string): string {
  const city = zoneCity(timeZone);
  return /^(UTC|GMT|Etc\/)/.test(timeZone) ? city : `${city} time`;
}

/**
 * An instant as read in the zone, with the zone's name: "6 Dec 2026, 11:30 Kyiv time". The
 * newsroom's one way of showing a time (schedules, banner expiry, sends, history).
 */
export function formatInZone(
  value: Date | string,
  timeZone: string,
  options: { seconds?: boolean; dateOnly?: boolean } = {},
): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const zone = isTimeZone(timeZone) ? timeZone : "UTC";
  const text = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(options.dateOnly
      ? {}
      : { hour: "2-digit", minute: "2-digit", ...(options.seconds ? { second: "2-digit" } : {}), hourCycle: "h23" }),
  }).format(date);
  return `${text} ${zoneName(zone)}`;
}

/**
 * The value of an `<input type="datetime-local">` showing the instant on a clock in the zone:
 * "2026-12-01T09:00" (with seconds when asked).
 */
export function zonedInputValue(value: Date | string, timeZone: string, withSeconds = false): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const wall = new Date(wallClock(date.getTime(), timeZone)).toISOString();
  return wall.slice(0, withSeconds ? 19 : 16);
}
