/**
 * Time zones with Intl only (no time-zone library), safe in the browser: the admin app and the
 * server read wall-clock times in a zone with the same code.
 */

const DAY_MS = 86_400_000;

export function isTimeZone(timeZone: string): boolean {
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
export function wallClock(instant: number, timeZone: string): number {
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

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The UTC instant of a local date-time typed in a zone ("2026-12-01T09:00" in America/New_York
 * → 14:00Z), or undefined for text that is not a real date and time or an unknown zone.
 *
 * Daylight saving: a time the clocks skip (Kyiv, 29 March 2026, 03:30) is read with the offset
 * before the change, so it lands one hour later on the clock (04:30 summer time); a time that
 * happens twice (Kyiv, 25 October 2026, 03:30) is the first of the two, in summer time.
 */
export function parseLocalDateTime(local: string, timeZone: string): Date | undefined {
  const match = LOCAL.exec(local.trim());
  if (!match || !isTimeZone(timeZone)) return undefined;
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
