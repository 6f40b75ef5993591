import type { Kysely, Selectable } from "kysely";
import type { DB, PublicationCheckSettingsTable } from "../../platform/db/schema.js";

export type PublicationCheckSettingsRow = Selectable<PublicationCheckSettingsTable>;

/** All SQL of the publication check: acknowledgements, second approvals, settings (migration 027). */
export class PublicationCheckRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listAcks(articleId: number) {
    return this.db
      .selectFrom("publication_check_acks")
      .selectAll()
      .where("article_id", "=", articleId)
      .orderBy("id")
      .execute();
  }

  async insertAcks(
    rows: {
      article_id: number;
      rule: string;
      reason: string;
      staff_id: number | null;
      token_id: number | null;
      actor_name: string | null;
      created_at: string;
    }[],
  ): Promise<void> {
    if (rows.length > 0) await this.db.insertInto("publication_check_acks").values(rows).execute();
  }

  listApprovals(articleId: number) {
    return this.db
      .selectFrom("publication_approvals")
      .selectAll()
      .where("article_id", "=", articleId)
      .orderBy("id")
      .execute();
  }

  async insertApproval(row: {
    article_id: number;
    findings: string;
    staff_id: number | null;
    token_id: number | null;
    actor_name: string | null;
    created_at: string;
  }): Promise<void> {
    await this.db.insertInto("publication_approvals").values(row).execute();
  }

  findSettings(edition: string): Promise<PublicationCheckSettingsRow | undefined> {
    return this.db
      .selectFrom("publication_check_settings")
      .selectAll()
      .where("edition_code", "=", edition)
      .executeTakeFirst();
  }

  async saveSettings(row: PublicationCheckSettingsRow): Promise<void> {
    const { edition_code, ...rest } = row;
    await this.db
      .insertInto("publication_check_settings")
      .values(row)
      .onConflict((oc) => oc.column("edition_code").doUpdateSet(rest))
      .execute();
  }
}
