/**
 * Browser-safe (the admin app uses it too): the dates a timeline block holds. They are wall-clock
 * dates as the reporter typed them ("2026-12-01", or "2026-12-01T09:30" when the hour matters),
 * with no time zone: "what we know so far" is told in the place's own days and hours.
 */

const TIMELINE_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/** The most entries one timeline holds: longer chronologies belong in several blocks or a story. */
export const TIMELINE_MAX_ENTRIES = 100;
export const TIMELINE_MAX_TEXT = 2000;

/** Whether a value is a real calendar date, optionally with a time of day (no seconds, no zone). */
export function isTimelineDate(value: string): boolean {
  const match = TIMELINE_DATE.exec(value);
  if (!match) return false;
  const [y, mo, d, h = 0, mi = 0] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as number[];
  const day = new Date(Date.UTC(y as number, (mo as number) - 1, d as number));
  return (
    day.getUTCFullYear() === y &&
    day.getUTCMonth() === (mo as number) - 1 &&
    day.getUTCDate() === d &&
    (h as number) < 24 &&
    (mi as number) < 60
  );
}

const labelFormats = new Map<string, Intl.DateTimeFormat>();

/** A timeline date as a reader of the language reads it: "1 December 2026", "1 грудня 2026 р., 09:30". */
export function timelineDateLabel(value: string, language: string): string {
  if (!isTimelineDate(value)) return value;
  const withTime = value.length > 10;
  const key = `${language}|${withTime}`;
  let format = labelFormats.get(key);
  if (!format) {
    // English editions write dates the British way ("1 December 2026"), as the rest of the site does.
    format = new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, {
      // The value is a wall-clock date: read in UTC it stays the day and hour that were typed.
      timeZone: "UTC",
      day: "numeric",
      month: "long",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" as const } : {}),
    });
    labelFormats.set(key, format);
  }
  return format.format(new Date(`${value}${withTime ? ":00" : "T00:00:00"}Z`));
}
