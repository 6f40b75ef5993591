import type { Insertable, Kysely, Updateable } from "kysely";
import type { DB, PlanningItemRow, PlanningItemsTable } from "../platform/db/schema.js";

export interface PlanningQuery {
  from: string;
  to: string;
  edition?: string;
  sectionId?: number;
  assigneeId?: number;
}

/** All SQL of the story budget (migration 028). */
export class PlanningRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: Insertable<PlanningItemsTable>): Promise<PlanningItemRow> {
    return this.db.insertInto("planning_items").values(row).returningAll().executeTakeFirstOrThrow();
  }

  find(id: number): Promise<PlanningItemRow | undefined> {
    return this.db.selectFrom("planning_items").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findByArticle(articleId: number): Promise<PlanningItemRow[]> {
    return this.db.selectFrom("planning_items").selectAll().where("article_id", "=", articleId).execute();
  }

  list(query: PlanningQuery): Promise<PlanningItemRow[]> {
    let select = this.db
      .selectFrom("planning_items")
      .selectAll()
      .where("day", ">=", query.from)
      .where("day", "<=", query.to);
    if (query.edition !== undefined) select = select.where("edition_code", "=", query.edition);
    if (query.sectionId !== undefined) select = select.where("section_id", "=", query.sectionId);
    if (query.assigneeId !== undefined) select = select.where("assignee_id", "=", query.assigneeId);
    return select.orderBy("day").orderBy("due_at").orderBy("id").execute();
  }

  /** Someone's items that are not yet published, soonest first. */
  openFor(assigneeId: number): Promise<PlanningItemRow[]> {
    return this.db
      .selectFrom("planning_items")
      .selectAll()
      .where("assignee_id", "=", assigneeId)
      .where("status", "!=", "published")
      .orderBy("day")
      .orderBy("due_at")
      .orderBy("id")
      .execute();
  }

  async update(id: number, patch: Updateable<PlanningItemsTable>): Promise<PlanningItemRow | undefined> {
    return this.db.updateTable("planning_items").set(patch).where("id", "=", id).returningAll().executeTakeFirst();
  }

  /** Links the item's draft, unless another request linked one first: true for the one that did. */
  async linkArticle(id: number, articleId: number, status: string, now: string): Promise<boolean> {
    const linked = await this.db
      .updateTable("planning_items")
      .set({ article_id: articleId, status, updated_at: now })
      .where("id", "=", id)
      .where("article_id", "is", null)
      .returning("id")
      .executeTakeFirst();
    return linked !== undefined;
  }

  /**
   * Moves the item's status to `to` only from one of `from`: an event delivered twice or late (a
   * published story's old "saved" event) cannot move it back.
   */
  async advance(articleId: number, from: readonly string[], to: string, now: string): Promise<void> {
    await this.db
      .updateTable("planning_items")
      .set({ status: to, updated_at: now })
      .where("article_id", "=", articleId)
      .where("status", "in", [...from])
      .execute();
  }

  /**
   * Claims the reminder of the item's current due time: true for the one caller that claimed it,
   * false when it was claimed before or the due time has changed since the job was queued.
   */
  async claimReminder(id: number, dueAt: string): Promise<boolean> {
    const result = await this.db
      .updateTable("planning_items")
      .set({ reminded_for: dueAt })
      .where("id", "=", id)
      .where("due_at", "=", dueAt)
      .where((eb) => eb.or([eb("reminded_for", "is", null), eb("reminded_for", "!=", dueAt)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom("planning_items").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
