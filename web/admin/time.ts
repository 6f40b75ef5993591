/** The zones the schedule dialog offers (wall-clock conversions are in `time-zones.shared.ts`). */

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
