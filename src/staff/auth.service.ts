import { AppError } from "../errors.js";
import type { StaffLinkPurpose, StaffLinkRow, StaffRow } from "../platform/db/schema.js";
import type { Mailer } from "../platform/mail/mailer.js";
import type { Actor } from "./actor.js";
import type { LoginThrottle } from "./login-throttle.js";
import { hashPassword, type PasswordCost, verifyPassword } from "./passwords.js";
import { randomToken, sha256Hex } from "./secrets.js";
import { passwordResetEmail } from "./staff.mail.js";
import { requiresTwoFactor } from "./staff.policy.js";
import type { StaffStore } from "./staff.repository.js";
import type { StaffSettingsService } from "./staff-settings.service.js";
import {
  hashRecoveryCode,
  isTotpCodeShape,
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  otpauthQrSvg,
  otpauthUrl,
} from "./two-factor.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const SESSION_IDLE_MS = 12 * HOUR;
export const SESSION_ABSOLUTE_MS = 14 * 24 * HOUR;
// Writing last_seen_at on every request would turn each read into a write; a minute's slack is harmless.
const SESSION_TOUCH_MS = MINUTE;
const PASSWORD_RESET_MS = HOUR;

/** What the admin app shows of a staff member. */
export interface StaffView {
  id: number;
  email: string;
  name: string;
  role: StaffRow["role"];
  status: StaffRow["status"];
  twoFactor: boolean;
}

export function toStaffView(row: StaffRow): StaffView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    twoFactor: row.totp_enabled === 1,
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Where a request came from, kept with its session so the member can recognise it in the list. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

/** A new session: the token goes into the cookie and is never stored. */
export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export interface SignedIn {
  staff: StaffView;
  session: NewSession;
  /** The newsroom requires two-factor sign-in of this member, who has not set it up yet. */
  twoFactorSetupRequired: boolean;
}

export interface AuthenticatedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  /** Until the member sets up two-factor sign-in, the admin API answers only what that needs. */
  twoFactorSetupRequired: boolean;
}

export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
}

export interface LinkUrls {
  /** The admin page that reads a link's token from the URL fragment (kept out of server logs). */
  url(purpose: StaffLinkPurpose, token: string): string;
  /** Names the newsroom in emails and authenticator apps. */
  site: string;
}

export function linkUrls(publicUrl: string): LinkUrls {
  const page: Record<StaffLinkPurpose, string> = {
    owner_setup: "setup",
    invitation: "invitation",
    password_reset: "reset-password",
  };
  return {
    url: (purpose, token) => `${publicUrl}/admin/${page[purpose]}#token=${token}`,
    site: new URL(publicUrl).host,
  };
}

export function rateLimited(seconds: number): AppError {
  return new AppError("rate_limited", `Too many failed attempts. Try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
  });
}

function invalidCredentials(): AppError {
  return new AppError("invalid_credentials", "The email address or password is not right.");
}

/** Signing in and out, sessions, two-factor, and the one-time links that let someone set a password. */
export class AuthService {
  private readonly joinedListeners: ((staff: StaffRow) => Promise<void>)[] = [];

  constructor(
    private readonly store: StaffStore,
    private readonly throttle: LoginThrottle,
    private readonly mailer: Mailer,
    private readonly links: LinkUrls,
    private readonly settings: StaffSettingsService,
    private readonly passwordCost: PasswordCost,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether the newsroom's two-factor requirement covers this member while they have none. */
  async twoFactorSetupRequired(staff: Pick<StaffRow, "role" | "totp_enabled">): Promise<boolean> {
    if (staff.totp_enabled === 1) return false;
    return requiresTwoFactor((await this.settings.get()).requireTwoFactor, staff.role);
  }

  private async signedIn(staff: StaffRow, client: ClientInfo): Promise<SignedIn> {
    return {
      staff: toStaffView(staff),
      session: await this.startSession(staff, client),
      twoFactorSetupRequired: await this.twoFactorSetupRequired(staff),
    };
  }

  /** Told of each member who joins (first owner, accepted invitation), once their account exists. */
  onJoined(listener: (staff: StaffRow) => Promise<void>): void {
    this.joinedListeners.push(listener);
  }

  private async joined(staff: StaffRow): Promise<void> {
    for (const listener of this.joinedListeners) await listener(staff);
  }

  async login(input: { email: string; password: string; totp?: string }, client: ClientInfo): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    const keys = signInKeys(email, client.ip);
    // Refused only for this account from this address, this account everywhere (a higher
    // ceiling), or this address when it has failed on many accounts: never merely because
    // someone else behind the same address mistyped.
    const wait = await this.throttle.retryAfterSeconds([keys.pair, keys.account, keys.spray]);
    if (wait > 0) throw rateLimited(wait);
    const staff = await this.store.staff.findByEmail(email);
    // A missing or disabled account still costs a hash, so timing does not tell which addresses exist.
    const usable = staff?.status === "active" ? staff : undefined;
    const passwordOk = await verifyPassword(usable?.password_hash ?? null, input.password, this.passwordCost);
    if (!usable || !passwordOk) {
      await this.recordSignInFailure(keys);
      throw invalidCredentials();
    }
    if (usable.totp_enabled === 1) {
      const code = input.totp?.trim();
      if (!code) {
        throw new AppError("two_factor_required", "Enter the code from your authenticator app or a recovery code.");
      }
      if (!(await this.checkSecondFactor(usable, code))) {
        await this.recordSignInFailure(keys);
        throw new AppError("invalid_credentials", "That code is not right. Codes change every 30 seconds.");
      }
    }
    await this.throttle.clear(keys.pair);
    await this.throttle.clear(keys.account);
    return this.signedIn(usable, client);
  }

  /** A failure counts for the pair and the account; for the address, once per account it tried. */
  private async recordSignInFailure(keys: SignInKeys): Promise<void> {
    const [pairFailures] = await this.throttle.recordFailure([keys.pair, keys.account]);
    if (pairFailures === 1) await this.throttle.recordFailure([keys.spray]);
  }

  async logout(sessionId: string): Promise<void> {
    await this.store.sessions.delete(sessionId);
  }

  /** The actor behind a session cookie, or null when it is unknown, expired, or its member is disabled. */
  async authenticateSession(token: string): Promise<AuthenticatedSession | null> {
    const id = sha256Hex(token);
    const found = await this.store.sessions.findWithStaff(id);
    if (!found) return null;
    const { session, staff } = found;
    const now = this.now();
    const nowIso = now.toISOString();
    if (session.expires_at <= nowIso || session.last_seen_at <= idleCutoff(now)) {
      await this.store.sessions.delete(id);
      return null;
    }
    if (staff.status !== "active") return null;
    if (now.getTime() - Date.parse(session.last_seen_at) >= SESSION_TOUCH_MS) {
      await this.store.sessions.touch(id, nowIso);
    }
    return {
      actor: { kind: "staff", staffId: staff.id, tokenId: null, role: staff.role, name: staff.name },
      sessionId: id,
      csrfToken: session.csrf_token,
      twoFactorSetupRequired: await this.twoFactorSetupRequired(staff),
    };
  }

  async currentStaff(staffId: number): Promise<StaffView> {
    return toStaffView(await this.activeStaff(staffId));
  }

  async listSessions(staffId: number, currentId: string | null): Promise<SessionView[]> {
    const now = this.now();
    const rows = await this.store.sessions.listLive(staffId, now.toISOString(), idleCutoff(now));
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      userAgent: row.user_agent,
      current: row.id === currentId,
    }));
  }

  async revokeSession(staffId: number, sessionId: string): Promise<void> {
    if (!(await this.store.sessions.deleteOwn(staffId, sessionId))) {
      throw new AppError("not_found", "You have no session with that id.");
    }
  }

  /** Creates the first owner from the one-time link printed at boot. */
  async setupOwner(
    input: { token: string; email: string; name: string; password: string },
    client: ClientInfo,
  ): Promise<SignedIn> {
    const passwordHash = await this.setPasswordWithLink("owner_setup", input.token, input.password);
    const staff = await this.store.transaction(async (store) => {
      await this.useLink(store, "owner_setup", input.token);
      if (await store.staff.anyOwner()) {
        throw new AppError("link_used", "This newsroom already has an owner. Sign in instead.");
      }
      const owner = await store.staff.insert(
        this.newStaff(normalizeEmail(input.email), input.name, "owner", passwordHash),
      );
      // Tokens the operator made at the command line before there was an owner now act for them.
      await store.tokens.adoptUnowned(owner.id);
      return owner;
    });
    await this.joined(staff);
    return this.signedIn(staff, client);
  }

  async acceptInvitation(
    input: { token: string; name: string; password: string },
    client: ClientInfo,
  ): Promise<SignedIn> {
    const passwordHash = await this.setPasswordWithLink("invitation", input.token, input.password);
    const staff = await this.store.transaction(async (store) => {
      const link = await this.useLink(store, "invitation", input.token);
      if (!link.email || !link.role)
        throw new AppError("invalid_link", "This invitation is damaged. Ask for a new one.");
      return store.staff.insert(this.newStaff(link.email, input.name, link.role, passwordHash));
    });
    await this.joined(staff);
    return this.signedIn(staff, client);
  }

  /** Mails a reset link to an active member. Says nothing either way, so addresses cannot be probed. */
  async requestPasswordReset(email: string): Promise<void> {
    const address = normalizeEmail(email);
    const staff = await this.store.staff.findByEmail(address);
    if (staff?.status !== "active") return;
    // Counted like failures, so nobody can flood a colleague's inbox with reset mail.
    const key = `reset:${address}`;
    if ((await this.throttle.retryAfterSeconds([key])) > 0) return;
    await this.throttle.recordFailure([key]);
    const now = this.now();
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_MS).toISOString();
    await this.store.transaction(async (store) => {
      await store.links.retireUnused("password_reset", staff.id, now.toISOString());
      await store.links.insertPasswordReset(staff, sha256Hex(token), expiresAt, now.toISOString());
    });
    await this.mailer.send(
      passwordResetEmail({
        to: staff.email,
        site: this.links.site,
        url: this.links.url("password_reset", token),
        expiresAt,
      }),
    );
  }

  /** Sets the new password and signs the member out everywhere: a reset often follows a leak. */
  async completePasswordReset(input: { token: string; password: string }): Promise<void> {
    const passwordHash = await this.setPasswordWithLink("password_reset", input.token, input.password);
    const staff = await this.store.transaction(async (store) => {
      const link = await this.useLink(store, "password_reset", input.token);
      const member = link.staff_id === null ? undefined : await store.staff.findById(link.staff_id);
      if (member?.status !== "active") {
        throw new AppError("invalid_link", "This link belongs to no active account.");
      }
      await store.staff.update(member.id, { password_hash: passwordHash, updated_at: this.now().toISOString() });
      await store.sessions.deleteAllOf(member.id);
      return member;
    });
    // A reset proves the member: failures others piled on the account no longer count.
    await this.throttle.clear(`account:${staff.email}`);
  }

  /**
   * Checks a signed-in member's password before a sensitive change. Throttled on its own key
   * with the strict rules, so a stolen session cannot be used to guess the password.
   */
  async confirmPassword(staffId: number, password: string): Promise<StaffRow> {
    const staff = await this.activeStaff(staffId);
    const key = `confirm:${staff.email}`;
    const wait = await this.throttle.retryAfterSeconds([key]);
    if (wait > 0) throw rateLimited(wait);
    if (!(await verifyPassword(staff.password_hash, password, this.passwordCost))) {
      await this.throttle.recordFailure([key]);
      throw new AppError("invalid_credentials", "The password is not right.");
    }
    return staff;
  }

  /** Starts two-factor setup: a new secret, in force only once `enableTwoFactor` confirms a code. */
  async setupTwoFactor(staffId: number): Promise<{ secret: string; otpauthUrl: string; qrCode: string }> {
    const staff = await this.activeStaff(staffId);
    if (staff.totp_enabled === 1) {
      throw new AppError("conflict", "Two-factor sign-in is already on. Turn it off first to set it up again.");
    }
    const secret = newTotpSecret();
    // A new secret starts a new count: codes of the old one are worthless anyway.
    await this.store.staff.update(staff.id, {
      totp_secret: secret,
      totp_last_step: null,
      updated_at: this.now().toISOString(),
    });
    const url = otpauthUrl(secret, this.links.site, staff.email);
    return { secret, otpauthUrl: url, qrCode: await otpauthQrSvg(url) };
  }

  async enableTwoFactor(staffId: number, code: string): Promise<{ recoveryCodes: string[] }> {
    const staff = await this.activeStaff(staffId);
    if (staff.totp_enabled === 1) throw new AppError("conflict", "Two-factor sign-in is already on.");
    if (!staff.totp_secret) throw new AppError("conflict", "Start two-factor setup first.");
    // The code that turns two-factor on is spent: it cannot then sign in.
    if (!(await this.useTotpCode(staff, code))) {
      throw new AppError(
        "invalid_two_factor_code",
        "That code is not right, or was used already. Check the clock of your phone and try the next code.",
      );
    }
    const recoveryCodes = newRecoveryCodes();
    await this.store.staff.update(staff.id, {
      totp_enabled: 1,
      recovery_codes: JSON.stringify(recoveryCodes.map(hashRecoveryCode)),
      updated_at: this.now().toISOString(),
    });
    return { recoveryCodes };
  }

  async disableTwoFactor(staffId: number, password: string): Promise<void> {
    const staff = await this.confirmPassword(staffId, password);
    await this.store.staff.update(staff.id, {
      totp_enabled: 0,
      totp_secret: null,
      recovery_codes: null,
      updated_at: this.now().toISOString(),
    });
  }

  private async checkSecondFactor(staff: StaffRow, code: string): Promise<boolean> {
    if (isTotpCodeShape(code)) return this.useTotpCode(staff, code);
    if (!staff.recovery_codes) return false;
    const hashes = JSON.parse(staff.recovery_codes) as string[];
    const hash = hashRecoveryCode(code);
    if (!hashes.includes(hash)) return false;
    const rest = JSON.stringify(hashes.filter((h) => h !== hash));
    return this.store.staff.swapRecoveryCodes(staff.id, staff.recovery_codes, rest, this.now().toISOString());
  }

  /** Accepts a TOTP code once: its time step must be later than the last one this member used. */
  private async useTotpCode(staff: StaffRow, code: string): Promise<boolean> {
    if (staff.totp_secret === null) return false;
    const step = matchTotpStep(staff.totp_secret, code, this.now());
    if (step === null || (staff.totp_last_step !== null && step <= staff.totp_last_step)) return false;
    return this.store.staff.advanceTotpStep(staff.id, step, this.now().toISOString());
  }

  private async startSession(staff: StaffRow, client: ClientInfo): Promise<NewSession> {
    const now = this.now();
    const token = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
    await this.store.sessions.deleteExpiredOf(staff.id, now.toISOString(), idleCutoff(now));
    await this.store.sessions.insert({
      id: sha256Hex(token),
      staff_id: staff.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      ip: client.ip,
    });
    return { token, csrfToken, expiresAt };
  }

  /** Hashing a password is the slow part, so a dead link is turned away before it. */
  private async setPasswordWithLink(purpose: StaffLinkPurpose, token: string, password: string): Promise<string> {
    await this.usableLink(this.store, purpose, token);
    return hashPassword(password, this.passwordCost);
  }

  /** Takes a one-time link, or says plainly why it cannot be used. Call inside a transaction. */
  private async useLink(store: StaffStore, purpose: StaffLinkPurpose, token: string): Promise<StaffLinkRow> {
    const link = await this.usableLink(store, purpose, token);
    if (!(await store.links.markUsed(link.id, this.now().toISOString()))) {
      throw new AppError("link_used", "This link has already been used. Ask for a new one.");
    }
    return link;
  }

  private async usableLink(store: StaffStore, purpose: StaffLinkPurpose, token: string): Promise<StaffLinkRow> {
    const link = await store.links.findByHash(sha256Hex(token));
    if (!link || link.purpose !== purpose) {
      throw new AppError(
        "invalid_link",
        "This link is not valid. Check that it was copied whole, or ask for a new one.",
      );
    }
    if (link.used_at !== null) throw new AppError("link_used", "This link has already been used. Ask for a new one.");
    const now = this.now().toISOString();
    if (link.expires_at <= now) throw new AppError("link_expired", "This link has expired. Ask for a new one.");
    return link;
  }

  private newStaff(email: string, name: string, role: StaffRow["role"], passwordHash: string) {
    const now = this.now().toISOString();
    return {
      email,
      name: name.trim(),
      role,
      password_hash: passwordHash,
      status: "active" as const,
      totp_enabled: 0,
      created_at: now,
      updated_at: now,
    };
  }

  private async activeStaff(staffId: number): Promise<StaffRow> {
    const staff = await this.store.staff.findById(staffId);
    if (staff?.status !== "active") throw new AppError("unauthorized", "Sign in to continue.");
    return staff;
  }
}

interface SignInKeys {
  pair: string;
  account: string;
  spray: string;
}

/** The throttle keys of a sign-in attempt (see LOGIN_THROTTLE_KINDS). */
function signInKeys(email: string, ip: string): SignInKeys {
  return { pair: `pair:${email}|${ip}`, account: `account:${email}`, spray: `spray:${ip}` };
}

function idleCutoff(now: Date): string {
  return new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
}
