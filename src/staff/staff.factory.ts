import type { Kysely } from "kysely";
import type { DB } from "../platform/db/schema.js";
import { DevOutboxMailer, type Mailer } from "../platform/mail/mailer.js";
import { AuthService, linkUrls } from "./auth.service.js";
import { type LoginThrottle, MemoryLoginThrottle } from "./login-throttle.js";
import type { PasswordCost } from "./passwords.js";
import { createStaffStore } from "./staff.repository.js";
import { StaffService } from "./staff.service.js";
import { StaffSettingsService } from "./staff-settings.service.js";
import { TokensService } from "./tokens.service.js";

export interface StaffServices {
  auth: AuthService;
  staff: StaffService;
  tokens: TokensService;
  /** Newsroom-wide staff settings (the two-factor requirement). */
  staffSettings: StaffSettingsService;
  mailer: Mailer;
}

/** The staff capability's services, shared by the server and the CLI. */
export function createStaffServices(
  publicUrl: string,
  db: Kysely<DB>,
  options: { passwordCost: PasswordCost; now?: () => Date; mailer?: Mailer; throttle?: LoginThrottle },
): StaffServices {
  const now = options.now ?? (() => new Date());
  const store = createStaffStore(db);
  const mailer = options.mailer ?? new DevOutboxMailer(db, now);
  const links = linkUrls(publicUrl);
  const staffSettings = new StaffSettingsService(store.settings, now);
  return {
    auth: new AuthService(
      store,
      options.throttle ?? new MemoryLoginThrottle(now),
      mailer,
      links,
      staffSettings,
      options.passwordCost,
      now,
    ),
    staffSettings,
    staff: new StaffService(store, mailer, links, options.passwordCost, now),
    tokens: new TokensService(store, now),
    mailer,
  };
}
