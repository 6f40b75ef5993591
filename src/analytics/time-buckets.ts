/** The minute an instant falls in, as stored: ISO-8601 UTC, so string order is time order. */
export function minuteOf(instant: Date): string {
  return `${instant.toISOString().slice(0, 16)}:00.000Z`;
}

/** The hour an instant (a Date, or an ISO-8601 UTC string such as a stored minute) falls in. */
export function hourOf(instant: Date | string): string {
  const iso = typeof instant === "string" ? instant : instant.toISOString();
  return `${iso.slice(0, 13)}:00:00.000Z`;
}
