import { describe, expect, it } from "vitest";
import { CHECK_RULES } from "../../src/newsroom/publication-check/publication-check.rules.js";
import { CHECK_RULE_TEXTS, formOf, settingsOf } from "./publication-check-settings.js";

describe("the publication check settings form", () => {
  it("explains every rule the server checks, and no other", () => {
    expect(CHECK_RULE_TEXTS.map((text) => text.rule)).toEqual([...CHECK_RULES]);
  });

  it("shows minutes as hours and the rules turned off as unticked", () => {
    const form = formOf({ enabled: true, delayMinutes: 90, disabledRules: ["photo_location"] });
    expect(form).toEqual({
      enabled: true,
      delayHours: "1.5",
      rulesOn: { precise_place_after_strike: true, air_defence_near_place: true, photo_location: false },
    });
  });

  it("saves hours as whole minutes and unticked rules as turned off", () => {
    const form = formOf({ enabled: false, delayMinutes: 180, disabledRules: [] });
    form.enabled = true;
    form.delayHours = "2,25";
    form.rulesOn.air_defence_near_place = false;
    expect(settingsOf(form)).toEqual({
      settings: { enabled: true, delayMinutes: 135, disabledRules: ["air_defence_near_place"] },
    });
  });

  it("round-trips what the API answered", () => {
    const settings = { enabled: true, delayMinutes: 200, disabledRules: ["precise_place_after_strike" as const] };
    expect(settingsOf(formOf(settings))).toEqual({ settings });
  });

  it("refuses a delay that is not a number of hours, or longer than a week", () => {
    const form = formOf({ enabled: true, delayMinutes: 180, disabledRules: [] });
    for (const typed of ["", "three", "-1", "1e3", "2h"]) {
      expect(settingsOf({ ...form, delayHours: typed }), typed).toEqual({
        problem: expect.stringContaining("number of hours"),
      });
    }
    expect(settingsOf({ ...form, delayHours: "169" })).toEqual({ problem: expect.stringContaining("at most 168") });
    expect(settingsOf({ ...form, delayHours: "0" })).toMatchObject({ settings: { delayMinutes: 0 } });
  });
});
