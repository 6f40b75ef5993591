import { TWO_FACTOR_REQUIREMENTS, type TwoFactorRequirement } from "./staff.policy.js";
import type { StaffSettingsRepository } from "./staff-settings.repository.js";

/** The newsroom-wide staff settings the owner chooses. */
export interface StaffSettings {
  requireTwoFactor: TwoFactorRequirement;
}

const SECURITY_KEY = "security";
const DEFAULTS: StaffSettings = { requireTwoFactor: "none" };

/**
 * Reads and changes the staff settings. Read on every signed-in request (the two-factor gate),
 * from the database each time: in scaled mode another process may have changed them a moment ago,
 * and one primary-key lookup costs less than a stale answer there would.
 */
export class StaffSettingsService {
  constructor(
    private readonly settings: StaffSettingsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(): Promise<StaffSettings> {
    const row = await this.settings.find(SECURITY_KEY);
    if (!row) return { ...DEFAULTS };
    const stored = JSON.parse(row.value) as Partial<StaffSettings>;
    // A value this build does not know (written by a newer one) reads as the default.
    const requirement = TWO_FACTOR_REQUIREMENTS.includes(stored.requireTwoFactor as TwoFactorRequirement)
      ? (stored.requireTwoFactor as TwoFactorRequirement)
      : DEFAULTS.requireTwoFactor;
    return { requireTwoFactor: requirement };
  }

  /** Replaces the settings. The caller has checked that the member may (owners only). */
  async update(settings: StaffSettings, by: number | null): Promise<StaffSettings> {
    await this.settings.put({
      key: SECURITY_KEY,
      value: JSON.stringify({ requireTwoFactor: settings.requireTwoFactor }),
      updated_at: this.now().toISOString(),
      updated_by: by,
    });
    return this.get();
  }
}
