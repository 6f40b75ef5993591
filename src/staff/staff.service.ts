import { AppError } from "../errors.js";
import type { StaffRow, StaffStatus } from "../platform/db/schema.js";
import type { Mailer } from "../platform/mail/mailer.js";
import { type Role, roleRank } from "./actor.js";
import { type LinkUrls, normalizeEmail, type StaffView, toStaffView } from "./auth.service.js";
import { hashPassword, type PasswordCost } from "./passwords.js";
import { randomToken, sha256Hex } from "./secrets.js";
import { invitationEmail } from "./staff.mail.js";
import type { StaffStore } from "./staff.repository.js";

const HOUR = 3_600_000;
export const OWNER_SETUP_MS = 24 * HOUR;
export const INVITATION_MS = 7 * 24 * HOUR;
// A password link printed by the CLI is handed over by a person, which can take a working day.
const CLI_PASSWORD_LINK_MS = 24 * HOUR;

export type OwnerSetup =
  | { kind: "created"; url: string; expiresAt: string }
  | { kind: "pending" }
  | { kind: "not_needed" };

/** The facts the staff policy needs about a member before changing them. */
export interface StaffTargetFacts {
  staff: StaffRow;
  otherOwners: number;
}

/** The newsroom's people: listing, invitations, roles and status, ownership, and the first owner. */
export class StaffService {
  private readonly joinedListeners: ((staff: StaffRow) => Promise<void>)[] = [];

  constructor(
    private readonly store: StaffStore,
    private readonly mailer: Mailer,
    private readonly links: LinkUrls,
    private readonly passwordCost: PasswordCost,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Told of each member created here (the CLI), once the account exists. */
  onJoined(listener: (staff: StaffRow) => Promise<void>): void {
    this.joinedListeners.push(listener);
  }

  /** The member's account name, or undefined when there is no such member. */
  async nameOf(id: number): Promise<string | undefined> {
    return (await this.store.staff.findById(id))?.name;
  }

  /** Every member's id, disabled ones too: their bylines stay on what they wrote. */
  async ids(): Promise<number[]> {
    return (await this.store.staff.list()).map((row) => row.id);
  }

  /** Active members who review stories (editors, admins, owners): whom a submission is mailed to. */
  async reviewers(): Promise<StaffView[]> {
    return (await this.list()).filter(
      (member) => member.status === "active" && roleRank(member.role) >= roleRank("editor"),
    );
  }

  /** An active member's address and name, or undefined (unknown or disabled: they get no mail). */
  async activeContact(id: number): Promise<{ email: string; name: string } | undefined> {
    const row = await this.store.staff.findById(id);
    return row?.status === "active" ? { email: row.email, name: row.name } : undefined;
  }

  async list(): Promise<StaffView[]> {
    return (await this.store.staff.list()).map(toStaffView);
  }

  async targetFacts(id: number): Promise<StaffTargetFacts> {
    const staff = await this.store.staff.findById(id);
    if (!staff) throw new AppError("not_found", `There is no staff member ${id}.`);
    return { staff, otherOwners: await this.store.staff.countOtherActiveOwners(id) };
  }

  /** Creates an invitation link and mails it. The caller has checked that the inviter may grant `role`. */
  async invite(input: { email: string; role: Role; inviter: string }): Promise<{ id: number; expiresAt: string }> {
    const email = normalizeEmail(input.email);
    if (await this.store.staff.findByEmail(email)) {
      throw new AppError("conflict", `${email} already has a staff account.`);
    }
    const now = this.now();
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + INVITATION_MS).toISOString();
    const link = await this.store.links.insert({
      purpose: "invitation",
      token_hash: sha256Hex(token),
      email,
      role: input.role,
      staff_id: null,
      expires_at: expiresAt,
      created_at: now.toISOString(),
    });
    await this.mailer.send(
      invitationEmail({
        to: email,
        inviter: input.inviter,
        site: this.links.site,
        role: input.role,
        url: this.links.url("invitation", token),
        expiresAt,
      }),
    );
    return { id: link.id, expiresAt };
  }

  /** Changes role and status. A disabled member is signed out at once. */
  async update(id: number, changes: { role?: Role; status?: StaffStatus }): Promise<StaffView> {
    const updated = await this.store.transaction(async (store) => {
      const staff = await store.staff.findById(id);
      if (!staff) throw new AppError("not_found", `There is no staff member ${id}.`);
      const losesOwner =
        staff.role === "owner" &&
        staff.status === "active" &&
        ((changes.role !== undefined && changes.role !== "owner") || changes.status === "disabled");
      // The policy has refused this already; checked again here because two owners may act at once.
      if (losesOwner && (await store.staff.countOtherActiveOwners(id)) === 0) {
        throw new AppError("conflict", "The newsroom must keep at least one active owner.");
      }
      const row = await store.staff.update(id, { ...changes, updated_at: this.now().toISOString() });
      if (changes.status === "disabled") await store.sessions.deleteAllOf(id);
      return row!;
    });
    return toStaffView(updated);
  }

  /** Makes `toId` an owner and `fromId` an admin, in one step. */
  async transferOwnership(fromId: number, toId: number): Promise<StaffView> {
    if (fromId === toId) throw new AppError("validation_failed", "You already own this newsroom; choose someone else.");
    return this.store.transaction(async (store) => {
      const target = await store.staff.findById(toId);
      if (!target) throw new AppError("not_found", `There is no staff member ${toId}.`);
      if (target.status !== "active") {
        throw new AppError("validation_failed", "Ownership can go only to an active staff member.");
      }
      const now = this.now().toISOString();
      const to = await store.staff.update(toId, { role: "owner", updated_at: now });
      await store.staff.update(fromId, { role: "admin", updated_at: now });
      return toStaffView(to!);
    });
  }

  /**
   * Creates a member directly (the CLI). Without a password the member gets a one-time link to
   * set one, returned for the operator to hand over.
   */
  async create(input: {
    email: string;
    name: string;
    role: Role;
    password?: string;
  }): Promise<{ staff: StaffView; passwordLink?: { url: string; expiresAt: string } }> {
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password, this.passwordCost);
    const now = this.now();
    const created = await this.store.transaction(async (store) => {
      const staff = await store.staff.insert({
        email: normalizeEmail(input.email),
        name: input.name.trim(),
        role: input.role,
        password_hash: passwordHash,
        status: "active",
        totp_enabled: 0,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      // Tokens made at the command line before there was an owner act for the first one.
      if (staff.role === "owner") await store.tokens.adoptUnowned(staff.id);
      if (passwordHash !== null) return { row: staff, staff: toStaffView(staff) };
      const token = randomToken();
      const expiresAt = new Date(now.getTime() + CLI_PASSWORD_LINK_MS).toISOString();
      await store.links.insertPasswordReset(staff, sha256Hex(token), expiresAt, now.toISOString());
      return {
        row: staff,
        staff: toStaffView(staff),
        passwordLink: { url: this.links.url("password_reset", token), expiresAt },
      };
    });
    for (const listener of this.joinedListeners) await listener(created.row);
    const { row: _row, ...result } = created;
    return result;
  }

  /**
   * At boot: when the newsroom has no owner and no usable setup link, makes one. The token is
   * stored hashed, so it is returned only here, for printing once.
   */
  async ensureOwnerSetupLink(): Promise<OwnerSetup> {
    const now = this.now();
    if (await this.store.staff.anyOwner()) return { kind: "not_needed" };
    if (await this.store.links.existsUnused("owner_setup", now.toISOString())) return { kind: "pending" };
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + OWNER_SETUP_MS).toISOString();
    await this.store.links.insert({
      purpose: "owner_setup",
      token_hash: sha256Hex(token),
      email: null,
      role: "owner",
      staff_id: null,
      expires_at: expiresAt,
      created_at: now.toISOString(),
    });
    return { kind: "created", url: this.links.url("owner_setup", token), expiresAt };
  }
}
