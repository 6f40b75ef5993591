import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../errors.js";
import type { ApiKeyRow } from "../platform/db/schema.js";
import type { ApiKeysRepository } from "./api-keys.repository.js";

export const API_KEY_PREFIX = "gzk_";
const PREFIX_SHOWN = API_KEY_PREFIX.length + 6;
// Usage is written in batches: counting each request with its own UPDATE would make every read a write.
const FLUSH_EVERY_MS = 5_000;
const FLUSH_AT_REQUESTS = 200;

export interface ApiKeyView {
  id: number;
  name: string;
  /** The key's first characters ("gzk_AbC123"), to tell keys apart. */
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  requestCount: number;
}

/** The partner a request's key belongs to. */
export interface ApiClient {
  keyId: number;
  name: string;
}

function toView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    requestCount: Number(row.request_count),
  };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/**
 * Content API keys: made (and shown) once, kept only as a hash, revoked for good. Every request
 * looks its key up in the database, so a revoked key is refused on the very next request, on
 * every web process.
 */
export class ApiKeysService {
  private readonly pending = new Map<number, { count: number; lastUsedAt: string }>();
  private pendingTotal = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(name: string): Promise<ApiKeyView & { key: string }> {
    const trimmed = name.trim();
    if (trimmed === "" || trimmed.length > 100) {
      throw new AppError("validation_failed", "A key needs a name of 1 to 100 characters (the partner it is for).");
    }
    const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
    const row = await this.repository.insert({
      name: trimmed,
      key_hash: hashApiKey(key),
      prefix: key.slice(0, PREFIX_SHOWN),
      created_at: this.now().toISOString(),
    });
    return { ...toView(row), key };
  }

  async list(): Promise<ApiKeyView[]> {
    await this.flushUsage();
    return (await this.repository.list()).map(toView);
  }

  async revoke(id: number): Promise<ApiKeyView> {
    if (!(await this.repository.revoke(id, this.now().toISOString()))) {
      throw new AppError("not_found", `There is no active API key ${id}.`);
    }
    const row = await this.repository.findById(id);
    if (!row) throw new AppError("not_found", `There is no API key ${id}.`);
    return toView(row);
  }

  /** The client behind a key, or null for an unknown or revoked one. */
  async authenticate(key: string): Promise<ApiClient | null> {
    if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
    const row = await this.repository.findActiveByHash(hashApiKey(key));
    return row ? { keyId: row.id, name: row.name } : null;
  }

  /** Counts one request of a key; written with the next batch. */
  recordUse(keyId: number): void {
    const entry = this.pending.get(keyId) ?? { count: 0, lastUsedAt: "" };
    entry.count += 1;
    entry.lastUsedAt = this.now().toISOString();
    this.pending.set(keyId, entry);
    this.pendingTotal += 1;
    if (this.pendingTotal >= FLUSH_AT_REQUESTS) {
      void this.flushUsage().catch((error) => console.error("gazette: could not record API key usage:", error));
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flushUsage().catch((error) => console.error("gazette: could not record API key usage:", error));
      }, FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }

  /** Writes the counted requests; on failure they are put back for the next batch. */
  async flushUsage(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = [...this.pending.entries()];
    this.pending.clear();
    this.pendingTotal = 0;
    for (const [keyId, { count, lastUsedAt }] of batch) {
      try {
        await this.repository.addUsage(keyId, count, lastUsedAt);
      } catch (error) {
        const again = this.pending.get(keyId) ?? { count: 0, lastUsedAt };
        again.count += count;
        this.pending.set(keyId, again);
        this.pendingTotal += count;
        throw error;
      }
    }
  }
}
