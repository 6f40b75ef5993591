/**
 * The owner's form for the wartime publication check of one edition, and how it maps to the API's
 * `{ enabled, disabledRules, delayMinutes }`: the form speaks of rules that are on and a delay in
 * hours, the API of rules turned off and minutes.
 */

/** The check's rules, as the API names them (src/newsroom/publication-check/publication-check.rules.ts). */
export type CheckRuleName = "precise_place_after_strike" | "air_defence_near_place" | "photo_location";

/** `GET/PUT /admin/api/publication-check/settings/:edition`. */
export interface CheckSettings {
  enabled: boolean;
  disabledRules: CheckRuleName[];
  delayMinutes: number;
}

/** The rules in the order the screen lists them, each with what it looks for and why. */
export const CHECK_RULE_TEXTS: { rule: CheckRuleName; label: string; explanation: string }[] = [
  {
    rule: "precise_place_after_strike",
    label: "Precise place soon after a strike",
    explanation:
      "Looks for a story about a strike, explosion, hit or shelling that names a street, a building or house number, coordinates, or a named plant or object, going out sooner than the delay below after the event (the event time the author gave, or else when the story was started). Such a detail tells the attacker where the missile landed and helps aim the next one.",
  },
  {
    rule: "air_defence_near_place",
    label: "Air defence or units next to a place",
    explanation:
      "Looks for air-defence systems, firing positions and unit numbers in the same sentence as a place. Where defences and units stand must not be published at all, whatever the delay.",
  },
  {
    rule: "photo_location",
    label: "Where a photo was taken",
    explanation:
      "Looks for photos whose file recorded a GPS position or the time it was taken (Gazette removes both at upload; the finding asks you to check that the picture itself shows nothing that places it), and for captions that name a street or building.",
  },
];

/** The longest delay the API takes: a week. */
export const MAX_DELAY_HOURS = 168;

export interface CheckSettingsForm {
  enabled: boolean;
  /** As typed: hours, with a decimal point or comma ("1.5", "2,5"). */
  delayHours: string;
  rulesOn: Record<CheckRuleName, boolean>;
}

/** The form showing `settings`: the delay in hours without trailing zeros, each rule on unless turned off. */
export function formOf(settings: CheckSettings): CheckSettingsForm {
  const off = new Set(settings.disabledRules);
  return {
    enabled: settings.enabled,
    delayHours: String(Math.round((settings.delayMinutes / 60) * 100) / 100),
    rulesOn: Object.fromEntries(CHECK_RULE_TEXTS.map(({ rule }) => [rule, !off.has(rule)])) as Record<
      CheckRuleName,
      boolean
    >,
  };
}

/** The settings to save, or what is wrong with the delay as typed. */
export function settingsOf(form: CheckSettingsForm): { settings: CheckSettings } | { problem: string } {
  const typed = form.delayHours.trim().replace(",", ".");
  const hours = Number(typed);
  if (typed === "" || !/^\d+(\.\d+)?$/.test(typed) || !Number.isFinite(hours)) {
    return { problem: "Write the delay as a number of hours, e.g. 3 or 1.5." };
  }
  if (hours > MAX_DELAY_HOURS) return { problem: `The delay can be at most ${MAX_DELAY_HOURS} hours (a week).` };
  return {
    settings: {
      enabled: form.enabled,
      delayMinutes: Math.round(hours * 60),
      disabledRules: CHECK_RULE_TEXTS.map(({ rule }) => rule).filter((rule) => !form.rulesOn[rule]),
    },
  };
}
