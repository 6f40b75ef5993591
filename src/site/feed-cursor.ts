import { AppError } from "../errors.js";
import type { FeedPosition } from "../newsroom/articles.repository.js";

/**
 * "Show more news" cursors: the list they belong to plus the last item shown, in base64url.
 * They are not secret; the list name stops a cursor of one list from being replayed on another.
 */
export function encodeCursor(list: string, position: FeedPosition): string {
  return Buffer.from(`${list}|${Date.parse(position.publishedAt).toString(36)}|${position.id.toString(36)}`).toString(
    "base64url",
  );
}

export function decodeCursor(list: string, cursor: string): FeedPosition {
  const invalid = () => new AppError("invalid_cursor", "The “show more” link is damaged or belongs to another list.");
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (parts.length !== 3 || parts[0] !== list) throw invalid();
  const time = Number.parseInt(parts[1] ?? "", 36);
  const id = Number.parseInt(parts[2] ?? "", 36);
  if (!/^[0-9a-z]{1,12}$/.test(parts[1] ?? "") || !/^[0-9a-z]{1,12}$/.test(parts[2] ?? "")) throw invalid();
  if (!Number.isSafeInteger(time) || !Number.isSafeInteger(id) || id <= 0) throw invalid();
  const date = new Date(time);
  if (Number.isNaN(date.getTime()) || time < Date.UTC(1990, 0, 1) || time > Date.UTC(2200, 0, 1)) throw invalid();
  return { publishedAt: date.toISOString(), id };
}
