/**
 * A spreadsheet opens a cell that starts with = + - @ (or a tab/CR) as a formula; text typed by
 * people (a supporter's name, a headline, a dismissal's reason) must never become one, so such
 * cells get a leading apostrophe. Every CSV export passes its free-text cells through this.
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
