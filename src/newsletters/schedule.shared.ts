/**
 * Browser-safe (imported by the admin app): a digest's cron schedule in words, in the newsroom's
 * time convention ("every day at 09:00 New York time"), so nobody has to read cron to know when
 * a newsletter goes out.
 */
import { zoneName } from "../newsroom/time-zones.shared.js";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** "5", "1-5", "1,3,5" → the numbers, or null for anything else (steps, names, out of range). */
function numbers(field: string, min: number, max: number): number[] | null {
  const out: number[] = [];
  for (const part of field.split(",")) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) return null;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (from < min || to > max || from > to) return null;
    for (let n = from; n <= to; n++) out.push(n);
  }
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "Mon–Fri", "Mon, Wed, Fri", "every Monday"; Sunday is 0 or 7 as cron allows. */
function describeDays(days: number[]): string {
  const set = [...new Set(days.map((d) => d % 7))].sort((a, b) => a - b);
  if (set.length === 7) return "every day";
  if (set.length === 1) return `every ${LONG_DAYS[set[0] ?? 0]}`;
  // A run of three or more days in a row (Monday first, Sunday last) reads as a range.
  const mondayFirst = set.map((d) => (d === 0 ? 7 : d)).sort((a, b) => a - b);
  const first = mondayFirst[0] ?? 1;
  const last = mondayFirst.at(-1) ?? 1;
  if (mondayFirst.length >= 3 && last - first === mondayFirst.length - 1) {
    return `${DAYS[first % 7]}–${DAYS[last % 7]}`;
  }
  return mondayFirst.map((d) => DAYS[d % 7]).join(", ");
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

/**
 * A five-field cron schedule read in a zone, in words: "every day at 09:00 New York time",
 * "Mon–Fri at 07:30 Kyiv time", "every Sunday at 18:00 Kyiv time", "on the 1st of every month at
 * 09:00 Kyiv time". A schedule these words cannot say plainly (steps, ranges of hours, months) is
 * shown as the cron text with the zone's name, never wrongly.
 */
export function describeCron(cron: string, timeZone: string): string {
  const zone = zoneName(timeZone);
  const fields = cron.trim().split(/\s+/);
  const fallback = `on the schedule “${cron.trim()}”, ${zone}`;
  if (fields.length !== 5) return fallback;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const minutes = numbers(minute, 0, 59);
  const hours = numbers(hour, 0, 23);
  if (!minutes || !hours || minutes.length !== 1 || month !== "*") return fallback;
  const times = hours.map((h) => `${pad(h)}:${pad(minutes[0] ?? 0)}`);
  const at = `at ${times.length === 1 ? times[0] : `${times.slice(0, -1).join(", ")} and ${times.at(-1)}`} ${zone}`;
  if (dom === "*" && dow === "*") return `every day ${at}`;
  if (dom === "*") {
    const days = numbers(dow, 0, 7);
    return days ? `${describeDays(days)} ${at}` : fallback;
  }
  if (dow === "*") {
    const dates = numbers(dom, 1, 31);
    if (!dates) return fallback;
    const list = dates.map(ordinal);
    const which = list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
    return `on the ${which} of every month ${at}`;
  }
  return fallback;
}
