import { AppError } from "../errors.js";
import type { StaffTokenRow } from "../platform/db/schema.js";
import type { Actor, Role } from "./actor.js";
import { randomToken, sha256Hex } from "./secrets.js";
import type { StaffStore } from "./staff.repository.js";

export const TOKEN_PREFIX = "gzt_";
// Recording every use would make each API call a write; to the minute is what the list shows.
const TOUCH_MS = 60_000;

export interface TokenView {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
}

function toTokenView(row: StaffTokenRow): TokenView {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}

/** Integration tokens: `Authorization: Bearer gzt_…` for scripts and newswire importers. */
export class TokensService {
  constructor(
    private readonly store: StaffStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<TokenView[]> {
    return (await this.store.tokens.listActive()).map(toTokenView);
  }

  /** The token is returned once, here; only its hash is kept. */
  async create(input: { name: string; role: Role; createdBy: number | null }): Promise<TokenView & { token: string }> {
    const token = TOKEN_PREFIX + randomToken();
    const row = await this.store.tokens.insert({
      name: input.name.trim(),
      role: input.role,
      token_hash: sha256Hex(token),
      created_by: input.createdBy,
      created_at: this.now().toISOString(),
    });
    return { ...toTokenView(row), token };
  }

  async revoke(id: number): Promise<void> {
    if (!(await this.store.tokens.revoke(id, this.now().toISOString()))) {
      throw new AppError("not_found", `There is no active token ${id}.`);
    }
  }

  /** The actor behind a bearer token, or null for an unknown or revoked one. */
  async authenticate(token: string): Promise<Actor | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const row = await this.store.tokens.findActiveByHash(sha256Hex(token));
    if (!row) return null;
    const now = this.now();
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_MS) {
      await this.store.tokens.touch(row.id, now.toISOString());
    }
    return { kind: "token", staffId: row.created_by, tokenId: row.id, role: row.role, name: row.name };
  }
}
