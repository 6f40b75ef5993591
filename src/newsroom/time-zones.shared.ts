/**
 * Browser-safe (imported by the admin app): the newsroom's one time convention. Every time the
 * newsroom enters or reads is in the edition's IANA time zone and says which ("09:00 Kyiv time"),
 * so an editor in another city never has to guess. Intl only: no time-zone library.
 */

const DAY_MS = 86_400_000;

function isZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The clock on the wall in the zone at an instant, read as if it were UTC (milliseconds). */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    partFormatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/** How far the zone's clocks are ahead of UTC at an instant, in milliseconds. */
export function zoneOffset(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

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
  const zone = isZone(timeZone) ? timeZone : "UTC";
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

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The UTC instant of a local date-time typed in a zone ("2026-12-01T09:00" in America/New_York
 * → 14:00Z), or undefined for text that is not a real date and time or an unknown zone.
 *
 * Daylight saving: a time the clocks skip (Kyiv, 29 March 2026, 03:30) is read with the offset
 * before the change, so it lands one hour later on the clock (04:30 summer time); a time that
 * happens twice (Kyiv, 25 October 2026, 03:30) is the first of the two, in summer time.
 */
export function parseZonedDateTime(local: string, timeZone: string): Date | undefined {
  const match = LOCAL.exec(local.trim());
  if (!match || !isZone(timeZone)) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  // The offsets a day either side: at most one change lies between them.
  const before = zoneOffset(wall - DAY_MS, timeZone);
  const after = zoneOffset(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((instant) => wallClock(instant, timeZone) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wall - before);
}
