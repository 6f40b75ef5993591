import { describe, expect, it } from "vitest";
import { ApiError } from "./api.js";
import { describeLayerProblem, layerProblems } from "./screens/maps.js";

describe("a refused layer upload in the maps screen", () => {
  it("reads every problem of the server's answer, to list them by the file control", () => {
    const error = new ApiError(400, "validation_failed", "The layer was not imported.", {
      problems: [
        { feature: 2, path: "properties.status", message: "must be one of occupied, liberated, contested" },
        { feature: 2, path: "geometry.coordinates[0][3]", message: "has longitude 200 outside -180…180" },
      ],
    });
    expect(layerProblems(error)?.map(describeLayerProblem)).toEqual([
      "Feature 2 · properties.status: must be one of occupied, liberated, contested",
      "Feature 2 · geometry.coordinates[0][3]: has longitude 200 outside -180…180",
    ]);
  });

  it("names the file itself for a problem of no feature, and leaves other errors to the usual message", () => {
    expect(describeLayerProblem({ feature: null, path: "", message: "the file is not valid JSON" })).toBe(
      "The file: the file is not valid JSON",
    );
    expect(layerProblems(new ApiError(409, "conflict", "A layer exists for that day."))).toBeNull();
    expect(layerProblems(new Error("offline"))).toBeNull();
  });
});
