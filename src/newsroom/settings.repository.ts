import type { Kysely } from "kysely";
import type { DB } from "../platform/db/schema.js";

export class SettingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async get(scope: string, key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("settings")
      .select("value")
      .where("scope", "=", scope)
      .where("key", "=", key)
      .executeTakeFirst();
    return row?.value;
  }

  async getAll(scope: string): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom("settings").select(["key", "value"]).where("scope", "=", scope).execute();
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  async set(scope: string, key: string, value: string, now: string): Promise<void> {
    await this.db
      .insertInto("settings")
      .values({ scope, key, value, updated_at: now })
      .onConflict((oc) => oc.columns(["scope", "key"]).doUpdateSet({ value, updated_at: now }))
      .execute();
  }
}
