import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Per-story page options. `video_of_the_day`: 1 shows the edition's video of the day in the
 * story, 0 leaves it out (a story on a grave subject, or one with its own video).
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .alterTable("articles")
    .addColumn("video_of_the_day", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}
