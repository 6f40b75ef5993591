import { Cron } from "croner";
import { isTimeZone } from "../platform/i18n/dates.js";

/** Why a schedule cannot be used, in words for the editor; null when it is fine. */
export function scheduleProblem(cron: string, timeZone: string): string | null {
  if (!isTimeZone(timeZone)) return `"${timeZone}" is not a time zone name such as Europe/Kyiv.`;
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return "A schedule has five fields: minute, hour, day of month, month, day of week.";
  try {
    const next = new Cron(cron, { timezone: timeZone, paused: true }).nextRun(new Date());
    if (!next) return "This schedule never runs.";
  } catch (error) {
    return `This schedule cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
  return null;
}

/**
 * The slots of a cron schedule read in an IANA zone, strictly after `after`. Croner does the
 * calendar work: a local time skipped by a spring-forward runs at the next valid instant, and a
 * repeated hour in the autumn runs once.
 */
export function nextRuns(cron: string, timeZone: string, after: Date, count: number): Date[] {
  return new Cron(cron, { timezone: timeZone, paused: true }).nextRuns(count, after);
}

export function nextRun(cron: string, timeZone: string, after: Date): Date | undefined {
  return nextRuns(cron, timeZone, after, 1)[0];
}
