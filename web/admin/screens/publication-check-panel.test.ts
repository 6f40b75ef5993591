import { describe, expect, it } from "vitest";
import { ApiError, errorFromResponse } from "../api.js";
import { checkRefusalOf } from "./publication-check-panel.js";

describe("the publication check panel", () => {
  it("reads the findings beside the code of a publish refusal", () => {
    const error = errorFromResponse(
      409,
      JSON.stringify({
        code: "publication_check",
        message: "Found details.",
        findings: [{ rule: "precise_place_after_strike", text: "14 Shevchenko Street", why: "Finer than a district." }],
      }),
    );
    expect(checkRefusalOf(error)).toEqual({
      code: "publication_check",
      findings: [{ rule: "precise_place_after_strike", text: "14 Shevchenko Street", why: "Finer than a district." }],
    });
  });

  it("leaves any other error to the usual error line", () => {
    expect(checkRefusalOf(new ApiError(409, "conflict", "Changed meanwhile."))).toBeNull();
    expect(checkRefusalOf(new Error("boom"))).toBeNull();
  });
});

describe("the embargo and event time fields", () => {
  it("send the time typed on the edition's clock as an instant, and empty as null", async () => {
    const { instantOfInput } = await import("./article-timing.js");
    expect(instantOfInput("2026-05-01T12:00", "Europe/Kyiv")).toBe("2026-05-01T09:00:00.000Z");
    expect(instantOfInput("", "Europe/Kyiv")).toBeNull();
    expect(instantOfInput("not a time", "Europe/Kyiv")).toBeUndefined();
  });
});
