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
