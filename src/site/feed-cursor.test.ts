import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { decodeCursor, encodeCursor } from "./feed-cursor.js";

const position = { publishedAt: "2026-03-21T17:30:00.000Z", id: 42 };

describe("feed cursors", () => {
  it("round-trips a position of the same list", () => {
    expect(decodeCursor("home:en", encodeCursor("home:en", position))).toEqual(position);
  });

  it("rejects a cursor of another list as invalid_cursor", () => {
    const cursor = encodeCursor("section:3", position);
    expect(() => decodeCursor("home:en", cursor)).toThrowError(AppError);
    try {
      decodeCursor("home:en", cursor);
    } catch (error) {
      expect((error as AppError).code).toBe("invalid_cursor");
    }
  });

  it.each([
    ["garbage", "!!!"],
    ["not base64 of a cursor", "aGVsbG8"],
    ["empty fields", Buffer.from("home:en||").toString("base64url")],
    ["negative id", Buffer.from("home:en|abc|-1").toString("base64url")],
    ["huge time", Buffer.from("home:en|zzzzzzzzzzzz|1").toString("base64url")],
    ["overlong", "a".repeat(500)],
  ])("rejects %s", (_name, cursor) => {
    expect(() => decodeCursor("home:en", cursor)).toThrowError(/damaged/);
  });
});
