/** Wall-clock times in a time zone, for the schedule dialog's date-time field. */

function parts(date: Date, timeZone: string): Record<string, string> {
  const formatter = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
}

/**
 * The value of an `<input type="datetime-local" step="1">` showing `date` as read on a clock in
 * `timeZone`: "2026-12-01T09:00:00".
 */
export function zonedInputValue(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Zones offered in the schedule dialog: the browser's list, with the given ones first. */
export function timeZoneOptions(first: string[]): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const head = [...new Set(first.filter(isTimeZone))];
  return [...head, ...all.filter((zone) => !head.includes(zone))];
}

/** The browser's own zone, when it can tell. */
export function localTimeZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
}
