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
