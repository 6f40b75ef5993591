import { describe, expect, it } from "vitest";
import { ApiError } from "./api.js";
import { deleteProblem } from "./screens/taxonomy.js";

describe("deleting a section, tag or person", () => {
  it("explains a 409 with the API's message", () => {
    const error = new ApiError(409, "conflict", "It is still used by articles; move them first.");
    expect(deleteProblem(error, "sections", "War")).toBe(
      "“War” was not deleted. It is still used by articles; move them first.",
    );
  });

  it("explains a 404 and leaves other errors to the usual message", () => {
    expect(deleteProblem(new ApiError(404, "not_found", "There is no tag 9."), "tags", "Drones")).toMatch(
      /no longer there.*tag/,
    );
    expect(deleteProblem(new ApiError(403, "forbidden", "No."), "tags", "Drones")).toBeNull();
    expect(deleteProblem(null, "tags", "Drones")).toBeNull();
  });
});
