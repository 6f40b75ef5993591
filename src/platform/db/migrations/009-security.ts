import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Security review fixes (issue #23).
 *
 * - `staff.totp_last_step`: the last TOTP time step accepted for the member, so a code cannot
 *   be used twice inside its window.
 * - `media.uploaded_by` / `media.uploaded_by_token`: who uploaded an image, so contributors and
 *   authors edit only their own. Images uploaded before this have neither: only editors and up
 *   may edit them.
 * - Integration tokens made with the CLI had no creator. They are attributed to the newsroom's
 *   first active owner, so every token now acts for someone whose role and status bound it.
 *   On a newsroom with no owner yet they stay without one (see TokensService).
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema.alterTable("staff").addColumn("totp_last_step", "integer").execute();

  await db.schema
    .alterTable("media")
    .addColumn("uploaded_by", "integer", (c) => c.references("staff.id").onDelete("set null"))
    .execute();
  await db.schema.alterTable("media").addColumn("uploaded_by_token", "integer").execute();

  await sql`
    UPDATE staff_tokens SET created_by = (
      SELECT id FROM staff WHERE role = 'owner' AND status = 'active' ORDER BY id LIMIT 1
    ) WHERE created_by IS NULL`.execute(db);
}
