import { AppError } from "../errors.js";
import type { Actor, Role } from "./actor.js";
import { roleRank } from "./actor.js";
import { randomToken, sha256Hex } from "./secrets.js";
import { type TokenStatus, tokenStanding } from "./staff.policy.js";
import type { StaffStore } from "./staff.repository.js";
import type { TokenWithCreator } from "./tokens.repository.js";

export const TOKEN_PREFIX = "gzt_";
// Recording every use would make each API call a write; to the minute is what the list shows.
const TOUCH_MS = 60_000;

export interface TokenView {
  id: number;
  name: string;
  /** The role it was given. */
  role: Role;
  /** The role it acts with now (never above its creator's); null when it is refused. */
  effectiveRole: Role | null;
  status: TokenStatus;
  /** Whom it acts for; null for a token the operator made before the newsroom had an owner. */
  creator: { id: number; name: string; email: string; role: Role; status: "active" | "disabled" } | null;
  createdAt: string;
  lastUsedAt: string | null;
}

function toTokenView({ token, creator }: TokenWithCreator, hasOwner: boolean): TokenView {
  const standing = tokenStanding(token.role, creator, hasOwner);
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    effectiveRole: standing.effectiveRole,
    status: standing.status,
    creator,
    createdAt: token.created_at,
    lastUsedAt: token.last_used_at,
  };
}

function roleAboveOwn(role: Role): AppError {
  return new AppError("role_above_own", `A token cannot have a higher role than its creator's (${role}).`);
}

/**
 * Integration tokens: `Authorization: Bearer gzt_…` for scripts and newswire importers. Each acts
 * for the staff member who created it and never with more than that member's current role.
 */
export class TokensService {
  constructor(
    private readonly store: StaffStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<TokenView[]> {
    const rows = await this.store.tokens.listActive();
    const hasOwner = await this.store.staff.anyOwner();
    return rows.map((row) => toTokenView(row, hasOwner));
  }

  /**
   * The token is returned once, here; only its hash is kept. `createdBy` is the staff member it
   * acts for (checked to be active and at least as high as `role`), or null for a token the
   * operator makes at the command line before the newsroom has an owner.
   */
  async create(input: { name: string; role: Role; createdBy: number | null }): Promise<TokenView & { token: string }> {
    const token = TOKEN_PREFIX + randomToken();
    return this.store.transaction(async (store) => {
      if (input.createdBy === null) {
        if (await store.staff.anyOwner()) {
          throw new AppError("validation_failed", "A token must act for a staff member; name its creator.");
        }
      } else {
        const creator = await store.staff.findById(input.createdBy);
        if (creator?.status !== "active") throw new AppError("unauthorized", "Sign in to continue.");
        if (roleRank(creator.role) < roleRank(input.role)) throw roleAboveOwn(creator.role);
      }
      await store.tokens.insert({
        name: input.name.trim(),
        role: input.role,
        token_hash: sha256Hex(token),
        created_by: input.createdBy,
        created_at: this.now().toISOString(),
      });
      const created = await store.tokens.findActiveByHash(sha256Hex(token));
      return { ...toTokenView(created!, input.createdBy !== null), token };
    });
  }

  /**
   * A token made at the command line: it acts for `asEmail` when given, else for the newsroom's
   * first active owner; with no owner yet, for nobody (the owner adopts it at setup).
   */
  async createForCli(input: { name: string; role: Role; asEmail?: string }): Promise<TokenView & { token: string }> {
    let createdBy: number | null = null;
    if (input.asEmail !== undefined) {
      const member = await this.store.staff.findByEmail(input.asEmail.trim().toLowerCase());
      if (member?.status !== "active") {
        throw new AppError("not_found", `There is no active staff member ${input.asEmail}.`);
      }
      createdBy = member.id;
    } else {
      createdBy = (await this.store.staff.firstActiveOwner())?.id ?? null;
    }
    return this.create({ name: input.name, role: input.role, createdBy });
  }

  async revoke(id: number): Promise<void> {
    if (!(await this.store.tokens.revoke(id, this.now().toISOString()))) {
      throw new AppError("not_found", `There is no active token ${id}.`);
    }
  }

  /**
   * The actor behind a bearer token, or null for an unknown or revoked one, or one whose creator
   * is disabled (or gone). Its role is capped by its creator's role as it is now.
   */
  async authenticate(token: string): Promise<Actor | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const found = await this.store.tokens.findActiveByHash(sha256Hex(token));
    if (!found) return null;
    const { token: row, creator } = found;
    // Only a creatorless token needs the extra question.
    const hasOwner = creator === null ? await this.store.staff.anyOwner() : true;
    const { effectiveRole } = tokenStanding(row.role, creator, hasOwner);
    if (effectiveRole === null) return null;
    const now = this.now();
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_MS) {
      await this.store.tokens.touch(row.id, now.toISOString());
    }
    return { kind: "token", staffId: row.created_by, tokenId: row.id, role: effectiveRole, name: row.name };
  }
}
